import type { EntityManager } from 'typeorm';
import { ProposalEvent } from './proposal-event.entity.js';

export type ProposalEventType =
  | 'submitted'
  | 'edited'
  | 'resubmitted'
  | 'published'
  | 'returned'
  | 'rejected'
  | 'withdrawn'
  | 'qualified'
  | 'expired'
  | 'assigned'
  | 'rerouted'
  | 'routed_to_triage'
  | 'transfer_requested'
  | 'transfer_refused'
  | 'transferred'
  | 'deadline_extended'
  | 'deadline_extended_quiet_period'
  | 'deadline_extension_withdrawn'
  | 'responded'
  | 'decided'
  | 'decision_concluded'
  | 'commitment_created';

export interface EventActor {
  id: string | null;
  /** author | moderator | admin | agency_staff | task_force | system */
  role: string;
}

export const SYSTEM: EventActor = { id: null, role: 'system' };

/** Appends to a proposal's public timeline, inside the caller's transaction. */
export async function recordEvent(
  em: EntityManager,
  at: Date,
  proposalId: string,
  type: ProposalEventType,
  actor: EventActor,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await em.insert(ProposalEvent, { proposalId, type, at, actorId: actor.id, actorRole: actor.role, detail: detail as never });
}

/** Whether the proposal's timeline already shows an event of this type. */
export async function hasEvent(em: EntityManager, proposalId: string, type: ProposalEventType): Promise<boolean> {
  return em.existsBy(ProposalEvent, { proposalId, type });
}
