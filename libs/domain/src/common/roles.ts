/** Roles of the contract. A user may hold several; `admin` counts as every role. */
export const ROLES = ['citizen', 'moderator', 'agency_staff', 'task_force', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether someone holding `held` may act as `required`. */
export function hasRole(held: readonly string[], required: Role): boolean {
  return held.includes(required) || held.includes('admin');
}
