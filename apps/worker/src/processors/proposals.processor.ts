import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AssignmentsJobs, EndorsementsJobs, NotificationsJobs } from '#domain';
import { QueueName, backoffStrategy } from '#queue';
import { OutboxStore } from '../outbox/outbox.store.js';
import { type HandlesJobs, type JobHandlers, isFinalFailure, runJob } from './job-handler.js';

/** The proposals queue: its jobs are handled by the contexts that own them (each context's `<ctx>.jobs.ts`). */
@Processor(QueueName.Proposals, { concurrency: 2, settings: { backoffStrategy } })
export class ProposalsProcessor extends WorkerHost implements HandlesJobs {
  private readonly logger = new Logger(ProposalsProcessor.name);
  private lastConnectionWarning = 0;
  readonly handlers: JobHandlers;

  constructor(
    endorsements: EndorsementsJobs,
    assignments: AssignmentsJobs,
    notifications: NotificationsJobs,
    private readonly outbox: OutboxStore,
  ) {
    super();
    // Spread in dependency order; the worker's boot check refuses a job handled twice or not at all.
    this.handlers = { ...notifications.handlers, ...endorsements.handlers, ...assignments.handlers };
  }

  async process(job: Job): Promise<unknown> {
    return runJob(this.handlers, QueueName.Proposals, job, this.outbox);
  }

  /** A job given up after all its attempts: its outbox row is done, with the reason, for operators to see. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, err: Error): Promise<void> {
    if (!job || !isFinalFailure(job, err)) return;
    this.logger.error({ jobId: job.id, job: job.name, err: err.message }, 'job given up after all attempts');
    await this.outbox.gaveUp(job.id, err.message);
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    if (Date.now() - this.lastConnectionWarning < 10_000) return;
    this.lastConnectionWarning = Date.now();
    this.logger.warn({ err: err.message }, 'proposals worker cannot reach Redis; retrying');
  }
}
