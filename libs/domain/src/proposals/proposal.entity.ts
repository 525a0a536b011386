import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProposalStatus } from './proposal-state.js';

/** A commitment proposal (承諾事項提案) in a call, following the OGP commitment template. */
@Entity({ name: 'proposals' })
export class Proposal {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'call_id', type: 'char', length: 36 })
  callId: string;

  @Column({ name: 'author_id', type: 'char', length: 36 })
  authorId: string;

  @Column({ type: 'varchar', length: 20 })
  status: ProposalStatus;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @Column({ type: 'text' })
  problem: string;

  @Column({ type: 'text', nullable: true })
  cause: string | null;

  @Column({ type: 'text' })
  solution: string;

  @Column({ name: 'expected_results', type: 'text', nullable: true })
  expectedResults: string | null;

  @Column({ name: 'ogp_transparency', type: 'text', nullable: true })
  ogpTransparency: string | null;

  @Column({ name: 'ogp_accountability', type: 'text', nullable: true })
  ogpAccountability: string | null;

  @Column({ name: 'ogp_participation', type: 'text', nullable: true })
  ogpParticipation: string | null;

  @Column({ type: 'varchar', length: 10 })
  language: string;

  /** The call's threshold when the proposal was submitted: later changes to the call do not move it. */
  @Column({ name: 'endorsement_threshold', type: 'int' })
  endorsementThreshold: number;

  @Column({ name: 'endorsement_deadline', type: 'datetime', precision: 6, nullable: true })
  endorsementDeadline: Date | null;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 6 })
  submittedAt: Date;

  @Column({ name: 'review_due_at', type: 'datetime', precision: 6 })
  reviewDueAt: Date;

  @Column({ name: 'published_at', type: 'datetime', precision: 6, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'qualified_at', type: 'datetime', precision: 6, nullable: true })
  qualifiedAt: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 6, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  version: number;

  /** A sort key refreshed by the worker; the exact count is always summed from the shards. */
  @Column({ name: 'endorsement_count', type: 'int', default: 0 })
  endorsementCountCached: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
