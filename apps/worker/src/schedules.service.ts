import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, QueueName } from '#queue';

export const SWEEP_EVERY_MS = 60_000;

/**
 * Repeatable work, registered idempotently at every worker start (upsertJobScheduler), so any number of
 * workers share one schedule. The jobs themselves are idempotent.
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SchedulesService.name);

  constructor(@InjectQueue(QueueName.Proposals) private readonly proposals: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.proposals.upsertJobScheduler(JobName.ProposalSweep, { every: SWEEP_EVERY_MS }, { name: JobName.ProposalSweep, data: {} });
    } catch (err) {
      // Redis down at start: the schedule is registered at the next start; the sweep is a safety net, not the main path.
      this.logger.warn({ err: (err as Error).message }, 'could not register the proposal sweep schedule');
    }
  }
}
