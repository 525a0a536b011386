import { type Job, UnrecoverableError } from 'bullmq';
import type { JobHandlers, JobName, QueueName } from '#queue';
import type { OutboxStore } from '../outbox/outbox.store.js';

export type { JobHandlers };

/** A processor that names the jobs it handles, so the worker can check the catalogue at boot. */
export interface HandlesJobs {
  readonly handlers: JobHandlers;
}

/** Every job name must have exactly one handler across all processors; returns the problems found. */
export function catalogueProblems(processors: HandlesJobs[], allJobs: readonly JobName[]): string[] {
  const count = new Map<string, number>();
  for (const p of processors) for (const name of Object.keys(p.handlers)) count.set(name, (count.get(name) ?? 0) + 1);
  const problems: string[] = [];
  for (const name of allJobs) {
    const n = count.get(name) ?? 0;
    if (n !== 1) problems.push(`${name} has ${n} handlers`);
  }
  for (const name of count.keys()) if (!(allJobs as readonly string[]).includes(name)) problems.push(`${name} is not in the catalogue`);
  return problems;
}

/**
 * Runs a job's handler, then confirms its outbox row, so the database records the work as done only once its
 * handler has finished (the relay hands a row not done to Redis again). A confirmation that fails fails the
 * job, which runs again: handlers are safe to run twice.
 */
export async function runJob(handlers: JobHandlers, queue: QueueName, job: Job, outbox: OutboxStore): Promise<unknown> {
  const handler = handlers[job.name as JobName];
  if (!handler) throw new UnrecoverableError(`no handler for ${job.name} on queue ${queue}`);
  const result = await handler(job.data as never, job);
  await outbox.done(job.id);
  return result;
}

/** Whether the queue gives up on the job after this failure (no attempt left, or a failure no retry can fix). */
export function isFinalFailure(job: Job, err: Error): boolean {
  return err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
}
