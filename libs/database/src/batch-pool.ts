import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import mysql from 'mysql2/promise';
import { AppConfig } from '#config';
import { parseDatabaseUrl } from './database-options.js';

/**
 * A small mysql2 pool that accepts several statements in one round trip, for the few hot paths that
 * write in batches (endorsements). Every value still goes through placeholders. Round trips to the
 * database are the dearest part of such a batch on a small machine, so a transaction that would take
 * seven takes two.
 */
@Injectable()
export class BatchPool implements OnApplicationShutdown {
  readonly pool: mysql.Pool;

  constructor(@Inject(AppConfig) config: AppConfig) {
    const t = parseDatabaseUrl(config.databaseUrl);
    this.pool = mysql.createPool({
      host: t.host,
      port: t.port,
      user: t.user,
      password: t.password,
      database: t.database,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      multipleStatements: true,
      connectionLimit: 8,
      supportBigNumbers: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
