import { ConflictError, DecisionsService, MembersService, RuleViolationError } from '#domain';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import {
  insertAssignment,
  insertCall,
  insertEndorsements,
  insertMeeting,
  insertProposal,
  insertTaskForce,
  insertUser,
  insertUsers,
} from '../support/factories/index.js';

/** The decisions context's races, against the real database: whatever arrives at once, the rules hold exactly once. */
describe('decisions: races', () => {
  let d: DomainApp;
  let taskForce: { id: string; roles: string[] };
  let author: string;
  let callId: string;
  let meetingId: string;

  const n = async (sql: string, params: unknown[]) => Number(((await d.ds.query(sql, params)) as { n: string | number }[])[0]!.n);
  const settled = async (work: Promise<unknown>[]) =>
    (await Promise.allSettled(work)).map((x) => (x.status === 'fulfilled' ? 'ok' : (x.reason as Error).constructor.name)).sort();

  beforeAll(async () => {
    d = await createDomainApp();
    taskForce = { id: (await insertUser(d.ds, { tag: 'tf', roles: ['task_force'] })).id, roles: ['citizen', 'task_force'] };
    author = (await insertUser(d.ds, { tag: 'author' })).id;
    callId = await insertCall(d.ds);
    const members = await insertTaskForce(d.ds, 3, await d.agency('moenv'));
    meetingId = (await insertMeeting(d.ds, { attendeeIds: members.all, createdBy: taskForce.id, heldOn: '2025-01-15' })).id;
  });
  afterAll(async () => {
    await d?.close();
  });

  it('six decisions on one proposal at once: one is recorded, its event, mail and fan-out once; the rest are conflicts', async () => {
    const proposalId = await insertProposal(d.ds, { callId, authorId: author, status: 'responded' });
    await insertAssignment(d.ds, { proposalId, agencyId: await d.agency('moenv'), status: 'answered' });
    await insertAssignment(d.ds, { proposalId, agencyId: await d.agency('ndc'), role: 'co' });
    const crowd = await insertUsers(d.ds, 3, { tag: 'race' });
    await insertEndorsements(
      d.ds,
      proposalId,
      crowd.map((u) => u.id),
    );
    const decisions = d.get(DecisionsService);
    const outcomes = ['adopted', 'not_adopted', 'adopted', 'not_adopted', 'adopted', 'not_adopted'] as const;
    const results = await settled(
      outcomes.map((outcome) => decisions.decide(taskForce, proposalId, { meetingId, outcome, method: 'consensus', reasoning: '決議' })),
    );
    expect(results).toEqual([...Array(5).fill(ConflictError.name), 'ok'].sort());
    expect(await n('SELECT COUNT(*) AS n FROM decisions WHERE proposal_id = ?', [proposalId])).toBe(1);
    expect(await n("SELECT COUNT(*) AS n FROM proposal_events WHERE proposal_id = ? AND type = 'decided'", [proposalId])).toBe(1);
    expect(await n("SELECT COUNT(*) AS n FROM mail_messages WHERE template = 'proposal.decided' AND user_id = ?", [author])).toBe(1);
    expect(
      await n(
        `SELECT COUNT(*) AS n FROM outbox_messages WHERE job_name = 'proposal.notify-endorsers'
            AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.proposalId')) = ? AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.event')) = 'decided'`,
        [proposalId],
      ),
    ).toBe(1);
    expect(await n("SELECT COUNT(*) AS n FROM proposal_assignments WHERE proposal_id = ? AND status = 'open'", [proposalId])).toBe(0);
    expect(
      await n('SELECT COUNT(*) AS n FROM meeting_agenda_items WHERE meeting_id = ? AND proposal_id = ?', [meetingId, proposalId]),
    ).toBe(1);
  });

  it('eight proposals decided at one meeting at once: all recorded, each on the agenda once, positions 1 to 8', async () => {
    const members = await insertTaskForce(d.ds, 2, await d.agency('moenv'));
    const meeting = (await insertMeeting(d.ds, { attendeeIds: members.all, createdBy: taskForce.id, heldOn: '2025-02-01' })).id;
    const ids = await Promise.all(Array.from({ length: 8 }, () => insertProposal(d.ds, { callId, authorId: author, status: 'responded' })));
    const decisions = d.get(DecisionsService);
    const results = await settled(
      ids.map((id) => decisions.decide(taskForce, id, { meetingId: meeting, outcome: 'adopted', method: 'consensus', reasoning: '決議' })),
    );
    expect(results).toEqual(Array(8).fill('ok'));
    const agenda = (await d.ds.query('SELECT position FROM meeting_agenda_items WHERE meeting_id = ? ORDER BY position', [meeting])) as {
      position: number;
    }[];
    expect(agenda.map((a) => Number(a.position))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('two conclusions of one conditional adoption at once: one stands', async () => {
    const proposalId = await insertProposal(d.ds, { callId, authorId: author, status: 'responded' });
    const decisions = d.get(DecisionsService);
    const decided = await decisions.decide(taskForce, proposalId, {
      meetingId,
      outcome: 'conditionally_adopted',
      condition: '視工作分組結果而定',
      method: 'consensus',
      reasoning: '有條件採納',
    });
    const results = await settled(
      (['adopted', 'not_adopted'] as const).map((outcome) => decisions.conclude(taskForce, decided.id, { outcome, reasoning: '結論' })),
    );
    expect(results).toEqual([ConflictError.name, 'ok'].sort());
    expect(await n("SELECT COUNT(*) AS n FROM proposal_events WHERE proposal_id = ? AND type = 'decision_concluded'", [proposalId])).toBe(
      1,
    );
  });

  it('conveners added at once with overlapping terms: exactly one is taken', async () => {
    const members = d.get(MembersService);
    const agencyId = await d.agency('ndc');
    const results = await settled(
      [1, 2, 3, 4].map((i) =>
        members.create(taskForce, { name: `召集人 ${i}`, side: 'government', role: 'convener', agencyId, since: `2021-0${i}-01` }),
      ),
    );
    expect(results).toEqual([...Array(3).fill(RuleViolationError.name), 'ok'].sort());
    expect(await n("SELECT COUNT(*) AS n FROM task_force_members WHERE role = 'convener'", [])).toBe(1);
  });
});
