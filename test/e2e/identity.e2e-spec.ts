import { canonicalEmail } from '#domain';
import { count } from '../support/database.js';
import { freshIp, login, registerUser } from '../support/http.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

let seq = 0;
/** A fresh Gmail mailbox for each test: `local` without dots, so `a.b` spellings of it are variants. */
const mailbox = () => `idtest${Date.now().toString(36)}${(seq += 1)}`;

describe('one mailbox, one identity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const register = (email: string) =>
    t.http
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', freshIp())
      .send({ email, password: 'correct horse battery', displayName: 'Twin' });

  it('makes one account of the spellings of one mailbox: the second is refused as a duplicate is (409)', async () => {
    const box = mailbox();
    const first = `${box.slice(0, 3)}.${box.slice(3)}+x@GMail.com`;
    const created = await register(first).expect(201);
    expect(created.body.email).toBe(first);
    const users = await count(t, 'users');

    const duplicate = await register(first).expect(409);
    for (const variant of [
      `${box}@gmail.com`,
      `${box.toUpperCase()}@googlemail.com`,
      `${box}+other@gmail.com`,
      `ｉｄ${box.slice(2)}@gmail.com`,
    ]) {
      const res = await register(variant).expect(409);
      // Exactly what a duplicate of the same spelling gets: nothing more about the account that exists.
      expect(res.body).toEqual(duplicate.body);
    }
    expect(await count(t, 'users')).toBe(users);
    const [row] = (await t.ds.query('SELECT email, email_canonical AS k FROM users WHERE id = ?', [created.body.id])) as {
      email: string;
      k: string;
    }[];
    expect(row).toEqual({ email: first, k: `${box}@gmail.com` });
  });

  it('signs in with any spelling of the mailbox', async () => {
    const box = mailbox();
    const u = await registerUser(t, { email: `${box}@gmail.com` });
    for (const variant of [`${box.slice(0, 2)}.${box.slice(2)}@gmail.com`, `${box.toUpperCase()}+login@GoogleMail.com`]) {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', freshIp())
        .send({ email: variant, password: u.password })
        .expect(200);
      expect(res.body.user).toMatchObject({ id: u.id, email: `${box}@gmail.com` });
    }
    // A different mailbox is not the account.
    await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshIp())
      .send({ email: `${box}x@gmail.com`, password: u.password })
      .expect(401);
  });

  it('keeps an account that shared a mailbox before the keys (migration backfill) reachable by its own address', async () => {
    // Two accounts as the migration leaves them when they collided: the canonical key on one, the old key on the other.
    const box = mailbox();
    const keeper = await registerUser(t, { email: `${box}@gmail.com` });
    const legacyAddress = `${box.slice(0, 2)}.${box.slice(2)}@gmail.com`;
    const other = await registerUser(t, { email: `other.${box}@example.org` });
    await t.ds.query('UPDATE users SET email = ?, email_canonical = ? WHERE id = ?', [legacyAddress, legacyAddress, other.id]);
    expect(canonicalEmail(legacyAddress)).toBe(`${box}@gmail.com`);

    const asOther = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshIp())
      .send({ email: legacyAddress, password: other.password });
    expect(asOther.status).toBe(200);
    expect(asOther.body.user.id).toBe(other.id);
    const token = await login(t, `${box}+x@gmail.com`, keeper.password);
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.id).toBe(keeper.id);
    await register(legacyAddress).expect(409);
  });
});
