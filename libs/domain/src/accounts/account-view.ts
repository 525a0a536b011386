import type { User } from './user.entity.js';

export interface AccountView {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  agencyId: string | null;
  locale: string;
  emailVerified: boolean;
  createdAt: string;
}

const ROLE_ORDER = ['citizen', 'moderator', 'agency_staff', 'task_force', 'admin'];

export function sortRoles(roles: string[]): string[] {
  return [...roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
}

export function roleNames(user: User): string[] {
  return sortRoles((user.roles ?? []).map((r) => r.role));
}

export function toAccountView(user: User): AccountView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: roleNames(user),
    agencyId: user.agencyId,
    locale: user.locale,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}
