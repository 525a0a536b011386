import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A job waiting to be handed to BullMQ. Written in the same transaction as the change it announces. */
@Entity({ name: 'outbox_messages' })
export class OutboxMessage {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'job_name', type: 'varchar', length: 100 })
  jobName: string;

  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  @Column({ name: 'available_at', type: 'datetime', precision: 6 })
  availableAt: Date;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 6, nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
