import { ManualClock } from '#config';
import { QualificationService } from '#domain';
import { createVerifiedUsers, insertProposal, statusOf } from '../support/factories/index.js';
import { auth, registerUser } from '../support/http.js';
import { DAY } from '../support/routing.js';
import { ADMIN_ENV, Submissions } from '../support/submissions.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

/** Wednesday 23 September 2026, 10:00 in Taipei: the Mid-Autumn Festival (Fri 25) and Teachers' Day (Mon 28) are ahead. */
const START = new Date('2026-09-23T02:00:00Z');

describe("Join's calendar: working days and quiet periods", () => {
  const clock = new ManualClock(START);
  let t: TestApp;
  let s: Submissions;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...ADMIN_ENV, WORKER_SCHEDULES: 'false' } });
    s = await Submissions.setUp(t, clock);
  });
  afterAll(async () => {
    await t?.close();
  });

  const deadlineOf = async (id: string) =>
    new Date((await t.http.get(`/api/v1/proposals/${id}`).expect(200)).body.endorsementDeadline as string);
  const eventsOf = async (id: string, type: string) =>
    (
      (await t.http.get(`/api/v1/proposals/${id}/timeline`).expect(200)).body.items as { type: string; detail?: Record<string, unknown> }[]
    ).filter((e) => e.type === type);

  describe('the working-day calendar', () => {
    it('ships the official 2026 list and the 2027 list, loaded on start; anyone reads a year; an unloaded year is 404', async () => {
      const y2026 = (await t.http.get('/api/v1/calendar/2026').expect(200)).body;
      expect(y2026.source).toContain('115年');
      expect(y2026.days).toHaveLength(22);
      expect(y2026.days).toContainEqual({
        date: '2026-02-15',
        kind: 'holiday',
        nameZh: '農曆除夕前一日',
        nameEn: "Day before Lunar New Year's Eve",
      });
      expect(y2026.days.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2026-09-28', '2026-10-25', '2026-12-25']));
      expect((await t.http.get('/api/v1/calendar/2027').expect(200)).body.days).toHaveLength(23);
      await t.http.get('/api/v1/calendar/2031').expect(404);
      await t.http.get('/api/v1/calendar/20x6').expect(400);
      await t.http.get('/api/v1/calendar/99999').expect(400);
    });

    it('the 3-working-day review deadline skips the Mid-Autumn Festival and Teachers’ Day', async () => {
      const id = await s.submit(s.author);
      const p = (await t.http.get(`/api/v1/proposals/${id}`).set(auth(s.author)).expect(200)).body;
      // Thu 24 (1), Fri 25 and Mon 28 are holidays, Tue 29 (2), Wed 30 (3): weekends alone would give Mon 28.
      expect(p.reviewDueAt).toBe('2026-09-30T02:00:00.000Z');
    });

    it('only an admin loads a year', async () => {
      const body = { source: 'test', days: [] };
      await t.http.put('/api/v1/admin/calendar/2030').send(body).expect(401);
      await t.http.put('/api/v1/admin/calendar/2030').set(auth(s.author)).send(body).expect(403);
      await t.http.put('/api/v1/admin/calendar/2030').set(auth(s.moderator)).send(body).expect(403);
      await t.http.get('/api/v1/calendar/2030').expect(404);
    });

    it('an admin loads a whole year, and loading it again replaces it', async () => {
      const first = {
        source: '行政院人事行政總處 119年辦公日曆表（測試）',
        days: [
          { date: '2030-01-01', kind: 'holiday', nameZh: '開國紀念日', nameEn: 'Founding Day' },
          { date: '2030-02-02', kind: 'holiday', nameZh: '除夕' },
          { date: '2030-02-16', kind: 'makeup_workday', nameZh: '補行上班' }, // a Saturday
        ],
      };
      const loaded = (await t.http.put('/api/v1/admin/calendar/2030').set(auth(s.admin)).send(first).expect(200)).body;
      expect(loaded).toMatchObject({ year: 2030, source: first.source });
      expect(loaded.days).toEqual([
        { date: '2030-01-01', kind: 'holiday', nameZh: '開國紀念日', nameEn: 'Founding Day' },
        { date: '2030-02-02', kind: 'holiday', nameZh: '除夕', nameEn: null },
        { date: '2030-02-16', kind: 'makeup_workday', nameZh: '補行上班', nameEn: null },
      ]);
      const second = { source: 'corrected', days: [{ date: '2030-01-01', kind: 'holiday', nameZh: '開國紀念日' }] };
      await t.http.put('/api/v1/admin/calendar/2030').set(auth(s.admin)).send(second).expect(200);
      const read = (await t.http.get('/api/v1/calendar/2030').expect(200)).body;
      expect(read.source).toBe('corrected');
      expect(read.days.map((d: { date: string }) => d.date)).toEqual(['2030-01-01']);
    });

    it('refuses a wrong list whole (400 for malformed entries, 422 naming each rule) and writes nothing', async () => {
      const before = (await t.http.get('/api/v1/calendar/2026').expect(200)).body;
      const put = (days: unknown[], source: unknown = 'x') =>
        t.http.put('/api/v1/admin/calendar/2026').set(auth(s.admin)).send({ source, days });
      const ok = { date: '2026-01-01', kind: 'holiday', nameZh: '開國紀念日' };
      await put([ok, { date: '2026-13-01', kind: 'holiday', nameZh: 'x' }]).expect(400);
      await put([ok, { date: '2026-02-30', kind: 'holiday', nameZh: 'x' }]).expect(400);
      await put([ok, { date: '2026-03-02', kind: 'day_off', nameZh: 'x' }]).expect(400);
      await put([ok, { date: '2026-03-02', kind: 'holiday', nameZh: '' }]).expect(400);
      await put([ok], '').expect(400);
      await put(Array.from({ length: 367 }, () => ok)).expect(400);
      const outside = await put([ok, { date: '2027-01-01', kind: 'holiday', nameZh: '開國紀念日' }]).expect(422);
      expect(outside.body.message).toMatch(/not in 2026/);
      const twice = await put([ok, ok]).expect(422);
      expect(twice.body.message).toMatch(/listed twice/);
      const weekday = await put([ok, { date: '2026-03-04', kind: 'makeup_workday', nameZh: '補行上班' }]).expect(422); // a Wednesday
      expect(weekday.body.message).toMatch(/Saturday or Sunday/);
      const all = await put([ok, ok, { date: '2026-03-04', kind: 'makeup_workday', nameZh: '補行上班' }]).expect(422);
      expect(all.body.problems).toHaveLength(2);
      expect((await t.http.get('/api/v1/calendar/2026').expect(200)).body).toEqual(before);
    });
  });

  describe('quiet periods', () => {
    // A 30-day period in October 2026 and a 10-day one in December.
    const october = {
      startsOn: '2026-10-01',
      endsOn: '2026-10-30',
      reasonZh: '全國性選舉投票日前 60 日',
      reasonEn: 'before the national election',
    };
    const december = { startsOn: '2026-12-01', endsOn: '2026-12-10', reasonZh: '測試靜默期' };
    let octoberId: string;
    let decemberId: string;
    let long: string; // published now, 60 days: its deadline (22 Nov) falls after the October period
    let short: string; // 10 days: its deadline (3 Oct) falls inside it
    let early: string; // 5 days: its deadline (28 Sep) falls before it
    let later: string; // submitted now, published after the declaration
    let returned: string;
    let waiting: string; // submitted now, published during the period
    const published: Record<string, Date> = {};

    beforeAll(async () => {
      const submitAndPublish = async (endorsementDays: number) => {
        const callId = await s.newCall({ endorsementDays });
        const id = await s.submit(s.author, { callId });
        await s.publish(id);
        published[id] = await deadlineOf(id);
        return id;
      };
      long = await submitAndPublish(60);
      short = await submitAndPublish(10);
      early = await submitAndPublish(5);
      later = await s.submit(s.author);
      waiting = await s.submit(s.author);
      returned = await s.submit(s.author);
      await t.http
        .post(`/api/v1/proposals/${returned}/review`)
        .set(auth(s.moderator))
        .send({ decision: 'return', reasonCode: 'unclear', reason: '請具體說明。' })
        .expect(200);
    });

    it('only an admin declares or cancels a period', async () => {
      await t.http.post('/api/v1/admin/quiet-periods').send(october).expect(401);
      await t.http.post('/api/v1/admin/quiet-periods').set(auth(s.author)).send(october).expect(403);
      await t.http.post('/api/v1/admin/quiet-periods').set(auth(s.moderator)).send(october).expect(403);
      await t.http.delete(`/api/v1/admin/quiet-periods/${s.callId}`).set(auth(s.moderator)).expect(403);
      expect((await t.http.get('/api/v1/quiet-periods').expect(200)).body.items).toEqual([]);
    });

    it('declaring extends the endorsing proposals whose deadline falls inside or after it by its length, once, on their timeline', async () => {
      const res = await t.http.post('/api/v1/admin/quiet-periods').set(auth(s.admin)).send(october).expect(201);
      octoberId = res.body.id;
      expect(res.body).toMatchObject({
        ...october,
        startsAt: '2026-09-30T16:00:00.000Z',
        endsAt: '2026-10-30T16:00:00.000Z',
        status: 'upcoming',
        extendedProposals: 2,
      });
      expect((await deadlineOf(long)).getTime() - published[long]!.getTime()).toBe(30 * DAY);
      expect((await deadlineOf(short)).getTime() - published[short]!.getTime()).toBe(30 * DAY);
      expect(await deadlineOf(early)).toEqual(published[early]);
      for (const id of [long, short]) {
        const events = await eventsOf(id, 'deadline_extended_quiet_period');
        expect(events).toHaveLength(1);
        expect(events[0]!.detail).toMatchObject({ quietPeriodId: octoberId, extendedMs: 30 * DAY });
      }
      expect(await eventsOf(early, 'deadline_extended_quiet_period')).toEqual([]);
    });

    it('refuses a period that overlaps another, starts today or earlier, or ends before it starts', async () => {
      const post = (body: Record<string, unknown>) =>
        t.http
          .post('/api/v1/admin/quiet-periods')
          .set(auth(s.admin))
          .send({ reasonZh: '測試', ...body });
      const overlap = await post({ startsOn: '2026-10-30', endsOn: '2026-11-05' }).expect(422);
      expect(overlap.body.quietPeriod.id).toBe(octoberId);
      await post({ startsOn: '2026-09-23', endsOn: '2026-09-24' }).expect(422); // today in Taipei
      await post({ startsOn: '2026-11-10', endsOn: '2026-11-09' }).expect(422);
      await post({ startsOn: '2026-11-10', endsOn: '2027-11-11' }).expect(422); // 367 days
      await post({ startsOn: '2026-11-31', endsOn: '2026-12-02' }).expect(400);
      await post({ startsOn: '2026-11-10' }).expect(400);
      await t.http
        .post('/api/v1/admin/quiet-periods')
        .set(auth(s.admin))
        .send({ startsOn: '2026-11-10', endsOn: '2026-11-12' })
        .expect(400);
      expect((await t.http.get('/api/v1/quiet-periods').expect(200)).body.items).toHaveLength(1);
    });

    it('a second period moves only the deadlines it reaches, without applying the first again', async () => {
      const res = await t.http.post('/api/v1/admin/quiet-periods').set(auth(s.admin)).send(december).expect(201);
      decemberId = res.body.id;
      expect(res.body.extendedProposals).toBe(1);
      // long: 22 Nov + 30 days = 22 Dec, after 1 Dec: 10 more days. short: 2 Nov, before December: unchanged.
      expect((await deadlineOf(long)).getTime() - published[long]!.getTime()).toBe(40 * DAY);
      expect((await deadlineOf(short)).getTime() - published[short]!.getTime()).toBe(30 * DAY);
      expect((await eventsOf(long, 'deadline_extended_quiet_period')).map((e) => e.detail!.quietPeriodId)).toEqual([octoberId, decemberId]);
    });

    it('a proposal published after the declaration gets its extensions when it is published', async () => {
      await s.publish(later);
      // 60 days from now (22 Nov), + 30 (October) = 22 Dec, after 1 Dec: + 10.
      expect((await deadlineOf(later)).getTime() - clock.now().getTime()).toBe((60 + 30 + 10) * DAY);
      expect(await eventsOf(later, 'deadline_extended_quiet_period')).toHaveLength(2);
    });

    it('the call detail and the list show the current and upcoming periods', async () => {
      const call = (await t.http.get(`/api/v1/calls/${s.callId}`).expect(200)).body;
      expect(call).toMatchObject({ id: s.callId, endorsementDays: 60 });
      expect(call.quietPeriods.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
        [octoberId, 'upcoming'],
        [decemberId, 'upcoming'],
      ]);
      expect(call.quietPeriods[0]).toMatchObject(october);
      await t.http.get(`/api/v1/calls/${octoberId}`).expect(404);
      await t.http.get('/api/v1/calls/nope').expect(400);
      expect((await t.http.get('/api/v1/quiet-periods').expect(200)).body.items).toHaveLength(2);
    });

    it('cancelling a period that has not started takes back exactly its extensions', async () => {
      const res = await t.http.delete(`/api/v1/admin/quiet-periods/${decemberId}`).set(auth(s.admin)).expect(200);
      expect(res.body).toMatchObject({ id: decemberId, restoredProposals: 2 });
      expect((await deadlineOf(long)).getTime() - published[long]!.getTime()).toBe(30 * DAY);
      expect(await eventsOf(long, 'deadline_extension_withdrawn')).toHaveLength(1);
      expect(await eventsOf(short, 'deadline_extension_withdrawn')).toEqual([]);
      await t.http.delete(`/api/v1/admin/quiet-periods/${decemberId}`).set(auth(s.admin)).expect(404);
      const call = (await t.http.get(`/api/v1/calls/${s.callId}`).expect(200)).body;
      expect(call.quietPeriods.map((p: { id: string }) => p.id)).toEqual([octoberId]);
    });

    it('during a period: proposals and endorsements are refused with 422 naming it, it cannot be cancelled, nothing expires', async () => {
      const [endorser] = await createVerifiedUsers(t, 1, 'quiet');
      // A proposal written as if its deadline had been missed by the extension: inside the period.
      const stale = await insertProposal(t.ds, {
        callId: s.callId,
        authorId: s.author.id,
        now: clock.now(),
        deadline: new Date('2026-10-03T00:00:00Z'),
      });
      clock.set(new Date('2026-10-05T02:00:00Z'));
      try {
        const submit = await t.http.post('/api/v1/proposals').set(auth(s.author)).send(s.content()).expect(422);
        expect(submit.body.message).toContain('2026-10-01 to 2026-10-30');
        expect(submit.body.quietPeriod).toMatchObject({ id: octoberId, startsOn: october.startsOn, endsOn: october.endsOn });
        const resubmit = await t.http.post(`/api/v1/proposals/${returned}/resubmit`).set(auth(s.author)).expect(422);
        expect(resubmit.body.quietPeriod.id).toBe(octoberId);
        const endorse = await t.http.post(`/api/v1/proposals/${long}/endorsements`).set(auth(endorser!)).expect(422);
        expect(endorse.body.quietPeriod.id).toBe(octoberId);
        expect(endorse.body.message).toContain('endorsements are paused');
        await t.http.delete(`/api/v1/admin/quiet-periods/${octoberId}`).set(auth(s.admin)).expect(409);
        // Published during the period: its 60 days start when the period ends (what is left of it is added).
        await s.publish(waiting);
        const left = new Date('2026-10-31T00:00:00+08:00').getTime() - clock.now().getTime();
        expect((await deadlineOf(waiting)).getTime() - clock.now().getTime()).toBe(60 * DAY + left);
        expect((await eventsOf(waiting, 'deadline_extended_quiet_period'))[0]!.detail).toMatchObject({
          quietPeriodId: octoberId,
          extendedMs: left,
        });
        expect((await t.http.get(`/api/v1/calls/${s.callId}`).expect(200)).body.quietPeriods[0]).toMatchObject({
          id: octoberId,
          status: 'current',
        });

        await t.app.get(QualificationService).sweep();
        expect(await statusOf(t.ds, stale)).toBe('endorsing');
        expect(await statusOf(t.ds, short)).toBe('endorsing');

        // The day after the period: endorsing works again, and what is past its deadline expires.
        clock.set(new Date('2026-10-31T02:00:00Z'));
        await t.http.post(`/api/v1/proposals/${long}/endorsements`).set(auth(endorser!)).expect(201);
        await t.app.get(QualificationService).sweep();
        expect(await statusOf(t.ds, stale)).toBe('expired');
        expect(await statusOf(t.ds, short)).toBe('endorsing'); // its deadline moved to 2 November
        await s.submit(s.author, { callId: await s.newCall({}) });
      } finally {
        clock.set(START);
      }
    });

    it('a registered citizen reads the periods without signing in', async () => {
      const citizen = await registerUser(t);
      const items = (await t.http.get('/api/v1/quiet-periods').set(auth(citizen)).expect(200)).body.items;
      expect(items).toEqual([expect.objectContaining({ id: octoberId, reasonZh: october.reasonZh, reasonEn: october.reasonEn })]);
    });
  });
});
