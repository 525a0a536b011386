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

  /**
   * Stops beating; the row stays (jobs may still be finishing while the other modules shut down) and is taken for
   * dead WORKER_DEAD_AFTER_MS later.
   */
  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    try {
      await this.upsert();
      // Instances dead for a day hold nothing any more.
      await this.ds.query('DELETE FROM worker_instances WHERE beat_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY AND id <> ? LIMIT 100', [
        this.id,
      ]);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'worker heartbeat failed');
    }
  }

  private async upsert(): Promise<void> {
    await this.ds.query(
      'INSERT INTO worker_instances (id, host, pid, started_at, beat_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE beat_at = VALUES(beat_at)',
      [this.id, hostname().slice(0, 255), process.pid, this.startedAt],
    );
  }

  /**
   * SQL condition: the instance named by `column` has stopped beating (or never existed). Beats and this check both
   * read the database server's clock, so workers on hosts whose clocks disagree still agree on who is alive.
   */
  static deadSql(column: string): string {
    return `NOT EXISTS (SELECT 1 FROM worker_instances w WHERE w.id = ${column}
      AND w.beat_at > UTC_TIMESTAMP(6) - INTERVAL ${WORKER_DEAD_AFTER_MS * 1000} MICROSECOND)`;
  }
}

@Module({ providers: [WorkerInstance], exports: [WorkerInstance] })
export class WorkerInstanceModule {}
