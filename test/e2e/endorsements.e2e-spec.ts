import { ManualClock } from '#config';
import { MailPreferencesService, QualificationService } from '#domain';
import { type FastUser, createVerifiedUsers } from '../support/factories/index.js';
import { auth, registerUser } from '../support/http.js';
import { mailTo, sentMails } from '../support/mail.js';
import { DAY } from '../support/routing.js';
import { ADMIN_ENV, Submissions } from '../support/submissions.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('endorsements: endorsing, qualification, expiry', () => {
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

  describe('endorsements', () => {
    let id: string;
    let crowd: FastUser[];
    beforeAll(async () => {
      id = await s.submit(s.author);
      crowd = await createVerifiedUsers(t, 3, 'e');
    });

    it('refuses endorsement before publication, anonymously and unverified', async () => {
      await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(crowd[0]!)).expect(404);
      await s.publish(id);
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
      const burstCall = await s.newCall({ endorsementThreshold: 150 });
      const id = await s.submit(s.author, { callId: burstCall });
      await s.publish(id);
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

      await until(async () => (await s.status(id)) === 'assigned');
      const detail = (await t.http.get(`/api/v1/proposals/${id}`).expect(200)).body;
      expect(detail.assignments).toEqual([
        expect.objectContaining({
          agencyId: s.moenv,
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
      await mailTo(t, s.author.email, 'proposal.qualified');
      for (const u of crowd.filter((_, i) => results[i]!.status === 201)) await mailTo(t, u.email, 'proposal.qualified');
      const endorserMail = await sentMails(t, 'proposal.qualified', { to: crowd[0]!.email });
      if (results[0]!.status === 201) {
        expect(endorserMail).toHaveLength(1);
        expect(endorserMail[0]!.headers['list-unsubscribe']).toContain('/unsubscribe?proposal=');
      }
    });

    it('sends a qualified proposal of a moderated call to the triage list instead', async () => {
      const id = await s.submit(s.author, { callId: s.triageCallId });
      await s.publish(id);
      const crowd = await createVerifiedUsers(t, 5, 'triage');
      for (const u of crowd) await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(u)).expect(201);
      await until(async () => {
        const tl = (await t.http.get(`/api/v1/proposals/${id}/timeline`)).body.items as { type: string }[];
        return tl.some((e) => e.type === 'routed_to_triage');
      });
      expect(await s.status(id)).toBe('qualified');
      const triage = (await t.http.get('/api/v1/moderation/triage').set(auth(s.moderator)).expect(200)).body.items.map(
        (p: { id: string }) => p.id,
      );
      expect(triage).toContain(id);
    });

    it('mails thousands of endorsers in batches, once each, and respects unsubscribes', async () => {
      const id = await s.submit(s.author);
      await s.publish(id);
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
      const id = await s.submit(s.author);
      await s.publish(id);
      const [u] = await createVerifiedUsers(t, 1, 'exp');
      await t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(u!)).expect(201);
      const q = t.app.get(QualificationService);
      clock.advance(60 * DAY - 1000);
      await q.sweep();
      expect(await s.status(id)).toBe('endorsing');
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
        expect(await s.status(id)).toBe('expired');
        const mail = await mailTo(t, s.author.email, 'proposal.expired', (m) => m.text.includes(id));
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
});
