import { DEMO_PASSWORD, DemoDataService } from '#domain';
import { count } from '../support/database.js';
import { login } from '../support/http.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

describe('demo data: npm start shows every stage of the process', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { DEMO_DATA_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has proposals under review, endorsing, assigned to and answered by the demo agency, and loads them once', async () => {
    const listed = (await t.http.get('/api/v1/proposals').expect(200)).body.items as { id: string; title: string; status: string }[];
    expect(listed.map((p) => p.status).sort()).toEqual(['assigned', 'decided', 'endorsing', 'responded']);

    const staff = { Authorization: `Bearer ${await login(t, 'agency@demo.test', DEMO_PASSWORD)}` };
    const inbox = (await t.http.get('/api/v1/agency/assignments').set(staff).expect(200)).body.items as {
      proposalId: string;
      status: string;
    }[];
    expect(inbox.map((a) => a.status).sort()).toEqual(['answered', 'answered', 'open']);

    const answered = listed.find((p) => p.status === 'responded')!;
    const detail = (await t.http.get(`/api/v1/proposals/${answered.id}`).expect(200)).body;
    expect(detail.responses).toEqual([expect.objectContaining({ recommendation: 'partially_adopt', role: 'lead' })]);

    // The task force decided the fifth: a balanced task force, its meeting, a decision by vote under seed 003's rule.
    const decided = listed.find((p) => p.status === 'decided')!;
    const decision = (await t.http.get(`/api/v1/proposals/${decided.id}`).expect(200)).body.decision;
    expect(decision).toMatchObject({ outcome: 'adopted', method: 'vote', attendees: 6, agreedToVote: 4, votesFor: 4 });
    expect((await t.http.get('/api/v1/task-force/members').expect(200)).body.balance).toEqual({ government: 3, civilSociety: 3 });
    expect((await t.http.get(`/api/v1/meetings/${decision.meetingId}`).expect(200)).body.balance).toEqual({
      government: 3,
      civilSociety: 3,
    });

    const moderator = { Authorization: `Bearer ${await login(t, 'moderator@demo.test', DEMO_PASSWORD)}` };
    expect((await t.http.get('/api/v1/moderation/review-queue').set(moderator).expect(200)).body.total).toBe(1);

    // A restart finds the data there and adds nothing.
    const tables = ['proposals', 'calls', 'users', 'proposal_responses', 'task_force_members', 'meetings', 'decisions'];
    const before = await Promise.all(tables.map((x) => count(t, x)));
    await t.app.get(DemoDataService).loadDemoData();
    expect(await Promise.all(tables.map((x) => count(t, x)))).toEqual(before);
  });
});
