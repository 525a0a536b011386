import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One endorsement (附議) per account per proposal; it subscribes the endorser to the proposal's mail. */
@Entity({ name: 'endorsements' })
export class Endorsement {
  @PrimaryColumn({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @PrimaryColumn({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @Column({ type: 'boolean', default: true })
  notify: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
