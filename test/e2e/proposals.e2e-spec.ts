import { ManualClock } from '#config';
import { MailPreferencesService, QualificationService } from '#domain';
import { count } from '../support/database.js';
import { type FastUser, createVerifiedUsers } from '../support/factories/index.js';
import { type SignedIn, auth, login, registerUser } from '../support/http.js';
import { mailTo, sentMails } from '../support/mail.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

const ADMIN = { email: 'admin@proposals.test', password: 'admin password 123' };
const DAY = 86_400_000;

describe('proposals: submission, review, endorsement, qualification, expiry', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let admin: string;
  let author: SignedIn;
  let moderator: SignedIn;
  let callId: string;
  let triageCallId: string;
  let moenv: string;
  let ndc: string;

  const content = (over: Record<string, unknown> = {}) => ({
    callId,
    title: '推動氣候變遷調適資訊公開',
    summary: '建立氣候變遷調適的資訊公開平臺，讓公眾參與調適策略。',
    problem: '氣候風險資訊分散於各機關。',
    cause: '缺乏統一的資料標準。',
    solution: '建置整合平臺並定期公開。',
    expectedResults: '公眾能查詢各地調適進度。',
    ogpValues: { transparency: '公開資訊', accountability: '定期報告', participation: '公眾參與' },
    suggestedAgencyIds: [moenv, ndc],
    ...over,
  });

  async function submit(by: SignedIn, over: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http.post('/api/v1/proposals').set(auth(by)).send(content(over)).expect(201);
    return res.body.id as string;
  }
  async function publish(id: string): Promise<void> {
    await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(moderator)).send({ decision: 'publish' }).expect(200);
  }
  async function newCall(over: Record<string, unknown>): Promise<string> {
    const res = await t.http
      .post('/api/v1/calls')
      .set({ Authorization: `Bearer ${admin}` })
      .send({
        titleZh: '測試徵集',
        titleEn: 'Test call',
        opensAt: new Date(clock.now().getTime() - DAY).toISOString(),
        closesAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
        endorsementThreshold: 5,
        endorsementDays: 60,
        responseDays: 60,
        ...over,
      })
      .expect(201);
    return res.body.id as string;
  }
  async function status(id: string): Promise<string> {
    return (await t.http.get(`/api/v1/proposals/${id}`).set(auth(moderator)).expect(200)).body.status as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    admin = await login(t, ADMIN.email, ADMIN.password);
    const agencies = (await t.http.get('/api/v1/agencies')).body.items as { id: string; code: string }[];
    moenv = agencies.find((a) => a.code === 'moenv')!.id;
    ndc = agencies.find((a) => a.code === 'ndc')!.id;
    callId = await newCall({});
    triageCallId = await newCall({ routeToSuggestedAgency: false });
    author = await registerUser(t, { displayName: '提案人' });
    moderator = await registerUser(t, { displayName: '審查員' });
    await t.http
      .put(`/api/v1/admin/users/${moderator.id}/roles`)
      .set({ Authorization: `Bearer ${admin}` })
      .send({ roles: ['moderator'] })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('submitting', () => {
    it('a verified citizen submits into an open call; the author is told; it waits for review unseen', async () => {
      const id = await submit(author);
      expect((await t.http.get(`/api/v1/proposals/${id}`).set(auth(author)).expect(200)).body).toMatchObject({
        id,
        status: 'pending_review',
        title: '推動氣候變遷調適資訊公開',
        authorName: '提案人',
        suggestedAgencyIds: [moenv, ndc],
        endorsementCount: 0,
        endorsementThreshold: 5,
        publishedAt: null,
        ogpValues: { transparency: '公開資訊', accountability: '定期報告', participation: '公眾參與' },
      });
      const mail = await mailTo(t, author.email, 'proposal.received');
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
      await t.http.post('/api/v1/proposals').send(content()).expect(401);
      const unverified = await registerUser(t, { verify: false });
      expect((await t.http.post('/api/v1/proposals').set(auth(unverified)).send(content()).expect(403)).body.message).toBe(
        'verify your email address first',
      );
      const bad = await t.http
        .post('/api/v1/proposals')
        .set(auth(author))
        .send({
          ...content(),
          title: '',
          problem: 'x'.repeat(5001),
          suggestedAgencyIds: [moenv, ndc, moenv, ndc],
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
        .set(auth(author))
        .send({ ...content(), callId: 'nope' })
        .expect(400);
      const closed = await newCall({ opensAt: new Date(clock.now().getTime() + DAY).toISOString() });
      expect(
        (
          await t.http
            .post('/api/v1/proposals')
            .set(auth(author))
            .send(content({ callId: closed }))
            .expect(422)
        ).body.message,
      ).toBe('the call is not open for proposals');
      expect(
        (
          await t.http
            .post('/api/v1/proposals')
            .set(auth(author))
            .send(content({ suggestedAgencyIds: ['01a20bcb-0000-7000-8000-000000000000'] }))
            .expect(422)
        ).body.message,
      ).toBe('agency 01a20bcb-0000-7000-8000-000000000000 does not exist');
      expect(await count(t, 'proposals')).toBe(before);
    });

    it('stores text as written and never lets it through as HTML', async () => {
      const id = await submit(author, { title: '<script>alert("x")</script> 開放資料', problem: '<img src=x onerror=alert(1)>' });
      expect((await t.http.get(`/api/v1/proposals/${id}`).set(auth(author))).body.title).toBe('<script>alert("x")</script> 開放資料');
      await t.http.get(`/p/${id}`).expect(404);
      await publish(id);
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
      const mail = await t.mail.waitFor((m) => m.to.includes(author.email) && m.subject.includes('<script>'));
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;');
    });
  });

  describe('review', () => {
    it('only moderators review, never their own proposals', async () => {
      const id = await submit(author);
      await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(author)).send({ decision: 'publish' }).expect(403);
      const own = await submit(moderator);
      expect(
        (await t.http.post(`/api/v1/proposals/${own}/review`).set(auth(moderator)).send({ decision: 'publish' }).expect(403)).body.message,
      ).toBe('moderators cannot review their own proposals');
    });

    it('return with a coded reason → the author edits and resubmits → publish opens endorsement until the deadline', async () => {
      const id = await submit(author);
      const noReason = await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(moderator)).send({ decision: 'return' }).expect(400);
      expect(noReason.body.message).toEqual(expect.arrayContaining(['reason is required to return or reject a proposal']));
      await t.http
        .post(`/api/v1/proposals/${id}/review`)
        .set(auth(moderator))
        .send({ decision: 'return', reasonCode: 'unclear', reason: '請具體說明預期成果。' })
        .expect(200);
      const mail = await mailTo(t, author.email, 'proposal.returned');
      expect(mail.locale).toBe('zh-TW');
      expect(mail.params).toMatchObject({ reasonCode: 'unclear', reason: '請具體說明預期成果。' });
      expect(mail.text).toContain('請具體說明預期成果。');
      // A returned proposal cannot be published or returned again before it is resubmitted.
      expect(
        (await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(moderator)).send({ decision: 'publish' }).expect(409)).body.message,
      ).toBe('a proposal that is returned cannot be published');
      const { callId: _call, ...edited } = content({ expectedResults: '各縣市調適進度每季公開。' });
      await t.http.put(`/api/v1/proposals/${id}`).set(auth(author)).send(edited).expect(200);
      expect((await t.http.post(`/api/v1/proposals/${id}/resubmit`).set(auth(author)).expect(200)).body.status).toBe('pending_review');
      const res = await t.http.post(`/api/v1/proposals/${id}/review`).set(auth(moderator)).send({ decision: 'publish' }).expect(200);
      expect(res.body.status).toBe('endorsing');
      expect(new Date(res.body.endorsementDeadline).getTime()).toBe(clock.now().getTime() + 60 * DAY);
      expect((await mailTo(t, author.email, 'proposal.published')).locale).toBe('zh-TW');
      const publicView = (await t.http.get(`/api/v1/proposals/${id}`).expect(200)).body;
      expect(publicView).toMatchObject({ status: 'endorsing', expectedResults: '各縣市調適進度每季公開。' });
      await t.http.put(`/api/v1/proposals/${id}`).set(auth(author)).send(edited).expect(422);
      const timeline = (await t.http.get(`/api/v1/proposals/${id}/timeline`).expect(200)).body.items as {
        type: string;
        actor: { role: string };
        detail?: Record<string, unknown>;
      }[];
      expect(timeline.map((e) => e.type)).toEqual(['submitted', 'returned', 'edited', 'resubmitted', 'published']);
      expect(timeline[1]).toMatchObject({ actor: { role: 'moderator' }, detail: { reasonCode: 'unclear' } });
    });

    it('reject closes the proposal for good and tells the author why', async () => {
      const id = await submit(author);
      await t.http
        .post(`/api/v1/proposals/${id}/review`)
        .set(auth(moderator))
        .send({ decision: 'reject', reasonCode: 'advertising', reason: '內容為商業廣告。' })
        .expect(200);
      const mail = await mailTo(t, author.email, 'proposal.rejected');
      expect(mail.locale).toBe('zh-TW');
      expect(mail.params).toMatchObject({ reasonCode: 'advertising', reason: '內容為商業廣告。' });
      await t.http.post(`/api/v1/proposals/${id}/resubmit`).set(auth(author)).expect(409);
      await t.http.get(`/api/v1/proposals/${id}`).expect(404);
    });

    it('shows moderators the review queue oldest first, with the 3-working-day deadline', async () => {
      await t.http.get('/api/v1/moderation/review-queue').set(auth(author)).expect(403);
      const res = await t.http.get('/api/v1/moderation/review-queue').set(auth(moderator)).expect(200);
      const items = res.body.items as { submittedAt: string; reviewDueAt: string; overdue: boolean }[];
      expect(items.length).toBeGreaterThan(0);
      expect([...items].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))).toEqual(items);
      expect(items.every((i) => !i.overdue && new Date(i.reviewDueAt).getTime() - new Date(i.submittedAt).getTime() >= 3 * DAY)).toBe(true);
    });
  });

  describe('withdrawal', () => {
    it('only the author withdraws, and only before qualification', async () => {
      const id = await submit(author);
      await publish(id);
      await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(moderator)).expect(403);
      expect((await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(author)).expect(200)).body.status).toBe('withdrawn');
      expect((await t.http.post(`/api/v1/proposals/${id}/withdraw`).set(auth(author)).expect(409)).body.message).toBe(
        'a proposal that is withdrawn cannot be withdrawn',
      );
      const crowd = await createVerifiedUsers(t, 1);
      expect((await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(crowd[0]!)).expect(422)).body.message).toBe(
        'the proposal is withdrawn, not open for endorsement',
      );
    });
  });

  describe('endorsements', () => {
    let id: string;
    let crowd: FastUser[];
    beforeAll(async () => {
      id = await submit(author);
      crowd = await createVerifiedUsers(t, 3, 'e');
    });

    it('refuses endorsement before publication, anonymously and unverified', async () => {
      await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(crowd[0]!)).expect(404);
      await publish(id);
      await t.http.post(`/api/v1/proposals/${id}/endorsements`).expect(401);
      const unverified = await registerUser(t, { verify: false });
      await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(unverified)).expect(403);
      await t.http.post('/api/v1/proposals/not-an-id/endorsements').set(auth(crowd[0]!)).expect(400);
    });

    it('counts one endorsement per account: 201 first, 200 after, even when sent many times at once', async () => {
      const [a, b] = crowd;
      expect((await t.http.get(`/api/v1/proposals/${id}/endorsements/me`).set(auth(a!)).expect(200)).body).toEqual({ endorsed: false });
      const first = await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(a!)).expect(201);
      expect(first.body).toMatchObject({ endorsed: true, endorsementCount: 1 });
      expect((await t.http.get(`/api/v1/proposals/${id}`)).body.endorsementCount).toBe(1);
      const again = await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(a!)).expect(200);
      expect(again.body.endorsementCount).toBe(1);
      const burst = await Promise.all(Array.from({ length: 20 }, () => t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(b!))));
      expect(burst.map((r) => r.status).sort((x, y) => x - y)).toEqual([...Array(19).fill(200), 201]);
      expect((await t.http.get(`/api/v1/proposals/${id}`)).body.endorsementCount).toBe(2);
      expect((await t.http.get(`/api/v1/proposals/${id}/endorsements/me`).set(auth(b!))).body).toEqual({ endorsed: true });
    });
  });

  describe('qualification', () => {
    it('a burst of hundreds of concurrent endorsements across the threshold qualifies the proposal exactly once and routes it', async () => {
      const burstCall = await newCall({ endorsementThreshold: 150 });
      const id = await submit(author, { callId: burstCall });
      await publish(id);
      const crowd = await createVerifiedUsers(t, 300, 'burst');
      const results = await Promise.all(crowd.map((u) => t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(u))));
      const accepted = results.filter((r) => r.status === 201).length;
      expect(accepted).toBeGreaterThanOrEqual(150);
      expect(results.every((r) => r.status === 201 || r.status === 422)).toBe(true);

      const events = (await t.ds.query("SELECT COUNT(*) AS n FROM proposal_events WHERE proposal_id = ? AND type = 'qualified'", [id])) as {
        n: string;
      }[];
      expect(Number(events[0]!.n)).toBe(1);
      const jobs = (await t.ds.query(
        "SELECT COUNT(*) AS n FROM outbox_messages WHERE job_name = 'proposal.qualified' AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.proposalId')) = ?",
        [id],
      )) as { n: string }[];
      expect(Number(jobs[0]!.n)).toBe(1);
      expect((await t.http.get(`/api/v1/proposals/${id}`)).body.endorsementCount).toBe(accepted);

      await until(async () => (await status(id)) === 'assigned');
      const detail = (await t.http.get(`/api/v1/proposals/${id}`).expect(200)).body;
      expect(detail.assignments).toEqual([
        expect.objectContaining({
          agencyId: moenv,
          role: 'lead',
          status: 'open',
          dueAt: new Date(new Date(detail.assignments[0].assignedAt).getTime() + 60 * DAY).toISOString(),
        }),
      ]);
      expect(detail.qualifiedAt).not.toBeNull();
      const late = await t.http
        .post(`/api/v1/proposals/${id}/endorsements`)
        .set(auth((await createVerifiedUsers(t, 1, 'late'))[0]!))
        .expect(422);
      expect(late.body.message).toBe('the proposal is assigned, not open for endorsement');
      const timeline = (await t.http.get(`/api/v1/proposals/${id}/timeline`)).body.items.map((e: { type: string }) => e.type);
      expect(timeline).toEqual(['submitted', 'published', 'qualified', 'assigned']);

      // The author and every endorser hear of it once; the endorsers' mail can be unsubscribed.
      await mailTo(t, author.email, 'proposal.qualified');
      for (const u of crowd.filter((_, i) => results[i]!.status === 201)) await mailTo(t, u.email, 'proposal.qualified');
      const endorserMail = await sentMails(t, 'proposal.qualified', { to: crowd[0]!.email });
      if (results[0]!.status === 201) {
        expect(endorserMail).toHaveLength(1);
        expect(endorserMail[0]!.headers['list-unsubscribe']).toContain('/unsubscribe?proposal=');
      }
    });

    it('sends a qualified proposal of a moderated call to the triage list instead', async () => {
      const id = await submit(author, { callId: triageCallId });
      await publish(id);
      const crowd = await createVerifiedUsers(t, 5, 'triage');
      for (const u of crowd) await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(u)).expect(201);
      await until(async () => {
        const tl = (await t.http.get(`/api/v1/proposals/${id}/timeline`)).body.items as { type: string }[];
        return tl.some((e) => e.type === 'routed_to_triage');
      });
      expect(await status(id)).toBe('qualified');
      const triage = (await t.http.get('/api/v1/moderation/triage').set(auth(moderator)).expect(200)).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(triage).toContain(id);
    });

    it('mails thousands of endorsers in batches, once each, and respects unsubscribes', async () => {
      const id = await submit(author);
      await publish(id);
      const crowd = await createVerifiedUsers(t, 1_100, 'fan');
      const now = clock.now();
      await t.ds.query(
        `INSERT INTO endorsements (proposal_id, user_id, notify, created_at) VALUES ${crowd.map(() => '(?, ?, 1, ?)').join(', ')}`,
        crowd.flatMap((u) => [id, u.id, now]),
      );
      await t.ds.query('INSERT INTO proposal_endorsement_counts (proposal_id, shard, n) VALUES (?, 0, ?)', [id, crowd.length]);
      // One endorser unsubscribes through the link in an earlier mail.
      const q = t.app.get(QualificationService);
      const link = new URL(await t.app.get(MailPreferencesService).unsubscribeUrl(crowd[7]!.id, { proposalId: id }));
      await t.http.get(`/unsubscribe${link.search}`).expect(200);
      await t.http.post(`/unsubscribe${link.search}`).expect(200);
      await t.http.post(`/unsubscribe${link.search.replace(/sig=[^&]+/, 'sig=forged')}`).expect(400);

      // The sweep catches the qualification (as after a crash right after the last endorsement's commit).
      await expect(q.sweep()).resolves.toMatchObject({ qualified: 1 });
      await until(
        async () =>
          Number(
            (
              (await t.ds.query(
                "SELECT COUNT(*) AS n FROM mail_messages WHERE template = 'proposal.qualified' AND status = 'sent' AND JSON_UNQUOTE(JSON_EXTRACT(params, '$.url')) LIKE ?",
                [`%${id}`],
              )) as { n: string }[]
            )[0]!.n,
          ) === 1_100,
        60_000,
      );
      const batches = (await t.ds.query(
        "SELECT COUNT(*) AS n FROM outbox_messages WHERE job_name = 'proposal.notify-endorsers' AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.proposalId')) = ?",
        [id],
      )) as { n: string }[];
      expect(Number(batches[0]!.n)).toBe(3);
      expect(t.mail.find((m) => m.to.includes(crowd[7]!.email))).toHaveLength(0);
      const got = new Set((await sentMails(t, 'proposal.qualified', { where: (m) => m.to[0]!.startsWith('fan.') })).map((m) => m.to[0]));
      expect(got.size).toBe(1_099);
    }, 120_000);
  });

  describe('expiry', () => {
    it('the sweep expires a proposal that missed its threshold at the deadline, once, and tells the author', async () => {
      const id = await submit(author);
      await publish(id);
      const [u] = await createVerifiedUsers(t, 1, 'exp');
      await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(u!)).expect(201);
      const q = t.app.get(QualificationService);
      clock.advance(60 * DAY - 1000);
      await q.sweep();
      expect(await status(id)).toBe('endorsing');
      clock.advance(1000);
      try {
        expect(
          (
            await t.http
              .post(`/api/v1/proposals/${id}/endorsements`)
              .set(auth((await createVerifiedUsers(t, 1, 'exp2'))[0]!))
              .expect(422)
          ).body.message,
        ).toBe('the endorsement period of this proposal has ended');
        await q.sweep();
        await q.sweep();
        expect(await status(id)).toBe('expired');
        const mail = await mailTo(t, author.email, 'proposal.expired', (m) => m.text.includes(id));
        expect(mail.locale).toBe('zh-TW');
        expect(mail.params).toMatchObject({ count: 1, threshold: 5 });
        const tl = (await t.http.get(`/api/v1/proposals/${id}/timeline`)).body.items.map((e: { type: string }) => e.type);
        expect(tl).toEqual(['submitted', 'published', 'expired']);
        expect(
          await t.ds.query(
            "SELECT id FROM mail_messages WHERE template = 'proposal.expired' AND JSON_UNQUOTE(JSON_EXTRACT(params, '$.url')) LIKE ?",
            [`%${id}`],
          ),
        ).toHaveLength(1);
      } finally {
        clock.advance(-60 * DAY);
      }
    });
  });

  describe('reading', () => {
    it('lists published proposals with filters, sorts and pages, and finds Chinese substrings and English words', async () => {
      const climate = await submit(author, { title: '氣候變遷與能源轉型的公民參與', summary: 'Open data on climate adaptation.' });
      const water = await submit(author, { title: '水資源開放資料', summary: '公開水庫與用水資料。', suggestedAgencyIds: [ndc] });
      const hidden = await submit(author, { title: '氣候變遷尚未審查的提案' });
      await publish(climate);
      await publish(water);
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

      const byAgency = (await t.http.get('/api/v1/proposals').query({ agencyId: ndc, pageSize: 100 })).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(byAgency).toEqual(expect.arrayContaining([water, climate]));
      const byMoenv = (await t.http.get('/api/v1/proposals').query({ agencyId: moenv, pageSize: 100 })).body.items.map(
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
