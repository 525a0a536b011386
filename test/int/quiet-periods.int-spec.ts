import { ManualClock } from '#config';
import { ProposalsService, QuietPeriodsService, RuleViolationError, WorkingCalendarService } from '#domain';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import { type FactoryUser, insertCall, insertProposal, insertUser } from '../support/factories/index.js';

const DAY = 86_400_000;

describe('quiet periods against publication and each other (services on the real database)', () => {
  // Monday 2 November 2026, 10:00 in Taipei.
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  let d: DomainApp;
  let proposals: ProposalsService;
  let periods: QuietPeriodsService;
  let author: FactoryUser;
  let admin: { id: string; roles: string[] };
  let moderator: { id: string; roles: string[] };
  let callId: string;

  const n = async (sql: string, params: unknown[]) => Number(((await d.ds.query(sql, params)) as { n: string | number }[])[0]!.n);

  beforeAll(async () => {
    d = await createDomainApp({ clock });
    proposals = d.get(ProposalsService);
    periods = d.get(QuietPeriodsService);
    author = await insertUser(d.ds, { tag: 'author' });
    admin = { id: (await insertUser(d.ds, { tag: 'admin', roles: ['admin'] })).id, roles: ['citizen', 'admin'] };
    moderator = { id: (await insertUser(d.ds, { tag: 'mod', roles: ['moderator'] })).id, roles: ['citizen', 'moderator'] };
    callId = await insertCall(d.ds, { now: clock.now(), endorsementDays: 60 });
  });
  afterAll(async () => {
    await d?.close();
  });

  it('a period declared while proposals are published extends each of them exactly once, by the one or the other', async () => {
    const ids = await Promise.all(
      Array.from({ length: 24 }, () => insertProposal(d.ds, { callId, authorId: author.id, status: 'pending_review', now: clock.now() })),
    );
    const period = { startsOn: '2026-12-01', endsOn: '2026-12-20', reasonZh: '選舉前靜默期' }; // 20 days
    const [declared] = await Promise.all([
      periods.declare(admin, period),
      ...ids.map((id) => proposals.review(moderator, id, { decision: 'publish' })),
    ]);
    for (const id of ids) {
      const [row] = (await d.ds.query('SELECT published_at AS p, endorsement_deadline AS d FROM proposals WHERE id = ?', [id])) as {
        p: Date;
        d: Date;
      }[];
      expect(row!.d.getTime() - row!.p.getTime()).toBe((60 + 20) * DAY);
      expect(
        await n('SELECT COUNT(*) AS n FROM quiet_period_extensions WHERE proposal_id = ? AND quiet_period_id = ?', [id, declared.id]),
      ).toBe(1);
      expect(
        await n("SELECT COUNT(*) AS n FROM proposal_events WHERE proposal_id = ? AND type = 'deadline_extended_quiet_period'", [id]),
      ).toBe(1);
    }
  });

  it('of two overlapping periods declared at once, one is declared and the other refused', async () => {
    const a = { startsOn: '2027-03-01', endsOn: '2027-03-10', reasonZh: 'A' };
    const b = { startsOn: '2027-03-05', endsOn: '2027-03-15', reasonZh: 'B' };
    const results = await Promise.allSettled([periods.declare(admin, a), periods.declare(admin, b)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(RuleViolationError);
    expect(await n("SELECT COUNT(*) AS n FROM quiet_periods WHERE starts_on >= '2027-03-01' AND cancelled_at IS NULL", [])).toBe(1);
  });

  it('counts weekends only for a year that is not loaded, and by its holidays once the shipped years are loaded', async () => {
    // The domain app loads no calendar: 1 January 2027 (a holiday) counts as a working day here.
    const calendar = d.get(WorkingCalendarService);
    const due = await d.ds.transaction((em) => calendar.addWorkingDays(em, new Date('2026-12-31T02:00:00Z'), 1));
    expect(due).toEqual(new Date('2027-01-01T02:00:00Z'));
    await calendar.loadShippedYears();
    const loaded = await d.ds.transaction((em) => calendar.addWorkingDays(em, new Date('2026-12-31T02:00:00Z'), 1));
    expect(loaded).toEqual(new Date('2027-01-04T02:00:00Z'));
  });
});
