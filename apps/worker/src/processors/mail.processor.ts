import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { MailSenderService } from '#mail';
import { JobName, QueueName, backoffStrategy } from '#queue';
import { OutboxStore } from '../outbox/outbox.store.js';
import { type HandlesJobs, type JobHandlers, isFinalFailure, runJob } from './job-handler.js';

@Processor(QueueName.Mail, { concurrency: 5, settings: { backoffStrategy } })
export class MailProcessor extends WorkerHost implements HandlesJobs {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly sender: MailSenderService,
    private readonly outbox: OutboxStore,
  ) {
    super();
  }

  readonly handlers: JobHandlers = {
    [JobName.MailSend]: async ({ mailId }) => {
      const outcome = await this.sender.send(mailId);
      if (outcome === 'already-sent') this.logger.debug({ mailId }, 'mail already sent; skipped');
      return outcome;
    },
  };

  async process(job: Job): Promise<unknown> {
    return runJob(this.handlers, QueueName.Mail, job, this.outbox);
  }

  private lastConnectionWarning = 0;

  /** Connection errors (Redis down): logged at most every 10 s; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    if (Date.now() - this.lastConnectionWarning < 10_000) return;
    this.lastConnectionWarning = Date.now();
    this.logger.warn({ err: err.message }, 'mail worker cannot reach Redis; retrying');
  }

  /** A mail given up stays visible as failed, and its outbox row is done (with the reason). */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, err: Error): Promise<void> {
    if (!job || !isFinalFailure(job, err)) return;
    if (job.name === JobName.MailSend) {
      const { mailId } = job.data as { mailId: string };
      await this.sender.markFailed(mailId, err.message);
      this.logger.error({ mailId, err: err.message }, 'mail given up after all attempts');
    }
    await this.outbox.gaveUp(job.id, err.message);
  }
}
