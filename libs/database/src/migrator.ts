import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { databaseOptions, parseDatabaseUrl } from './database-options.js';
import { migrations } from './migrations/index.js';

const LOCK_TIMEOUT_SECONDS = 120;

/** Creates the database if it is missing (a fresh machine has only the server). */
export async function ensureDatabase(url: string): Promise<void> {
  const t = parseDatabaseUrl(url);
  const conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${t.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

/**
 * Runs pending migrations under a named database lock, so an API and a worker (or several replicas)
 * starting together never apply the same migration twice. Returns the names of the migrations it ran.
 */
export async function runMigrations(url: string, log: (msg: string) => void = () => undefined): Promise<string[]> {
  await ensureDatabase(url);
  const ds = new DataSource({ ...databaseOptions(url), migrations, migrationsTableName: 'migrations' });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    const lockName = `migrate:${parseDatabaseUrl(url).database}`;
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [lockName, LOCK_TIMEOUT_SECONDS])) as { got: number }[];
    if (Number(row?.got) !== 1) throw new Error(`Could not take the migration lock within ${LOCK_TIMEOUT_SECONDS}s`);
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      for (const m of ran) log(`migration applied: ${m.name}`);
      return ran.map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lockName]);
    }
  } finally {
    await runner.release();
    await ds.destroy();
  }
}

/** True when every known migration has been applied. */
export async function migrationsUpToDate(ds: DataSource): Promise<boolean> {
  const rows = (await ds.query('SELECT name FROM migrations')) as { name: string }[];
  const applied = new Set(rows.map((r) => r.name));
  return migrations.every((m) => applied.has(m.name));
}
