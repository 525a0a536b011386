import { ManualClock } from '#config';
import {
  type Actor,
  AssignmentsService,
  InvalidTransitionError,
  PROPOSAL_STATUSES,
  type ProposalAction,
  type ProposalStatus,
  ProposalsService,
  QualificationService,
  ResponsesService,
  type StaffActor,
  isAnswering,
  statusesAllowing,
  statusesWhere,
  transition,
} from '#domain';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import { insertAssignment, insertCall, insertEndorsements, insertProposal, insertUser, insertUsers } from '../support/factories/index.js';

/**
 * The state machine (proposal-state.ts) is also SQL: conditional UPDATEs and selections built from
 * statusesAllowing(). A proposal in every status, each move tried on each: exactly the statuses the machine
 * allows move, to the status it names; the rest stay as they were, untouched.
 */
describe('the proposal state machine, as the database applies it', () => {
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  let d: DomainApp;
  let callId: string;
  let author: Actor;
  let moderator: Actor;

  const row = async (id: string) => {
    const [r] = (await d.ds.query('SELECT status, version, endorsement_count AS sortCount FROM proposals WHERE id = ?', [id])) as {
      status: ProposalStatus;
      version: number;
      sortCount: number;
    }[];
    return r!;
  };
  const events = async (id: string, type: string) =>
    Number(
      (
        (await d.ds.query('SELECT COUNT(*) AS n FROM proposal_events WHERE proposal_id = ? AND type = ?', [id, type])) as { n: string }[]
      )[0]!.n,
    );
  /** One proposal in each status, made by `make`. */
  const inEveryStatus = async (make: (status: ProposalStatus) => Promise<string>) =>
    new Map(await Promise.all(PROPOSAL_STATUSES.map(async (s) => [s, await make(s)] as const)));
  const endorsed = async (status: ProposalStatus, threshold: number, endorsers: number, deadline?: Date) => {
    const id = await insertProposal(d.ds, { callId, authorId: author.id, status, threshold, now: clock.now(), deadline });
    await insertEndorsements(
      d.ds,
      id,
      (await insertUsers(d.ds, endorsers, { tag: 'e' })).map((u) => u.id),
      clock.now(),
    );
    return id;
  };
  /** Which statuses moved (their row's version went up), checking each moved to `to` and each other one kept its status. */
  const moved = async (ids: Map<ProposalStatus, string>, to: (from: ProposalStatus) => ProposalStatus): Promise<ProposalStatus[]> => {
    const out: ProposalStatus[] = [];
    for (const [from, id] of ids) {
      const r = await row(id);
      if (r.version > 0) {
        out.push(from);
        expect([from, r.status]).toEqual([from, to(from)]);
      } else {
        expect([from, r.status]).toEqual([from, from]);
      }
    }
    return out;
  };

  beforeAll(async () => {
    d = await createDomainApp({ clock });
    callId = await insertCall(d.ds, { now: clock.now() });
    author = { id: (await insertUser(d.ds, { tag: 'author' })).id, roles: ['citizen'] };
    moderator = { id: (await insertUser(d.ds, { tag: 'moderator', roles: ['moderator'] })).id, roles: ['citizen', 'moderator'] };
  });
  afterAll(async () => {
    await d?.close();
  });

  it('every status allows some moves and refuses others (the checks below can fail both ways)', () => {
    for (const action of [
      'publish',
      'return',
      'reject',
      'resubmit',
      'withdraw',
      'qualify',
      'expire',
      'assign',
      'respond',
    ] as ProposalAction[]) {
      expect(statusesAllowing(action).length).toBeGreaterThan(0);
      expect(statusesAllowing(action).length).toBeLessThan(PROPOSAL_STATUSES.length);
    }
  });

  it("qualification's conditional UPDATE moves exactly the statuses statusesAllowing('qualify') names, once", async () => {
    const ids = await inEveryStatus((s) => endorsed(s, 1, 1));
    const q = d.get(QualificationService);
    for (const id of ids.values()) await q.qualifyIfReached(id);
    for (const id of ids.values()) await q.qualifyIfReached(id);
    const qualified = await moved(ids, () => 'qualified');
    expect(qualified).toEqual(statusesAllowing('qualify'));
    for (const [s, id] of ids) expect([s, await events(id, 'qualified')]).toEqual([s, qualified.includes(s) ? 1 : 0]);
  });

  it("the sweep selects, qualifies, expires and re-counts exactly the statuses statusesAllowing('qualify'/'expire') name", async () => {
    const past = new Date(clock.now().getTime() - 1000);
    const reached = await inEveryStatus((s) => endorsed(s, 2, 2));
    const due = await inEveryStatus((s) => endorsed(s, 5, 1, past));
    const counting = await inEveryStatus((s) => endorsed(s, 5, 3));
    const result = await d.get(QualificationService).sweep();
    expect(result).toEqual({ qualified: statusesAllowing('qualify').length, expired: statusesAllowing('expire').length });
    expect(await moved(reached, () => 'qualified')).toEqual(statusesAllowing('qualify'));
    expect(await moved(due, () => 'expired')).toEqual(statusesAllowing('expire'));
    // The sort key of the proposals still endorsing is refreshed from the exact count; no other row is touched.
    for (const [s, id] of counting) {
      const r = await row(id);
      expect([s, r.status, r.sortCount]).toEqual([s, s, statusesAllowing('qualify').includes(s) ? 3 : 0]);
    }
  });

  describe('moves the services make under the row lock', () => {
    const cases: [ProposalAction, (id: string) => Promise<unknown>][] = [
      ['publish', (id) => d.get(ProposalsService).review(moderator, id, { decision: 'publish' })],
      ['return', (id) => d.get(ProposalsService).review(moderator, id, { decision: 'return', reasonCode: 'unclear', reason: '請補充。' })],
      ['reject', (id) => d.get(ProposalsService).review(moderator, id, { decision: 'reject', reasonCode: 'duplicate', reason: '重複。' })],
      ['resubmit', (id) => d.get(ProposalsService).resubmit(author, id)],
      ['withdraw', (id) => d.get(ProposalsService).withdraw(author, id)],
    ];

    it.each(cases)(
      '%s: allowed exactly from statusesAllowing(), to the status transition() names; refused with a 409 and no change otherwise',
      async (action, act) => {
        const ids = await inEveryStatus((s) => insertProposal(d.ds, { callId, authorId: author.id, status: s, now: clock.now() }));
        for (const [s, id] of ids) {
          const outcome = await act(id).then(
            () => 'moved',
            (err: unknown) => err,
          );
          if (statusesAllowing(action).includes(s)) expect([s, outcome]).toEqual([s, 'moved']);
          else expect([s, outcome]).toEqual([s, expect.any(InvalidTransitionError)]);
        }
        expect(await moved(ids, (from) => transition(from, action))).toEqual(statusesAllowing(action));
      },
    );

    it("assign: a moderator assigns exactly from statusesAllowing('assign')", async () => {
      const agency = await d.agency('moenv');
      const ids = await inEveryStatus((s) => insertProposal(d.ds, { callId, authorId: author.id, status: s, now: clock.now() }));
      for (const [s, id] of ids) {
        const outcome = await d
          .get(AssignmentsService)
          .assign(moderator, id, agency, 'lead')
          .then(
            () => 'assigned',
            (err: unknown) => err,
          );
        if (statusesAllowing('assign').includes(s)) expect([s, outcome]).toEqual([s, 'assigned']);
        else expect([s, outcome]).toEqual([s, expect.any(InvalidTransitionError)]);
      }
      // `assigned` stays `assigned` (a further agency): the status does not move, the proposal gains an assignment.
      const assignments = async (id: string) =>
        Number(((await d.ds.query('SELECT COUNT(*) AS n FROM proposal_assignments WHERE proposal_id = ?', [id])) as { n: string }[])[0]!.n);
      for (const [s, id] of ids) {
        const allowed = statusesAllowing('assign').includes(s);
        expect([s, (await row(id)).status, await assignments(id)]).toEqual([s, allowed ? 'assigned' : s, allowed ? 1 : 0]);
      }
    });

    it("respond: the lead's published answer is taken while isAnswering() holds and moves exactly the statuses statusesAllowing('respond') names", async () => {
      const agency = await d.agency('ndc');
      const staffUser = await insertUser(d.ds, { tag: 'staff', roles: ['agency_staff'], agencyId: agency });
      const staff: StaffActor = { id: staffUser.id, roles: ['citizen', 'agency_staff'], agencyId: agency };
      const ids = await inEveryStatus(async (s) => {
        const id = await insertProposal(d.ds, { callId, authorId: author.id, status: s, now: clock.now() });
        await insertAssignment(d.ds, { proposalId: id, agencyId: agency, role: 'lead', now: clock.now() });
        return id;
      });
      const taken: ProposalStatus[] = [];
      for (const [s, id] of ids) {
        const ok = await d
          .get(ResponsesService)
          .create(staff, id, { recommendation: 'adopt', reasoning: '同意辦理。' }, {})
          .then(
            () => true,
            () => false,
          );
        if (ok) taken.push(s);
      }
      expect(taken).toEqual(statusesWhere(isAnswering));
      const responded = await moved(ids, () => 'responded');
      expect(responded).toEqual(statusesAllowing('respond'));
      for (const [s, id] of ids) expect([s, await events(id, 'responded')]).toEqual([s, taken.includes(s) ? 1 : 0]);
    });
  });
});
