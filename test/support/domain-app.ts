import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock, ConfigModule } from '#config';
import { DatabaseModule, runMigrations } from '#database';
import { DemoDataService, DomainModule } from '#domain';
import { dropDatabase, newRunId, testDatabaseUrl } from './database.js';

export interface DomainAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
}

export interface DomainApp {
  moduleRef: TestingModule;
  ds: DataSource;
  config: AppConfig;
  get<T>(type: Type<T>): T;
  /** The id of a seeded agency, by code (`moenv`, `ndc`, …). */
  agency(code: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The domain without HTTP, queues or a worker: config, database and the domain modules against the run's own
 * database (migrations run, the agencies loaded). Mail and jobs stay where the domain leaves them: rows in
 * mail_messages and outbox_messages, which the tests read.
 */
export async function createDomainApp(opts: DomainAppOptions = {}): Promise<DomainApp> {
  const runId = newRunId();
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(runId),
    REDIS_URL: 'redis://127.0.0.1:6379',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    PUBLIC_URL: 'http://participation.test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `test_${runId}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    DEMO_DATA_ENABLED: 'false',
    ...opts.env,
  });
  await runMigrations(config.databaseUrl);

  let builder = Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, DomainModule] })
    .overrideProvider(AppConfig)
    .useValue(config);
  if (opts.clock) builder = builder.overrideProvider(Clock).useValue(opts.clock);
  const moduleRef = await builder.compile();
  moduleRef.useLogger(['error']);
  await moduleRef.init();
  const ds = moduleRef.get<DataSource>(getDataSourceToken());
  await moduleRef.get(DemoDataService).loadReferenceData();

  return {
    moduleRef,
    ds,
    config,
    get: (type) => moduleRef.get(type),
    async agency(code) {
      const [row] = (await ds.query('SELECT id FROM agencies WHERE code = ?', [code])) as { id: string }[];
      if (!row) throw new Error(`no agency ${code}`);
      return row.id;
    },
    async close() {
      await moduleRef.close();
      await dropDatabase(config.databaseUrl);
    },
  };
}
