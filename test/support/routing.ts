import type { ManualClock } from '#config';
import { type FastUser, createVerifiedUsers } from './factories/index.js';
import { type SignedIn, auth, login, registerUser } from './http.js';
import type { TestApp } from './test-app.js';

export const DAY = 86_400_000;
export const ADMIN = { email: 'admin@routing.test', password: 'admin password 123' };
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

/**
 * The cast of the agency-routing tests: an admin, an author, a moderator, the seeded agencies by code,
 * and helpers that make calls, qualified proposals and agency staff through the API.
 */
export class Routing {
  admin!: { token: string };
  author!: SignedIn;
  moderator!: SignedIn;
  agencies: Record<string, string> = {};

  constructor(
    readonly t: TestApp,
    readonly clock: ManualClock,
  ) {}

  static async setUp(t: TestApp, clock: ManualClock): Promise<Routing> {
    const r = new Routing(t, clock);
    r.admin = { token: await login(t, ADMIN.email, ADMIN.password) };
    const items = (await t.http.get('/api/v1/agencies')).body.items as { id: string; code: string }[];
    r.agencies = Object.fromEntries(items.map((a) => [a.code, a.id]));
    r.author = await registerUser(t, { displayName: '提案人' });
    r.moderator = await r.withRoles(await registerUser(t, { displayName: '秘書處' }), ['moderator']);
    return r;
  }

  agency(code: string): string {
    const id = this.agencies[code];
    if (!id) throw new Error(`no agency ${code}`);
    return id;
  }

  async withRoles(u: SignedIn, roles: string[], agencyId?: string): Promise<SignedIn> {
    await this.t.http
      .put(`/api/v1/admin/users/${u.id}/roles`)
      .set(auth(this.admin))
      .send({ roles, ...(agencyId ? { agencyId } : {}) })
      .expect(200);
    return u;
  }

  async staffOf(code: string, opts: { locale?: string } = {}): Promise<SignedIn> {
    return this.withRoles(await registerUser(this.t, { displayName: `${code} 承辦人`, ...opts }), ['agency_staff'], this.agency(code));
  }

  async call(opts: { routeToSuggestedAgency: boolean; responseDays?: number }): Promise<string> {
    const now = this.clock.now().getTime();
    const res = await this.t.http
      .post('/api/v1/calls')
      .set(auth(this.admin))
      .send({
        titleZh: '回應測試',
        titleEn: 'Response test',
        opensAt: new Date(now - DAY).toISOString(),
        closesAt: new Date(now + 30 * DAY).toISOString(),
        endorsementThreshold: 2,
        endorsementDays: 60,
        responseDays: opts.responseDays ?? 60,
        routeToSuggestedAgency: opts.routeToSuggestedAgency,
      })
      .expect(201);
    return res.body.id as string;
  }

  /** A published proposal that reached its threshold of 2; `endorsers` endorse first (the rest are made up). */
  async qualified(
    callId: string,
    suggested: string[],
    title = '推動淨零轉型的公民參與',
    endorsers: { token: string }[] = [],
  ): Promise<string> {
    const res = await this.t.http
      .post('/api/v1/proposals')
      .set(auth(this.author))
      .send({
        callId,
        title,
        summary: '摘要',
        problem: '問題',
        solution: '解方',
        suggestedAgencyIds: suggested.map((c) => this.agency(c)),
      })
      .expect(201);
    const id = res.body.id as string;
    await this.t.http.post(`/api/v1/proposals/${id}/review`).set(auth(this.moderator)).send({ decision: 'publish' }).expect(200);
    const crowd: { token: string }[] = [...endorsers, ...(await createVerifiedUsers(this.t, Math.max(0, 2 - endorsers.length), 'q'))];
    for (const u of crowd) await this.t.http.post(`/api/v1/proposals/${id}/endorsements`).set(auth(u)).expect(201);
    return id;
  }

  /** A qualified proposal (through triage) assigned by the moderator: lead first, then co-agencies. */
  async assigned(callId: string, lead: string, co: string[] = [], endorsers: FastUser[] | SignedIn[] = []): Promise<string> {
    const id = await this.qualified(callId, [], '指派後的提案', endorsers);
    await this.assign(id, lead, 'lead');
    for (const c of co) await this.assign(id, c, 'co');
    return id;
  }

  async assign(proposalId: string, code: string, role: 'lead' | 'co'): Promise<{ id: string; dueAt: string }> {
    const res = await this.t.http
      .post(`/api/v1/proposals/${proposalId}/assignments`)
      .set(auth(this.moderator))
      .send({ agencyId: this.agency(code), role })
      .expect(201);
    return res.body as { id: string; dueAt: string };
  }

  async detail(proposalId: string) {
    return (await this.t.http.get(`/api/v1/proposals/${proposalId}`).expect(200)).body;
  }

  async timeline(proposalId: string): Promise<{ type: string; detail?: Record<string, unknown> }[]> {
    return (await this.t.http.get(`/api/v1/proposals/${proposalId}/timeline`).expect(200)).body.items;
  }

  /** The id of the agency's assignment to the proposal. */
  async assignmentId(proposalId: string, code: string): Promise<string> {
    const d = await this.detail(proposalId);
    const a = (d.assignments as { id: string; agencyId: string }[]).find((x) => x.agencyId === this.agency(code));
    if (!a) throw new Error(`${code} holds no assignment of ${proposalId}`);
    return a.id;
  }
}
