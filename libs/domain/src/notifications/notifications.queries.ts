import type { EntityManager } from 'typeorm';

/*
 * The only SQL on mail_opt_outs. INSERT IGNORE: leaving a scope twice is one row; the user may have been
 * deleted since the mail went out, and then there is nothing to record.
 */

export async function isOptedOut(em: EntityManager, userId: string, scope: string): Promise<boolean> {
  const rows = (await em.query('SELECT 1 AS x FROM mail_opt_outs WHERE user_id = ? AND scope = ?', [userId, scope])) as unknown[];
  return rows.length > 0;
}

export async function recordOptOut(em: EntityManager, userId: string, scope: string, at: Date): Promise<void> {
  await em.query('INSERT IGNORE INTO mail_opt_outs (user_id, scope, created_at) SELECT id, ?, ? FROM users WHERE id = ?', [
    scope,
    at,
    userId,
  ]);
}
