import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An agency asks the moderators to move its assignment to another agency. */
@Entity({ name: 'assignment_transfers' })
export class AssignmentTransfer {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'assignment_id', type: 'char', length: 36 })
  assignmentId: string;

  @Column({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @Column({ name: 'from_agency_id', type: 'char', length: 36 })
  fromAgencyId: string;

  @Column({ name: 'to_agency_id', type: 'char', length: 36 })
  toAgencyId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 20 })
  status: 'pending' | 'accepted' | 'refused';

  @Column({ name: 'requested_by', type: 'char', length: 36 })
  requestedBy: string;

  @Column({ name: 'requested_at', type: 'datetime', precision: 6 })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'char', length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 6, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;
}
