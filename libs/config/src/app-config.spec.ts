import { AppConfig, ConfigError } from './app-config.js';

describe('AppConfig', () => {
  it('runs a development machine with no settings at all', () => {
    const c = AppConfig.fromEnv({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: 'mysql://root@127.0.0.1:3306/participation',
      redisUrl: 'redis://127.0.0.1:6379',
      publicUrl: 'http://localhost:3000',
      jwtSecretGenerated: true,
      demoDataEnabled: true,
      useDevMailCatcher: true,
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
    const c = AppConfig.fromEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      SMTP_URL: 'smtp://mail.example.org:587',
      PUBLIC_URL: 'https://join.example.org/',
    });
    expect(c).toMatchObject({ demoDataEnabled: false, useDevMailCatcher: false, publicUrl: 'https://join.example.org', jwtSecretGenerated: false });
  });

  it('rejects malformed values and half an admin', () => {
    expect(() => AppConfig.fromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => AppConfig.fromEnv({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL: must be a mysql:\/\/ URL/);
    expect(() => AppConfig.fromEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(() => AppConfig.fromEnv({ ADMIN_EMAIL: 'a@b.org' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD must be set together/);
    expect(() => AppConfig.fromEnv({ API_WORKERS: '2' })).toThrow(/API_WORKERS > 1 needs SMTP_URL/);
    expect(AppConfig.fromEnv({ ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'long enough pw' }).admin).toEqual({ email: 'a@b.org', password: 'long enough pw' });
  });
});
