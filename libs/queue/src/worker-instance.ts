import { hostname } from 'node:os';
import { Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';

export const HEARTBEAT_EVERY_MS = 5_000;
/** A worker that has not beaten for this long is taken for dead: what it held (a mail's lease) is free. */
export const WORKER_DEAD_AFTER_MS = 30_000;

/**
 * This worker process, as the other workers see it: a row in `worker_instances` beaten every few seconds.
 * Work a process holds (a mail's lease) names it, so when it dies (SIGKILL, a lost machine) another worker
 * takes the work as soon as the beats stop, instead of when the lease runs out.
 */
@Injectable()
export class WorkerInstance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerInstance.name);
  readonly id = newId();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  private startedAt = new Date();

  async onApplicationBootstrap(): Promise<void> {
    this.startedAt = this.clock.now();
    await this.upsert();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.ds.query('DELETE FROM worker_instances WHERE id = ?', [this.id]).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    const now = this.clock.now();
    try {
      await this.upsert();
      // Instances dead for a day hold nothing any more.
      await this.ds.query('DELETE FROM worker_instances WHERE beat_at < ? AND id <> ? LIMIT 100', [
        new Date(now.getTime() - 86_400_000),
        this.id,
      ]);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'worker heartbeat failed');
    }
  }

  private async upsert(): Promise<void> {
    await this.ds.query(
      'INSERT INTO worker_instances (id, host, pid, started_at, beat_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE beat_at = VALUES(beat_at)',
      [this.id, hostname().slice(0, 255), process.pid, this.startedAt, this.clock.now()],
    );
  }

  /** SQL condition: the instance named by `column` has stopped beating (or never existed); `bound` takes deadBefore(). */
  static deadSql(column: string, bound = '?'): string {
    return `NOT EXISTS (SELECT 1 FROM worker_instances w WHERE w.id = ${column} AND w.beat_at > ${bound})`;
  }

  /** The `beat_at` bound for deadSql(). */
  deadBefore(): Date {
    return new Date(this.clock.now().getTime() - WORKER_DEAD_AFTER_MS);
  }
}

@Module({ providers: [WorkerInstance], exports: [WorkerInstance] })
export class WorkerInstanceModule {}
