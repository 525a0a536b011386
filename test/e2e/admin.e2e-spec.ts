import { count } from '../support/database.js';
import { login, registerUser } from '../support/http.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

const ADMIN = { email: 'Root.Admin@Example.org', password: 'admin password 123' };

describe('admin: roles, agencies and calls', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    admin = await login(t, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  async function agencyId(code: string): Promise<string> {
    const res = await t.http.get('/api/v1/agencies').expect(200);
    return (res.body.items as { id: string; code: string }[]).find((a) => a.code === code)!.id;
  }

  it('ADMIN_EMAIL/ADMIN_PASSWORD give a verified admin after start', async () => {
    const me = await t.http.get('/api/v1/me').set(auth(admin)).expect(200);
    // The address as configured is the account's address; any spelling of the mailbox signs in.
    expect(me.body).toMatchObject({ email: 'Root.Admin@Example.org', roles: ['citizen', 'admin'], emailVerified: true });
    await login(t, 'root.admin+x@example.org', ADMIN.password);
  });

  it('only an admin changes roles; the change applies to the user at once', async () => {
    const citizen = await registerUser(t);
    const target = await registerUser(t);

    await t.http
      .put(`/api/v1/admin/users/${target.id}/roles`)
      .send({ roles: ['moderator'] })
      .expect(401);
    const refused = await t.http
      .put(`/api/v1/admin/users/${target.id}/roles`)
      .set(auth(citizen.token))
      .send({ roles: ['moderator'] })
      .expect(403);
    expect(refused.body.message).toBe('this needs the admin role');
    expect((await t.http.get('/api/v1/me').set(auth(target.token))).body.roles).toEqual(['citizen']);

    const res = await t.http
      .put(`/api/v1/admin/users/${target.id}/roles`)
      .set(auth(admin))
      .send({ roles: ['moderator', 'task_force'] })
      .expect(200);
    expect(res.body).toMatchObject({ id: target.id, roles: ['citizen', 'moderator', 'task_force'], agencyId: null });
    expect((await t.http.get('/api/v1/me').set(auth(target.token))).body.roles).toEqual(['citizen', 'moderator', 'task_force']);

    // Taking roles away works too.
    await t.http.put(`/api/v1/admin/users/${target.id}/roles`).set(auth(admin)).send({ roles: [] }).expect(200);
    expect((await t.http.get('/api/v1/me').set(auth(target.token))).body.roles).toEqual(['citizen']);

    // A moderator is not an admin.
    await t.http
      .put(`/api/v1/admin/users/${target.id}/roles`)
      .set(auth(admin))
      .send({ roles: ['moderator'] })
      .expect(200);
    await t.http
      .put(`/api/v1/admin/users/${citizen.id}/roles`)
      .set(auth(target.token))
      .send({ roles: ['admin'] })
      .expect(403);
  });

  it('binds agency staff to one agency', async () => {
    const u = await registerUser(t);
    const moenv = await agencyId('moenv');
    const res = await t.http
      .put(`/api/v1/admin/users/${u.id}/roles`)
      .set(auth(admin))
      .send({ roles: ['agency_staff'], agencyId: moenv })
      .expect(200);
    expect(res.body).toMatchObject({ roles: ['citizen', 'agency_staff'], agencyId: moenv });
    const me = await t.http
      .post('/api/v1/auth/login')
      .send({ email: u.email, password: u.password })
      .set('X-Forwarded-For', '10.200.0.1')
      .expect(200);
    expect(me.body.user).toMatchObject({ roles: ['citizen', 'agency_staff'], agencyId: moenv });
  });

  it('refuses role changes that break the rules, and changes nothing', async () => {
    const u = await registerUser(t);
    const unverified = await registerUser(t, { verify: false });
    const put = (id: string, body: object) => t.http.put(`/api/v1/admin/users/${id}/roles`).set(auth(admin)).send(body);
    const rolesBefore = await count(t, 'user_roles');

    expect((await put(u.id, { roles: ['agency_staff'] }).expect(422)).body.message).toBe('the agency_staff role needs an agencyId');
    expect((await put(u.id, { roles: ['moderator'], agencyId: await agencyId('moenv') }).expect(422)).body.message).toBe(
      'agencyId is only for users with the agency_staff role',
    );
    expect((await put(u.id, { roles: ['agency_staff'], agencyId: '01a20bcb-0000-7000-8000-000000000000' }).expect(422)).body.message).toBe(
      'agency 01a20bcb-0000-7000-8000-000000000000 does not exist',
    );
    expect((await put(u.id, { roles: ['superuser'] }).expect(400)).body.message).toEqual([
      'each role must be one of: citizen, moderator, agency_staff, task_force, admin',
    ]);
    await put(u.id, { roles: 'moderator' }).expect(400);
    await put('not-a-uuid', { roles: ['moderator'] }).expect(400);
    await put('01a20bcb-0000-7000-8000-000000000000', { roles: ['moderator'] }).expect(404);
    expect((await put(unverified.id, { roles: ['moderator'] }).expect(422)).body.message).toMatch(/not verified/);

    const adminId = (await t.http.get('/api/v1/me').set(auth(admin))).body.id as string;
    expect((await put(adminId, { roles: ['moderator'] }).expect(422)).body.message).toBe('an admin cannot remove their own admin role');

    expect(await count(t, 'user_roles')).toBe(rolesBefore);
  });

  it('lists and searches users for the admin only', async () => {
    const u = await registerUser(t, { displayName: '林志玲' });
    await t.http.get('/api/v1/admin/users').set(auth(u.token)).expect(403);
    const res = await t.http.get('/api/v1/admin/users').query({ q: '志玲' }).set(auth(admin)).expect(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ id: u.id, displayName: '林志玲', roles: ['citizen'] }] });
    await t.http.get('/api/v1/admin/users').query({ pageSize: 500 }).set(auth(admin)).expect(400);
  });

  it('seeds the agencies directory with zh and en names, parents and renames', async () => {
    const res = await t.http.get('/api/v1/agencies').expect(200);
    const items = res.body.items as {
      id: string;
      code: string;
      nameZh: string;
      nameEn: string;
      parentId: string | null;
      renamedToId: string | null;
    }[];
    expect(res.body.total).toBe(117);
    const byZh = new Map(items.map((a) => [a.nameZh, a]));
    const epa = byZh.get('行政院環境保護署')!;
    expect(epa.renamedToId).toBe(byZh.get('環境部')!.id);
    expect(byZh.get('環境部')!.nameEn).toBe('Ministry of Environment');
    expect(byZh.get('環境部')!.parentId).toBe(byZh.get('行政院')!.id);
  });

  it('lets only an admin add an agency', async () => {
    const citizen = await registerUser(t);
    const body = { code: 'taipei-city-government', nameZh: '臺北市政府', nameEn: 'Taipei City Government' };
    await t.http.post('/api/v1/agencies').send(body).expect(401);
    await t.http.post('/api/v1/agencies').set(auth(citizen.token)).send(body).expect(403);
    const bad = await t.http.post('/api/v1/agencies').set(auth(admin)).send({ code: 'Bad Code', nameZh: '', nameEn: 'x' }).expect(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining(['code must be lower-case letters, digits and dashes', 'nameZh should not be empty']),
    );
    const created = await t.http.post('/api/v1/agencies').set(auth(admin)).send(body).expect(201);
    expect(created.body).toMatchObject({ id: expect.any(String), ...body, parentId: null });
    await t.http.post('/api/v1/agencies').set(auth(admin)).send(body).expect(409);
    await t.http
      .post('/api/v1/agencies')
      .set(auth(admin))
      .send({ ...body, code: 'x-2', parentId: '01a20bcb-0000-7000-8000-000000000000' })
      .expect(422);
    expect((await t.http.get(`/api/v1/agencies/${created.body.id}`).expect(200)).body.nameZh).toBe('臺北市政府');
  });

  it('lets only an admin open a call, with Join-like rules', async () => {
    const body = {
      titleZh: '2027 年承諾事項提案徵集',
      titleEn: '2027 call for commitment proposals',
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-04-30T00:00:00Z',
      endorsementThreshold: 5000,
      endorsementDays: 60,
      responseDays: 60,
    };
    const citizen = await registerUser(t);
    await t.http.post('/api/v1/calls').set(auth(citizen.token)).send(body).expect(403);
    const res = await t.http.post('/api/v1/calls').set(auth(admin)).send(body).expect(201);
    expect(res.body).toMatchObject({
      ...body,
      opensAt: '2027-01-01T00:00:00.000Z',
      closesAt: '2027-04-30T00:00:00.000Z',
      routeToSuggestedAgency: true,
    });
    await t.http
      .post('/api/v1/calls')
      .set(auth(admin))
      .send({ ...body, closesAt: '2026-01-01T00:00:00Z' })
      .expect(422);
    await t.http
      .post('/api/v1/calls')
      .set(auth(admin))
      .send({ ...body, endorsementThreshold: 0, opensAt: 'soon' })
      .expect(400);
    const list = await t.http.get('/api/v1/calls').expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
  });
});
