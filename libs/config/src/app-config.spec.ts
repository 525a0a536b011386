import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AppConfig, ConfigError } from './app-config.js';
import { KNOWN_SECRETS } from './known-secrets.js';

const PRODUCTION = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.org:587', PUBLIC_URL: 'https://join.example.org/' };
const randomSecret = () => randomBytes(32).toString('hex');

describe('AppConfig', () => {
  it('runs a development machine with no settings at all', () => {
    const c = AppConfig.fromEnv({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: 'mysql://root@127.0.0.1:3306/participation',
      redisUrl: 'redis://127.0.0.1:6379',
      publicUrl: 'http://localhost:3000',
      jwtSecretGenerated: true,
      demoDataEnabled: true,
      useDevMailCatcher: true,
      servesDevMailbox: true,
      admin: undefined,
    });
    expect(c.jwtSecret).toHaveLength(64);
  });

  it('refuses to start in production without its secrets, naming each one', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      AppConfig.fromEnv({ NODE_ENV: 'production' });
    } catch (err) {
      expect((err as Error).message).toContain('JWT_SECRET: is required in production');
      expect((err as Error).message).toContain('SMTP_URL: is required in production');
      expect((err as Error).message).toContain('PUBLIC_URL: is required in production');
    }
  });

  it('starts in production with them, with no demo data and no mail catcher', () => {
    const c = AppConfig.fromEnv({ ...PRODUCTION, JWT_SECRET: randomSecret() });
    expect(c).toMatchObject({
      demoDataEnabled: false,
      useDevMailCatcher: false,
      servesDevMailbox: false,
      publicUrl: 'https://join.example.org',
      jwtSecretGenerated: false,
    });
  });

  it('listens on HOST when given one, and refuses one that is no address or host name', () => {
    expect(AppConfig.fromEnv({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(AppConfig.fromEnv({ HOST: '::' }).host).toBe('::');
    expect(AppConfig.fromEnv({ HOST: 'api.internal' }).host).toBe('api.internal');
    expect(AppConfig.fromEnv({ HOST: '' }).host).toBe('127.0.0.1');
    expect(() => AppConfig.fromEnv({ HOST: 'not a host' })).toThrow(/HOST: must be an IP address or a host name/);
  });

  it('shows the caught mail only with the embedded catcher in development', () => {
    expect(AppConfig.fromEnv({ NODE_ENV: 'development' }).servesDevMailbox).toBe(true);
    expect(AppConfig.fromEnv({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.org' }).servesDevMailbox).toBe(false);
    // Tests without SMTP_URL use the catcher too, but never show it over HTTP.
    expect(AppConfig.fromEnv({ NODE_ENV: 'test' })).toMatchObject({ useDevMailCatcher: true, servesDevMailbox: false });
  });

  it('refuses in production a JWT_SECRET shorter than 32 characters', () => {
    expect(() => AppConfig.fromEnv({ ...PRODUCTION, JWT_SECRET: randomSecret().slice(0, 31) })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
  });

  it('refuses in production a JWT_SECRET or ADMIN_PASSWORD written in the repository, or no more random than "xxxx…"', () => {
    for (const secret of [
      ...KNOWN_SECRETS.filter((s) => s.length >= 32),
      ' Compose-Demo-Only-Secret-Change-Me-0123456789 ',
      'x'.repeat(40),
      '0123'.repeat(10),
    ]) {
      expect(() => AppConfig.fromEnv({ ...PRODUCTION, JWT_SECRET: secret })).toThrow(
        /JWT_SECRET: (is an example published in the repository|has too few distinct characters)/,
      );
    }
    for (const password of KNOWN_SECRETS.filter((s) => s.length >= 10)) {
      expect(() =>
        AppConfig.fromEnv({ ...PRODUCTION, JWT_SECRET: randomSecret(), ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: password }),
      ).toThrow(/ADMIN_PASSWORD: is an example published in the repository: production needs your own random value/);
    }
    // Development and tests may use them.
    expect(AppConfig.fromEnv({ JWT_SECRET: 'x'.repeat(40), ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'change-me-please' }).jwtSecret).toBe(
      'x'.repeat(40),
    );
  });

  it('knows every JWT_SECRET and ADMIN_PASSWORD written in the examples, the README and the compose file', () => {
    const root = new URL('../../../', import.meta.url);
    const values: string[] = [];
    for (const file of ['.env.example', 'README.md', 'docker/compose.yml', 'docker/.env.example']) {
      const text = readFileSync(new URL(file, root), 'utf8');
      // `JWT_SECRET=value`, `JWT_SECRET: value` and `${JWT_SECRET:-value}` (a default in the compose file).
      for (const m of text.matchAll(/(?:JWT_SECRET|ADMIN_PASSWORD)(?:=|: |:-)(?![$%])([^\s`'"|}#$]+)/g)) values.push(m[1]!);
    }
    for (const v of values) expect(KNOWN_SECRETS).toContain(v);
  });

  it('rejects malformed values and half an admin', () => {
    expect(() => AppConfig.fromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => AppConfig.fromEnv({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL: must be a mysql:\/\/ URL/);
    expect(() => AppConfig.fromEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(() => AppConfig.fromEnv({ ADMIN_EMAIL: 'a@b.org' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD must be set together/);
    expect(() => AppConfig.fromEnv({ API_WORKERS: '2' })).toThrow(/API_WORKERS > 1 needs SMTP_URL/);
    expect(AppConfig.fromEnv({ ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'long enough pw' }).admin).toEqual({
      email: 'a@b.org',
      password: 'long enough pw',
    });
  });

  it('refuses in production a TRUST_PROXY that trusts every client address, and warns about it elsewhere', () => {
    const everyone = [
      'true',
      ' TRUE',
      'loopback, 0.0.0.0/0',
      '::/0',
      // Found in review: every address in two halves, or by netmask, or all of IPv4 through its IPv6 form.
      '0.0.0.0/1,128.0.0.0/1',
      '128.0.0.0/128.0.0.0,0.0.0.0/128.0.0.0',
      '::/1,8000::/1',
      '::ffff:0:0/96',
      'not an address',
    ];
    for (const value of everyone) {
      expect(() => AppConfig.fromEnv({ ...PRODUCTION, JWT_SECRET: randomSecret(), TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY: must not trust every address/,
      );
      expect(AppConfig.fromEnv({ TRUST_PROXY: value }).warnings).toEqual([
        expect.stringMatching(/^TRUST_PROXY=.* must not trust every address/),
      ]);
    }
    for (const value of ['loopback', '1', '10.0.0.0/8, 192.168.0.1', 'false', 'loopback, uniquelocal, fc00::/7', '173.245.48.0/20']) {
      expect(AppConfig.fromEnv({ ...PRODUCTION, JWT_SECRET: randomSecret(), TRUST_PROXY: value }).trustProxy).toBe(value);
      expect(AppConfig.fromEnv({ TRUST_PROXY: value }).warnings).toEqual([]);
    }
    expect(AppConfig.fromEnv({}).warnings).toEqual([]);
  });

  it('gives slow clients seconds, not minutes, and takes other HTTP timeouts from HTTP_*_MS', () => {
    expect(AppConfig.fromEnv({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    expect(
      AppConfig.fromEnv({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '4000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' }).http,
    ).toEqual({ headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 65_000 });
    expect(() => AppConfig.fromEnv({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => AppConfig.fromEnv({ HTTP_REQUEST_TIMEOUT_MS: '0' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
  });
});
