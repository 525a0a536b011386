import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A public announcement that an agency needs more time (展延), with its reason and the new date. */
@Entity({ name: 'assignment_extensions' })
export class AssignmentExtension {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'assignment_id', type: 'char', length: 36 })
  assignmentId: string;

  @Column({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @Column({ name: 'agency_id', type: 'char', length: 36 })
  agencyId: string;

  @Column({ name: 'previous_due_at', type: 'datetime', precision: 6 })
  previousDueAt: Date;

  @Column({ name: 'new_due_at', type: 'datetime', precision: 6 })
  newDueAt: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  progress: string | null;

  @Column({ name: 'announced_by', type: 'char', length: 36 })
  announcedBy: string;

  @Column({ name: 'announced_at', type: 'datetime', precision: 6 })
  announcedAt: Date;
}
