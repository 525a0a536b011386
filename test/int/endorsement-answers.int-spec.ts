import { jest } from '@jest/globals';
import { ManualClock } from '#config';
import { EndorsementsService, QualificationService, RuleViolationError } from '#domain';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import { type FactoryUser, insertCall, insertProposal, insertUser, insertUsers, statusOf } from '../support/factories/index.js';

const DAY = 86_400_000;

/** A committed endorsement is always answered as committed: a failure after the commit or a closed proposal does not change that. */
describe('endorsement answers after the commit', () => {
  const clock = new ManualClock(new Date('2026-05-04T02:00:00Z'));
  let d: DomainApp;
  let endorsements: EndorsementsService;
  let qualification: QualificationService;
  let author: FactoryUser;
  let callId: string;

  const deadlock = () =>
    Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK' });
  const counted = async (id: string) =>
    Number(
      (
        (await d.ds.query('SELECT COALESCE(SUM(n), 0) AS n FROM proposal_endorsement_counts WHERE proposal_id = ?', [id])) as {
          n: string;
        }[]
      )[0]!.n,
    );
  const qualifiedEvents = async (id: string) =>
    Number(
      (
        (await d.ds.query("SELECT COUNT(*) AS n FROM proposal_events WHERE proposal_id = ? AND type = 'qualified'", [id])) as {
          n: string;
        }[]
      )[0]!.n,
    );

  beforeAll(async () => {
    d = await createDomainApp({ clock });
    endorsements = d.get(EndorsementsService);
    qualification = d.get(QualificationService);
    author = await insertUser(d.ds, { tag: 'author' });
    callId = await insertCall(d.ds, { now: clock.now() });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await d?.close();
  });

  it('a qualification that deadlocks after the batch committed is retried on its own; the batch is answered 201', async () => {
    const id = await insertProposal(d.ds, { callId, authorId: author.id, threshold: 5, now: clock.now() });
    const crowd = await insertUsers(d.ds, 5, { tag: 'retry' });
    const spy = jest.spyOn(qualification, 'qualifyIfReached').mockRejectedValueOnce(deadlock());
    const answers = await Promise.all(crowd.map((u) => endorsements.endorse(u.id, id)));
    expect(answers.every((a) => a.created)).toBe(true);
    expect(answers.every((a) => a.endorsementCount === 5)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(await statusOf(d.ds, id)).toBe('qualified');
    expect(await counted(id)).toBe(5);
    expect(await qualifiedEvents(id)).toBe(1);
  });

  it('a qualification that keeps failing leaves the endorsements answered 201 and counted; the sweep qualifies the proposal once', async () => {
    const id = await insertProposal(d.ds, { callId, authorId: author.id, threshold: 3, now: clock.now() });
    const crowd = await insertUsers(d.ds, 3, { tag: 'fails' });
    jest.spyOn(qualification, 'qualifyIfReached').mockRejectedValue(deadlock());
    const answers = await Promise.all(crowd.map((u) => endorsements.endorse(u.id, id)));
    expect(answers.map((a) => [a.created, a.endorsementCount, a.status])).toEqual(crowd.map(() => [true, 3, 'endorsing']));
    jest.restoreAllMocks();
    expect(await statusOf(d.ds, id)).toBe('endorsing');
    expect((await qualification.sweep()).qualified).toBeGreaterThanOrEqual(1);
    expect(await statusOf(d.ds, id)).toBe('qualified');
    expect(await qualifiedEvents(id)).toBe(1);
  });

  it('repeating a committed endorsement once the proposal has closed answers 200 with the count; a new one is refused', async () => {
    const id = await insertProposal(d.ds, { callId, authorId: author.id, threshold: 2, now: clock.now() });
    const [first, second, late] = await insertUsers(d.ds, 3, { tag: 'closed' });
    await endorsements.endorse(first!.id, id);
    await endorsements.endorse(second!.id, id);
    expect(await statusOf(d.ds, id)).toBe('qualified');
    await expect(endorsements.endorse(first!.id, id)).resolves.toEqual({ created: false, endorsementCount: 2, status: 'qualified' });
    await expect(endorsements.endorse(late!.id, id)).rejects.toThrow(RuleViolationError);

    // Past the deadline too (a client retrying after a crash): the endorser who counted is told so.
    const expiring = await insertProposal(d.ds, {
      callId,
      authorId: author.id,
      threshold: 10,
      now: clock.now(),
      deadline: new Date(clock.now().getTime() + DAY),
    });
    await endorsements.endorse(first!.id, expiring);
    clock.advance(2 * DAY);
    await expect(endorsements.endorse(first!.id, expiring)).resolves.toEqual({ created: false, endorsementCount: 1, status: 'endorsing' });
    await expect(endorsements.endorse(late!.id, expiring)).rejects.toThrow('the endorsement period of this proposal has ended');
  });
});
