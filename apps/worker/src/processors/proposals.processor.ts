import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { AssignmentsJobs, EndorsementsJobs, NotificationsJobs } from '#domain';
import { JobName, QueueName, backoffStrategy } from '#queue';
import type { HandlesJobs, JobHandlers } from './job-handler.js';

/** The proposals queue: its jobs are handled by the contexts that own them (each context's `<ctx>.jobs.ts`). */
@Processor(QueueName.Proposals, { concurrency: 2, settings: { backoffStrategy } })
export class ProposalsProcessor extends WorkerHost implements HandlesJobs {
  private readonly logger = new Logger(ProposalsProcessor.name);
  private lastConnectionWarning = 0;
  readonly handlers: JobHandlers;

  constructor(endorsements: EndorsementsJobs, assignments: AssignmentsJobs, notifications: NotificationsJobs) {
    super();
    // Spread in dependency order; the worker's boot check refuses a job handled twice or not at all.
    this.handlers = { ...notifications.handlers, ...endorsements.handlers, ...assignments.handlers };
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName];
    if (!handler) throw new UnrecoverableError(`no handler for ${job.name} on queue ${QueueName.Proposals}`);
    return handler(job.data as never, job);
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    if (Date.now() - this.lastConnectionWarning < 10_000) return;
    this.lastConnectionWarning = Date.now();
    this.logger.warn({ err: err.message }, 'proposals worker cannot reach Redis; retrying');
  }
}
