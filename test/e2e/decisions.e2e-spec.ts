import { ManualClock } from '#config';
import { JobName } from '#queue';
import { ProposalsProcessor } from '../../apps/worker/src/processors/proposals.processor.js';
import { count } from '../support/database.js';
import {
  insertAssignment,
  insertCall,
  insertDecision,
  insertEndorsements,
  insertMeeting,
  insertMember,
  insertProposal,
  insertTaskForce,
  insertUsers,
} from '../support/factories/index.js';
import { type SignedIn, auth, registerUser } from '../support/http.js';
import { mailTo, mailsQueued, sentMails } from '../support/mail.js';
import { pageText, pageWord } from '../support/pages.js';
import { ADMIN_ENV, Routing } from '../support/routing.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

const consensus = { outcome: 'adopted', method: 'consensus', reasoning: '與會委員討論後，共識採納本提案。' };
const vote = (agreedToVote: number, votesFor: number, more: Record<string, unknown> = {}) => ({
  outcome: 'adopted',
  method: 'vote',
  reasoning: '未能達成共識，經出席委員過半數同意後表決。',
  agreedToVote,
  votesFor,
  votesAgainst: 0,
  abstentions: 0,
  ...more,
});

describe('decisions: the task force decides answered proposals, by the rule of seed 003, once, in public', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let r: Routing;
  let taskForce: SignedIn;
  let callId: string;
  /** A meeting of ten attendees (five government, five civil society) held last month. */
  let meeting: { id: string; number: number };
  let heldOn: string;

  const decisions = () => count(t, 'decisions');
  /** A `responded` proposal of the author's, written straight to the database, with an open co-agency assignment. */
  const responded = async (title?: string) => {
    const id = await insertProposal(t.ds, { callId, authorId: r.author.id, status: 'responded', title });
    await insertAssignment(t.ds, { proposalId: id, agencyId: r.agency('moenv'), status: 'answered' });
    await insertAssignment(t.ds, { proposalId: id, agencyId: r.agency('ndc'), role: 'co' });
    return id;
  };
  const decide = (proposalId: string, body: Record<string, unknown>, who: { token: string } = taskForce) =>
    t.http
      .post(`/api/v1/proposals/${proposalId}/decision`)
      .set(auth(who))
      .send({ meetingId: meeting.id, ...body });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...ADMIN_ENV, WORKER_SCHEDULES: 'false' } });
    r = await Routing.setUp(t, clock);
    taskForce = await r.withRoles(await registerUser(t, { displayName: '推動小組幕僚' }), ['task_force']);
    callId = await insertCall(t.ds);
    // Held today (Taiwan): a decision is taken at a meeting held once the lead agency has answered.
    heldOn = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const members = await insertTaskForce(t.ds, 5, r.agency('moenv'));
    meeting = await insertMeeting(t.ds, { attendeeIds: members.all, createdBy: taskForce.id, heldOn });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('members', () => {
    it('a government member names an existing agency, a civil-society one none; the balance counts current members', async () => {
      const before = (await t.http.get('/api/v1/task-force/members').expect(200)).body.balance;
      const add = (body: Record<string, unknown>, who: { token: string } = taskForce) =>
        t.http.post('/api/v1/task-force/members').set(auth(who)).send(body);
      const rows = await count(t, 'task_force_members');
      expect((await add({ name: '政府委員', side: 'government', role: 'member', since: '2024-01-01' }).expect(422)).body.message).toContain(
        'a government member names their agency',
      );
      await add({
        name: '政府委員',
        side: 'government',
        role: 'member',
        agencyId: '00000000-0000-4000-8000-000000000000',
        since: '2024-01-01',
      }).expect(422);
      expect(
        (await add({ name: '民間委員', side: 'civil_society', role: 'member', agencyId: r.agency('ndc'), since: '2024-01-01' }).expect(422))
          .body.message,
      ).toContain('a civil-society member names no agency');
      await add({ name: '民間委員', side: 'civil_society', role: 'member', since: '2024-02-01', until: '2024-01-01' }).expect(422);
      await add({ name: '民間委員', side: 'civil_society', role: 'member', since: '2024-02-30' }).expect(400);
      await add({ name: '民間委員', side: 'civil_society', role: 'member', since: '2024-01-01' }, r.author).expect(403);
      await t.http
        .post('/api/v1/task-force/members')
        .send({ name: 'x', side: 'civil_society', role: 'member', since: '2024-01-01' })
        .expect(401);
      expect(await count(t, 'task_force_members')).toBe(rows);

      const gov = await add({
        name: '國發會副主委',
        side: 'government',
        role: 'member',
        agencyId: r.agency('ndc'),
        since: '2024-01-01',
      }).expect(201);
      expect(gov.body).toMatchObject({ side: 'government', agencyId: r.agency('ndc'), since: '2024-01-01', until: null, current: true });
      await add({ name: '前任民間委員', side: 'civil_society', role: 'member', since: '2020-01-01', until: '2022-12-31' }).expect(201);
      await add({ name: '下屆民間委員', side: 'civil_society', role: 'member', since: '2999-01-01' }).expect(201);
      const list = (await t.http.get('/api/v1/task-force/members').expect(200)).body;
      expect(list.balance).toEqual({ government: before.government + 1, civilSociety: before.civilSociety });
      expect(list.items.find((m: { id: string }) => m.id === gov.body.id)).toMatchObject({ name: '國發會副主委', current: true });

      const moved = await t.http
        .put(`/api/v1/task-force/members/${gov.body.id}`)
        .set(auth(taskForce))
        .send({
          name: '國發會副主委',
          side: 'government',
          role: 'member',
          agencyId: r.agency('ndc'),
          since: '2024-01-01',
          until: '2024-12-31',
        })
        .expect(200);
      expect(moved.body).toMatchObject({ until: '2024-12-31', current: false });
      await t.http
        .put('/api/v1/task-force/members/00000000-0000-4000-8000-000000000000')
        .set(auth(taskForce))
        .send({ name: 'x', side: 'civil_society', role: 'member', since: '2024-01-01' })
        .expect(404);
    });

    it('one convener and one co-convener at a time, the co-convener from the non-government members', async () => {
      const add = (body: Record<string, unknown>) => t.http.post('/api/v1/task-force/members').set(auth(taskForce)).send(body);
      await add({
        name: '政務委員',
        side: 'government',
        role: 'convener',
        agencyId: r.agency('ndc'),
        since: '2020-08-01',
        until: '2024-05-19',
      }).expect(201);
      const second = await add({
        name: '另一位召集人',
        side: 'government',
        role: 'convener',
        agencyId: r.agency('ndc'),
        since: '2024-05-01',
      }).expect(422);
      expect(second.body.message).toContain('at most one convener at a time');
      await add({ name: '新任政務委員', side: 'government', role: 'convener', agencyId: r.agency('ndc'), since: '2024-05-20' }).expect(201);
      expect(
        (
          await add({ name: '國發會主委', side: 'government', role: 'co_convener', agencyId: r.agency('ndc'), since: '2024-01-01' }).expect(
            422,
          )
        ).body.message,
      ).toContain('the co-convener is appointed from the non-government members');
      const co = await add({ name: '民間共同召集人', side: 'civil_society', role: 'co_convener', since: '2024-01-01' }).expect(201);
      await add({ name: '另一位共同召集人', side: 'civil_society', role: 'co_convener', since: '2025-01-01' }).expect(422);
      // Two at once: the roster takes one of them.
      const both = await Promise.all(
        [1, 2].map((i) => add({ name: `同時 ${i}`, side: 'civil_society', role: 'co_convener', since: '2000-01-01', until: '2001-01-01' })),
      );
      expect(both.map((x) => x.status).sort()).toEqual([201, 422]);
      // Its own period may change without clashing with itself.
      await t.http
        .put(`/api/v1/task-force/members/${co.body.id}`)
        .set(auth(taskForce))
        .send({ name: '民間共同召集人', side: 'civil_society', role: 'co_convener', since: '2023-06-01' })
        .expect(200);
    });
  });

  describe('meetings', () => {
    it('takes attendees who are members on the day, public agenda proposals, http(s) links and a unique number', async () => {
      const current = await insertMember(t.ds, { name: '出席委員', since: '2025-01-01' });
      const former = await insertMember(t.ds, { name: '卸任委員', since: '2020-01-01', until: '2024-12-31' });
      const gov = await insertMember(t.ds, { name: '機關委員', side: 'government', agencyId: r.agency('moenv'), since: '2025-01-01' });
      const publicOne = await insertProposal(t.ds, { callId, authorId: r.author.id, status: 'responded' });
      const underReview = await insertProposal(t.ds, { callId, authorId: r.author.id, status: 'pending_review' });
      const body = {
        number: 90,
        heldOn: '2025-03-01',
        titleZh: '推動小組第 90 次會議',
        titleEn: 'Task force meeting No. 90',
        attendeeIds: [current, gov],
        agendaProposalIds: [publicOne],
        minutesUrl: 'https://www.ndc.gov.tw/minutes/90.pdf',
        minutesZh: '會議紀錄',
      };
      const post = (b: Record<string, unknown>, who: { token: string } = taskForce) =>
        t.http.post('/api/v1/meetings').set(auth(who)).send(b);
      const rows = await count(t, 'meetings');
      const notMember = await post({ ...body, attendeeIds: [current, former] }).expect(422);
      expect(notMember.body.message).toContain('attendees must be members on the day of the meeting');
      expect(notMember.body.message).toContain(former);
      await post({ ...body, attendeeIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
      expect((await post({ ...body, agendaProposalIds: [underReview] }).expect(422)).body.message).toContain(
        'agenda proposals must exist and be public',
      );
      await post({ ...body, minutesUrl: 'javascript:alert(1)' }).expect(400);
      await post({ ...body, transcriptUrl: 'ftp://example.org/x' }).expect(400);
      await post({ ...body, attendeeIds: [] }).expect(400);
      await post(body, r.author).expect(403);
      expect(await count(t, 'meetings')).toBe(rows);

      const created = await post(body).expect(201);
      expect(created.body).toMatchObject({
        number: 90,
        heldOn: '2025-03-01',
        balance: { government: 1, civilSociety: 1 },
        agenda: [{ proposalId: publicOne, position: 1 }],
        decisions: [],
      });
      expect(created.body.attendees.map((a: { id: string }) => a.id).sort()).toEqual([current, gov].sort());
      expect((await post(body).expect(409)).body.message).toBe('meeting No. 90 already exists');
      const shown = await t.http.get(`/api/v1/meetings/${created.body.id}`).expect(200);
      expect(shown.body.minutesUrl).toBe(body.minutesUrl);
      const list = (await t.http.get('/api/v1/meetings?pageSize=100').expect(200)).body;
      expect(list.items.find((m: { id: string }) => m.id === created.body.id)).toMatchObject({
        attendeeCount: 2,
        balance: { government: 1, civilSociety: 1 },
      });
      await t.http.get('/api/v1/meetings/00000000-0000-4000-8000-000000000000').expect(404);
      // A membership cannot be cut short of a meeting its member attended.
      await t.http
        .put(`/api/v1/task-force/members/${current}`)
        .set(auth(taskForce))
        .send({ name: '出席委員', side: 'civil_society', role: 'member', since: '2025-04-01' })
        .expect(422);
    });
  });

  describe('the vote rule (seed 003), on a meeting of ten attendees', () => {
    it('holds a vote only if more than half agree to vote: five of ten is refused, six passes', async () => {
      const id = await responded();
      const before = await decisions();
      const half = await decide(id, vote(5, 6)).expect(422);
      expect(half.body.message).toContain('agreedToVote * 2 > attendees');
      expect(await decisions()).toBe(before);
      expect(await statusOf(id)).toBe('responded');
      const res = await decide(id, vote(6, 6, { votesAgainst: 4 })).expect(201);
      expect(res.body).toMatchObject({ method: 'vote', attendees: 10, agreedToVote: 6, votesFor: 6, votesAgainst: 4, abstentions: 0 });
    });

    it('adopts with exactly half of the attendees; one fewer is refused', async () => {
      const short = await responded();
      expect((await decide(short, vote(10, 4, { votesAgainst: 6 })).expect(422)).body.message).toContain('votesFor * 2 >= attendees');
      expect(
        (await decide(short, vote(10, 4, { outcome: 'conditionally_adopted', condition: '視工作分組結果而定' })).expect(422)).body.message,
      ).toContain('votesFor * 2 >= attendees');
      expect(await statusOf(short)).toBe('responded');
      const half = await responded();
      const res = await decide(half, vote(10, 5, { votesAgainst: 5 })).expect(201);
      expect(res.body).toMatchObject({ outcome: 'adopted', votesFor: 5, adopting: true });
      // One fewer than half cannot adopt, and is a plain not_adopted; half cannot be not_adopted.
      const not = await responded();
      expect((await decide(not, vote(10, 5, { outcome: 'not_adopted', votesAgainst: 5 })).expect(422)).body.message).toContain(
        'not_adopted contradicts it',
      );
      await decide(not, vote(10, 4, { outcome: 'not_adopted', votesAgainst: 6 })).expect(201);
    });

    it('never counts more than the attendees, and takes only non-negative integers', async () => {
      const id = await responded();
      const before = await decisions();
      expect((await decide(id, vote(11, 6)).expect(422)).body.message).toContain('agreedToVote (11) cannot exceed the attendees (10)');
      expect((await decide(id, vote(10, 6, { votesAgainst: 4, abstentions: 1 })).expect(422)).body.message).toContain(
        'votesFor + votesAgainst + abstentions (11) cannot exceed the attendees (10)',
      );
      await decide(id, vote(10, 11, { votesAgainst: null, abstentions: null })).expect(422);
      await decide(id, vote(10, -1)).expect(400);
      await decide(id, vote(10, 5.5)).expect(400);
      await decide(id, vote(10, '6' as never)).expect(400);
      expect((await decide(id, { ...vote(6, 6), agreedToVote: undefined }).expect(422)).body.message).toContain('agreedToVote');
      expect(await decisions()).toBe(before);
    });

    it('consensus carries no counts; a conditional adoption states its condition', async () => {
      const id = await responded();
      expect((await decide(id, { ...consensus, votesFor: 10 }).expect(422)).body.message).toContain(
        'a consensus decision carries no vote counts',
      );
      expect((await decide(id, { ...consensus, outcome: 'conditionally_adopted' }).expect(422)).body.message).toContain(
        'a conditional adoption states its condition',
      );
      expect((await decide(id, { ...consensus, condition: '視工作分組結果而定' }).expect(422)).body.message).toContain(
        'only a conditional adoption has a condition',
      );
      const res = await decide(id, consensus).expect(201);
      expect(res.body).toMatchObject({
        outcome: 'adopted',
        method: 'consensus',
        attendees: 10,
        agreedToVote: null,
        votesFor: null,
        meeting: { id: meeting.id, number: meeting.number, heldOn },
        conclusion: null,
      });
    });
  });

  describe('one decision per proposal', () => {
    it('two submits at once give one 201 and one 409; a later one 409', async () => {
      const id = await responded();
      const both = await Promise.all([decide(id, consensus), decide(id, { ...consensus, outcome: 'not_adopted' })]);
      expect(both.map((x) => x.status).sort()).toEqual([201, 409]);
      expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM decisions WHERE proposal_id = ?', [id]))[0].n)).toBe(1);
      expect((await decide(id, consensus).expect(409)).body.message).toContain('already decided');
      const events = (await r.timeline(id)).filter((e) => e.type === 'decided');
      expect(events).toHaveLength(1);
    });

    it('only a responded proposal, only the task force, only a meeting that was held', async () => {
      const assigned = await insertProposal(t.ds, { callId, authorId: r.author.id, status: 'assigned' });
      expect((await decide(assigned, consensus).expect(409)).body.message).toBe('a proposal that is assigned cannot be decided');
      const id = await responded();
      await decide(id, consensus, r.author).expect(403);
      await decide(id, consensus, r.moderator).expect(403);
      await t.http
        .post(`/api/v1/proposals/${id}/decision`)
        .send({ meetingId: meeting.id, ...consensus })
        .expect(401);
      await decide(id, { ...consensus, meetingId: '00000000-0000-4000-8000-000000000000' }).expect(422);
      const future = await insertMeeting(t.ds, { attendeeIds: [await insertMember(t.ds)], createdBy: taskForce.id, heldOn: '2999-01-01' });
      expect((await decide(id, { ...consensus, meetingId: future.id }).expect(422)).body.message).toContain('a meeting that has been held');
      await decide('00000000-0000-4000-8000-000000000000', consensus).expect(404);
      expect(await statusOf(id)).toBe('responded');
      // An admin holds every role.
      await decide(id, consensus, r.admin).expect(201);
    });
  });

  describe('the decision takes effect: decided, assignments closed, agenda, timeline, record, mail, reasoned response', () => {
    it('tells author and every endorser once each, in their language, also when the fan-out runs twice', async () => {
      const english = await registerUser(t, { locale: 'en', displayName: 'Endorser' });
      const chinese = await registerUser(t, { displayName: '附議人' });
      const routed = await r.call({ routeToSuggestedAgency: false });
      const id = await r.assigned(routed, 'moenv', ['ndc'], [english, chinese]);
      const moenv = await r.staffOf('moenv');
      const answer = await t.http
        .post(`/api/v1/proposals/${id}/responses`)
        .set(auth(moenv))
        .send({ recommendation: 'adopt', reasoning: '本部同意辦理。', reasoningEn: 'We agree.' })
        .expect(201);
      expect((await r.detail(id)).status).toBe('responded');
      // Not at a meeting held before the lead agency answered.
      const before = await insertMeeting(t.ds, { attendeeIds: [await insertMember(t.ds)], createdBy: taskForce.id, heldOn: '2025-03-01' });
      await decide(id, { ...consensus, meetingId: before.id }).expect(422);

      const res = await decide(id, { ...consensus, reasoningEn: 'Adopted by consensus.' }).expect(201);
      const decisionId = res.body.id as string;
      const detail = await r.detail(id);
      expect(detail.status).toBe('decided');
      expect(detail.decision).toMatchObject({
        id: decisionId,
        outcome: 'adopted',
        method: 'consensus',
        reasoningEn: 'Adopted by consensus.',
      });
      expect(detail.decision.meeting).toEqual({ id: meeting.id, number: meeting.number, heldOn });
      // The lead answered; the co-agency that had not is no longer waited for.
      const byAgency = Object.fromEntries(detail.assignments.map((a: { agencyId: string; status: string }) => [a.agencyId, a.status]));
      expect(byAgency).toEqual({ [r.agency('moenv')]: 'answered', [r.agency('ndc')]: 'closed' });
      const ndc = await r.staffOf('ndc');
      expect(
        (await t.http.get('/api/v1/agency/assignments?status=open').set(auth(ndc)).expect(200)).body.items.map(
          (a: { proposalId: string }) => a.proposalId,
        ),
      ).not.toContain(id);

      // The page the mail links to shows the decision and its reasons, and the timeline its event.
      const html = (await t.http.get(`/p/${id}`).expect(200)).text;
      expect(html).toContain(pageText('zh-TW', 'pages.proposal.decision.meeting', { number: meeting.number, date: heldOn }));
      expect(html).toContain(`${pageWord('zh-TW', 'decisionOutcome', 'adopted')} ${pageWord('en', 'decisionOutcome', 'adopted')}`);
      expect(html).toContain(consensus.reasoning);
      expect(html).toContain('Adopted by consensus.');
      // The scoreboard still counts the co-agency's assignment against it, unanswered, but no longer open.
      const board = (await t.http.get(`/api/v1/scoreboard/agencies?callId=${routed}`).expect(200)).body.items as { agencyId: string }[];
      expect(board.find((a) => a.agencyId === r.agency('ndc'))).toMatchObject({ assigned: 1, answered: 0, openNow: 0, overdueNow: 0 });
      const decided = (await r.timeline(id)).find((e) => e.type === 'decided');
      expect(decided?.detail).toMatchObject({ decisionId, meetingId: meeting.id, outcome: 'adopted', method: 'consensus', votesFor: null });
      const shown = (await t.http.get(`/api/v1/meetings/${meeting.id}`).expect(200)).body;
      expect(shown.agenda.map((a: { proposalId: string }) => a.proposalId)).toContain(id);
      expect(shown.decisions.map((d: { id: string }) => d.id)).toContain(decisionId);
      expect(shown.balance).toEqual({ government: 5, civilSociety: 5 });
      expect((await t.http.get(`/api/v1/decisions/${decisionId}`).expect(200)).body).toMatchObject({ id: decisionId, proposalId: id });

      const toAuthor = await mailTo(t, r.author.email, 'proposal.decided', (m) => m.params.title === '指派後的提案' && m.text.includes(id));
      expect(toAuthor.params).toMatchObject({ outcome: 'adopted', method: 'consensus', meetingNumber: meeting.number, onBehalf: 'author' });
      expect(toAuthor.locale).toBe('zh-TW');
      const toEnglish = await mailTo(t, english.email, 'proposal.decided');
      expect(toEnglish.locale).toBe('en');
      expect(toEnglish.headers['list-unsubscribe']).toContain('/unsubscribe?proposal=');
      expect((await mailTo(t, chinese.email, 'proposal.decided')).locale).toBe('zh-TW');

      // The fan-out job delivered twice more (a retry, a duplicate in Redis) sends nothing twice.
      const handler = t.app.get(ProposalsProcessor).handlers[JobName.ProposalNotifyEndorsers]!;
      const job = { proposalId: id, event: 'decided' as const, decisionId, afterUserId: null };
      await handler(job, {} as never);
      await handler(job, {} as never);
      expect(await mailsQueued(t, `proposal.decided:${decisionId}:endorser:`)).toBe(2);
      expect(await mailsQueued(t, `proposal.decided:${id}:${decisionId}:author`)).toBe(1);
      await until(async () => (await sentMails(t, 'proposal.decided', { to: english.email })).length >= 1);
      expect(await sentMails(t, 'proposal.decided', { to: english.email })).toHaveLength(1);
      expect(await sentMails(t, 'proposal.decided', { to: chinese.email })).toHaveLength(1);

      // The English reasons may follow later.
      const translated = await t.http
        .put(`/api/v1/decisions/${decisionId}/translation`)
        .set(auth(taskForce))
        .send({ reasoningEn: 'Adopted by consensus of those present.' })
        .expect(200);
      expect(translated.body.reasoningEn).toBe('Adopted by consensus of those present.');
      await t.http.put(`/api/v1/decisions/${decisionId}/translation`).set(auth(r.author)).send({ reasoningEn: 'x' }).expect(403);

      // The reasoned response of the call: every qualified proposal, its responses and the decision with its reasons.
      const undecided = await r.assigned(routed, 'moa');
      const reasoned = (await t.http.get(`/api/v1/calls/${routed}/reasoned-response`).expect(200)).body;
      expect(reasoned.items.map((i: { proposal: { id: string } }) => i.proposal.id)).toEqual([id, undecided]);
      expect(reasoned.items[0].responses.map((x: { id: string }) => x.id)).toEqual([answer.body.id]);
      expect(reasoned.items[0].decision).toMatchObject({ id: decisionId, outcome: 'adopted', reasoning: consensus.reasoning });
      expect(reasoned.items[1].decision).toBeNull();
      expect(reasoned.summary).toEqual({ adopted: 1, conditionally_adopted: 0, not_adopted: 0, undecided: 1 });
      await t.http.get('/api/v1/calls/00000000-0000-4000-8000-000000000000/reasoned-response').expect(404);
    });
  });

  describe('a conditional adoption is concluded later, either way', () => {
    it('concludes as adopted or not adopted, once, mailing author and endorsers; a plain adoption has nothing to conclude', async () => {
      const crowd = await insertUsers(t.ds, 2, { tag: 'concluded' });
      const ids: string[] = [];
      const decisionIds: string[] = [];
      for (const _ of [1, 2]) {
        const id = await responded('有條件採納的提案');
        await insertEndorsements(
          t.ds,
          id,
          crowd.map((u) => u.id),
        );
        const res = await decide(id, { ...consensus, outcome: 'conditionally_adopted', condition: '視工作分組結果而定' }).expect(201);
        expect(res.body).toMatchObject({
          outcome: 'conditionally_adopted',
          condition: '視工作分組結果而定',
          adopting: true,
          conclusion: null,
        });
        ids.push(id);
        decisionIds.push(res.body.id);
      }
      const later = await insertMeeting(t.ds, { attendeeIds: [await insertMember(t.ds)], createdBy: taskForce.id, heldOn });
      const conclude = (decisionId: string, body: Record<string, unknown>, who: { token: string } = taskForce) =>
        t.http.post(`/api/v1/decisions/${decisionId}/conclude`).set(auth(who)).send(body);

      await conclude(decisionIds[0]!, { outcome: 'adopted', reasoning: '工作分組已完成規劃。' }, r.author).expect(403);
      const earlier = await insertMeeting(t.ds, { attendeeIds: [await insertMember(t.ds)], createdBy: taskForce.id, heldOn: '2020-06-01' });
      expect(
        (await conclude(decisionIds[0]!, { outcome: 'adopted', reasoning: '早於決議', meetingId: earlier.id }).expect(422)).body.message,
      ).toContain('a conclusion comes after the decision');
      const yes = await conclude(decisionIds[0]!, { outcome: 'adopted', reasoning: '工作分組已完成規劃。', meetingId: later.id }).expect(
        200,
      );
      expect(yes.body).toMatchObject({
        outcome: 'conditionally_adopted',
        adopting: true,
        conclusion: { outcome: 'adopted', meetingId: later.id },
      });
      const no = await conclude(decisionIds[1]!, {
        outcome: 'not_adopted',
        reasoning: '工作分組認為不可行。',
        reasoningEn: 'Not feasible.',
      }).expect(200);
      expect(no.body).toMatchObject({
        adopting: false,
        conclusion: { outcome: 'not_adopted', reasoningEn: 'Not feasible.', meetingId: null },
      });
      expect((await conclude(decisionIds[1]!, { outcome: 'adopted', reasoning: '再議' }).expect(409)).body.message).toBe(
        'this conditional adoption has already been concluded',
      );
      await conclude('00000000-0000-4000-8000-000000000000', { outcome: 'adopted', reasoning: 'x' }).expect(404);

      const plain = await responded();
      const adopted = await decide(plain, consensus).expect(201);
      await conclude(adopted.body.id, { outcome: 'not_adopted', reasoning: '改變心意' }).expect(409);

      const concluded = (await r.timeline(ids[1]!)).find((e) => e.type === 'decision_concluded');
      expect(concluded?.detail).toMatchObject({ decisionId: decisionIds[1], outcome: 'not_adopted' });
      expect((await t.http.get(`/api/v1/meetings/${later.id}`).expect(200)).body.conclusions.map((d: { id: string }) => d.id)).toEqual([
        decisionIds[0],
      ]);
      expect((await r.detail(ids[1]!)).decision.conclusion).toMatchObject({ outcome: 'not_adopted', reasoning: '工作分組認為不可行。' });

      for (const [i, outcome] of (['adopted', 'not_adopted'] as const).entries()) {
        const author = await mailTo(t, r.author.email, 'proposal.decision_concluded', (m) => m.text.includes(ids[i]!));
        expect(author.params).toMatchObject({ outcome, onBehalf: 'author' });
        for (const u of crowd)
          expect((await mailTo(t, u.email, 'proposal.decision_concluded', (m) => m.text.includes(ids[i]!))).params.outcome).toBe(outcome);
        expect(await mailsQueued(t, `proposal.decision_concluded:${decisionIds[i]}:endorser:`)).toBe(2);
      }
    });

    it('the record of a decision written by the factory reads the same way', async () => {
      const id = await insertProposal(t.ds, { callId, authorId: r.author.id, status: 'responded' });
      const decisionId = await insertDecision(t.ds, {
        proposalId: id,
        meetingId: meeting.id,
        decidedBy: taskForce.id,
        outcome: 'conditionally_adopted',
      });
      expect((await r.detail(id)).decision).toMatchObject({
        id: decisionId,
        outcome: 'conditionally_adopted',
        adopting: true,
        conclusion: null,
      });
    });
  });

  async function statusOf(id: string): Promise<string> {
    return ((await t.ds.query('SELECT status FROM proposals WHERE id = ?', [id])) as { status: string }[])[0]!.status;
  }
});
