import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, QueueName } from '#queue';

export const SWEEP_EVERY_MS = 60_000;

/**
 * Repeatable work, registered idempotently at every worker start (upsertJobScheduler), so any number of
 * workers share one schedule. The jobs themselves are idempotent.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulesService.name);

  constructor(@InjectQueue(QueueName.Proposals) private readonly proposals: Queue) {}

  private retry: NodeJS.Timeout | undefined;

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  private async register(): Promise<void> {
    try {
      await this.proposals.upsertJobScheduler(JobName.ProposalSweep, { every: SWEEP_EVERY_MS }, { name: JobName.ProposalSweep, data: {} });
    } catch (err) {
      // Redis is down at start: try again until it answers (the worker keeps starting meanwhile).
      this.logger.warn({ err: (err as Error).message }, 'could not register the proposal sweep schedule; retrying in 30 s');
      this.retry = setTimeout(() => void this.register(), 30_000);
      this.retry.unref();
    }
  }
}
