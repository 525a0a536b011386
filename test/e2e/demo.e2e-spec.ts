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
    expect(listed.map((p) => p.status).sort()).toEqual(['assigned', 'endorsing', 'responded']);

    const staff = { Authorization: `Bearer ${await login(t, 'agency@demo.test', DEMO_PASSWORD)}` };
    const inbox = (await t.http.get('/api/v1/agency/assignments').set(staff).expect(200)).body.items as {
      proposalId: string;
      status: string;
    }[];
    expect(inbox.map((a) => a.status).sort()).toEqual(['answered', 'open']);

    const answered = listed.find((p) => p.status === 'responded')!;
    const detail = (await t.http.get(`/api/v1/proposals/${answered.id}`).expect(200)).body;
    expect(detail.responses).toEqual([expect.objectContaining({ recommendation: 'partially_adopt', role: 'lead' })]);

    const moderator = { Authorization: `Bearer ${await login(t, 'moderator@demo.test', DEMO_PASSWORD)}` };
    expect((await t.http.get('/api/v1/moderation/review-queue').set(moderator).expect(200)).body.total).toBe(1);

    // A restart finds the data there and adds nothing.
    const before = [await count(t, 'proposals'), await count(t, 'calls'), await count(t, 'users'), await count(t, 'proposal_responses')];
    await t.app.get(DemoDataService).loadDemoData();
    expect([await count(t, 'proposals'), await count(t, 'calls'), await count(t, 'users'), await count(t, 'proposal_responses')]).toEqual(
      before,
    );
  });
});
