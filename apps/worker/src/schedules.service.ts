import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue, RepeatOptions } from 'bullmq';
import { AppConfig } from '#config';
import { JOBS, JobName, QueueName } from '#queue';

export const SWEEP_EVERY_MS = 60_000;
/** Reminders are due at day granularity; a check every 10 minutes sends each within minutes of its time. */
export const DEADLINES_EVERY_MS = 600_000;
/** The moderators' overdue digest: Mondays at 09:00, Taiwan time. */
export const DIGEST_PATTERN = '0 9 * * 1';
export const DIGEST_TZ = 'Asia/Taipei';

/**
 * Repeatable work, registered idempotently (upsertJobScheduler) at every worker start and again whenever the
 * outbox relay finds that Redis came back without its data, so any number of workers share one schedule and a
 * Redis restart does not end it. The jobs themselves are idempotent.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulesService.name);

  constructor(
    @InjectQueue(QueueName.Proposals) private readonly proposals: Queue,
    private readonly config: AppConfig,
  ) {}

  private retry: NodeJS.Timeout | undefined;

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  /** Registers every schedule (unless WORKER_SCHEDULES is off); while Redis does not answer, retries every 30 s. */
  async register(): Promise<void> {
    if (!this.config.workerSchedules) return;
    clearTimeout(this.retry);
    try {
      await this.schedule(JobName.ProposalSweep, { every: SWEEP_EVERY_MS });
      await this.schedule(JobName.AssignmentDeadlines, { every: DEADLINES_EVERY_MS });
      await this.schedule(JobName.AssignmentOverdueDigest, { pattern: DIGEST_PATTERN, tz: DIGEST_TZ });
    } catch (err) {
      // Redis is down at start: try again until it answers (the worker keeps starting meanwhile).
      this.logger.warn({ err: (err as Error).message }, 'could not register the schedules; retrying in 30 s');
      this.retry = setTimeout(() => void this.register(), 30_000);
      this.retry.unref();
    }
  }

  /** Registers (or updates) one repeatable job, with the retry options of the job catalogue. */
  private async schedule(name: JobName, repeat: RepeatOptions): Promise<void> {
    const { attempts, backoff, removeOnComplete, removeOnFail } = JOBS[name].opts;
    await this.proposals.upsertJobScheduler(name, repeat, { name, data: {}, opts: { attempts, backoff, removeOnComplete, removeOnFail } });
  }
}
