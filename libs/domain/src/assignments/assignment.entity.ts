import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agency holding a qualified proposal (lead or co-agency) and its answer deadline. */
@Entity({ name: 'proposal_assignments' })
export class ProposalAssignment {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @Column({ name: 'agency_id', type: 'char', length: 36 })
  agencyId: string;

  @Column({ type: 'varchar', length: 10 })
  role: 'lead' | 'co';

  @Column({ type: 'varchar', length: 20 })
  status: AssignmentStatus;

  @Column({ name: 'assigned_at', type: 'datetime', precision: 6 })
  assignedAt: Date;

  /** The deadline in force: the original one, or the last announced extension. */
  @Column({ name: 'due_at', type: 'datetime', precision: 6 })
  dueAt: Date;

  /** assigned + the call's responseDays, kept when extensions move `dueAt`. */
  @Column({ name: 'original_due_at', type: 'datetime', precision: 6 })
  originalDueAt: Date;

  /** When this agency first published a response. */
  @Column({ name: 'answered_at', type: 'datetime', precision: 6, nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}

/**
 * Assignment statuses: `open` (waiting for the agency's answer), `answered` (it published a response),
 * `rerouted` (a moderator named another lead), `transferred` (a transfer request was accepted), `closed` (still
 * open when the task force decided the proposal: nobody waits for its answer any more).
 */
export type AssignmentStatus = 'open' | 'answered' | 'rerouted' | 'transferred' | 'closed';

/**
 * The assignments counted against an agency (scoreboard, statistics, exports): those it holds, answered, or held
 * unanswered until the task force decided. Those handed on by re-routing or transfer are not its record.
 */
export const HELD_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['open', 'answered', 'closed'];

/** `a.status IN (…)` over HELD_ASSIGNMENT_STATUSES, for SQL whose assignments table is aliased `alias`. */
export const heldAssignmentSql = (alias: string): string =>
  `${alias}.status IN (${HELD_ASSIGNMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;
