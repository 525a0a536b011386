import { ManualClock } from '#config';
import { count } from '../support/database.js';
import { freshIp, login, registerUser, tokenFrom, uniqueEmail } from '../support/http.js';
import { mailTo } from '../support/mail.js';
import { pageText } from '../support/pages.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('accounts: register, verify, sign in, reset password', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('register → verification mail (zh-TW by default) → verify → login → /me', async () => {
    const email = uniqueEmail('flow');
    // The address as typed (trimmed) is the account's address and where mail goes; any spelling signs in.
    const typed = email.replace(/^f/, 'F').replace('@example.org', '@Example.ORG');
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: `  ${typed} `, password: 'correct horse battery', displayName: '王小明' })
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(String), email: typed });

    // (nodemailer writes the domain in lower case; the local part goes as typed.)
    const mail = await mailTo(t, typed.replace('@Example.ORG', '@example.org'), 'account.verify-email');
    expect(mail.locale).toBe('zh-TW');
    expect(mail.params.displayName).toBe('王小明');
    expect(mail.text).toContain('王小明');
    expect(mail.text).toMatch(/http:\/\/participation\.test\/verify-email\?token=[\w-]{20,}/);
    expect(mail.html).toContain('<a href="http://participation.test/verify-email?token=');

    const token = tokenFrom(mail);
    const verified = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
    expect(verified.body).toMatchObject({ email: typed, emailVerified: true });

    const loginRes = await t.http.post('/api/v1/auth/login').send({ email, password: 'correct horse battery' }).expect(200);
    expect(loginRes.body).toEqual({
      accessToken: expect.any(String),
      user: {
        id: res.body.id,
        email: typed,
        displayName: '王小明',
        roles: ['citizen'],
        agencyId: null,
        emailVerified: true,
        locale: 'zh-TW',
      },
    });

    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${loginRes.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: res.body.id, email: typed, roles: ['citizen'], emailVerified: true });

    // The same link again, by the now verified account: harmless.
    await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
  });

  it('sends the verification mail in English when the account asks for it', async () => {
    const email = uniqueEmail('en');
    await t.http
      .post('/api/v1/auth/register')
      .send({ email, password: 'correct horse battery', displayName: 'Ann', locale: 'en' })
      .expect(201);
    const mail = await mailTo(t, email, 'account.verify-email');
    expect(mail.locale).toBe('en');
    expect(mail.params.displayName).toBe('Ann');
    expect(mail.text).toContain('Ann');
  });

  it('the verification page verifies with a click (POST), not with the link prefetch (GET)', async () => {
    const email = uniqueEmail('page');
    await t.http.post('/api/v1/auth/register').send({ email, password: 'correct horse battery', displayName: 'Page' }).expect(201);
    const token = tokenFrom(await t.mail.waitFor((m) => m.to.includes(email)));
    const form = await t.http.get(`/verify-email?token=${token}`).expect(200);
    expect(form.text).toContain(`value="${token}"`);
    const token1 = await login(t, email, 'correct horse battery');
    expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token1}`)).body.emailVerified).toBe(false);
    const done = await t.http.post('/verify-email').type('form').send({ token }).expect(200);
    expect(done.text).toContain(pageText('en', 'pages.account.verifyEmail.done'));
    expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token1}`)).body.emailVerified).toBe(true);
  });

  it('refuses bad input with 400 and the reasons, and writes nothing', async () => {
    const before = await Promise.all(['users', 'mail_messages', 'outbox_messages', 'account_tokens'].map((x) => count(t, x)));
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'not-an-email', password: 'short', displayName: '', isAdmin: true })
      .expect(400);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'email must be a valid email address',
        'password must be at least 10 characters',
        'displayName should not be empty',
        'property isAdmin should not exist',
      ]),
    );
    await t.http.post('/api/v1/auth/register').send('garbage').set('Content-Type', 'application/json').expect(400);
    await t.http
      .post('/api/v1/auth/register')
      .send({ email: uniqueEmail(), password: 'long enough pw', displayName: 'x', locale: 'fr' })
      .expect(400);
    const after = await Promise.all(['users', 'mail_messages', 'outbox_messages', 'account_tokens'].map((x) => count(t, x)));
    expect(after).toEqual(before);
  });

  it('refuses a second account for the same address, whatever its case (409)', async () => {
    const u = await registerUser(t);
    const users = await count(t, 'users');
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: u.email.toUpperCase(), password: 'another password', displayName: 'Twin' })
      .expect(409);
    expect(res.body.message).toBe('an account with this email already exists');
    expect(await count(t, 'users')).toBe(users);
  });

  it('refuses a wrong password and an unknown email alike (401)', async () => {
    const u = await registerUser(t);
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshIp())
      .send({ email: u.email, password: 'not the password' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshIp())
      .send({ email: uniqueEmail('nobody'), password: 'whatever123' })
      .expect(401);
    expect(wrong.body.message).toBe('wrong email or password');
    expect(unknown.body.message).toBe(wrong.body.message);
    await t.http.get('/api/v1/me').expect(401);
    await t.http.get('/api/v1/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
  });

  it('lets an unverified account sign in, but it is not verified and can ask for a new link', async () => {
    const u = await registerUser(t, { verify: false });
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${u.token}`).expect(200);
    expect(me.body.emailVerified).toBe(false);
    await t.http.post('/api/v1/auth/resend-verification').set('Authorization', `Bearer ${u.token}`).expect(202);
    await expect(until(() => t.mail.find((m) => m.to.includes(u.email)).length >= 2)).resolves.toBeUndefined();
    const [first, second] = t.mail.find((m) => m.to.includes(u.email));
    expect(tokenFrom(first!)).not.toBe(tokenFrom(second!));
    await t.http
      .post('/api/v1/auth/verify-email')
      .send({ token: tokenFrom(second!) })
      .expect(200);
    await t.http.post('/api/v1/auth/resend-verification').set('Authorization', `Bearer ${u.token}`).expect(422);
  });

  it('refuses unknown (400) and expired (422) verification links', async () => {
    await t.http.post('/api/v1/auth/verify-email').send({ token: 'no-such-token' }).expect(400);
    await t.http.post('/api/v1/auth/verify-email').send({}).expect(400);
    const u = await registerUser(t, { verify: false });
    const token = tokenFrom(await t.mail.waitFor((m) => m.to.includes(u.email)));
    clock.advance(49 * 3_600_000);
    try {
      const res = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(422);
      expect(res.body.message).toBe('the link has expired');
    } finally {
      clock.advance(-49 * 3_600_000);
    }
  });

  it('resets a password: old tokens and the old password stop working, the link works once', async () => {
    const u = await registerUser(t, { locale: 'en' });
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${u.token}`).expect(200);

    await t.http.post('/api/v1/auth/password-reset').send({ email: u.email.toUpperCase() }).expect(202);
    const mail = await mailTo(t, u.email, 'account.password-reset');
    const token = tokenFrom(mail);
    expect(mail.text).toContain('http://participation.test/reset-password?token=');

    await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: 'short' }).expect(400);
    await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: 'a brand new password' }).expect(200);

    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${u.token}`).expect(401);
    await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', freshIp()).send({ email: u.email, password: u.password }).expect(401);
    const fresh = await login(t, u.email, 'a brand new password');
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${fresh}`).expect(200);

    const again = await t.http.post('/api/v1/auth/password-reset/confirm').send({ token, password: 'yet another password' }).expect(422);
    expect(again.body.message).toBe('the link has already been used');
  });

  it('answers a reset request for an unknown address like any other, and sends nothing', async () => {
    const mails = await count(t, 'mail_messages');
    const res = await t.http
      .post('/api/v1/auth/password-reset')
      .send({ email: uniqueEmail('ghost') })
      .expect(202);
    expect(res.body.status).toBe('queued');
    expect(await count(t, 'mail_messages')).toBe(mails);
  });

  it('limits sign-in attempts per account, from any address (429)', async () => {
    const u = await registerUser(t);
    // registerUser signed in once; the limit is 5 per account per window.
    for (let i = 0; i < 4; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', freshIp())
        .send({ email: u.email, password: 'wrong password' })
        .expect(401);
    }
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshIp())
      .send({ email: u.email, password: u.password })
      .expect(429);
    expect(res.body.message).toBe('too many attempts; try again later');
    // Another account is not affected.
    const other = await registerUser(t);
    await login(t, other.email, other.password);
  });

  it('limits sign-in attempts per client address, whatever the account (429)', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: uniqueEmail('spray'), password: 'whatever123' })
        .expect(401);
    }
    await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: uniqueEmail('spray'), password: 'whatever123' })
      .expect(429);
    await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', freshIp())
      .send({ email: uniqueEmail('spray'), password: 'whatever123' })
      .expect(401);
  });
});
