import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A job, from the transaction that announces it until its handler confirms it (`doneAt`). Written in the same
 * transaction as the change; the worker's relay hands it to BullMQ (job id = row id) and hands it again whenever
 * `availableAt` comes round before it is done, so the database, not Redis, is the record of the work.
 */
@Entity({ name: 'outbox_messages' })
export class OutboxMessage {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'job_name', type: 'varchar', length: 100 })
  jobName: string;

  /** Queueing the same key twice stores one row (e.g. the next batch of a fan-out, from a re-run batch). */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 191, nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  @Column({ name: 'available_at', type: 'datetime', precision: 6 })
  availableAt: Date;

  /** The last time the relay handed the row to Redis. */
  @Column({ name: 'dispatched_at', type: 'datetime', precision: 6, nullable: true })
  dispatchedAt: Date | null;

  /** Its handler finished; or the queue gave up on it, then with `lastError`. */
  @Column({ name: 'done_at', type: 'datetime', precision: 6, nullable: true })
  doneAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
