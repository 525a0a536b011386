import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ManualClock } from '#config';
import { JobName, QueueName } from '#queue';
import { ProposalsProcessor } from '../../apps/worker/src/processors/proposals.processor.js';
import { type SignedIn, auth } from '../support/http.js';
import { mailTo } from '../support/mail.js';
import { ADMIN_ENV, DAY, Routing } from '../support/routing.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

describe('assignments: moderators route qualified proposals to agencies', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let r: Routing;
  let author: SignedIn;
  let moderator: SignedIn;
  let moenvStaff: SignedIn;
  let ndcStaff: SignedIn;
  let moenv: string;
  let ndc: string;
  let moa: string;
  let triageCall: string;
  let routedCall: string;

  /** A proposal that has reached its threshold (2 endorsements); agencies named by code. */
  const qualified = (callId: string, suggested: string[] = ['moenv']) => r.qualified(callId, suggested);

  beforeAll(async () => {
    t = await createTestApp({ clock, env: ADMIN_ENV });
    r = await Routing.setUp(t, clock);
    [moenv, ndc, moa] = [r.agency('moenv'), r.agency('ndc'), r.agency('moa')];
    ({ author, moderator } = r);
    moenvStaff = await r.staffOf('moenv');
    ndcStaff = await r.staffOf('ndc');
    triageCall = await r.call({ routeToSuggestedAgency: false });
    routedCall = await r.call({ routeToSuggestedAgency: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a moderator assigns a lead and a co-agency from triage; staff are told; the timeline shows it', async () => {
    const id = await qualified(triageCall);
    const lead = await t.http
      .post(`/api/v1/proposals/${id}/assignments`)
      .set(auth(moderator))
      .send({ agencyId: moenv, role: 'lead' })
      .expect(201);
    expect(lead.body).toMatchObject({ proposalId: id, agencyId: moenv, role: 'lead', status: 'open', overdue: false });
    expect(new Date(lead.body.dueAt).getTime() - new Date(lead.body.assignedAt).getTime()).toBe(60 * DAY);
    await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moderator)).send({ agencyId: ndc, role: 'co' }).expect(201);

    const detail = (await t.http.get(`/api/v1/proposals/${id}`).expect(200)).body;
    expect(detail.status).toBe('assigned');
    expect(detail.assignments.map((a: { agencyId: string; role: string }) => [a.agencyId, a.role])).toEqual([
      [moenv, 'lead'],
      [ndc, 'co'],
    ]);
    const mail = await mailTo(t, moenvStaff.email, 'assignment.new', (m) => m.params.role === 'lead');
    expect(mail.locale).toBe('zh-TW');
    expect(mail.text).toContain('環境部');
    expect((await mailTo(t, ndcStaff.email, 'assignment.new', (m) => m.params.role === 'co')).locale).toBe('zh-TW');
    const types = (await t.http.get(`/api/v1/proposals/${id}/timeline`)).body.items.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'assigned')).toHaveLength(2);
  });

  it('naming a new lead re-routes the proposal and closes the old lead', async () => {
    const id = await qualified(triageCall);
    await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moderator)).send({ agencyId: moenv, role: 'lead' }).expect(201);
    await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moderator)).send({ agencyId: moa, role: 'lead' }).expect(201);
    const detail = (await t.http.get(`/api/v1/proposals/${id}`)).body;
    expect(detail.assignments.map((a: { agencyId: string; status: string }) => [a.agencyId, a.status])).toEqual([
      [moenv, 'rerouted'],
      [moa, 'open'],
    ]);
    const tl = (await t.http.get(`/api/v1/proposals/${id}/timeline`)).body.items as { type: string; detail?: Record<string, unknown> }[];
    expect(tl.find((e) => e.type === 'rerouted')?.detail).toEqual({ fromAgencyId: moenv, toAgencyId: moa });
  });

  it('routes to the suggested lead by itself where the call allows it, and tells its staff', async () => {
    const id = await qualified(routedCall, ['ndc']);
    await t.mail.waitFor((m) => m.to.includes(ndcStaff.email) && m.text.includes(id));
    expect((await t.http.get(`/api/v1/proposals/${id}`)).body.assignments).toEqual([
      expect.objectContaining({ agencyId: ndc, role: 'lead' }),
    ]);
  });

  it('routing delivered twice (a retry, a duplicate job) assigns, mails and records once, both ways', async () => {
    const route = t.app.get(ProposalsProcessor).handlers[JobName.ProposalQualified]!;
    const routed = await qualified(routedCall, ['ndc']);
    await t.mail.waitFor((m) => m.to.includes(ndcStaff.email) && m.text.includes(routed));
    await Promise.all([route({ proposalId: routed }, {} as never), route({ proposalId: routed }, {} as never)]);
    await expect(route({ proposalId: routed }, {} as never)).resolves.toBe('skipped');
    expect((await t.http.get(`/api/v1/proposals/${routed}`)).body.assignments).toHaveLength(1);
    const routedTypes = (await t.http.get(`/api/v1/proposals/${routed}/timeline`)).body.items.map((e: { type: string }) => e.type);
    expect(routedTypes.filter((x: string) => x === 'assigned')).toHaveLength(1);
    const [{ n }] = (await t.ds.query("SELECT COUNT(*) AS n FROM mail_messages WHERE template = 'assignment.new' AND params LIKE ?", [
      `%${routed}%`,
    ])) as { n: string }[];
    expect(Number(n)).toBe(1);

    const waiting = await qualified(triageCall);
    await Promise.all([route({ proposalId: waiting }, {} as never), route({ proposalId: waiting }, {} as never)]);
    await expect(route({ proposalId: waiting }, {} as never)).resolves.toBe('triage');
    const types = (await t.http.get(`/api/v1/proposals/${waiting}/timeline`)).body.items.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'routed_to_triage')).toHaveLength(1);
    const queue = (await t.http.get('/api/v1/moderation/triage').set(auth(moderator)).expect(200)).body.items.map(
      (p: { id: string }) => p.id,
    );
    expect(queue).toContain(waiting);
  });

  it('the worker schedules the deadline reminders every 10 minutes and the digest on Mondays at 09:00 Taiwan time', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Proposals));
    const schedulers = await queue.getJobSchedulers();
    const byName = Object.fromEntries(schedulers.map((x) => [x.name, x]));
    expect(byName[JobName.AssignmentDeadlines]).toMatchObject({ every: 600_000 });
    expect(byName[JobName.AssignmentOverdueDigest]).toMatchObject({ pattern: '0 9 * * 1', tz: 'Asia/Taipei' });
    expect(byName[JobName.ProposalSweep]).toMatchObject({ every: 60_000 });
    // The scheduled runs carry the catalogue's retry options.
    expect(byName[JobName.AssignmentOverdueDigest]!.template?.opts).toMatchObject({
      attempts: 5,
      backoff: { type: 'capped-exponential', delay: 60_000 },
    });
  });

  it('refuses the wrong people, states and input', async () => {
    const id = await qualified(triageCall);
    const body = { agencyId: moenv, role: 'lead' };
    await t.http.post(`/api/v1/proposals/${id}/assignments`).send(body).expect(401);
    await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(author)).send(body).expect(403);
    await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moenvStaff)).send(body).expect(403);
    expect(
      (await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moderator)).send({ agencyId: moenv, role: 'boss' }).expect(400))
        .body.message,
    ).toEqual(['role must be lead or co']);
    await t.http
      .post(`/api/v1/proposals/${id}/assignments`)
      .set(auth(moderator))
      .send({ ...body, agencyId: '01a20bcb-0000-7000-8000-000000000000' })
      .expect(422);
    await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moderator)).send(body).expect(201);
    expect(
      (await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moderator)).send({ agencyId: moenv, role: 'co' }).expect(409)).body
        .message,
    ).toBe('this agency already holds the proposal');
    const pending = await t.http
      .post('/api/v1/proposals')
      .set(auth(author))
      .send({ callId: triageCall, title: '尚未審查的提案', summary: 's', problem: 'p', solution: 's' })
      .expect(201);
    expect(
      (await t.http.post(`/api/v1/proposals/${pending.body.id}/assignments`).set(auth(moderator)).send(body).expect(409)).body.message,
    ).toBe('a proposal that is pending_review cannot be assigned');
  });

  it('shows each agency only its own inbox, soonest due first, with overdue flags', async () => {
    const id = await qualified(triageCall);
    await t.http.post(`/api/v1/proposals/${id}/assignments`).set(auth(moderator)).send({ agencyId: moa, role: 'lead' }).expect(201);
    const moaStaff = await r.staffOf('moa');
    await t.http.get('/api/v1/agency/assignments').set(auth(author)).expect(403);
    const mine = (await t.http.get('/api/v1/agency/assignments').query({ status: 'open' }).set(auth(moaStaff)).expect(200)).body;
    expect(mine.items.map((a: { proposalId: string }) => a.proposalId)).toContain(id);
    expect(mine.items.every((a: { agencyId: string; overdue: boolean }) => a.agencyId === moa && !a.overdue)).toBe(true);
    expect(mine.items.find((a: { proposalId: string }) => a.proposalId === id).proposalTitle).toBe('推動淨零轉型的公民參與');
    const theirs = (await t.http.get('/api/v1/agency/assignments').set(auth(ndcStaff)).expect(200)).body.items.map(
      (a: { proposalId: string }) => a.proposalId,
    );
    expect(theirs).not.toContain(id);

    clock.advance(61 * DAY);
    try {
      const later = (await t.http.get('/api/v1/agency/assignments').query({ status: 'open' }).set(auth(moaStaff)).expect(200)).body;
      expect(later.items.find((a: { proposalId: string }) => a.proposalId === id).overdue).toBe(true);
    } finally {
      clock.advance(-61 * DAY);
    }
  });
});
