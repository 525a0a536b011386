import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { DeadlinesService, QualificationService } from '#domain';
import { JobName, QueueName, backoffStrategy } from '#queue';
import type { HandlesJobs, JobHandlers } from './job-handler.js';

@Processor(QueueName.Proposals, { concurrency: 2, settings: { backoffStrategy } })
export class ProposalsProcessor extends WorkerHost implements HandlesJobs {
  private readonly logger = new Logger(ProposalsProcessor.name);
  private lastConnectionWarning = 0;

  constructor(
    private readonly qualification: QualificationService,
    private readonly deadlines: DeadlinesService,
  ) {
    super();
  }

  readonly handlers: JobHandlers = {
    [JobName.ProposalQualified]: async ({ proposalId }) => this.qualification.route(proposalId),
    [JobName.ProposalNotifyEndorsers]: async (payload) => this.qualification.notifyEndorsersBatch(payload),
    [JobName.ProposalSweep]: async () => {
      const r = await this.qualification.sweep();
      if (r.qualified || r.expired) this.logger.log(r, 'proposal sweep');
      return r;
    },
    [JobName.AssignmentDeadlines]: async () => this.deadlines.sendReminders(),
    [JobName.AssignmentOverdueDigest]: async () => this.deadlines.sendOverdueDigest(),
  };

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
