import type { EntityManager } from 'typeorm';

export interface Recipient {
  id: string;
  email: string;
  locale: string;
  displayName: string;
}

/** The verified staff accounts of one agency: they receive its assignments, reminders and refusals. */
export async function agencyStaff(em: EntityManager, agencyId: string): Promise<Recipient[]> {
  return (await em.query(
    `SELECT u.id, u.email, u.locale, u.display_name AS displayName FROM users u
       JOIN user_roles r ON r.user_id = u.id AND r.role = 'agency_staff'
      WHERE u.agency_id = ? AND u.email_verified_at IS NOT NULL ORDER BY u.id`,
    [agencyId],
  )) as Recipient[];
}

/** The verified moderators (the platform secretariat): overdue mail, digests and transfer requests. */
export async function moderators(em: EntityManager): Promise<Recipient[]> {
  return (await em.query(
    `SELECT u.id, u.email, u.locale, u.display_name AS displayName FROM users u
       JOIN user_roles r ON r.user_id = u.id AND r.role = 'moderator'
      WHERE u.email_verified_at IS NOT NULL ORDER BY u.id`,
  )) as Recipient[];
}
