import type { Job, JobsOptions } from 'bullmq';

/**
 * The job catalogue shared by producers (through the outbox) and consumers (the worker).
 * Once a queue or job name has shipped, never rename it: jobs already in Redis and rows
 * already in the outbox carry the old name.
 */
export const QueueName = {
  Mail: 'mail',
  Proposals: 'proposals',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const JobName = {
  MailSend: 'mail.send',
  /** A proposal reached its threshold: route it, tell its author, start telling its endorsers. */
  ProposalQualified: 'proposal.qualified',
  /** One batch of mail to a proposal's subscribed endorsers; queues the next batch itself. */
  ProposalNotifyEndorsers: 'proposal.notify-endorsers',
  /** Scheduled: expire proposals past their deadline, refresh sort counts, catch missed qualifications. */
  ProposalSweep: 'proposal.sweep',
  /** Scheduled: reminders 14 and 3 days before an assignment's deadline, and the overdue notice the day after. */
  AssignmentDeadlines: 'assignment.deadlines',
  /** Scheduled weekly: the list of overdue assignments, to the moderators. */
  AssignmentOverdueDigest: 'assignment.overdue-digest',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Payloads carry ids only: the database row is the truth, handlers re-read it. */
export interface JobPayloads {
  [JobName.MailSend]: { mailId: string };
  [JobName.ProposalQualified]: { proposalId: string };
  [JobName.ProposalNotifyEndorsers]:
    | { proposalId: string; event: 'qualified'; afterUserId: string | null }
    | { proposalId: string; event: 'responded'; responseId: string; afterUserId: string | null }
    | { proposalId: string; event: 'decided'; decisionId: string; afterUserId: string | null }
    | { proposalId: string; event: 'decision_concluded'; decisionId: string; afterUserId: string | null };
  [JobName.ProposalSweep]: Record<string, never>;
  [JobName.AssignmentDeadlines]: Record<string, never>;
  [JobName.AssignmentOverdueDigest]: Record<string, never>;
}

const retention = {
  removeOnComplete: { age: 86_400, count: 1_000 },
  removeOnFail: { age: 604_800 },
} satisfies JobsOptions;

/** Backoff type for jobs that must outlive a long outage: doubles from `delay`, at most an hour apart. */
export const CAPPED_EXPONENTIAL = 'capped-exponential';
export const MAX_BACKOFF_MS = 3_600_000;

/** For every worker's `settings.backoffStrategy`. */
export function backoffStrategy(attemptsMade: number, type?: string, _err?: Error, job?: { opts: JobsOptions }): number {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'object' && backoff.delay ? backoff.delay : 5_000;
  if (type !== CAPPED_EXPONENTIAL) return base;
  return Math.min(base * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
}

export const JOBS: { readonly [N in JobName]: { queue: QueueName; opts: JobsOptions } } = {
  // 40 attempts, 5 s doubling to an hour: a mail survives an SMTP outage of more than a day.
  [JobName.MailSend]: {
    queue: QueueName.Mail,
    opts: { attempts: 40, backoff: { type: CAPPED_EXPONENTIAL, delay: 5_000 }, ...retention },
  },
  [JobName.ProposalQualified]: {
    queue: QueueName.Proposals,
    opts: { attempts: 40, backoff: { type: CAPPED_EXPONENTIAL, delay: 2_000 }, ...retention },
  },
  [JobName.ProposalNotifyEndorsers]: {
    queue: QueueName.Proposals,
    opts: { attempts: 40, backoff: { type: CAPPED_EXPONENTIAL, delay: 2_000 }, ...retention },
  },
  [JobName.ProposalSweep]: {
    queue: QueueName.Proposals,
    opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  // Scheduled jobs: a failed run is simply redone by the next one, which finds the same work.
  [JobName.AssignmentDeadlines]: {
    queue: QueueName.Proposals,
    opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  [JobName.AssignmentOverdueDigest]: {
    queue: QueueName.Proposals,
    opts: {
      attempts: 5,
      backoff: { type: CAPPED_EXPONENTIAL, delay: 60_000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 100 },
    },
  },
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);

export function isJobName(name: string): name is JobName {
  return (ALL_JOB_NAMES as readonly string[]).includes(name);
}

/** A context's handlers for its jobs (its `<ctx>.jobs.ts`); the worker's processors dispatch to them. */
export type JobHandlers = { [N in JobName]?: (payload: JobPayloads[N], job: Job) => Promise<unknown> };
