import type { DataSourceOptions } from 'typeorm';

export interface DatabaseTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Splits a mysql:// URL into its parts. The database name is validated: it is put into DDL. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new Error(`DATABASE_URL must name a database of letters, digits and _ (got "${database}")`);
  }
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password || ''),
    database,
  };
}

/**
 * Connection options shared by the API, the worker, the migration CLI and tests.
 * Schema changes come only from migrations: synchronize stays off.
 */
export function databaseOptions(url: string): DataSourceOptions {
  const t = parseDatabaseUrl(url);
  return {
    type: 'mysql',
    host: t.host,
    port: t.port,
    username: t.user,
    password: t.password,
    database: t.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    synchronize: false,
    migrationsRun: false,
    extra: { connectionLimit: 20 },
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  } as DataSourceOptions;
}
