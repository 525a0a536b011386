import type { DataSource } from 'typeorm';
import type { Dataset } from './open-data.datasets.js';

/*
 * The open-data reads. Raw SQL: each dataset is one statement over several contexts' tables, built from its
 * dictionary (open-data.datasets.ts), and rows are read a chunk at a time in the order of their unique key
 * (keyset pagination: `key > last ORDER BY key LIMIT n`), so no chunk costs more than the first and no
 * connection or transaction is held between chunks.
 */

/** How many rows one dataset has, and when the latest of them changed. */
export async function datasetSize(ds: DataSource, d: Dataset): Promise<{ rows: number; lastUpdate: Date | null }> {
  const [row] = (await ds.query(
    `SELECT COUNT(*) AS n, MAX(${d.updatedAt}) AS last FROM ${d.from} WHERE ${d.where.sql}`,
    d.where.params,
  )) as {
    n: number | string;
    last: Date | null;
  }[];
  return { rows: Number(row?.n ?? 0), lastUpdate: row?.last ?? null };
}

/** Long enough for any list a dataset gathers (a meeting's agenda of hundreds of proposal ids); MySQL's default is 1,024 bytes. */
const GROUP_CONCAT_MAX_LEN = 4 * 1024 * 1024;

/**
 * The next `limit` rows of the dataset after the key `after` (from the start when null), keyed by column name.
 * One pooled connection for the two statements (the session's GROUP_CONCAT limit, then the chunk), released
 * at once: the limit only ever grows, so it is harmless to whoever takes the connection next.
 */
export async function datasetChunk(ds: DataSource, d: Dataset, after: string | null, limit: number): Promise<Record<string, unknown>[]> {
  const key = d.columns[0]!.sql;
  const select = d.columns.map((c) => `${c.sql} AS ${c.name}`).join(',\n ');
  const qr = ds.createQueryRunner();
  try {
    await qr.query(`SET SESSION group_concat_max_len = ${GROUP_CONCAT_MAX_LEN}`);
    return (await qr.query(
      `SELECT ${select} FROM ${d.from} WHERE ${d.where.sql}${after === null ? '' : ` AND ${key} > ?`} ORDER BY ${key} LIMIT ?`,
      [...d.where.params, ...(after === null ? [] : [after]), limit],
    )) as Record<string, unknown>[];
  } finally {
    await qr.release();
  }
}
