import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/app.setup.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { AppConfig, Clock, LOG_DESTINATION } from '#config';
import { runMigrations } from '#database';
import { MailCatcher } from '#mail';
import { dropDatabase, newRunId, testDatabaseUrl } from './database.js';

export interface TestAppOptions {
  /** Defaults to TEST_REDIS_URL or the local Redis. */
  redisUrl?: string;
  env?: Record<string, string>;
  clock?: Clock;
  /** Where the pino logs go (standard output unless given): a test that reads the logs. */
  logs?: { write(line: string): void };
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
  const runId = newRunId();
  const mail = new MailCatcher(100_000);
  const smtpPort = await mail.start(0);
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(runId),
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
  if (opts.logs) builder = builder.overrideProvider(LOG_DESTINATION).useValue(opts.logs);
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
