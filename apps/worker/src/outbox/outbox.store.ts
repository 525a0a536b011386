import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock } from '#config';

export interface DueRow {
  id: string;
  job_name: string;
  payload: string | Record<string, unknown>;
  /** Handed to Redis before: this is a re-check. */
  dispatched_at: Date | null;
}

/** Job ids the relay gives BullMQ are outbox row ids (UUIDs); scheduled jobs have others and no row. */
const ROW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The worker's side of `outbox_messages`: which rows are due for a hand-off to Redis, when to look at them
 * again, and their confirmation. Every statement is short and runs READ COMMITTED by primary key (or as a
 * plain, non-locking read), so the relay never holds a lock across network I/O and never takes the gap locks
 * that made it deadlock with the transactions that insert outbox rows.
 */
@Injectable()
export class OutboxStore {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Rows not done whose time has come: new ones, and handed-off ones due for a re-check. A plain read: no locks. */
  async due(limit: number): Promise<DueRow[]> {
    return (await this.ds.query(
      `SELECT id, job_name, payload, dispatched_at FROM outbox_messages
        WHERE done_at IS NULL AND available_at <= ? ORDER BY available_at, id LIMIT ${Number(limit)}`,
      [this.clock.now()],
    )) as DueRow[];
  }

  /**
   * Redis accepted the rows' jobs. Each is looked at again after a re-check interval that doubles with each
   * hand-off (QUEUE_OUTBOX_RECHECK_MS up to QUEUE_OUTBOX_RECHECK_MAX_MS): handing over a job Redis still holds
   * changes nothing (same job id), one Redis lost is queued again.
   */
  async handedOff(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const now = this.clock.now();
    const { outboxRecheckMs: base, outboxRecheckMaxMs: max } = this.config;
    await this.readCommitted((em) =>
      em.query(
        `UPDATE outbox_messages
            SET available_at = DATE_ADD(?, INTERVAL (FLOOR(LEAST(?, ? * POW(2, LEAST(attempts, 20)))) * 1000) MICROSECOND),
                dispatched_at = ?, attempts = attempts + 1
          WHERE id IN (?) AND done_at IS NULL`,
        // available_at first: MySQL assigns left to right, so it doubles from the hand-offs before this one.
        [now, max, base, now, ids],
      ),
    );
  }

  /** Rows this worker version cannot hand off (an unknown job name, e.g. from a newer API): looked at later. */
  async defer(ids: string[], reason: string, ms: number): Promise<void> {
    if (!ids.length) return;
    const at = new Date(this.clock.now().getTime() + ms);
    await this.readCommitted((em) =>
      em.query('UPDATE outbox_messages SET attempts = attempts + 1, available_at = ?, last_error = ? WHERE id IN (?)', [at, reason, ids]),
    );
  }

  /** The job's handler finished: the row's work is done. A job that has no row (a scheduled one) changes nothing. */
  async done(jobId: string | undefined): Promise<void> {
    if (!jobId || !ROW_ID.test(jobId)) return;
    await this.ds.query('UPDATE outbox_messages SET done_at = ?, last_error = NULL WHERE id = ? AND done_at IS NULL', [
      this.clock.now(),
      jobId,
    ]);
  }

  /** The queue gave up on the job (all attempts failed, or a failure no retry can fix): done, with the reason. */
  async gaveUp(jobId: string | undefined, reason: string): Promise<void> {
    if (!jobId || !ROW_ID.test(jobId)) return;
    await this.ds.query('UPDATE outbox_messages SET done_at = ?, last_error = ? WHERE id = ? AND done_at IS NULL', [
      this.clock.now(),
      `gave up: ${reason}`.slice(0, 1000),
      jobId,
    ]);
  }

  /**
   * Redis came back without its data: every row not done is due now. In chunks by primary key, so no statement
   * holds many row locks (only handlers' confirmations touch these rows meanwhile). Returns how many rows.
   */
  async allDueNow(): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    let after = '';
    for (;;) {
      const rows = (await this.ds.query(
        'SELECT id FROM outbox_messages WHERE done_at IS NULL AND available_at > ? AND id > ? ORDER BY id LIMIT 1000',
        [now, after],
      )) as { id: string }[];
      if (!rows.length) return total;
      const ids = rows.map((r) => r.id);
      await this.readCommitted((em) =>
        em.query('UPDATE outbox_messages SET available_at = ? WHERE id IN (?) AND done_at IS NULL', [now, ids]),
      );
      total += ids.length;
      after = ids[ids.length - 1]!;
    }
  }

  /** Deletes rows done more than `ageMs` ago, in one small batch. */
  async deleteDone(ageMs: number): Promise<void> {
    const before = new Date(this.clock.now().getTime() - ageMs);
    await this.readCommitted((em) => em.query('DELETE FROM outbox_messages WHERE done_at < ? LIMIT 10000', [before]));
  }

  private readCommitted<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction('READ COMMITTED', work);
  }
}
