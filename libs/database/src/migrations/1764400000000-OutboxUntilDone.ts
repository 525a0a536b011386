import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

/**
 * The database stays the record of every job until its handler confirms it (Redis is a queue, not a store):
 * - `outbox_messages.done_at`: set by the worker when the job's handler has finished (or the queue gave up on it,
 *   with `last_error`). Until then the relay hands the row to Redis again whenever `available_at` comes round
 *   (idempotent: the job id is the row id), so a Redis that restarts empty only delays the work.
 *   `dispatched_at` is now the last hand-off to Redis; `available_at` the next time the relay looks at the row.
 * - `outbox_messages.dedupe_key`: a job queued twice under one key is one row (a re-run handler re-queueing
 *   its follow-up job).
 * - `worker_instances` and `mail_messages.lease_owner`: a mail leased by a worker that stopped beating is taken
 *   at once by another, instead of waiting for the lease to run out. `mail_messages.in_doubt_at`: when an attempt
 *   took a mail over from one that died mid-send, which may have delivered it already (SMTP cannot be asked):
 *   it is sent again, with the same Message-ID.
 */
export class OutboxUntilDone1764400000000 implements MigrationInterface {
  name = 'OutboxUntilDone1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages
      ADD COLUMN done_at DATETIME(6) NULL AFTER dispatched_at,
      ADD COLUMN dedupe_key VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NULL AFTER job_name,
      ADD CONSTRAINT uq_outbox_messages__dedupe_key UNIQUE (dedupe_key),
      ADD INDEX ix_outbox_messages__done_at_available_at (done_at, available_at)`);
    // Rows handed to Redis before this version are taken as done: nothing recorded whether their handler ran. In
    // batches by primary key, so the API's transactions that insert outbox rows meanwhile never wait for long.
    for (;;) {
      const rows = (await q.query(
        'SELECT id FROM outbox_messages WHERE done_at IS NULL AND dispatched_at IS NOT NULL ORDER BY id LIMIT 5000',
      )) as { id: string }[];
      if (!rows.length) break;
      await q.query('UPDATE outbox_messages SET done_at = dispatched_at WHERE id IN (?)', [rows.map((r) => r.id)]);
    }
    await q.query('ALTER TABLE outbox_messages DROP INDEX ix_outbox_messages__dispatched_at_available_at');

    await q.query(`CREATE TABLE worker_instances (
      id ${ID} NOT NULL,
      host VARCHAR(255) NOT NULL,
      pid INT NOT NULL,
      started_at DATETIME(6) NOT NULL,
      beat_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_worker_instances PRIMARY KEY (id),
      INDEX ix_worker_instances__beat_at (beat_at)
    ) ${T}`);
    await q.query(`ALTER TABLE mail_messages
      ADD COLUMN lease_owner ${ID} NULL AFTER lease_until,
      ADD COLUMN in_doubt_at DATETIME(6) NULL AFTER lease_owner`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE mail_messages DROP COLUMN in_doubt_at, DROP COLUMN lease_owner');
    await q.query('DROP TABLE worker_instances');
    await q.query('ALTER TABLE outbox_messages ADD INDEX ix_outbox_messages__dispatched_at_available_at (dispatched_at, available_at)');
    await q.query(`ALTER TABLE outbox_messages
      DROP INDEX ix_outbox_messages__done_at_available_at,
      DROP INDEX uq_outbox_messages__dedupe_key,
      DROP COLUMN dedupe_key,
      DROP COLUMN done_at`);
  }
}
