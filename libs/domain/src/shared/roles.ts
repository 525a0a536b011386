/** Roles of the contract. A user may hold several; `admin` counts as every role. */
export const ROLES = ['citizen', 'moderator', 'agency_staff', 'task_force', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether someone holding `held` may act as `required`. */
export function hasRole(held: readonly string[], required: Role): boolean {
  return held.includes(required) || held.includes('admin');
}

/** Whoever acts on the domain: an account id and the roles it holds. */
export interface Actor {
  id: string;
  roles: string[];
}

/** Someone acting for an agency: agency staff carry the id of the agency they belong to. */
export interface StaffActor extends Actor {
  agencyId: string | null;
}
