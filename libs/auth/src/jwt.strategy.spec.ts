import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '#config';
import type { AccountsService, Principal } from '#domain';
import { jwtModuleOptions } from './access-token.js';
import { JwtStrategy } from './jwt.strategy.js';
import { TokenService } from './token.service.js';

const config = AppConfig.fromEnv({ NODE_ENV: 'test', JWT_SECRET: 'k'.repeat(40), PUBLIC_URL: 'https://join.example.org/' });
const principal: Principal = {
  id: 'user-1',
  email: 'a@example.org',
  displayName: 'A',
  locale: 'zh-TW',
  agencyId: null,
  emailVerifiedAt: null,
  tokenVersion: 0,
  roles: ['citizen'],
};
const accounts = { findPrincipal: async (id: string) => (id === principal.id ? principal : null) } as unknown as AccountsService;
const strategy = new JwtStrategy(config, accounts);
/** Signs with the app's secret and algorithm, nothing else: each test adds the claims it is about. */
const raw = new JwtService({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } });
const claims = { sub: principal.id, tv: 0 };

type Outcome = { ok: true; user: unknown } | { ok: false; status: number | undefined };

/** Runs the strategy on a request with this bearer token, as passport does: success, fail (401) or error. */
function authenticate(token: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const run = Object.create(strategy) as JwtStrategy & Record<string, (...a: unknown[]) => void>;
    run.success = (user) => resolve({ ok: true, user });
    run.fail = () => resolve({ ok: false, status: 401 });
    run.error = (err) => resolve({ ok: false, status: err instanceof UnauthorizedException ? 401 : undefined });
    run.authenticate({ headers: { authorization: `Bearer ${token}` } } as never, {});
  });
}

describe('JwtStrategy: access tokens', () => {
  it('accepts the tokens TokenService issues (HS256, iss, aud, exp)', async () => {
    const token = new TokenService(new JwtService(jwtModuleOptions(config))).issue({ id: principal.id, tokenVersion: 0 });
    expect(raw.decode(token)).toMatchObject({
      iss: 'https://join.example.org',
      aud: 'https://join.example.org/api/v1',
      exp: expect.any(Number),
    });
    await expect(authenticate(token)).resolves.toMatchObject({ ok: true, user: { id: principal.id } });
  });

  it('refuses a token without exp (401), though it is signed with the secret and names issuer and audience', async () => {
    const token = raw.sign(claims, { issuer: 'https://join.example.org', audience: 'https://join.example.org/api/v1' });
    expect(raw.decode(token)).not.toHaveProperty('exp');
    await expect(authenticate(token)).resolves.toEqual({ ok: false, status: 401 });
  });

  it.each([
    ['another audience', { issuer: 'https://join.example.org', audience: 'https://join.example.org/other' }],
    ['no audience', { issuer: 'https://join.example.org' }],
    ['another issuer', { issuer: 'https://staging.example.org', audience: 'https://join.example.org/api/v1' }],
    ['no issuer', { audience: 'https://join.example.org/api/v1' }],
  ])('refuses a token with %s (401)', async (_what, options) => {
    const token = raw.sign(claims, { ...options, expiresIn: 600 });
    await expect(authenticate(token)).resolves.toEqual({ ok: false, status: 401 });
  });

  it('refuses an expired token (401)', async () => {
    const token = raw.sign(
      { ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
      { issuer: 'https://join.example.org', audience: 'https://join.example.org/api/v1' },
    );
    await expect(authenticate(token)).resolves.toEqual({ ok: false, status: 401 });
  });
});
