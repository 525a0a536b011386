import { ManualClock } from '#config';
import { JobName } from '#queue';
import { ProposalsProcessor } from '../../apps/worker/src/processors/proposals.processor.js';
import { count } from '../support/database.js';
import { type SignedIn, auth, registerUser } from '../support/http.js';
import { mailTo, mailsQueued } from '../support/mail.js';
import { pageWord } from '../support/pages.js';
import { ADMIN_ENV, Routing } from '../support/routing.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

const answer = {
  recommendation: 'partially_adopt',
  reasoning: '本部已規劃於明年度辦理公民參與工作坊，惟涉及預算部分需另案研議。',
  reasoningEn: 'We will hold citizen workshops next year; the budget part needs a separate study.',
  points: [
    { question: '是否公開會議紀錄？', answer: '會議紀錄將於會後兩週內公開。' },
    { question: '是否設置常設諮詢機制？', answer: '將於工作坊中與提案人討論。' },
  ],
  followUp: '邀請提案人與附議人代表參加協作會議',
  followUpOn: '2027-01-15',
};

describe('responses: assigned agencies answer, in public, once and for all', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let r: Routing;
  let triage: string;
  let routed: string;
  let moenvStaff: SignedIn;
  let ndcStaff: SignedIn;
  let moaStaff: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...ADMIN_ENV, WORKER_SCHEDULES: 'false' } });
    r = await Routing.setUp(t, clock);
    triage = await r.call({ routeToSuggestedAgency: false });
    routed = await r.call({ routeToSuggestedAgency: true });
    moenvStaff = await r.staffOf('moenv');
    ndcStaff = await r.staffOf('ndc', { locale: 'en' });
    moaStaff = await r.staffOf('moa');
  });
  afterAll(async () => {
    await t?.close();
  });

  it("the lead's response makes the proposal responded, is public, and reaches the author and every endorser once, in their language", async () => {
    const english = await registerUser(t, { locale: 'en', displayName: 'Endorser' });
    const chinese = await registerUser(t, { displayName: '附議人' });
    const id = await r.qualified(routed, ['moenv'], '公開政府採購資料', [english, chinese]);
    await t.mail.waitFor((m) => m.to.includes(moenvStaff.email) && m.text.includes(id)); // routed to the suggested lead

    const res = await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(moenvStaff)).send(answer).expect(201);
    expect(res.body).toMatchObject({
      proposalId: id,
      agencyId: r.agency('moenv'),
      role: 'lead',
      status: 'published',
      recommendation: 'partially_adopt',
      points: answer.points,
      followUpOn: '2027-01-15',
      correctsId: null,
      onTime: true,
    });

    const detail = await r.detail(id);
    expect(detail.status).toBe('responded');
    expect(detail.responses).toEqual([
      expect.objectContaining({ id: res.body.id, reasoning: answer.reasoning, reasoningEn: answer.reasoningEn }),
    ]);
    expect(detail.assignments[0]).toMatchObject({ agencyId: r.agency('moenv'), status: 'answered', overdue: false });
    // The page the mail links to shows the answer, point by point.
    const html = (await t.http.get(`/p/${id}`).expect(200)).text;
    expect(html).toContain(
      `環境部 Ministry of Environment（${pageWord('zh-TW', 'assignmentRole', 'lead')}）：${pageWord('zh-TW', 'recommendation', 'partially_adopt')}`,
    );
    expect(html).toContain(answer.reasoning);
    expect(html).toContain('<strong>是否公開會議紀錄？</strong><br>會議紀錄將於會後兩週內公開。');
    const responded = (await r.timeline(id)).find((e) => e.type === 'responded');
    expect(responded?.detail).toMatchObject({
      responseId: res.body.id,
      agencyId: r.agency('moenv'),
      role: 'lead',
      recommendation: 'partially_adopt',
    });

    const toAuthor = await mailTo(t, r.author.email, 'proposal.responded', (m) => m.params.correction === false);
    expect(toAuthor.locale).toBe('zh-TW');
    expect(toAuthor.params.recommendation).toBe('partially_adopt');
    const toEnglish = await mailTo(t, english.email, 'proposal.responded', (m) => m.params.correction === false);
    expect(toEnglish.locale).toBe('en');
    expect(toEnglish.text).toContain('Ministry of Environment');
    expect(toEnglish.headers['list-unsubscribe']).toContain('/unsubscribe?proposal=');
    expect((await mailTo(t, chinese.email, 'proposal.responded', (m) => m.params.correction === false)).locale).toBe('zh-TW');

    // The fan-out job delivered twice more (a retry, a duplicate in Redis) sends nothing twice.
    const handler = t.app.get(ProposalsProcessor).handlers[JobName.ProposalNotifyEndorsers]!;
    const job = { proposalId: id, event: 'responded' as const, responseId: res.body.id as string, afterUserId: null };
    await handler(job, {} as never);
    await handler(job, {} as never);
    // Two endorsers, one author: one mail each.
    expect(await mailsQueued(t, `proposal.responded:${res.body.id}:endorser:`)).toBe(2);
    expect(await mailsQueued(t, `proposal.responded:${id}:${res.body.id}:author`)).toBe(1);
  });

  it('a co-agency answers without moving the proposal; other agencies, citizens and strangers are refused', async () => {
    const id = await r.assigned(triage, 'moa', ['ndc']);
    const before = await count(t, 'proposal_responses');
    await t.http.post(`/api/v1/proposals/${id}/responses`).send(answer).expect(401);
    await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(r.author)).send(answer).expect(403);
    const other = await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(moenvStaff)).send(answer).expect(403);
    expect(other.body.message).toBe('only staff of an agency assigned to this proposal can respond');
    expect(
      (
        await t.http
          .post(`/api/v1/proposals/${id}/responses`)
          .set(auth(moaStaff))
          .send({ ...answer, recommendation: 'maybe' })
          .expect(400)
      ).body.message,
    ).toEqual(['recommendation must be one of: adopt, partially_adopt, not_adopt']);
    await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(moaStaff))
      .send({ ...answer, reasoning: '  ' })
      .expect(400);
    await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(moaStaff))
      .send({ ...answer, followUpOn: '2027-02-30' })
      .expect(400);
    // 10,000 characters at most, even when each takes four bytes (the column holds 65,535 bytes).
    await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(moaStaff))
      .send({ ...answer, reasoning: '𠀀'.repeat(10_001) })
      .expect(400);
    await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(moaStaff))
      .send({ ...answer, points: [{ question: '問', answer: '' }] })
      .expect(400);
    expect(await count(t, 'proposal_responses')).toBe(before);

    const co = await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(ndcStaff))
      .send({ ...answer, recommendation: 'adopt' })
      .expect(201);
    expect(co.body.role).toBe('co');
    expect((await r.detail(id)).status).toBe('assigned');
    // An agency that has answered cannot be handed the proposal again (its answer would be lost).
    expect(
      (
        await t.http
          .post(`/api/v1/proposals/${id}/assignments`)
          .set(auth(r.moderator))
          .send({ agencyId: r.agency('ndc'), role: 'lead' })
          .expect(409)
      ).body.message,
    ).toBe('this agency has already answered this proposal');

    // Sent twice at once (a double click): one response, one refusal.
    const both = await Promise.all(
      [1, 2].map(() =>
        t.http
          .post(`/api/v1/proposals/${id}/responses`)
          .set(auth(moaStaff))
          .send({ ...answer, reasoning: '𠀀'.repeat(10_000), recommendation: 'not_adopt' }),
      ),
    );
    expect(both.map((x) => x.status).sort()).toEqual([201, 409]);
    const detail = await r.detail(id);
    expect(detail.status).toBe('responded');
    expect(detail.responses.map((x: { role: string; recommendation: string }) => [x.role, x.recommendation])).toEqual([
      ['co', 'adopt'],
      ['lead', 'not_adopt'],
    ]);
  });

  it('a draft stays private until published; a published response never changes, a correction links to it', async () => {
    const id = await r.assigned(triage, 'moenv');
    const draft = await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(moenvStaff))
      .send({ ...answer, draft: true })
      .expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', publishedAt: null });
    const d0 = await r.detail(id);
    expect([d0.status, d0.responses]).toEqual(['assigned', []]);
    await t.http.get(`/api/v1/responses/${draft.body.id}`).expect(404);
    await t.http.get(`/api/v1/responses/${draft.body.id}`).set(auth(ndcStaff)).expect(404);
    await t.http.put(`/api/v1/responses/${draft.body.id}`).set(auth(ndcStaff)).send(answer).expect(404);
    const inbox = (await t.http.get('/api/v1/agency/assignments').set(auth(moenvStaff)).expect(200)).body.items;
    expect(inbox.find((a: { proposalId: string }) => a.proposalId === id).draftResponseId).toBe(draft.body.id);

    const edited = await t.http
      .put(`/api/v1/responses/${draft.body.id}`)
      .set(auth(moenvStaff))
      .send({ ...answer, recommendation: 'adopt' })
      .expect(200);
    expect(edited.body).toMatchObject({ status: 'draft', recommendation: 'adopt' });
    expect((await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(moenvStaff)).send(answer).expect(409)).body.message).toBe(
      'this agency already has a draft response to this proposal: edit or publish it',
    );

    const published = await t.http.post(`/api/v1/responses/${draft.body.id}/publish`).set(auth(moenvStaff)).expect(200);
    expect(published.body).toMatchObject({ status: 'published', recommendation: 'adopt' });
    expect((await r.detail(id)).status).toBe('responded');
    expect((await t.http.get(`/api/v1/responses/${draft.body.id}`).expect(200)).body.status).toBe('published');
    await t.http.post(`/api/v1/responses/${draft.body.id}/publish`).set(auth(moenvStaff)).expect(409);
    expect((await t.http.put(`/api/v1/responses/${draft.body.id}`).set(auth(moenvStaff)).send(answer).expect(409)).body.message).toBe(
      'a published response cannot be changed; publish a correction instead',
    );
    await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(moenvStaff)).send(answer).expect(409);

    const fix = await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(moenvStaff))
      .send({ ...answer, correctsId: draft.body.id })
      .expect(201);
    expect(fix.body).toMatchObject({ status: 'published', correctsId: draft.body.id, recommendation: 'partially_adopt' });
    const responses = (await r.detail(id)).responses as {
      id: string;
      correctsId: string | null;
      correctedById: string | null;
      recommendation: string;
    }[];
    expect(responses.map((x) => [x.id, x.recommendation, x.correctsId, x.correctedById])).toEqual([
      [draft.body.id, 'adopt', null, fix.body.id],
      [fix.body.id, 'partially_adopt', draft.body.id, null],
    ]);
    // Only the latest response can be corrected, and only by its own agency.
    await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(moenvStaff))
      .send({ ...answer, correctsId: draft.body.id })
      .expect(409);
    await t.http
      .post(`/api/v1/proposals/${id}/responses`)
      .set(auth(ndcStaff))
      .send({ ...answer, correctsId: fix.body.id })
      .expect(403);
    expect((await mailTo(t, r.author.email, 'proposal.responded', (m) => m.params.correction === true)).locale).toBe('zh-TW');
  });

  it("an author who unsubscribed from a proposal's mail hears nothing more of it; endorsers still do", async () => {
    const endorser = await registerUser(t, { displayName: '附議人' });
    const id = await r.assigned(triage, 'moenv', [], [endorser]);
    const received = await t.mail.waitFor(
      (m) => m.to.includes(r.author.email) && m.subject.includes('指派後的提案') && m.text.includes(id),
    );
    const link = new URL(received.headers['list-unsubscribe']!.replace(/^<|>$/g, ''));
    expect(link.searchParams.get('proposal')).toBe(id);
    await t.http.post(`/unsubscribe${link.search}`).expect(200);
    const res = await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(moenvStaff)).send(answer).expect(201);
    expect((await mailTo(t, endorser.email, 'proposal.responded', (m) => m.params.correction === false)).locale).toBe('zh-TW');
    expect(await mailsQueued(t, `proposal.responded:${id}:${res.body.id}:author`)).toBe(0);
  });

  it('takes no response before a proposal is assigned', async () => {
    const id = await r.qualified(triage, []);
    await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(moenvStaff)).send(answer).expect(403);
    await t.http.post('/api/v1/proposals/01a20bcb-0000-7000-8000-000000000000/responses').set(auth(moenvStaff)).send(answer).expect(404);
  });
});
