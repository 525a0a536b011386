import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig, Clock, withTimeout } from '#config';
import { ALL_QUEUE_NAMES, JOBS, type QueueName, isJobName } from '#queue';
import { SchedulesService } from '../schedules.service.js';
import { OutboxStore } from './outbox.store.js';

const BATCH = 100;
const ADD_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 10_000;
/** Done rows are kept this long (for tracing), then deleted in small batches. */
const RETAIN_DONE_MS = 7 * 86_400_000;
const CLEANUP_EVERY_MS = 3_600_000;
/** How often the relay asks Redis whether it still has its data (the marker key below). */
const MARKER_CHECK_EVERY_MS = 1_000;

/**
 * Moves outbox rows into BullMQ and keeps doing so until their handlers confirm them: the database, not
 * Redis, is the record of every job until it is done.
 * - A plain read finds the due rows; Redis gets their jobs (job id = row id, so a row handed over twice is one
 *   job while Redis holds it); only then is the hand-off recorded, by primary key. No lock is held across the
 *   hand-off, and several workers can relay side by side.
 * - A handed-off row comes due again after a re-check interval: handing it over again is a no-op while Redis has
 *   the job, and queues it anew if Redis lost it (a failover without the last writes).
 * - A marker key tells when Redis came back without its data: then every row not done is handed over at once,
 *   and the repeatable schedules are registered again.
 * While Redis is down rows wait in the database; nothing is lost.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly queues = new Map<QueueName, Queue>();
  /** Its own connection, failing fast while Redis is down: a marker command must never wait to run after a restart. */
  private marker: Redis | undefined;
  private readonly markerKey: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;
  private lastCleanup = 0;
  private lastMarkerCheck = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly schedules: SchedulesService,
  ) {
    this.markerKey = `${config.queuePrefix}:outbox:redis-marker`;
  }

  onApplicationBootstrap(): void {
    for (const name of ALL_QUEUE_NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Connection errors surface as failed relay batches (logged with backoff below).
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    this.marker = new Redis(this.config.redisUrl, {
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      connectTimeout: ADD_TIMEOUT_MS,
    });
    this.marker.on('error', () => undefined);
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.marker?.disconnect();
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
      await this.checkMarkerIfDue();
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

  private async checkMarkerIfDue(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastMarkerCheck < MARKER_CHECK_EVERY_MS) return;
    // Not connected yet (the worker is starting) or not again (Redis is down): asked once it is.
    if (this.marker?.status !== 'ready') return;
    await this.checkRedisMarker();
    this.lastMarkerCheck = now;
  }

  /**
   * A new Redis, or one that restarted empty, lacks the marker: every row not done is due at once, the schedules
   * are registered again, and only then is the marker set (a crash before that leaves it for the next check).
   * Returns whether Redis had lost the marker. Public for tests.
   */
  async checkRedisMarker(): Promise<boolean> {
    const redis = this.marker!;
    if ((await redis.exists(this.markerKey)) === 1) return false;
    const due = await this.store.allDueNow();
    await this.schedules.register();
    await redis.set(this.markerKey, this.clock.now().toISOString());
    if (this.lastMarkerCheck)
      this.logger.warn({ rowsDueNow: due }, 'Redis came back without its data; handing every job not done to it again');
    return true;
  }

  /**
   * A re-checked row whose job Redis holds as failed, though nobody gave up on it: the job failed by BullMQ's own
   * rule (stalled too often: its workers were killed while running it). The row is not done, so it runs again.
   */
  private async retryFailed(rows: { id: string; job_name: string }[]): Promise<void> {
    // One round trip per row, all at once: the states first, the jobs only of the (rare) failed ones.
    await Promise.all(
      rows.map(async (row) => {
        if (!isJobName(row.job_name)) return;
        const queue = this.queues.get(JOBS[row.job_name].queue)!;
        if ((await queue.getJobState(row.id)) !== 'failed') return;
        const job = await queue.getJob(row.id);
        if (!job) return;
        this.logger.warn({ jobId: row.id, job: row.job_name, reason: job.failedReason }, 'job failed without being given up; retrying');
        // Another relay may have retried it a moment ago: that is as good.
        await job.retry('failed').catch(() => undefined);
      }),
    );
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
    await this.store.deleteDone(RETAIN_DONE_MS);
  }

  /** Hands one batch of due rows to Redis; returns how many rows it handed over. Public for tests. */
  async relayBatch(): Promise<number> {
    const rows = await this.store.due(BATCH);
    if (!rows.length) return 0;

    const byQueue = new Map<QueueName, { name: string; data: unknown; opts: JobsOptions }[]>();
    const unknown: string[] = [];
    const known: string[] = [];
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
      known.push(row.id);
    }
    const rechecks = rows.filter((r) => r.dispatched_at !== null && known.includes(r.id));
    await withTimeout(
      Promise.all([...byQueue].map(([queue, jobs]) => this.queues.get(queue)!.addBulk(jobs))).then(() => this.retryFailed(rechecks)),
      ADD_TIMEOUT_MS,
      `Redis did not accept the jobs within ${ADD_TIMEOUT_MS} ms`,
    );
    await this.store.handedOff(known);
    if (unknown.length) {
      // A row this worker version does not know (e.g. written by a newer API): keep it, retry later.
      await this.store.defer(unknown, 'unknown job name', 60_000);
      this.logger.error({ ids: unknown }, 'outbox rows with an unknown job name; deferred');
    }
    return known.length;
  }
}
