import { newId } from '#database';
import { MailSenderService } from '#mail';
import { JobName } from '#queue';
import { insertPendingMail } from '../support/factories/index.js';
import { DEADLINES_ENV, Deadlines, HOUR, answer, monday } from '../support/deadlines.js';
import { auth } from '../support/http.js';
import { mailTo, mailsQueued } from '../support/mail.js';
import { pageText } from '../support/pages.js';
import { DAY } from '../support/routing.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

describe('deadline reminders, unsubscribing, the weekly digest and the scoreboard', () => {
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

  describe('reminders', () => {
    it('reminds the agency 14 and 3 days ahead and sends the overdue notice the day after, each once, however often the job runs', async () => {
      const start = clock.now();
      const id = await r.assigned(r.triage, 'moa');
      const assignment = await r.assignmentId(id, 'moa');
      const due = new Date((await r.detail(id)).assignments[0].dueAt as string).getTime();
      const key = (kind: string) => `assignment.${kind}:${assignment}:`;
      const sent = async () => [
        await mailsQueued(t, key('due_14d')),
        await mailsQueued(t, key('due_3d')),
        await mailsQueued(t, key('overdue')),
      ];
      const twice = async () => {
        await Promise.all([r.run(JobName.AssignmentDeadlines), r.run(JobName.AssignmentDeadlines)]);
        await r.run(JobName.AssignmentDeadlines);
      };
      try {
        await twice();
        expect(await sent()).toEqual([0, 0, 0]);

        clock.set(new Date(due - 14 * DAY + HOUR));
        await twice();
        expect(await sent()).toEqual([1, 0, 0]); // the one staff member of moa
        const early = await mailTo(t, r.moaStaff.email, 'assignment.reminder', (m) => m.params.daysLeft === 14);
        expect(early.locale).toBe('en');
        expect(early.text).toContain('Ministry of Agriculture');

        clock.set(new Date(due - 3 * DAY + HOUR));
        await twice();
        expect(await sent()).toEqual([1, 1, 0]);
        expect((await mailTo(t, r.moaStaff.email, 'assignment.reminder', (m) => m.params.daysLeft === 3)).locale).toBe('en');

        // On the due day itself: nothing yet.
        clock.set(new Date(due + 2 * HOUR));
        await twice();
        expect(await sent()).toEqual([1, 1, 0]);

        // The day after: the agency, both moderators and the admin are told, once.
        clock.set(new Date(due + DAY + HOUR));
        await twice();
        expect(await sent()).toEqual([1, 1, 4]);
        expect((await mailTo(t, r.moderator.email, 'assignment.overdue')).locale).toBe('zh-TW');
        expect((await mailTo(t, r.secondModerator.email, 'assignment.overdue')).locale).toBe('en');
        const inbox = (await t.http.get('/api/v1/agency/assignments').query({ status: 'open' }).set(auth(r.moaStaff)).expect(200)).body
          .items;
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
      const extended = await r.assigned(r.triage, 'moenv');
      const answered = await r.assigned(r.triage, 'moenv');
      const [ea, aa] = [await r.assignmentId(extended, 'moenv'), await r.assignmentId(answered, 'moenv')];
      await t.http.post(`/api/v1/proposals/${answered}/responses`).set(auth(r.moenvStaff)).send(answer).expect(201);
      const due = new Date((await r.detail(extended)).assignments[0].dueAt as string).getTime();
      try {
        clock.set(new Date(due - 3 * DAY + HOUR));
        await r.run(JobName.AssignmentDeadlines);
        expect(await mailsQueued(t, `assignment.due_3d:${ea}:`)).toBe(1);
        const newDue = new Date(due + 30 * DAY).toISOString();
        await t.http
          .post(`/api/v1/assignments/${ea}/extensions`)
          .set(auth(r.moenvStaff))
          .send({ newDueAt: newDue, reason: '尚待預算審議' })
          .expect(201);
        clock.set(new Date(due + 30 * DAY - 3 * DAY + HOUR));
        await r.run(JobName.AssignmentDeadlines);
        await r.run(JobName.AssignmentDeadlines);
        expect(await mailsQueued(t, `assignment.due_3d:${ea}:${newDue}:`)).toBe(1);
        expect(await mailsQueued(t, `assignment.due_3d:${ea}:`)).toBe(2);
        // The answered assignment (same deadline) got none of them.
        for (const at of [due - 14 * DAY + HOUR, due - 3 * DAY + HOUR, due + 2 * DAY]) {
          clock.set(new Date(at));
          await r.run(JobName.AssignmentDeadlines);
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
      const id = await r.assigned(r.triage, 'moi');
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
      await insertPendingMail(t, {
        id: queuedEarlier,
        idempotencyKey: `test:queued-earlier:${quiet.id}`,
        template: 'assignment.reminder',
        locale: 'zh-TW',
        toAddress: quiet.email,
        userId: quiet.id,
        optOutScope: 'agency',
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
      });
      await t.http.post(`/unsubscribe${link.search}`).expect(200);
      await expect(t.app.get(MailSenderService).send(queuedEarlier)).resolves.toBe('cancelled');
      await expect(t.app.get(MailSenderService).send(queuedEarlier)).resolves.toBe('cancelled');
      expect(t.mail.find((m) => m.subject.includes('早先排入的提醒'))).toEqual([]);
      try {
        const due = new Date((await r.detail(id)).assignments[0].dueAt as string).getTime();
        clock.set(new Date(due - 3 * DAY + HOUR));
        await r.run(JobName.AssignmentDeadlines);
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
      const id = await r.qualified(r.triage, [], '逾期週報測試提案');
      await r.assign(id, 'ndc', 'lead');
      try {
        clock.set(new Date(start.getTime() + 61 * DAY)); // Saturday 2027-01-30 in Taipei
        await Promise.all([r.run(JobName.AssignmentOverdueDigest), r.run(JobName.AssignmentOverdueDigest)]);
        await r.run(JobName.AssignmentOverdueDigest);
        expect(await mailsQueued(t, 'assignment.overdue-digest:2027-01-25:')).toBe(3);
        const digest = await mailTo(t, r.moderator.email, 'assignment.overdue-digest');
        expect(digest.locale).toBe('zh-TW');
        expect(digest.params.items).toEqual(
          expect.arrayContaining([expect.objectContaining({ title: '逾期週報測試提案', agencyZh: '國家發展委員會', role: 'lead' })]),
        );
        expect(digest.text).toContain('逾期週報測試提案');
        expect(digest.text).toContain('國家發展委員會');
        expect((await mailTo(t, r.secondModerator.email, 'assignment.overdue-digest')).locale).toBe('en');

        clock.advance(7 * DAY);
        await r.run(JobName.AssignmentOverdueDigest);
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
          .set(auth(r.moenvStaff))
          .send({ ...answer, recommendation: 'partially_adopt' })
          .expect(201);
        const newDueAt = new Date(start.getTime() + 60 * DAY).toISOString();
        await t.http
          .post(`/api/v1/assignments/${await r.assignmentId(extended, 'moenv')}/extensions`)
          .set(auth(r.moenvStaff))
          .send({ newDueAt, reason: '待協調' })
          .expect(201);
        clock.advance(30 * DAY);
        await t.http
          .post(`/api/v1/proposals/${late}/responses`)
          .set(auth(r.moenvStaff))
          .send({ ...answer, recommendation: 'not_adopt' })
          .expect(201);
        await t.http
          .post(`/api/v1/proposals/${extended}/responses`)
          .set(auth(r.moenvStaff))
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
