import type { ManualClock } from '#config';
import { type SignedIn, auth, login, registerUser } from './http.js';
import { DAY } from './routing.js';
import type { TestApp } from './test-app.js';

export const ADMIN = { email: 'admin@proposals.test', password: 'admin password 123' };
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

/**
 * The cast of the proposal tests: an admin, an author, a moderator, an open call (threshold 5, routed to the
 * suggested agencies) and a moderated one, the ids of moenv and ndc, and helpers that submit, publish and read
 * proposals and open calls through the API.
 */
export class Submissions {
  admin!: { token: string };
  author!: SignedIn;
  moderator!: SignedIn;
  callId!: string;
  triageCallId!: string;
  moenv!: string;
  ndc!: string;

  constructor(
    readonly t: TestApp,
    readonly clock: ManualClock,
  ) {}

  static async setUp(t: TestApp, clock: ManualClock): Promise<Submissions> {
    const s = new Submissions(t, clock);
    s.admin = { token: await login(t, ADMIN.email, ADMIN.password) };
    const agencies = (await t.http.get('/api/v1/agencies')).body.items as { id: string; code: string }[];
    s.moenv = agencies.find((a) => a.code === 'moenv')!.id;
    s.ndc = agencies.find((a) => a.code === 'ndc')!.id;
    s.callId = await s.newCall({});
    s.triageCallId = await s.newCall({ routeToSuggestedAgency: false });
    s.author = await registerUser(t, { displayName: '提案人' });
    s.moderator = await registerUser(t, { displayName: '審查員' });
    await t.http
      .put(`/api/v1/admin/users/${s.moderator.id}/roles`)
      .set(auth(s.admin))
      .send({ roles: ['moderator'] })
      .expect(200);
    return s;
  }

  /** The body of a complete proposal in the open call, suggesting moenv and ndc; `over` replaces fields. */
  content(over: Record<string, unknown> = {}) {
    return {
      callId: this.callId,
      title: '推動氣候變遷調適資訊公開',
      summary: '建立氣候變遷調適的資訊公開平臺，讓公眾參與調適策略。',
      problem: '氣候風險資訊分散於各機關。',
      cause: '缺乏統一的資料標準。',
      solution: '建置整合平臺並定期公開。',
      expectedResults: '公眾能查詢各地調適進度。',
      ogpValues: { transparency: '公開資訊', accountability: '定期報告', participation: '公眾參與' },
      suggestedAgencyIds: [this.moenv, this.ndc],
      ...over,
    };
  }

  async submit(by: SignedIn, over: Record<string, unknown> = {}): Promise<string> {
    const res = await this.t.http.post('/api/v1/proposals').set(auth(by)).send(this.content(over)).expect(201);
    return res.body.id as string;
  }

  async publish(id: string): Promise<void> {
    await this.t.http.post(`/api/v1/proposals/${id}/review`).set(auth(this.moderator)).send({ decision: 'publish' }).expect(200);
  }

  /** A call open since yesterday for 30 more days, threshold 5 in 60 days, 60 days to respond; `over` replaces fields. */
  async newCall(over: Record<string, unknown>): Promise<string> {
    const res = await this.t.http
      .post('/api/v1/calls')
      .set(auth(this.admin))
      .send({
        titleZh: '測試徵集',
        titleEn: 'Test call',
        opensAt: new Date(this.clock.now().getTime() - DAY).toISOString(),
        closesAt: new Date(this.clock.now().getTime() + 30 * DAY).toISOString(),
        endorsementThreshold: 5,
        endorsementDays: 60,
        responseDays: 60,
        ...over,
      })
      .expect(201);
    return res.body.id as string;
  }

  /** The proposal's status as the moderator sees it. */
  async status(id: string): Promise<string> {
    return (await this.t.http.get(`/api/v1/proposals/${id}`).set(auth(this.moderator)).expect(200)).body.status as string;
  }
}
