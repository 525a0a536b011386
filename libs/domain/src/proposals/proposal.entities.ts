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
  @Column({ type: 'varchar', length: 20 }) status: string;
  @Column({ name: 'assigned_at', type: 'datetime', precision: 6 }) assignedAt: Date;
  @Column({ name: 'due_at', type: 'datetime', precision: 6 }) dueAt: Date;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;
}
