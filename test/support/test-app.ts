import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/app.setup.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { AppConfig, Clock } from '#config';
import { parseDatabaseUrl, runMigrations } from '#database';
import { type CaughtMail, MailCatcher } from '#mail';

export interface TestAppOptions {
  /** Defaults to TEST_REDIS_URL or the local Redis. */
  redisUrl?: string;
  env?: Record<string, string>;
  clock?: Clock;
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  mail: MailCatcher;
  ds: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Boots the real API and worker in one process against the local MariaDB/MySQL and Redis and an
 * in-process SMTP server. Each app gets its own database and queue prefix, dropped on close.
 */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/x');
  base.pathname = `/op_test_${runId}`;
  const mail = new MailCatcher(100_000);
  const smtpPort = await mail.start(0);
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: base.toString(),
    REDIS_URL: opts.redisUrl ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    PUBLIC_URL: 'http://participation.test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `test_${runId}`,
    QUEUE_OUTBOX_POLL_MS: '50',
    QUEUE_BACKOFF_BASE_MS: '200',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DEMO_DATA_ENABLED: 'false',
    TRUST_PROXY: 'loopback',
    AUTH_LOGIN_LIMIT_PER_IP: '20',
    AUTH_LOGIN_LIMIT_PER_ACCOUNT: '5',
    ...opts.env,
  });
  await runMigrations(config.databaseUrl);

  let builder = Test.createTestingModule({ imports: [ApiModule, WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(config);
  if (opts.clock) builder = builder.overrideProvider(Clock).useValue(opts.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  await app.init();

  return {
    app,
    http: request(app.getHttpServer()),
    mail,
    ds: app.get<DataSource>(getDataSourceToken()),
    config,
    async close() {
      await app.close();
      await mail.stop();
      await dropDatabase(config.databaseUrl);
      await deleteQueueKeys(config.redisUrl, config.queuePrefix);
    },
  };
}

async function dropDatabase(url: string): Promise<void> {
  const t = parseDatabaseUrl(url);
  const conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${t.database}\``);
  } finally {
    await conn.end();
  }
}

async function deleteQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis may be gone (the outage test): nothing to clean then.
  } finally {
    redis.disconnect();
  }
}

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
    await t.http.post('/api/v1/auth/verify-email').send({ token: tokenFrom(mail) }).expect(200);
  }
  return { id, email: email.toLowerCase(), password, token: await login(t, email, password) };
}

export async function count(t: TestApp, table: string): Promise<number> {
  const [row] = (await t.ds.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as { n: number | string }[];
  return Number(row!.n);
}
