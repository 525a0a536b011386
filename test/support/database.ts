import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '#database';

/** A name for one test run: its database, its queue prefix. */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** The URL of the run's own database on the local MariaDB/MySQL (TEST_DATABASE_URL names the server). */
export function testDatabaseUrl(runId: string): string {
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/x');
  base.pathname = `/op_test_${runId}`;
  return base.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const t = parseDatabaseUrl(url);
  const conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${t.database}\``);
  } finally {
    await conn.end();
  }
}

/** How many rows `table` holds. */
export async function count(db: { ds: DataSource }, table: string): Promise<number> {
  const [row] = (await db.ds.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as { n: number | string }[];
  return Number(row!.n);
}
