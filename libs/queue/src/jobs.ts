import type { JobsOptions } from 'bullmq';

/**
 * The job catalogue shared by producers (through the outbox) and consumers (the worker).
 * Once a queue or job name has shipped, never rename it: jobs already in Redis and rows
 * already in the outbox carry the old name.
 */
export const QueueName = {
  Mail: 'mail',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  MailSend: 'mail.send',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Payloads carry ids only: the database row is the truth, handlers re-read it. */
export interface JobPayloads {
  [JobName.MailSend]: { mailId: string };
}

const retention = {
  removeOnComplete: { age: 86_400, count: 1_000 },
  removeOnFail: { age: 604_800 },
} satisfies JobsOptions;

export const JOBS: { readonly [N in JobName]: { queue: QueueName; opts: JobsOptions } } = {
  [JobName.MailSend]: {
    queue: QueueName.Mail,
    opts: { attempts: 8, backoff: { type: 'exponential', delay: 5_000 }, ...retention },
  },
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

export function isJobName(name: string): name is JobName {
  return (ALL_JOB_NAMES as readonly string[]).includes(name);
}
