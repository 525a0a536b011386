import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Recommendation, ResponsePoint } from './recommendations.js';

/**
 * An agency's assessment (評估回應) of a proposal it holds. A draft can be edited; a published response
 * never changes: a correction is a new response whose `correctsId` names the one it replaces.
 */
@Entity({ name: 'proposal_responses' })
export class ProposalResponse {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @Column({ name: 'assignment_id', type: 'char', length: 36 })
  assignmentId: string;

  @Column({ name: 'agency_id', type: 'char', length: 36 })
  agencyId: string;

  @Column({ type: 'varchar', length: 10 })
  role: 'lead' | 'co';

  @Column({ type: 'varchar', length: 20 })
  status: 'draft' | 'published';

  @Column({ type: 'varchar', length: 20 })
  recommendation: Recommendation;

  @Column({ type: 'text' })
  reasoning: string;

  @Column({ name: 'reasoning_en', type: 'text', nullable: true })
  reasoningEn: string | null;

  @Column({ type: 'json', nullable: true })
  points: ResponsePoint[] | null;

  @Column({ name: 'follow_up', type: 'text', nullable: true })
  followUp: string | null;

  @Column({ name: 'follow_up_on', type: 'date', nullable: true })
  followUpOn: string | null;

  @Column({ name: 'corrects_id', type: 'char', length: 36, nullable: true })
  correctsId: string | null;

  @Column({ name: 'corrected_by_id', type: 'char', length: 36, nullable: true })
  correctedById: string | null;

  @Column({ name: 'author_id', type: 'char', length: 36 })
  authorId: string;

  /** The assignment's deadline when the response was published: whether it came on time stays on record. */
  @Column({ name: 'due_at', type: 'datetime', precision: 6, nullable: true })
  dueAt: Date | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 6, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
