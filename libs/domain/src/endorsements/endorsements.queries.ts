import type { EntityManager } from 'typeorm';
import { statusesAllowing } from '../proposals/index.js';
import type { Subscriber } from '../notifications/index.js';
import { QUIET_PERIOD_ON_DATE_SQL } from '../shared/index.js';

/*
 * The only SQL on endorsements and proposal_endorsement_counts, and the conditional exactly-once UPDATEs of
 * qualification and expiry. Raw SQL where it buys something: the counter shards are summed inside the UPDATE's
 * condition, so the check and the move are one atomic statement whatever races.
 */

/** Each endorsement bumps one of this many counter rows of its proposal, chosen at random. */
export const COUNTER_SHARDS = 16;

/** The exact committed endorsement count of the proposal row aliased `alias`, as an SQL expression. */
export function endorsementCountSql(alias: string): string {
  return `(SELECT COALESCE(SUM(c.n), 0) FROM proposal_endorsement_counts c WHERE c.proposal_id = ${alias}.id)`;
}

/** Exact committed endorsement counts, summed from the shards. */
export async function endorsementCounts(em: EntityManager, proposalIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(proposalIds.map((id) => [id, 0]));
  if (!proposalIds.length) return counts;
  const rows = (await em.query(
    'SELECT proposal_id AS id, SUM(n) AS n FROM proposal_endorsement_counts WHERE proposal_id IN (?) GROUP BY proposal_id',
    [proposalIds],
  )) as { id: string; n: string | number }[];
  for (const r of rows) counts.set(r.id, Number(r.n));
  return counts;
}

export async function endorsementCount(em: EntityManager, proposalId: string): Promise<number> {
  return (await endorsementCounts(em, [proposalId])).get(proposalId) ?? 0;
}

export async function hasEndorsed(em: EntityManager, userId: string, proposalId: string): Promise<boolean> {
  const rows = (await em.query('SELECT 1 FROM endorsements WHERE proposal_id = ? AND user_id = ?', [proposalId, userId])) as unknown[];
  return rows.length > 0;
}

/** Subscribed endorsers other than the author, by user id after `afterUserId` (keyset pagination). */
export async function subscribersPage(
  em: EntityManager,
  proposalId: string,
  afterUserId: string | null,
  limit: number,
): Promise<Subscriber[]> {
  return (await em.query(
    `SELECT e.user_id AS userId, u.email, u.locale, u.display_name AS displayName
       FROM endorsements e JOIN users u ON u.id = e.user_id JOIN proposals p ON p.id = e.proposal_id
      WHERE e.proposal_id = ? AND e.notify = 1 AND e.user_id <> p.author_id AND e.user_id > ?
      ORDER BY e.user_id LIMIT ${Number(limit)}`,
    [proposalId, afterUserId ?? ''],
  )) as Subscriber[];
}

export async function stopNotifying(em: EntityManager, proposalId: string, userId: string): Promise<void> {
  await em.query('UPDATE endorsements SET notify = 0 WHERE proposal_id = ? AND user_id = ?', [proposalId, userId]);
}

/** Qualifies the proposal if it may qualify and its committed count has reached its threshold; true for the one winner. */
export async function qualifyIfReachedSql(em: EntityManager, proposalId: string, now: Date): Promise<boolean> {
  const res = (await em.query(
    `UPDATE proposals p SET p.status = 'qualified', p.qualified_at = ?, p.version = p.version + 1, p.updated_at = ?
      WHERE p.id = ? AND p.status IN (?) AND ${endorsementCountSql('p')} >= p.endorsement_threshold`,
    [now, now, proposalId, statusesAllowing('qualify')],
  )) as { affectedRows: number };
  return res.affectedRows === 1;
}

/** Expires the proposal if it may expire, its deadline has passed and it is short of its threshold; true for the winner. */
export async function expireIfDueSql(em: EntityManager, proposalId: string, now: Date): Promise<boolean> {
  const res = (await em.query(
    `UPDATE proposals p SET p.status = 'expired', p.closed_at = ?, p.version = p.version + 1, p.updated_at = ?
      WHERE p.id = ? AND p.status IN (?) AND p.endorsement_deadline <= ? AND ${endorsementCountSql('p')} < p.endorsement_threshold`,
    [now, now, proposalId, statusesAllowing('expire'), now],
  )) as { affectedRows: number };
  return res.affectedRows === 1;
}

export async function statusOf(em: EntityManager, proposalId: string): Promise<string | null> {
  const [row] = (await em.query('SELECT status FROM proposals WHERE id = ?', [proposalId])) as { status: string }[];
  return row?.status ?? null;
}

/** Proposals that may qualify and have reached their threshold (a qualification a crash interrupted). */
export async function reachedThreshold(em: EntityManager): Promise<string[]> {
  const rows = (await em.query(
    `SELECT p.id FROM proposals p WHERE p.status IN (?) AND ${endorsementCountSql('p')} >= p.endorsement_threshold`,
    [statusesAllowing('qualify')],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Proposals that may expire and whose endorsement deadline has passed, the oldest first. */
export async function pastDeadline(em: EntityManager, now: Date, limit: number): Promise<string[]> {
  const rows = (await em.query(
    `SELECT id FROM proposals WHERE status IN (?) AND endorsement_deadline <= ? ORDER BY endorsement_deadline LIMIT ${Number(limit)}`,
    [statusesAllowing('expire'), now],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Copies the exact counts of endorsing proposals into proposals.endorsement_count (the "most endorsed" sort key). */
export async function refreshSortCounts(em: EntityManager): Promise<void> {
  const rows = (await em.query(
    `SELECT c.proposal_id AS id, SUM(c.n) AS n FROM proposal_endorsement_counts c
       JOIN proposals p ON p.id = c.proposal_id AND p.status IN (?) GROUP BY c.proposal_id`,
    [statusesAllowing('qualify')],
  )) as { id: string; n: string | number }[];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await em.query(`UPDATE proposals SET endorsement_count = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`, [
      ...chunk.flatMap((r) => [r.id, Number(r.n)]),
      chunk.map((r) => r.id),
    ]);
  }
}

/**
 * The batch writer's statements (see EndorsementsService): share-lock and look up, then insert, count, commit, read.
 * The first round trip also finds the quiet period today falls in (params: proposal, proposal, users, date, date).
 */
export const BATCH_OPEN_SQL = `START TRANSACTION;
  SELECT status, endorsement_deadline AS deadline, endorsement_threshold AS threshold, published_at AS publishedAt
    FROM proposals WHERE id = ? LOCK IN SHARE MODE;
  SELECT user_id AS id FROM endorsements WHERE proposal_id = ? AND user_id IN (?);
  ${QUIET_PERIOD_ON_DATE_SQL}`;

export function batchCommitSql(inserting: boolean): string {
  return `${
    inserting
      ? `INSERT INTO endorsements (proposal_id, user_id, notify, created_at) VALUES ?;
    INSERT INTO proposal_endorsement_counts (proposal_id, shard, n) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE n = n + VALUES(n);`
      : ''
  }
    COMMIT;
    SELECT COALESCE(SUM(n), 0) AS n FROM proposal_endorsement_counts WHERE proposal_id = ?`;
}
