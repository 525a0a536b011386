import type { JobHandlers, JobName } from '#queue';

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
