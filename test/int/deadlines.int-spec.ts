import { ManualClock } from '#config';
import { DeadlinesService, PROPOSAL_STATUSES, type ProposalStatus, isAnswering, statusesWhere } from '#domain';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import { type FactoryUser, insertAssignment, insertCall, insertProposal, insertResponse, insertUser } from '../support/factories/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Deadline reminders and the overdue digest select assignments in SQL by the proposal's status
 * (statusesWhere(isAnswering)): agencies are reminded and counted overdue exactly while the proposal waits for them.
 */
describe('deadline reminders and the overdue digest, as the database selects them', () => {
  const clock = new ManualClock(new Date('2026-09-07T02:00:00Z'));
  let d: DomainApp;
  let deadlines: DeadlinesService;
  let callId: string;
  let author: FactoryUser;

  const reminders = async (assignmentId: string) =>
    (await d.ds.query('SELECT kind FROM assignment_reminders WHERE assignment_id = ? ORDER BY kind', [assignmentId])) as { kind: string }[];
  /** An open lead assignment of `agency` to a proposal in each status, due at `dueAt`. */
  const inEveryStatus = async (agency: string, dueAt: Date) =>
    new Map(
      await Promise.all(
        PROPOSAL_STATUSES.map(async (s) => {
          const proposalId = await insertProposal(d.ds, { callId, authorId: author.id, status: s, now: clock.now() });
          return [s, await insertAssignment(d.ds, { proposalId, agencyId: agency, role: 'lead', now: clock.now(), dueAt })] as [
            ProposalStatus,
            string,
          ];
        }),
      ),
    );

  beforeAll(async () => {
    d = await createDomainApp({ clock });
    deadlines = d.get(DeadlinesService);
    callId = await insertCall(d.ds, { now: clock.now() });
    author = await insertUser(d.ds, { tag: 'author' });
    await insertUser(d.ds, { tag: 'moderator', roles: ['moderator'] });
  });
  afterAll(async () => {
    await d?.close();
  });

  it('reminds an agency 3 days ahead exactly for the statuses where isAnswering() holds, once, however often the job runs', async () => {
    const agency = await d.agency('moenv');
    const staff = await insertUser(d.ds, { tag: 'staff', roles: ['agency_staff'], agencyId: agency });
    const due = new Date(clock.now().getTime() + 3 * DAY - HOUR);
    const ids = await inEveryStatus(agency, due);
    await Promise.all([deadlines.sendReminders(), deadlines.sendReminders()]);
    await deadlines.sendReminders();

    const reminded: ProposalStatus[] = [];
    for (const [s, id] of ids) {
      const sent = await reminders(id);
      if (sent.length) reminded.push(s);
      expect([s, sent]).toEqual([s, sent.length ? [{ kind: 'due_3d' }] : []]);
    }
    expect(reminded).toEqual(statusesWhere(isAnswering));
    expect(reminded.length).toBeGreaterThan(0);
    const [{ n }] = (await d.ds.query("SELECT COUNT(*) AS n FROM mail_messages WHERE template = 'assignment.reminder' AND to_address = ?", [
      staff.email,
    ])) as { n: string }[];
    expect(Number(n)).toBe(reminded.length);
  });

  it('an answered assignment (its response published) is not reminded, whatever the status', async () => {
    const agency = await d.agency('moa');
    await insertUser(d.ds, { tag: 'staff', roles: ['agency_staff'], agencyId: agency });
    const due = new Date(clock.now().getTime() + 3 * DAY - HOUR);
    const answered = new Map<ProposalStatus, string>();
    for (const s of statusesWhere(isAnswering)) {
      const proposalId = await insertProposal(d.ds, { callId, authorId: author.id, status: s, now: clock.now() });
      const id = await insertAssignment(d.ds, {
        proposalId,
        agencyId: agency,
        role: 'lead',
        status: 'answered',
        now: clock.now(),
        dueAt: due,
      });
      await insertResponse(d.ds, { proposalId, assignmentId: id, agencyId: agency, authorId: author.id, now: clock.now(), dueAt: due });
      answered.set(s, id);
    }
    expect(await deadlines.sendReminders()).toEqual({ due_14d: 0, due_3d: 0, overdue: 0 });
    for (const [s, id] of answered) expect([s, await reminders(id)]).toEqual([s, []]);
  });

  it('counts an assignment overdue in the weekly digest exactly for the statuses where isAnswering() holds', async () => {
    const agency = await d.agency('ndc');
    // Two days past their deadline now; the other tests' assignments are not due yet, or answered.
    await inEveryStatus(agency, new Date(clock.now().getTime() - 2 * DAY));
    const digest = await deadlines.sendOverdueDigest();
    expect(digest.overdue).toBe(statusesWhere(isAnswering).length);
    expect(digest.mailed).toBe(1);
  });
});
