import { JwtService } from '@nestjs/jwt';
import { accessTokenClaims } from '#auth';
import { canonicalEmail } from '#domain';
import { count } from '../support/database.js';
import { auth, freshIp, login, registerUser } from '../support/http.js';
import { sentMails } from '../support/mail.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

let seq = 0;
/** A fresh Gmail mailbox for each test: `local` without dots, so `a.b` spellings of it are variants. */
const mailbox = () => `idtest${Date.now().toString(36)}${(seq += 1)}`;

describe('one mailbox, one identity', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Per account 5 sign-in attempts (test-app), account mail 2 per mailbox.
    t = await createTestApp({ env: { AUTH_MAIL_LIMIT_PER_ADDRESS: '2', AUTH_MAIL_WINDOW_SECONDS: '600' } });
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
    // (Two: registrations count against the account's limit of 5 attempts, in any spelling.)
    for (const variant of [`${box}@gmail.com`, `${box.toUpperCase()}+other@googlemail.com`]) {
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

  it('refuses spellings that would take the key of another mailbox (400), and keeps ß apart from ss', async () => {
    const box = mailbox();
    await register(`${box}@gmail.com`).expect(201);
    const users = await count(t, 'users');
    // Invisible characters, fullwidth letters, a quoted local part: each would be keyed as the mailbox above while
    // its mail (a reset link) went somewhere else.
    for (const spelling of [`${box.slice(0, 3)}\u200B${box.slice(3)}@gmail.com`, `ｉｄ${box.slice(2)}@gmail.com`, `"${box}"@gmail.com`]) {
      const res = await register(spelling).expect(400);
      expect(res.body.statusCode).toBe(400);
      await t.http.post('/api/v1/auth/password-reset').set('X-Forwarded-For', freshIp()).send({ email: spelling }).expect(400);
    }
    expect(await count(t, 'users')).toBe(users);

    // Two mailboxes at most providers: two accounts.
    const local = `stra${Date.now().toString(36)}${(seq += 1)}`;
    await register(`${local}ße@example.org`).expect(201);
    await register(`${local}sse@example.org`).expect(201);
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

  const retryAfter = (res: { headers: Record<string, string> }) => Number(res.headers['retry-after']);

  it('limits sign-in attempts per account across the spellings of its mailbox (429 with Retry-After)', async () => {
    const box = mailbox();
    const u = await registerUser(t, { email: `${box}@gmail.com` });
    // registerUser signed in once; the limit is 5 per account.
    const variants = [
      `${box.slice(0, 1)}.${box.slice(1)}@gmail.com`,
      `${box}+1@gmail.com`,
      `${box.toUpperCase()}@googlemail.com`,
      `${box}+2@GMAIL.com`,
    ];
    for (const email of variants) {
      await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', freshIp()).send({ email, password: 'wrong password' }).expect(401);
    }
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshIp())
      .send({ email: `${box}+3@gmail.com`, password: u.password })
      .expect(429);
    expect(retryAfter(res)).toBeGreaterThan(0);
    expect(retryAfter(res)).toBeLessThanOrEqual(t.config.loginLimits.windowSeconds);
    // Another mailbox is not affected.
    const other = await registerUser(t, { email: `${mailbox()}@gmail.com` });
    await login(t, other.email, other.password);
  });

  it('limits password-reset mail per mailbox, from any client and in any spelling, whether or not it has an account', async () => {
    const box = mailbox();
    const u = await registerUser(t, { email: `${box}@gmail.com` });
    const reset = (email: string) => t.http.post('/api/v1/auth/password-reset').set('X-Forwarded-For', freshIp()).send({ email });
    await reset(`${box}@gmail.com`).expect(202);
    await reset(`${box.slice(0, 2)}.${box.slice(2)}+a@googlemail.com`).expect(202);
    const limited = await reset(`${box.toUpperCase()}+b@gmail.com`).expect(429);
    expect(retryAfter(limited)).toBeGreaterThan(0);
    expect(retryAfter(limited)).toBeLessThanOrEqual(600);
    await until(async () => (await sentMails(t, 'account.password-reset', { to: u.email })).length === 2, { what: 'two reset mails' });
    const [tokens] = (await t.ds.query("SELECT COUNT(*) AS n FROM account_tokens WHERE user_id = ? AND purpose = 'password_reset'", [
      u.id,
    ])) as {
      n: number;
    }[];
    expect(Number(tokens!.n)).toBe(2);

    // A mailbox without an account gets the same answers, so they reveal nothing.
    const ghost = `${mailbox()}@gmail.com`;
    await reset(ghost).expect(202);
    await reset(ghost).expect(202);
    await reset(ghost).expect(429);
    // Another mailbox is not affected.
    await reset(`${mailbox()}@gmail.com`).expect(202);
  });

  it('limits new verification links per mailbox, together with reset mail (429 with Retry-After)', async () => {
    const box = mailbox();
    const u = await registerUser(t, { email: `${box}@gmail.com`, verify: false });
    const resend = () => t.http.post('/api/v1/auth/resend-verification').set('X-Forwarded-For', freshIp()).set(auth(u));
    await resend().expect(202);
    await resend().expect(202);
    const limited = await resend().expect(429);
    expect(retryAfter(limited)).toBeGreaterThan(0);
    // The mailbox has had its account mail for the window, whichever kind.
    await t.http
      .post('/api/v1/auth/password-reset')
      .set('X-Forwarded-For', freshIp())
      .send({ email: `${box}+x@gmail.com` })
      .expect(429);
  });

  it('takes only access tokens with exp, this issuer and this audience (401 otherwise)', async () => {
    const u = await registerUser(t);
    const { issuer, audience } = accessTokenClaims(t.config);
    const jwt = new JwtService({ secret: t.config.jwtSecret, signOptions: { algorithm: 'HS256' } });
    const me = (token: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    await me(jwt.sign({ sub: u.id, tv: 0 }, { issuer, audience, expiresIn: 600 })).expect(200);
    await me(jwt.sign({ sub: u.id, tv: 0 }, { issuer, audience })).expect(401);
    await me(jwt.sign({ sub: u.id, tv: 0 }, { issuer, audience: `${audience}/other`, expiresIn: 600 })).expect(401);
    await me(jwt.sign({ sub: u.id, tv: 0 }, { issuer: 'https://elsewhere.example.org', audience, expiresIn: 600 })).expect(401);
  });
});
