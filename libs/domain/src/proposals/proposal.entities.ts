import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ProposalStatus } from './proposal-state.js';

/** A commitment proposal (承諾事項提案) in a call, following the OGP commitment template. */
@Entity({ name: 'proposals' })
export class Proposal {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'call_id', type: 'char', length: 36 }) callId: string;
  @Column({ name: 'author_id', type: 'char', length: 36 }) authorId: string;
  @Column({ type: 'varchar', length: 20 }) status: ProposalStatus;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 1000 }) summary: string;
  @Column({ type: 'text' }) problem: string;
  @Column({ type: 'text', nullable: true }) cause: string | null;
  @Column({ type: 'text' }) solution: string;
  @Column({ name: 'expected_results', type: 'text', nullable: true }) expectedResults: string | null;
  @Column({ name: 'ogp_transparency', type: 'text', nullable: true }) ogpTransparency: string | null;
  @Column({ name: 'ogp_accountability', type: 'text', nullable: true }) ogpAccountability: string | null;
  @Column({ name: 'ogp_participation', type: 'text', nullable: true }) ogpParticipation: string | null;
  @Column({ type: 'varchar', length: 10 }) language: string;
  /** The call's threshold when the proposal was submitted: later changes to the call do not move it. */
  @Column({ name: 'endorsement_threshold', type: 'int' }) endorsementThreshold: number;
  @Column({ name: 'endorsement_deadline', type: 'datetime', precision: 6, nullable: true }) endorsementDeadline: Date | null;
  @Column({ name: 'submitted_at', type: 'datetime', precision: 6 }) submittedAt: Date;
  @Column({ name: 'review_due_at', type: 'datetime', precision: 6 }) reviewDueAt: Date;
  @Column({ name: 'published_at', type: 'datetime', precision: 6, nullable: true }) publishedAt: Date | null;
  @Column({ name: 'qualified_at', type: 'datetime', precision: 6, nullable: true }) qualifiedAt: Date | null;
  @Column({ name: 'closed_at', type: 'datetime', precision: 6, nullable: true }) closedAt: Date | null;
  @Column({ type: 'int', default: 0 }) version: number;
  /** A sort key refreshed by the worker; the exact count is always summed from the shards. */
  @Column({ name: 'endorsement_count', type: 'int', default: 0 }) endorsementCountCached: number;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;
}

/** Agencies the proposer suggests, lead first. */
@Entity({ name: 'proposal_agencies' })
export class ProposalAgency {
  @PrimaryColumn({ name: 'proposal_id', type: 'char', length: 36 }) proposalId: string;
  @PrimaryColumn({ name: 'agency_id', type: 'char', length: 36 }) agencyId: string;
  @Column({ type: 'int' }) position: number;
}

/** One endorsement (附議) per account per proposal; it subscribes the endorser to the proposal's mail. */
@Entity({ name: 'endorsements' })
export class Endorsement {
  @PrimaryColumn({ name: 'proposal_id', type: 'char', length: 36 }) proposalId: string;
  @PrimaryColumn({ name: 'user_id', type: 'char', length: 36 }) userId: string;
  @Column({ type: 'boolean', default: true }) notify: boolean;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
}

/** The public audit trail of a proposal. */
@Entity({ name: 'proposal_events' })
export class ProposalEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'proposal_id', type: 'char', length: 36 }) proposalId: string;
  @Column({ type: 'varchar', length: 40 }) type: string;
  @Column({ type: 'datetime', precision: 6 }) at: Date;
  @Column({ name: 'actor_id', type: 'char', length: 36, nullable: true }) actorId: string | null;
  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true }) actorRole: string | null;
  @Column({ type: 'json', nullable: true }) detail: Record<string, unknown> | null;
}

/** An agency holding a qualified proposal (lead or co-agency) and its answer deadline. */
@Entity({ name: 'proposal_assignments' })
export class ProposalAssignment {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'proposal_id', type: 'char', length: 36 }) proposalId: string;
  @Column({ name: 'agency_id', type: 'char', length: 36 }) agencyId: string;
  @Column({ type: 'varchar', length: 10 }) role: 'lead' | 'co';
  @Column({ type: 'varchar', length: 20 }) status: AssignmentStatus;
  @Column({ name: 'assigned_at', type: 'datetime', precision: 6 }) assignedAt: Date;
  /** The deadline in force: the original one, or the last announced extension. */
  @Column({ name: 'due_at', type: 'datetime', precision: 6 }) dueAt: Date;
  /** assigned + the call's responseDays, kept when extensions move `dueAt`. */
  @Column({ name: 'original_due_at', type: 'datetime', precision: 6 }) originalDueAt: Date;
  /** When this agency first published a response. */
  @Column({ name: 'answered_at', type: 'datetime', precision: 6, nullable: true }) answeredAt: Date | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;
}

/**
 * Assignment statuses: `open` (waiting for the agency's answer), `answered` (it published a response),
 * `rerouted` (a moderator named another lead), `transferred` (a transfer request was accepted).
 */
export type AssignmentStatus = 'open' | 'answered' | 'rerouted' | 'transferred';

export type Recommendation = 'adopt' | 'partially_adopt' | 'not_adopt';
export const RECOMMENDATIONS: readonly Recommendation[] = ['adopt', 'partially_adopt', 'not_adopt'];

export interface ResponsePoint {
  question: string;
  answer: string;
}

/**
 * An agency's assessment (評估回應) of a proposal it holds. A draft can be edited; a published response
 * never changes: a correction is a new response whose `correctsId` names the one it replaces.
 */
@Entity({ name: 'proposal_responses' })
export class ProposalResponse {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'proposal_id', type: 'char', length: 36 }) proposalId: string;
  @Column({ name: 'assignment_id', type: 'char', length: 36 }) assignmentId: string;
  @Column({ name: 'agency_id', type: 'char', length: 36 }) agencyId: string;
  @Column({ type: 'varchar', length: 10 }) role: 'lead' | 'co';
  @Column({ type: 'varchar', length: 20 }) status: 'draft' | 'published';
  @Column({ type: 'varchar', length: 20 }) recommendation: Recommendation;
  @Column({ type: 'text' }) reasoning: string;
  @Column({ name: 'reasoning_en', type: 'text', nullable: true }) reasoningEn: string | null;
  @Column({ type: 'json', nullable: true }) points: ResponsePoint[] | null;
  @Column({ name: 'follow_up', type: 'text', nullable: true }) followUp: string | null;
  @Column({ name: 'follow_up_on', type: 'date', nullable: true }) followUpOn: string | null;
  @Column({ name: 'corrects_id', type: 'char', length: 36, nullable: true }) correctsId: string | null;
  @Column({ name: 'corrected_by_id', type: 'char', length: 36, nullable: true }) correctedById: string | null;
  @Column({ name: 'author_id', type: 'char', length: 36 }) authorId: string;
  /** The assignment's deadline when the response was published: whether it came on time stays on record. */
  @Column({ name: 'due_at', type: 'datetime', precision: 6, nullable: true }) dueAt: Date | null;
  @Column({ name: 'published_at', type: 'datetime', precision: 6, nullable: true }) publishedAt: Date | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;
}

/** An agency asks the moderators to move its assignment to another agency. */
@Entity({ name: 'assignment_transfers' })
export class AssignmentTransfer {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'assignment_id', type: 'char', length: 36 }) assignmentId: string;
  @Column({ name: 'proposal_id', type: 'char', length: 36 }) proposalId: string;
  @Column({ name: 'from_agency_id', type: 'char', length: 36 }) fromAgencyId: string;
  @Column({ name: 'to_agency_id', type: 'char', length: 36 }) toAgencyId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'varchar', length: 20 }) status: 'pending' | 'accepted' | 'refused';
  @Column({ name: 'requested_by', type: 'char', length: 36 }) requestedBy: string;
  @Column({ name: 'requested_at', type: 'datetime', precision: 6 }) requestedAt: Date;
  @Column({ name: 'decided_by', type: 'char', length: 36, nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'datetime', precision: 6, nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
}

/** A public announcement that an agency needs more time (展延), with its reason and the new date. */
@Entity({ name: 'assignment_extensions' })
export class AssignmentExtension {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'assignment_id', type: 'char', length: 36 }) assignmentId: string;
  @Column({ name: 'proposal_id', type: 'char', length: 36 }) proposalId: string;
  @Column({ name: 'agency_id', type: 'char', length: 36 }) agencyId: string;
  @Column({ name: 'previous_due_at', type: 'datetime', precision: 6 }) previousDueAt: Date;
  @Column({ name: 'new_due_at', type: 'datetime', precision: 6 }) newDueAt: Date;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text', nullable: true }) progress: string | null;
  @Column({ name: 'announced_by', type: 'char', length: 36 }) announcedBy: string;
  @Column({ name: 'announced_at', type: 'datetime', precision: 6 }) announcedAt: Date;
}
