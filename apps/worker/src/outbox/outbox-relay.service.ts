import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobsOptions, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock, withTimeout } from '#config';
import { ALL_QUEUE_NAMES, JOBS, type QueueName, isJobName } from '#queue';

const BATCH = 100;
const ADD_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 10_000;
/** Dispatched rows are kept this long (for tracing), then deleted in small batches. */
const RETAIN_DISPATCHED_MS = 7 * 86_400_000;
const CLEANUP_EVERY_MS = 3_600_000;

interface Row {
  id: string;
  job_name: string;
  payload: string | Record<string, unknown>;
}

/**
 * Moves committed outbox rows into BullMQ. Rows are locked with SKIP LOCKED, so several workers
 * can relay side by side; a row is marked dispatched only after Redis accepted its job, and the
 * job id is the row id, so a row relayed twice (a crash between add and mark) is still one job.
 * While Redis is down rows wait in the database; nothing is lost.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly queues = new Map<QueueName, Queue>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;
  private lastCleanup = 0;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of ALL_QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Connection errors surface as failed relay batches (logged with backoff below).
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.loop();
    }, ms);
  }

  private async loop(): Promise<void> {
    let next = this.config.outboxPollMs;
    try {
      const n = await this.relayBatch();
      this.failures = 0;
      if (n === BATCH) next = 0;
      else await this.cleanupIfDue();
    } catch (err) {
      this.failures += 1;
      next = Math.min(this.config.outboxPollMs * 2 ** this.failures, MAX_BACKOFF_MS);
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.logger.warn({ err: (err as Error).message, retryInMs: next }, 'outbox relay failed; rows stay queued in the database');
      }
    }
    this.schedule(next);
  }

  private jobOptions(opts: JobsOptions): JobsOptions {
    const base = this.config.backoffBaseMs;
    if (!base || !opts.backoff || typeof opts.backoff !== 'object') return opts;
    return { ...opts, backoff: { ...opts.backoff, delay: base } };
  }

  private async cleanupIfDue(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = now;
    await this.ds.query('DELETE FROM outbox_messages WHERE dispatched_at < ? LIMIT 10000', [new Date(now - RETAIN_DISPATCHED_MS)]);
  }

  /** Relays one batch; returns how many rows it dispatched. Public for tests. */
  async relayBatch(): Promise<number> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const rows = (await em.query(
        `SELECT id, job_name, payload FROM outbox_messages
          WHERE dispatched_at IS NULL AND available_at <= ?
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [now],
      )) as Row[];
      if (!rows.length) return 0;

      const byQueue = new Map<QueueName, { name: string; data: unknown; opts: object }[]>();
      const unknown: string[] = [];
      for (const row of rows) {
        if (!isJobName(row.job_name)) {
          unknown.push(row.id);
          continue;
        }
        const def = JOBS[row.job_name];
        const data = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
        const list = byQueue.get(def.queue) ?? [];
        list.push({ name: row.job_name, data, opts: { ...this.jobOptions(def.opts), jobId: row.id } });
        byQueue.set(def.queue, list);
      }
      await withTimeout(
        Promise.all([...byQueue].map(([queue, jobs]) => this.queues.get(queue)!.addBulk(jobs as never))),
        ADD_TIMEOUT_MS,
        `Redis did not accept the jobs within ${ADD_TIMEOUT_MS} ms`,
      );
      const dispatched = rows.filter((r) => !unknown.includes(r.id)).map((r) => r.id);
      if (dispatched.length) {
        await em.query('UPDATE outbox_messages SET dispatched_at = ?, attempts = attempts + 1 WHERE id IN (?)', [now, dispatched]);
      }
      if (unknown.length) {
        // A row this worker version does not know (e.g. written by a newer API): keep it, retry later.
        await em.query(
          "UPDATE outbox_messages SET attempts = attempts + 1, available_at = ?, last_error = 'unknown job name' WHERE id IN (?)",
          [new Date(now.getTime() + 60_000), unknown],
        );
        this.logger.error({ ids: unknown }, 'outbox rows with an unknown job name; deferred');
      }
      return dispatched.length;
    });
  }
}
