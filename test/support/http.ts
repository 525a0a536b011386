import type { CaughtMail } from '#mail';
import type { TestApp } from './test-app.js';

/** The Authorization header of a signed-in user (anything with an access token). */
export const auth = (s: { token: string }) => ({ Authorization: `Bearer ${s.token}` });

let ipSeq = 0;
/** A distinct client address per call (TRUST_PROXY=loopback), so per-IP limits don't couple tests. */
export function freshIp(): string {
  ipSeq += 1;
  return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
}

export function tokenFrom(mail: CaughtMail): string {
  const m = /token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m) throw new Error(`no token in mail "${mail.subject}"`);
  return m[1]!;
}

let userSeq = 0;
export function uniqueEmail(tag = 'user'): string {
  userSeq += 1;
  return `${tag}.${Date.now().toString(36)}.${userSeq}@example.org`;
}

export interface SignedIn {
  id: string;
  email: string;
  password: string;
  token: string;
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', freshIp()).send({ email, password }).expect(200);
  return (res.body as { accessToken: string }).accessToken;
}

/** Registers through the API, reads the verification mail, verifies (unless told not to) and signs in. */
export async function registerUser(
  t: TestApp,
  opts: { email?: string; locale?: string; displayName?: string; verify?: boolean } = {},
): Promise<SignedIn> {
  const email = opts.email ?? uniqueEmail();
  const password = 'correct horse battery staple';
  const res = await t.http
    .post('/api/v1/auth/register')
    .set('X-Forwarded-For', freshIp())
    .send({ email, password, displayName: opts.displayName ?? '測試使用者', ...(opts.locale ? { locale: opts.locale } : {}) })
    .expect(201);
  const id = (res.body as { id: string }).id;
  if (opts.verify !== false) {
    const mail = await t.mail.waitFor((m) => m.to.includes(email.toLowerCase()));
    await t.http
      .post('/api/v1/auth/verify-email')
      .send({ token: tokenFrom(mail) })
      .expect(200);
  }
  return { id, email: email.toLowerCase(), password, token: await login(t, email, password) };
}
