import type { ProgressStatus } from './plan.entities.js';

/** The independent reviewers' (IRM) completion scale. */
export const COMPLETIONS = ['not_started', 'limited', 'substantial', 'complete'] as const;
export type Completion = (typeof COMPLETIONS)[number];

/**
 * The plan's 3-level progress scale plus the `complete` flag, on the independent reviewers' scale:
 * not_started → not started, limited → limited, substantial_or_complete → substantial, or complete when `complete`.
 */
export function completionOf(status: ProgressStatus, complete: boolean): Completion {
  switch (status) {
    case 'not_started':
      return 'not_started';
    case 'limited':
      return 'limited';
    case 'substantial_or_complete':
      return complete ? 'complete' : 'substantial';
  }
}

/** The same mapping as an SQL expression over a progress row's columns, for exports that read rows in bulk. */
export function completionSql(status: string, complete: string): string {
  return `CASE WHEN ${status} = 'substantial_or_complete' THEN IF(${complete}, 'complete', 'substantial') ELSE ${status} END`;
}
