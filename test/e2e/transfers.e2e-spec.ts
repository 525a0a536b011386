import { DEADLINES_ENV, Deadlines, answer, monday } from '../support/deadlines.js';
import { auth } from '../support/http.js';
import { mailTo, mailsQueued } from '../support/mail.js';
import { DAY } from '../support/routing.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

describe('transfers and extensions', () => {
  const clock = monday();
  let t: TestApp;
  let r: Deadlines;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: DEADLINES_ENV });
    r = await Deadlines.setUp(t, clock);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('transfer requests', () => {
    it('the agency asks, the moderators refuse or accept; the deadline runs meanwhile and everything is on the timeline', async () => {
      const start = clock.now();
      const id = await r.assigned(r.triage, 'moenv');
      const assignment = await r.assignmentId(id, 'moenv');
      const dueAt = (await r.detail(id)).assignments[0].dueAt as string;
      const body = { toAgencyId: r.agency('moa'), reason: '本案涉及農業用地，非本部權責。' };
      try {
        await t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(r.ndcStaff)).send(body).expect(403);
        await t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(r.author)).send(body).expect(403);
        await t.http
          .post(`/api/v1/assignments/${assignment}/transfer`)
          .set(auth(r.moenvStaff))
          .send({ ...body, reason: '' })
          .expect(400);
        await t.http
          .post(`/api/v1/assignments/${assignment}/transfer`)
          .set(auth(r.moenvStaff))
          .send({ ...body, toAgencyId: r.agency('moenv') })
          .expect(422);
        // A double click: one request is taken, the other refused.
        const both = await Promise.all(
          [1, 2].map(() => t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(r.moenvStaff)).send(body)),
        );
        expect(both.map((x) => x.status).sort()).toEqual([201, 409]);
        const first = both.find((x) => x.status === 201)!;
        expect(first.body).toMatchObject({ status: 'pending', fromAgencyId: r.agency('moenv'), toAgencyId: r.agency('moa') });
        expect(await mailsQueued(t, `transfer.requested:${first.body.id}:`)).toBe(3); // two moderators and the admin
        const told = await mailTo(t, r.moderator.email, 'transfer.requested');
        expect(told.locale).toBe('zh-TW');
        expect(told.text).toContain('非本部權責');

        // Nothing moves until a moderator decides: the same agency, the same deadline, ten days later.
        clock.advance(10 * DAY);
        const pending = (await t.http.get('/api/v1/moderation/transfers').query({ status: 'pending' }).set(auth(r.moderator)).expect(200))
          .body;
        expect(pending.items.map((x: { id: string }) => x.id)).toContain(first.body.id);
        expect((await r.detail(id)).assignments).toEqual([expect.objectContaining({ agencyId: r.agency('moenv'), status: 'open', dueAt })]);

        await t.http.post(`/api/v1/transfers/${first.body.id}/refuse`).set(auth(r.moenvStaff)).send({ note: 'x' }).expect(403);
        await t.http.post(`/api/v1/transfers/${first.body.id}/refuse`).set(auth(r.moderator)).send({}).expect(400);
        const refused = await t.http
          .post(`/api/v1/transfers/${first.body.id}/refuse`)
          .set(auth(r.moderator))
          .send({ note: '農業部僅為協辦' })
          .expect(200);
        expect(refused.body.status).toBe('refused');
        await t.http.post(`/api/v1/transfers/${first.body.id}/accept`).set(auth(r.moderator)).send({}).expect(409);
        const refusal = await mailTo(t, r.moenvStaff.email, 'transfer.refused');
        expect(refusal.locale).toBe('zh-TW');
        expect(refusal.text).toContain('農業部僅為協辦');
        expect((await r.detail(id)).assignments[0]).toMatchObject({ agencyId: r.agency('moenv'), status: 'open', dueAt });

        const second = await t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(r.moenvStaff)).send(body).expect(201);
        await t.http.post(`/api/v1/transfers/${second.body.id}/accept`).set(auth(r.moderator)).send({}).expect(200);
        const detail = await r.detail(id);
        expect(detail.assignments.map((a: { agencyId: string; role: string; status: string }) => [a.agencyId, a.role, a.status])).toEqual([
          [r.agency('moenv'), 'lead', 'transferred'],
          [r.agency('moa'), 'lead', 'open'],
        ]);
        // The new agency gets its own full period from the transfer.
        const moa = detail.assignments[1];
        expect(new Date(moa.dueAt).getTime() - new Date(moa.assignedAt).getTime()).toBe(60 * DAY);
        expect(new Date(moa.assignedAt).getTime()).toBe(clock.now().getTime());
        expect((await mailTo(t, r.moaStaff.email, 'assignment.new', (m) => m.params.role === 'lead')).locale).toBe('en');
        // The old agency can no longer answer.
        await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(r.moenvStaff)).send(answer).expect(403);
        expect((await r.timeline(id)).map((e) => e.type).filter((x) => x.startsWith('transfer') || x === 'assigned')).toEqual([
          'assigned',
          'transfer_requested',
          'transfer_refused',
          'transfer_requested',
          'transferred',
          'assigned',
        ]);
      } finally {
        clock.set(start);
      }
    });
  });

  describe('extensions', () => {
    it('are announced with a reason and a later date, public and counted', async () => {
      const id = await r.assigned(r.triage, 'ndc', ['moenv']);
      const assignment = await r.assignmentId(id, 'ndc');
      const original = (await r.detail(id)).assignments[0].dueAt as string;
      const body = { newDueAt: '2027-04-30', reason: '需跨部會協調', progress: '已召開第一次協調會議' };

      await t.http.post(`/api/v1/assignments/${assignment}/extensions`).set(auth(r.moenvStaff)).send(body).expect(403);
      for (const newDueAt of ['soon', '2027-W10-1', '2027-123', '2027-01-01T10', '2027-02-30', '2027-03-01T12:00:00']) {
        await t.http
          .post(`/api/v1/assignments/${assignment}/extensions`)
          .set(auth(r.ndcStaff))
          .send({ ...body, newDueAt })
          .expect(400);
      }
      const earlier = await t.http
        .post(`/api/v1/assignments/${assignment}/extensions`)
        .set(auth(r.ndcStaff))
        .send({ ...body, newDueAt: '2026-12-01' })
        .expect(422);
      expect(earlier.body.message).toMatch(/^the new date must be later than the current deadline/);
      await t.http
        .post(`/api/v1/assignments/${assignment}/extensions`)
        .set(auth(r.ndcStaff))
        .send({ ...body, newDueAt: '2029-01-01' })
        .expect(422);

      const ext = await t.http.post(`/api/v1/assignments/${assignment}/extensions`).set(auth(r.ndcStaff)).send(body).expect(201);
      // A bare date is the end of that day in Taiwan.
      expect(ext.body).toMatchObject({ previousDueAt: original, newDueAt: '2027-04-30T15:59:59.999Z', reason: '需跨部會協調' });
      const lead = (await r.detail(id)).assignments[0];
      expect(lead).toMatchObject({ dueAt: '2027-04-30T15:59:59.999Z', originalDueAt: original });
      expect(lead.extensions).toEqual([
        expect.objectContaining({ reason: '需跨部會協調', progress: '已召開第一次協調會議', newDueAt: '2027-04-30T15:59:59.999Z' }),
      ]);
      expect((await r.timeline(id)).find((e) => e.type === 'deadline_extended')?.detail).toMatchObject({
        previousDueAt: original,
        reason: '需跨部會協調',
      });
      const inbox = (await t.http.get('/api/v1/agency/assignments').query({ status: 'open' }).set(auth(r.ndcStaff)).expect(200)).body.items;
      expect(inbox.find((a: { proposalId: string }) => a.proposalId === id)).toMatchObject({ extended: true, extensionCount: 1 });

      // Once answered, there is nothing left to extend.
      await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(r.ndcStaff)).send(answer).expect(201);
      await t.http
        .post(`/api/v1/assignments/${assignment}/extensions`)
        .set(auth(r.ndcStaff))
        .send({ ...body, newDueAt: '2027-05-30' })
        .expect(409);
    });

    it('cannot be announced once the deadline has passed', async () => {
      const start = clock.now();
      const id = await r.assigned(r.triage, 'moa');
      const assignment = await r.assignmentId(id, 'moa');
      try {
        clock.advance(61 * DAY);
        const late = await t.http
          .post(`/api/v1/assignments/${assignment}/extensions`)
          .set(auth(r.moaStaff))
          .send({ newDueAt: '2027-06-30', reason: '來不及' })
          .expect(422);
        expect(late.body.message).toMatch(/an overdue assignment cannot be extended$/);
        expect((await r.detail(id)).assignments[0].extensions).toEqual([]);
      } finally {
        clock.set(start);
      }
    });
  });
});
