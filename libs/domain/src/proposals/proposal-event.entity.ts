import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The public audit trail of a proposal. */
@Entity({ name: 'proposal_events' })
export class ProposalEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ name: 'actor_id', type: 'char', length: 36, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null;
}
