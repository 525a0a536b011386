import { ForbiddenError, type StaffActor, hasRole } from '../shared/index.js';

/** Only staff of the agency itself act for it (an admin acts for the agency their account belongs to). */
export function assertStaffOf(actor: StaffActor, agencyId: string): void {
  if (!hasRole(actor.roles, 'agency_staff') || actor.agencyId !== agencyId) {
    throw new ForbiddenError('only staff of the assigned agency can do this');
  }
}

/** Whether the actor is staff of the agency. */
export function isStaffOf(actor: StaffActor | null, agencyId: string): boolean {
  return !!actor && hasRole(actor.roles, 'agency_staff') && actor.agencyId === agencyId;
}
