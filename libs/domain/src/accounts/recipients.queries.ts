import type { EntityManager } from 'typeorm';

/*
 * The people mail goes to, read from the accounts' tables. Raw SQL: one round trip with the role check as a
 * semi-join, inside the caller's transaction.
 */

/** An account as mail needs it. */
export interface Recipient {
  id: string;
  email: string;
  locale: string;
  displayName: string;
}

/**
 * The verified staff accounts of one agency (admins count as staff of the agency their account belongs to):
 * they receive its assignments, reminders and refusals.
 */
export async function agencyStaff(em: EntityManager, agencyId: string): Promise<Recipient[]> {
  return (await em.query(
    `SELECT u.id, u.email, u.locale, u.display_name AS displayName FROM users u
      WHERE u.agency_id = ? AND u.email_verified_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('agency_staff', 'admin'))
      ORDER BY u.id`,
    [agencyId],
  )) as Recipient[];
}

/**
 * The verified moderators, the platform secretariat (admins hold every role, so they are included: an
 * installation run by its admin alone still hears of transfers and overdue answers).
 */
export async function moderators(em: EntityManager): Promise<Recipient[]> {
  return (await em.query(
    `SELECT u.id, u.email, u.locale, u.display_name AS displayName FROM users u
      WHERE u.email_verified_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('moderator', 'admin'))
      ORDER BY u.id`,
  )) as Recipient[];
}

/** One account as a recipient (e.g. a proposal's author); null when it no longer exists. */
export async function recipient(em: EntityManager, userId: string): Promise<Recipient | null> {
  const [row] = (await em.query('SELECT u.id, u.email, u.locale, u.display_name AS displayName FROM users u WHERE u.id = ?', [
    userId,
  ])) as Recipient[];
  return row ?? null;
}
