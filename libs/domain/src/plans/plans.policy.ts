import { type Actor, ForbiddenError, type StaffActor, hasRole } from '../shared/index.js';

/** Plans, their commitments and imports are the task force secretariat's. */
export function assertCanEditPlans(actor: Actor): void {
  if (!hasRole(actor.roles, 'task_force')) throw new ForbiddenError('only the task force can change action plans');
}

/** Progress is reported by staff of a lead agency of the commitment only (not co-agencies, not others). */
export function canReportProgress(actor: StaffActor | null, leadAgencyIds: readonly string[]): boolean {
  return !!actor && hasRole(actor.roles, 'agency_staff') && !!actor.agencyId && leadAgencyIds.includes(actor.agencyId);
}

export function assertCanReportProgress(actor: StaffActor, leadAgencyIds: readonly string[]): void {
  if (!canReportProgress(actor, leadAgencyIds)) {
    throw new ForbiddenError('only staff of a lead agency of this commitment can report its progress');
  }
}
