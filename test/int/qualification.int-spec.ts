import { ManualClock } from '#config';
import { BatchPool } from '#database';
import { type EndorseResult, EndorsementsService, QualificationService, RuleViolationError } from '#domain';
import { JobName } from '#queue';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import { until } from '../support/wait.js';
import {
  type FactoryUser,
  insertCall,
  insertEndorsements,
  insertProposal,
  insertUser,
  insertUsers,
  statusOf,
} from '../support/factories/index.js';

const DAY = 86_400_000;

describe('qualification: exactly once, whatever races (services on the real database)', () => {
  const clock = new ManualClock(new Date('2026-05-04T02:00:00Z'));
  let d: DomainApp;
  let endorsements: EndorsementsService;
  let qualification: QualificationService;
  let author: FactoryUser;

  const n = async (sql: string, params: unknown[]) => Number(((await d.ds.query(sql, params)) as { n: string | number }[])[0]!.n);
  const events = (id: string, type: string) =>
    n('SELECT COUNT(*) AS n FROM proposal_events WHERE proposal_id = ? AND type = ?', [id, type]);
  const jobs = (id: string, job: string) =>
    n("SELECT COUNT(*) AS n FROM outbox_messages WHERE job_name = ? AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.proposalId')) = ?", [
      job,
      id,
    ]);
  const rows = (id: string) => n('SELECT COUNT(*) AS n FROM endorsements WHERE proposal_id = ?', [id]);
  const counted = (id: string) => n('SELECT COALESCE(SUM(n), 0) AS n FROM proposal_endorsement_counts WHERE proposal_id = ?', [id]);
  /** Transactions waiting for a lock. InnoDB refreshes this table at most every 0.1 s: poll it more slowly. */
  const lockWaits = () =>
    n(
      `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
        WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE()`,
      [],
    );
  const mails = (id: string, template: string) =>
    n("SELECT COUNT(*) AS n FROM mail_messages WHERE template = ? AND JSON_UNQUOTE(JSON_EXTRACT(params, '$.url')) LIKE ?", [
      template,
      `%/p/${id}`,
    ]);

  beforeAll(async () => {
    d = await createDomainApp({ clock });
    endorsements = d.get(EndorsementsService);
    qualification = d.get(QualificationService);
    author = await insertUser(d.ds, { tag: 'author' });
  });
  afterAll(async () => {
    await d?.close();
  });

  it('thousands of concurrent endorsements across the threshold of several proposals, with sweeps racing them, qualify each exactly once', async () => {
    // Per proposal the endorsements go in batches of at most 500, four at a time: with 2,000 at once, several
    // batches commit around the threshold together, each of them then trying to qualify the proposal.
    const THRESHOLD = 1_200;
    const callId = await insertCall(d.ds, { now: clock.now(), threshold: THRESHOLD });
    const ids = await Promise.all(
      [1, 2, 3].map(() => insertProposal(d.ds, { callId, authorId: author.id, threshold: THRESHOLD, now: clock.now() })),
    );
    const crowd = await insertUsers(d.ds, 2_000, { tag: 'race' });

    // Everyone endorses every proposal, then everyone again (a double click), all at once; sweeps and direct
    // qualification attempts race them.
    const calls = [...crowd, ...crowd].flatMap((u) => ids.map((id) => ({ id, u })));
    const settled = Promise.allSettled(calls.map(({ id, u }) => endorsements.endorse(u.id, id)));
    const racing = Promise.all([qualification.sweep(), ...ids.map((id) => qualification.qualifyIfReached(id)), qualification.sweep()]);
    const [results] = await Promise.all([settled, racing]);

    for (const id of ids) {
      const mine = results.filter((_, i) => calls[i]!.id === id);
      const created = mine.filter((r) => r.status === 'fulfilled' && r.value.created).length;
      const repeats = mine.filter((r) => r.status === 'fulfilled' && !r.value.created).length;
      const refused = mine.filter((r) => r.status === 'rejected');
      // Each account counts once; whatever was refused was refused because the proposal had qualified.
      expect(created).toBeGreaterThanOrEqual(THRESHOLD);
      expect(created).toBeLessThanOrEqual(crowd.length);
      expect(created + repeats + refused.length).toBe(2 * crowd.length);
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RuleViolationError);
        expect(((r as PromiseRejectedResult).reason as Error).message).toBe('the proposal is qualified, not open for endorsement');
      }
      // Exact counts: the rows, the counter shards and the count the last accepted endorsements were told agree.
      expect(await rows(id)).toBe(created);
      expect(await counted(id)).toBe(created);
      const told = mine.flatMap((r) => (r.status === 'fulfilled' ? [r.value.endorsementCount] : []));
      expect(Math.max(...told)).toBe(created);
      // Exactly once: one status change, one timeline event, one routing job, one mail to the author.
      expect(await statusOf(d.ds, id)).toBe('qualified');
      expect(await events(id, 'qualified')).toBe(1);
      expect(await jobs(id, JobName.ProposalQualified)).toBe(1);
      expect(await mails(id, 'proposal.qualified')).toBe(1);
    }

    // Later endorsements are refused; later sweeps and attempts find nothing more to do.
    const late = await insertUser(d.ds, { tag: 'late' });
    for (const id of ids)
      await expect(endorsements.endorse(late.id, id)).rejects.toThrow('the proposal is qualified, not open for endorsement');
    await expect(qualification.sweep()).resolves.toMatchObject({ qualified: 0 });
    for (const id of ids) await expect(qualification.qualifyIfReached(id)).resolves.toBe('qualified');
    for (const id of ids) {
      expect(await events(id, 'qualified')).toBe(1);
      expect(await jobs(id, JobName.ProposalQualified)).toBe(1);
    }
  });

  describe('qualification against expiry at the deadline', () => {
    const THRESHOLD = 5;
    let callId: string;
    /** A proposal one endorsement short of its threshold, whose endorsement period ends at `deadline`. */
    const oneShort = async (deadline: Date) => {
      const id = await insertProposal(d.ds, {
        callId,
        authorId: author.id,
        threshold: THRESHOLD,
        now: new Date(deadline.getTime() - 60 * DAY),
        deadline,
      });
      await insertEndorsements(
        d.ds,
        id,
        (await insertUsers(d.ds, THRESHOLD - 1, { tag: 'early' })).map((u) => u.id),
        clock.now(),
      );
      return id;
    };

    beforeAll(async () => {
      callId = await insertCall(d.ds, { now: clock.now(), threshold: THRESHOLD });
    });

    it('the last endorsement a millisecond before the deadline qualifies; the sweep after it expires nothing', async () => {
      const start = clock.now();
      const deadline = new Date(start.getTime() + DAY);
      const id = await oneShort(deadline);
      const last = await insertUser(d.ds, { tag: 'last' });
      try {
        clock.set(new Date(deadline.getTime() - 1));
        await expect(endorsements.endorse(last.id, id)).resolves.toMatchObject({
          created: true,
          endorsementCount: THRESHOLD,
          status: 'qualified',
        });
        clock.set(new Date(deadline.getTime() + 1));
        await qualification.sweep();
        expect(await statusOf(d.ds, id)).toBe('qualified');
        expect([await events(id, 'qualified'), await events(id, 'expired')]).toEqual([1, 0]);
      } finally {
        clock.set(start);
      }
    });

    it('at the deadline itself the endorsement is refused and the sweep expires the proposal, once', async () => {
      const start = clock.now();
      const deadline = new Date(start.getTime() + 2 * DAY);
      const id = await oneShort(deadline);
      const late = await insertUser(d.ds, { tag: 'late' });
      try {
        clock.set(deadline);
        await expect(endorsements.endorse(late.id, id)).rejects.toThrow('the endorsement period of this proposal has ended');
        const sweeps = await Promise.all([qualification.sweep(), qualification.sweep()]);
        expect(sweeps.reduce((sum, s) => sum + s.expired, 0)).toBe(1);
        expect(await statusOf(d.ds, id)).toBe('expired');
        expect([await events(id, 'qualified'), await events(id, 'expired')]).toEqual([0, 1]);
        expect(await mails(id, 'proposal.expired')).toBe(1);
        expect(await rows(id)).toBe(THRESHOLD - 1);
      } finally {
        clock.set(start);
      }
    });

    it('an endorsement in flight as the deadline passes counts: the sweep waits for it, and the proposal qualifies', async () => {
      const start = clock.now();
      const deadline = new Date(start.getTime() + 3 * DAY);
      const id = await oneShort(deadline);
      const last = await insertUser(d.ds, { tag: 'edge' });
      // Every counter shard exists, and this test holds them: the endorsement, once it has share-locked the
      // proposal, waits here before it can commit.
      await d.ds.query(
        `INSERT IGNORE INTO proposal_endorsement_counts (proposal_id, shard, n) VALUES ${Array.from({ length: 16 }, (_, k) => `(?, ${k}, 0)`).join(', ')}`,
        Array(16).fill(id),
      );
      const holder = d.ds.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        await holder.query('SELECT * FROM proposal_endorsement_counts WHERE proposal_id = ? FOR UPDATE', [id]);
        clock.set(new Date(deadline.getTime() - 1));
        const endorsed = endorsements.endorse(last.id, id);
        await until(async () => (await lockWaits()) >= 1, { what: 'the endorsement to wait for the counter', intervalMs: 200 });
        clock.set(deadline);
        const swept = qualification.sweep();
        await until(async () => (await lockWaits()) >= 2, { what: 'the sweep to wait for the endorsement', intervalMs: 200 });
        await holder.commitTransaction();
        await expect(endorsed).resolves.toMatchObject({ created: true, endorsementCount: THRESHOLD, status: 'qualified' });
        await expect(swept).resolves.toMatchObject({ expired: 0 });
        expect(await statusOf(d.ds, id)).toBe('qualified');
        expect([await events(id, 'qualified'), await events(id, 'expired')]).toEqual([1, 0]);
        expect([await rows(id), await counted(id)]).toEqual([THRESHOLD, THRESHOLD]);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
        clock.set(start);
      }
    });

    it('an endorsement that read the time before the deadline but reaches the database after the sweep is refused; the proposal stays expired', async () => {
      const start = clock.now();
      const deadline = new Date(start.getTime() + 4 * DAY);
      const ids = await Promise.all([1, 2, 3].map(() => oneShort(deadline)));
      const last = await insertUsers(d.ds, ids.length, { tag: 'slow' });
      // Every connection of the endorsement pool is taken: the endorsements start, read the time, and wait.
      const pool = d.get(BatchPool).pool;
      const held = await Promise.all(Array.from({ length: 8 }, () => pool.getConnection()));
      let endorsed: Promise<PromiseSettledResult<EndorseResult>[]>;
      try {
        clock.set(new Date(deadline.getTime() - 1));
        endorsed = Promise.allSettled(ids.map((id, i) => endorsements.endorse(last[i]!.id, id)));
        await new Promise((r) => setImmediate(r));
        clock.set(deadline);
        await expect(qualification.sweep()).resolves.toMatchObject({ qualified: 0, expired: ids.length });
      } finally {
        for (const c of held) c.release();
      }
      for (const r of await endorsed) {
        expect(r.status).toBe('rejected');
        expect(((r as PromiseRejectedResult).reason as Error).message).toBe('the proposal is expired, not open for endorsement');
      }
      try {
        for (const id of ids) {
          expect(await statusOf(d.ds, id)).toBe('expired');
          expect([await events(id, 'qualified'), await events(id, 'expired')]).toEqual([0, 1]);
          expect([await rows(id), await counted(id)]).toEqual([THRESHOLD - 1, THRESHOLD - 1]);
        }
      } finally {
        clock.set(start);
      }
    });
  });
});
