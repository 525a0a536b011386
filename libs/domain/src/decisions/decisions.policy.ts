import { type Actor, ForbiddenError, hasRole } from '../shared/index.js';

/** Only the task force's secretariat (and admins, who hold every role) records members, meetings and decisions. */
export function assertTaskForce(actor: Actor): void {
  if (!hasRole(actor.roles, 'task_force')) {
    throw new ForbiddenError('only the task force secretariat records members, meetings and decisions');
  }
}

/** Whether the actor may record for the task force. */
export function isTaskForce(actor: Actor | null): boolean {
  return !!actor && hasRole(actor.roles, 'task_force');
}
