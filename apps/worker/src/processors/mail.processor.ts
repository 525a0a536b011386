import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { MailSenderService } from '#mail';
import { JobName, QueueName, backoffStrategy } from '#queue';
import type { HandlesJobs, JobHandlers } from './job-handler.js';

@Processor(QueueName.Mail, { concurrency: 5, settings: { backoffStrategy } })
export class MailProcessor extends WorkerHost implements HandlesJobs {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly sender: MailSenderService) {
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
    const handler = this.handlers[job.name as JobName];
    if (!handler) throw new UnrecoverableError(`no handler for ${job.name} on queue ${QueueName.Mail}`);
    return handler(job.data as never, job);
  }

  private lastConnectionWarning = 0;

  /** Connection errors (Redis down): logged at most every 10 s; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    if (Date.now() - this.lastConnectionWarning < 10_000) return;
    this.lastConnectionWarning = Date.now();
    this.logger.warn({ err: err.message }, 'mail worker cannot reach Redis; retrying');
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, err: Error): Promise<void> {
    if (!job || job.name !== JobName.MailSend) return;
    const finalAttempt = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (finalAttempt) {
      const { mailId } = job.data as { mailId: string };
      await this.sender.markFailed(mailId, err.message);
      this.logger.error({ mailId, err: err.message }, 'mail given up after all attempts');
    }
  }
}
