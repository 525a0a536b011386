import { ManualClock } from '#config';
import { QualificationService } from '#domain';
import { count } from '../support/database.js';
import { createVerifiedUsers } from '../support/factories/index.js';
import { auth, registerUser } from '../support/http.js';
import { mailTo } from '../support/mail.js';
import { DAY } from '../support/routing.js';
import { ADMIN_ENV, Submissions } from '../support/submissions.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

describe('proposals: submission, review, withdrawal, reading', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let s: Submissions;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: ADMIN_ENV });
    s = await Submissions.setUp(t, clock);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('submitting', () => {
    it('a verified citizen submits into an open call; the author is told; it waits for review unseen', async () => {
      const id = await s.submit(s.author);
      expect((await t.http.get(`/api/v1/proposals/${id}`).set(auth(s.author)).expect(200)).body).toMatchObject({
        id,
        status: 'pending_review',
        title: '推動氣候變遷調適資訊公開',
        authorName: '提案人',
        suggestedAgencyIds: [s.moenv, s.ndc],
        endorsementCount: 0,
        endorsementThreshold: 5,
        publishedAt: null,
        ogpValues: { transparency: '公開資訊', accountability: '定期報告', participation: '公眾參與' },
      });
      const mail = await mailTo(t, s.author.email, 'proposal.received');
      expect(mail.locale).toBe('zh-TW');
      expect(mail.text).toContain(`http://participation.test/p/${id}`);
      await t.http.get(`/api/v1/proposals/${id}`).expect(404);
      const other = await registerUser(t);
      await t.http.get(`/api/v1/proposals/${id}`).set(auth(other)).expect(404);
      await t.http.get(`/api/v1/proposals/${id}/timeline`).expect(404);
      expect((await t.http.get('/api/v1/proposals')).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    });

    it('refuses anonymous (401), unverified (403), bad input (400), closed calls and unknown agencies (422), writing nothing', async () => {
      const before = await count(t, 'proposals');
      await t.http.post('/api/v1/proposals').send(s.content()).expect(401);
      const unverified = await registerUser(t, { verify: false });
      expect((await t.http.post('/api/v1/proposals').set(auth(unverified)).send(s.content()).expect(403)).body.message).toBe(
        'verify your email address first',
      );
      const bad = await t.http
        .post('/api/v1/proposals')
        .set(auth(s.author))
        .send({
          ...s.content(),
          title: '',
          problem: 'x'.repeat(5001),
          suggestedAgencyIds: [s.moenv, s.ndc, s.moenv, s.ndc],
          ogpValues: { transparency: 5 },
        })
        .expect(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([
          'title must be longer than or equal to 4 characters',
          'problem must be shorter than or equal to 5000 characters',
          'at most 3 agencies can be suggested',
          'ogpValues.transparency must be a string',
        ]),
      );
      await t.http
        .post('/api/v1/proposals')
        .set(auth(s.author))
        .send({ ...s.content(), callId: 'nope' })
        .expect(400);
      const closed = await s.newCall({ opensAt: new Date(clock.now().getTime() + DAY).toISOString() });
      expect(
        (
          await t.http
            .post('/api/v1/proposals')
            .set(auth(s.author))
            .send(s.content({ callId: closed }))
            .expect(422)
        ).body.message,
      ).toBe('the call is not open for proposals');
      expect(
        (
          await t.http
            .post('/api/v1/proposals')
            .set(auth(s.author))
            .send(s.content({ suggestedAgencyIds: ['01a20bcb-0000-7000-8000-000000000000'] }))
            .expect(422)
        ).body.message,
      ).toBe('agency 01a20bcb-0000-7000-8000-000000000000 does not exist');
      expect(await count(t, 'proposals')).toBe(before);
    });

    it('stores text as written and never lets it through as HTML', async () => {
      const id = await s.submit(s.author, { title: '<script>alert("x")</script> 開放資料', problem: '<img src=x onerror=alert(1)>' });
      expect((await t.http.get(`/api/v1/proposals/${id}`).set(auth(s.author))).body.title).toBe('<script>alert("x")</script> 開放資料');
      await t.http.get(`/p/${id}`).expect(404);
      await s.publish(id);
      const html = (
        await t.http
          .get(`/p/${id}`)
          .expect(200)
          .expect('Content-Type', /text\/html/)
      ).text;
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 開放資料');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      const mail = await t.mail.waitFor((m) => m.to.includes(s.author.email) && m.subject.includes('<script>'));
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;');
    });
  });

  describe('review', () => {
    it('only moderators review, never their own proposals', async () => {
      const id = await s.submit(s.author);
      await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(s.author)).send({ decision: 'publish' }).expect(403);
      const own = await s.submit(s.moderator);
      expect(
        (await t.http.post(`/api/v1/proposals/${own}/review`).set(auth(s.moderator)).send({ decision: 'publish' }).expect(403)).body
          .message,
      ).toBe('moderators cannot review their own proposals');
    });

    it('return with a coded reason → the author edits and resubmits → publish opens endorsement until the deadline', async () => {
      const id = await s.submit(s.author);
      const noReason = await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(s.moderator)).send({ decision: 'return' }).expect(400);
      expect(noReason.body.message).toEqual(expect.arrayContaining(['reason is required to return or reject a proposal']));
      await t.http
        .post(`/api/v1/proposals/${id}/review`)
        .set(auth(s.moderator))
        .send({ decision: 'return', reasonCode: 'unclear', reason: '請具體說明預期成果。' })
        .expect(200);
      const mail = await mailTo(t, s.author.email, 'proposal.returned');
      expect(mail.locale).toBe('zh-TW');
      expect(mail.params).toMatchObject({ reasonCode: 'unclear', reason: '請具體說明預期成果。' });
      expect(mail.text).toContain('請具體說明預期成果。');
      // A returned proposal cannot be published or returned again before it is resubmitted.
      expect(
        (await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(s.moderator)).send({ decision: 'publish' }).expect(409)).body.message,
      ).toBe('a proposal that is returned cannot be published');
      const { callId: _call, ...edited } = s.content({ expectedResults: '各縣市調適進度每季公開。' });
      await t.http.put(`/api/v1/proposals/${id}`).set(auth(s.author)).send(edited).expect(200);
      expect((await t.http.post(`/api/v1/proposals/${id}/resubmit`).set(auth(s.author)).expect(200)).body.status).toBe('pending_review');
      const res = await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(s.moderator)).send({ decision: 'publish' }).expect(200);
      expect(res.body.status).toBe('endorsing');
      expect(new Date(res.body.endorsementDeadline).getTime()).toBe(clock.now().getTime() + 60 * DAY);
      expect((await mailTo(t, s.author.email, 'proposal.published')).locale).toBe('zh-TW');
      const publicView = (await t.http.get(`/api/v1/proposals/${id}`).expect(200)).body;
      expect(publicView).toMatchObject({ status: 'endorsing', expectedResults: '各縣市調適進度每季公開。' });
      await t.http.put(`/api/v1/proposals/${id}`).set(auth(s.author)).send(edited).expect(422);
      const timeline = (await t.http.get(`/api/v1/proposals/${id}/timeline`).expect(200)).body.items as {
        type: string;
        actor: { role: string };
        detail?: Record<string, unknown>;
      }[];
      expect(timeline.map((e) => e.type)).toEqual(['submitted', 'returned', 'edited', 'resubmitted', 'published']);
      expect(timeline[1]).toMatchObject({ actor: { role: 'moderator' }, detail: { reasonCode: 'unclear' } });
    });

    it('reject closes the proposal for good and tells the author why', async () => {
      const id = await s.submit(s.author);
      await t.http
        .post(`/api/v1/proposals/${id}/review`)
        .set(auth(s.moderator))
        .send({ decision: 'reject', reasonCode: 'advertising', reason: '內容為商業廣告。' })
        .expect(200);
      const mail = await mailTo(t, s.author.email, 'proposal.rejected');
      expect(mail.locale).toBe('zh-TW');
      expect(mail.params).toMatchObject({ reasonCode: 'advertising', reason: '內容為商業廣告。' });
      await t.http.post(`/api/v1/proposals/${id}/resubmit`).set(auth(s.author)).expect(409);
      await t.http.get(`/api/v1/proposals/${id}`).expect(404);
    });

    it('shows moderators the review queue oldest first, with the 3-working-day deadline', async () => {
      await t.http.get('/api/v1/moderation/review-queue').set(auth(s.author)).expect(403);
      const res = await t.http.get('/api/v1/moderation/review-queue').set(auth(s.moderator)).expect(200);
      const items = res.body.items as { submittedAt: string; reviewDueAt: string; overdue: boolean }[];
      expect(items.length).toBeGreaterThan(0);
      expect([...items].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))).toEqual(items);
      expect(items.every((i) => !i.overdue && new Date(i.reviewDueAt).getTime() - new Date(i.submittedAt).getTime() >= 3 * DAY)).toBe(true);
    });
  });

  describe('withdrawal', () => {
    it('only the author withdraws, and only before qualification', async () => {
      const id = await s.submit(s.author);
      await s.publish(id);
      await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(s.moderator)).expect(403);
      expect((await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(s.author)).expect(200)).body.status).toBe('withdrawn');
      expect((await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(s.author)).expect(409)).body.message).toBe(
        'a proposal that is withdrawn cannot be withdrawn',
      );
      const crowd = await createVerifiedUsers(t, 1);
      expect((await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(crowd[0]!)).expect(422)).body.message).toBe(
        'the proposal is withdrawn, not open for endorsement',
      );
    });
  });

  describe('reading', () => {
    it('lists published proposals with filters, sorts and pages, and finds Chinese substrings and English words', async () => {
      const climate = await s.submit(s.author, { title: '氣候變遷與能源轉型的公民參與', summary: 'Open data on climate adaptation.' });
      const water = await s.submit(s.author, { title: '水資源開放資料', summary: '公開水庫與用水資料。', suggestedAgencyIds: [s.ndc] });
      const hidden = await s.submit(s.author, { title: '氣候變遷尚未審查的提案' });
      await s.publish(climate);
      await s.publish(water);
      void hidden;
      const search = async (q: string) =>
        (await t.http.get('/api/v1/proposals').query({ q, pageSize: 100 }).expect(200)).body.items.map(
          (p: { id: string }) => p.id,
        ) as string[];
      expect(await search('氣候')).toContain(climate);
      expect(await search('氣候')).not.toContain(water);
      expect(await search('氣候')).not.toContain(hidden);
      expect(await search('變遷與能源')).toContain(climate);
      expect(await search('climate')).toEqual([climate]);
      expect(await search('水')).toEqual([water]);
      expect(await search('候能')).toEqual([]);

      const byAgency = (await t.http.get('/api/v1/proposals').query({ agencyId: s.ndc, pageSize: 100 })).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(byAgency).toEqual(expect.arrayContaining([water, climate]));
      const byMoenv = (await t.http.get('/api/v1/proposals').query({ agencyId: s.moenv, pageSize: 100 })).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(byMoenv).not.toContain(water);

      const page1 = (await t.http.get('/api/v1/proposals').query({ status: 'endorsing', pageSize: 1 }).expect(200)).body;
      expect(page1).toMatchObject({ page: 1, pageSize: 1, items: [expect.objectContaining({ status: 'endorsing' })] });
      expect(page1.total).toBeGreaterThan(1);

      const [fan] = await createVerifiedUsers(t, 1, 'sort');
      await t.http.post(`/api/v1/proposals/${water}/endorsements`).set(auth(fan!)).expect(201);
      await t.app.get(QualificationService).sweep();
      const endorsing = (await t.http.get('/api/v1/proposals').query({ status: 'endorsing', sort: 'most_endorsed', pageSize: 100 })).body
        .items as { id: string; endorsementCount: number }[];
      const counts = endorsing.map((p) => p.endorsementCount);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      await t.http.get('/api/v1/proposals').query({ sort: 'loudest' }).expect(400);
      await t.http.get('/api/v1/proposals').query({ status: 'pending_review' }).expect(400);

      const similar = (await t.http.get('/api/v1/proposals/similar').query({ title: '水資源的開放資料' }).expect(200)).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(similar[0]).toBe(water);
    });
  });
});
