import { ManualClock } from '#config';
import { newId } from '#database';
import { MailMessage, MailSenderService } from '#mail';
import { JobName } from '#queue';
import { ProposalsProcessor } from '../../apps/worker/src/processors/proposals.processor.js';
import { type SignedIn, auth, registerUser } from '../support/http.js';
import { mailTo, mailsQueued } from '../support/mail.js';
import { pageText } from '../support/pages.js';
import { ADMIN_ENV, DAY, Routing } from '../support/routing.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const answer = { recommendation: 'adopt', reasoning: '同意辦理。' };

describe('transfers, extensions, deadline reminders and the scoreboard', () => {
  // Monday 2026-11-30, 10:00 in Taipei.
  const clock = new ManualClock(new Date('2026-11-30T02:00:00Z'));
  let t: TestApp;
  let r: Routing;
  let triage: string;
  let moenvStaff: SignedIn;
  let moaStaff: SignedIn;
  let ndcStaff: SignedIn;
  let secondModerator: SignedIn;

  /** Runs a scheduled job the way the worker does; tests run each one twice, and concurrently, to prove idempotence. */
  const run = (name: typeof JobName.AssignmentDeadlines | typeof JobName.AssignmentOverdueDigest) =>
    t.app.get(ProposalsProcessor).handlers[name]!({} as never, {} as never);

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...ADMIN_ENV, WORKER_SCHEDULES: 'false' } });
    r = await Routing.setUp(t, clock);
    triage = await r.call({ routeToSuggestedAgency: false });
    moenvStaff = await r.staffOf('moenv');
    moaStaff = await r.staffOf('moa', { locale: 'en' });
    ndcStaff = await r.staffOf('ndc');
    secondModerator = await r.withRoles(await registerUser(t, { locale: 'en' }), ['moderator']);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('transfer requests', () => {
    it('the agency asks, the moderators refuse or accept; the deadline runs meanwhile and everything is on the timeline', async () => {
      const start = clock.now();
      const id = await r.assigned(triage, 'moenv');
      const assignment = await r.assignmentId(id, 'moenv');
      const dueAt = (await r.detail(id)).assignments[0].dueAt as string;
      const body = { toAgencyId: r.agency('moa'), reason: '本案涉及農業用地，非本部權責。' };
      try {
        await t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(ndcStaff)).send(body).expect(403);
        await t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(r.author)).send(body).expect(403);
        await t.http
          .post(`/api/v1/assignments/${assignment}/transfer`)
          .set(auth(moenvStaff))
          .send({ ...body, reason: '' })
          .expect(400);
        await t.http
          .post(`/api/v1/assignments/${assignment}/transfer`)
          .set(auth(moenvStaff))
          .send({ ...body, toAgencyId: r.agency('moenv') })
          .expect(422);
        // A double click: one request is taken, the other refused.
        const both = await Promise.all(
          [1, 2].map(() => t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(moenvStaff)).send(body)),
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

        await t.http.post(`/api/v1/transfers/${first.body.id}/refuse`).set(auth(moenvStaff)).send({ note: 'x' }).expect(403);
        await t.http.post(`/api/v1/transfers/${first.body.id}/refuse`).set(auth(r.moderator)).send({}).expect(400);
        const refused = await t.http
          .post(`/api/v1/transfers/${first.body.id}/refuse`)
          .set(auth(r.moderator))
          .send({ note: '農業部僅為協辦' })
          .expect(200);
        expect(refused.body.status).toBe('refused');
        await t.http.post(`/api/v1/transfers/${first.body.id}/accept`).set(auth(r.moderator)).send({}).expect(409);
        const refusal = await mailTo(t, moenvStaff.email, 'transfer.refused');
        expect(refusal.locale).toBe('zh-TW');
        expect(refusal.text).toContain('農業部僅為協辦');
        expect((await r.detail(id)).assignments[0]).toMatchObject({ agencyId: r.agency('moenv'), status: 'open', dueAt });

        const second = await t.http.post(`/api/v1/assignments/${assignment}/transfer`).set(auth(moenvStaff)).send(body).expect(201);
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
        expect((await mailTo(t, moaStaff.email, 'assignment.new', (m) => m.params.role === 'lead')).locale).toBe('en');
        // The old agency can no longer answer.
        await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(moenvStaff)).send(answer).expect(403);
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
      const id = await r.assigned(triage, 'ndc', ['moenv']);
      const assignment = await r.assignmentId(id, 'ndc');
      const original = (await r.detail(id)).assignments[0].dueAt as string;
      const body = { newDueAt: '2027-04-30', reason: '需跨部會協調', progress: '已召開第一次協調會議' };

      await t.http.post(`/api/v1/assignments/${assignment}/extensions`).set(auth(moenvStaff)).send(body).expect(403);
      for (const newDueAt of ['soon', '2027-W10-1', '2027-123', '2027-01-01T10', '2027-02-30', '2027-03-01T12:00:00']) {
        await t.http
          .post(`/api/v1/assignments/${assignment}/extensions`)
          .set(auth(ndcStaff))
          .send({ ...body, newDueAt })
          .expect(400);
      }
      const earlier = await t.http
        .post(`/api/v1/assignments/${assignment}/extensions`)
        .set(auth(ndcStaff))
        .send({ ...body, newDueAt: '2026-12-01' })
        .expect(422);
      expect(earlier.body.message).toMatch(/^the new date must be later than the current deadline/);
      await t.http
        .post(`/api/v1/assignments/${assignment}/extensions`)
        .set(auth(ndcStaff))
        .send({ ...body, newDueAt: '2029-01-01' })
        .expect(422);

      const ext = await t.http.post(`/api/v1/assignments/${assignment}/extensions`).set(auth(ndcStaff)).send(body).expect(201);
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
      const inbox = (await t.http.get('/api/v1/agency/assignments').query({ status: 'open' }).set(auth(ndcStaff)).expect(200)).body.items;
      expect(inbox.find((a: { proposalId: string }) => a.proposalId === id)).toMatchObject({ extended: true, extensionCount: 1 });

      // Once answered, there is nothing left to extend.
      await t.http.post(`/api/v1/proposals/${id}/responses`).set(auth(ndcStaff)).send(answer).expect(201);
      await t.http
        .post(`/api/v1/assignments/${assignment}/extensions`)
        .set(auth(ndcStaff))
        .send({ ...body, newDueAt: '2027-05-30' })
        .expect(409);
    });

    it('cannot be announced once the deadline has passed', async () => {
      const start = clock.now();
      const id = await r.assigned(triage, 'moa');
      const assignment = await r.assignmentId(id, 'moa');
      try {
        clock.advance(61 * DAY);
        const late = await t.http
          .post(`/api/v1/assignments/${assignment}/extensions`)
          .set(auth(moaStaff))
          .send({ newDueAt: '2027-06-30', reason: '來不及' })
          .expect(422);
        expect(late.body.message).toMatch(/an overdue assignment cannot be extended$/);
        expect((await r.detail(id)).assignments[0].extensions).toEqual([]);
      } finally {
        clock.set(start);
      }
    });
  });

  describe('reminders', () => {
    it('reminds the agency 14 and 3 days ahead and sends the overdue notice the day after, each once, however often the job runs', async () => {
      const start = clock.now();
      const id = await r.assigned(triage, 'moa');
      const assignment = await r.assignmentId(id, 'moa');
      const due = new Date((await r.detail(id)).assignments[0].dueAt as string).getTime();
      const key = (kind: string) => `assignment.${kind}:${assignment}:`;
      const sent = async () => [
        await mailsQueued(t, key('due_14d')),
        await mailsQueued(t, key('due_3d')),
        await mailsQueued(t, key('overdue')),
      ];
      const twice = async () => {
        await Promise.all([run(JobName.AssignmentDeadlines), run(JobName.AssignmentDeadlines)]);
        await run(JobName.AssignmentDeadlines);
      };
      try {
        await twice();
        expect(await sent()).toEqual([0, 0, 0]);

        clock.set(new Date(due - 14 * DAY + HOUR));
        await twice();
        expect(await sent()).toEqual([1, 0, 0]); // the one staff member of moa
        const early = await mailTo(t, moaStaff.email, 'assignment.reminder', (m) => m.params.daysLeft === 14);
        expect(early.locale).toBe('en');
        expect(early.text).toContain('Ministry of Agriculture');

        clock.set(new Date(due - 3 * DAY + HOUR));
        await twice();
        expect(await sent()).toEqual([1, 1, 0]);
        expect((await mailTo(t, moaStaff.email, 'assignment.reminder', (m) => m.params.daysLeft === 3)).locale).toBe('en');

        // On the due day itself: nothing yet.
        clock.set(new Date(due + 2 * HOUR));
        await twice();
        expect(await sent()).toEqual([1, 1, 0]);

        // The day after: the agency, both moderators and the admin are told, once.
        clock.set(new Date(due + DAY + HOUR));
        await twice();
        expect(await sent()).toEqual([1, 1, 4]);
        expect((await mailTo(t, r.moderator.email, 'assignment.overdue')).locale).toBe('zh-TW');
        expect((await mailTo(t, secondModerator.email, 'assignment.overdue')).locale).toBe('en');
        const inbox = (await t.http.get('/api/v1/agency/assignments').query({ status: 'open' }).set(auth(moaStaff)).expect(200)).body.items;
        expect(inbox.find((a: { proposalId: string }) => a.proposalId === id).overdue).toBe(true);
        clock.advance(5 * DAY);
        await twice();
        expect(await sent()).toEqual([1, 1, 4]);
      } finally {
        clock.set(start);
      }
    });

    it('starts again for the new date after an extension, and stops once the agency has answered', async () => {
      const start = clock.now();
      const extended = await r.assigned(triage, 'moenv');
      const answered = await r.assigned(triage, 'moenv');
      const [ea, aa] = [await r.assignmentId(extended, 'moenv'), await r.assignmentId(answered, 'moenv')];
      await t.http.post(`/api/v1/proposals/${answered}/responses`).set(auth(moenvStaff)).send(answer).expect(201);
      const due = new Date((await r.detail(extended)).assignments[0].dueAt as string).getTime();
      try {
        clock.set(new Date(due - 3 * DAY + HOUR));
        await run(JobName.AssignmentDeadlines);
        expect(await mailsQueued(t, `assignment.due_3d:${ea}:`)).toBe(1);
        const newDue = new Date(due + 30 * DAY).toISOString();
        await t.http
          .post(`/api/v1/assignments/${ea}/extensions`)
          .set(auth(moenvStaff))
          .send({ newDueAt: newDue, reason: '尚待預算審議' })
          .expect(201);
        clock.set(new Date(due + 30 * DAY - 3 * DAY + HOUR));
        await run(JobName.AssignmentDeadlines);
        await run(JobName.AssignmentDeadlines);
        expect(await mailsQueued(t, `assignment.due_3d:${ea}:${newDue}:`)).toBe(1);
        expect(await mailsQueued(t, `assignment.due_3d:${ea}:`)).toBe(2);
        // The answered assignment (same deadline) got none of them.
        for (const at of [due - 14 * DAY + HOUR, due - 3 * DAY + HOUR, due + 2 * DAY]) {
          clock.set(new Date(at));
          await run(JobName.AssignmentDeadlines);
        }
        expect(await mailsQueued(t, `assignment.overdue:${ea}:`)).toBe(0); // extended: not overdue yet
        expect(
          (await mailsQueued(t, `assignment.due_14d:${aa}:`)) +
            (await mailsQueued(t, `assignment.due_3d:${aa}:`)) +
            (await mailsQueued(t, `assignment.overdue:${aa}:`)),
        ).toBe(0);
      } finally {
        clock.set(start);
      }
    });
  });

  describe('unsubscribing', () => {
    it("staff and moderators can leave their agency's or the moderators' mail through the link in it", async () => {
      const start = clock.now();
      const [quiet, busy] = [await r.staffOf('moi'), await r.staffOf('moi')];
      const id = await r.assigned(triage, 'moi');
      const assignment = await r.assignmentId(id, 'moi');
      const mail = await mailTo(t, quiet.email, 'assignment.new');
      const link = new URL(mail.headers['list-unsubscribe']!.replace(/^<|>$/g, ''));
      expect(link.searchParams.get('scope')).toBe('agency');
      expect(mail.params.unsubscribeUrl).toBe(link.href);
      expect(mail.text).toContain(link.href);
      expect((await t.http.get(`/unsubscribe${link.search}`).expect(200)).text).toContain(
        pageText('zh-TW', 'pages.unsubscribe.what.agency'),
      );
      await t.http.post(`/unsubscribe${link.search.replace(/sig=[^&]+/, 'sig=forged')}`).expect(400);
      await t.http.post(`/unsubscribe${link.search.replace('scope=agency', 'scope=moderation')}`).expect(400);
      // The same signature passed off as a proposal link ("scope:agency" as the proposal) is refused too.
      await t.http.post(`/unsubscribe?proposal=scope:agency&user=${quiet.id}&sig=${link.searchParams.get('sig')}`).expect(400);
      for (const odd of ['scope=constructor', 'scope=__proto__', 'user=a&user=b', '']) await t.http.get(`/unsubscribe?${odd}`).expect(200);

      // A mail queued before the click (its job not yet run: the row is written without one here) is not sent after it.
      const queuedEarlier = newId();
      const now = new Date();
      await t.ds.getRepository(MailMessage).insert({
        id: queuedEarlier,
        idempotencyKey: `test:queued-earlier:${quiet.id}`,
        template: 'assignment.reminder',
        locale: 'zh-TW',
        toAddress: quiet.email,
        userId: quiet.id,
        optOutScope: 'agency',
        status: 'pending',
        attempts: 0,
        params: {
          displayName: 'x',
          title: '早先排入的提醒',
          url: 'x',
          agencyZh: 'x',
          agencyEn: 'x',
          roleZh: 'x',
          roleEn: 'x',
          due: 'x',
          daysLeft: 1,
        },
        leaseUntil: null,
        sentAt: null,
        providerMessageId: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      });
      await t.http.post(`/unsubscribe${link.search}`).expect(200);
      await expect(t.app.get(MailSenderService).send(queuedEarlier)).resolves.toBe('cancelled');
      await expect(t.app.get(MailSenderService).send(queuedEarlier)).resolves.toBe('cancelled');
      expect(t.mail.find((m) => m.subject.includes('早先排入的提醒'))).toEqual([]);
      try {
        const due = new Date((await r.detail(id)).assignments[0].dueAt as string).getTime();
        clock.set(new Date(due - 3 * DAY + HOUR));
        await run(JobName.AssignmentDeadlines);
        expect(await mailsQueued(t, `assignment.due_3d:${assignment}:`)).toBe(1);
        expect(await mailsQueued(t, `assignment.due_3d:${assignment}:${new Date(due).toISOString()}:${busy.id}`)).toBe(1);
        expect(await mailsQueued(t, `assignment.due_3d:${assignment}:${new Date(due).toISOString()}:${quiet.id}`)).toBe(0);
      } finally {
        clock.set(start);
      }
    });
  });

  describe('weekly digest', () => {
    it('lists the overdue assignments to every moderator once a week', async () => {
      const start = clock.now();
      const id = await r.qualified(triage, [], '逾期週報測試提案');
      await r.assign(id, 'ndc', 'lead');
      try {
        clock.set(new Date(start.getTime() + 61 * DAY)); // Saturday 2027-01-30 in Taipei
        await Promise.all([run(JobName.AssignmentOverdueDigest), run(JobName.AssignmentOverdueDigest)]);
        await run(JobName.AssignmentOverdueDigest);
        expect(await mailsQueued(t, 'assignment.overdue-digest:2027-01-25:')).toBe(3);
        const digest = await mailTo(t, r.moderator.email, 'assignment.overdue-digest');
        expect(digest.locale).toBe('zh-TW');
        expect(digest.params.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ title: '逾期週報測試提案', agencyZh: '國家發展委員會', role: 'lead' })]),
        );
        expect(digest.text).toContain('逾期週報測試提案');
        expect(digest.text).toContain('國家發展委員會');
        expect((await mailTo(t, secondModerator.email, 'assignment.overdue-digest')).locale).toBe('en');

        clock.advance(7 * DAY);
        await run(JobName.AssignmentOverdueDigest);
        expect(await mailsQueued(t, 'assignment.overdue-digest:2027-02-01:')).toBe(3);
      } finally {
        clock.set(start);
      }
    });
  });

  describe('scoreboard', () => {
    it("shows each agency's record: assigned, answered, on time, overdue now, median days and recommendations", async () => {
      const start = clock.now();
      const callId = await r.call({ routeToSuggestedAgency: false, responseDays: 30 });
      const onTime = await r.assigned(callId, 'moenv', ['ndc']);
      const late = await r.assigned(callId, 'moenv');
      const extended = await r.assigned(callId, 'moenv');
      const rerouted = await r.assigned(callId, 'moenv');
      await r.assign(rerouted, 'moa', 'lead');
      const waiting = await r.qualified(callId, [], '稍後才指派的提案');
      try {
        clock.advance(10 * DAY);
        await t.http
          .post(`/api/v1/proposals/${onTime}/responses`)
          .set(auth(moenvStaff))
          .send({ ...answer, recommendation: 'partially_adopt' })
          .expect(201);
        const newDueAt = new Date(start.getTime() + 60 * DAY).toISOString();
        await t.http
          .post(`/api/v1/assignments/${await r.assignmentId(extended, 'moenv')}/extensions`)
          .set(auth(moenvStaff))
          .send({ newDueAt, reason: '待協調' })
          .expect(201);
        clock.advance(30 * DAY);
        await t.http
          .post(`/api/v1/proposals/${late}/responses`)
          .set(auth(moenvStaff))
          .send({ ...answer, recommendation: 'not_adopt' })
          .expect(201);
        await t.http
          .post(`/api/v1/proposals/${extended}/responses`)
          .set(auth(moenvStaff))
          .send({ ...answer, recommendation: 'not_adopt' })
          .expect(201);
        await r.assign(waiting, 'moenv', 'lead'); // still open
        clock.advance(31 * DAY); // ... and overdue

        const board = (await t.http.get('/api/v1/scoreboard/agencies').query({ callId }).expect(200)).body;
        const moenv = board.items.find((x: { code: string }) => x.code === 'moenv');
        // Answered after 10 days (on time), 40 days (late) and 40 days (late, but within its extension).
        expect(moenv).toMatchObject({
          nameZh: '環境部',
          assigned: 4,
          asLead: 4,
          answered: 3,
          answeredOnTime: 2,
          answeredWithinOriginalDeadline: 1,
          openNow: 1,
          overdueNow: 1,
          extended: 1,
          extensions: 1,
          medianDaysToAnswer: 40,
          recommendations: { adopt: 0, partially_adopt: 1, not_adopt: 2 },
        });
        expect(board.items.find((x: { code: string }) => x.code === 'ndc')).toMatchObject({ assigned: 1, answered: 0, overdueNow: 1 });
        expect(board.items.find((x: { code: string }) => x.code === 'moa')).toMatchObject({ assigned: 1, overdueNow: 1 });
        await t.http.get('/api/v1/scoreboard/agencies').query({ callId: 'nope' }).expect(400);
      } finally {
        clock.set(start);
      }
    });
  });
});
