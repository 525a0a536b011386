import { DAY, taipeiWeekMonday } from '../shared/index.js';

export type ReminderKind = 'due_14d' | 'due_3d' | 'overdue';

/**
 * Which reminder is due for a deadline at `now`: 14 days before, 3 days before, and the overdue notice from
 * the day after the deadline. A worker that was down sends only the latest one that applies.
 */
export function reminderKind(dueAt: Date, now: Date): ReminderKind | null {
  const left = dueAt.getTime() - now.getTime();
  if (left <= -DAY) return 'overdue';
  if (left <= 0) return null;
  if (left <= 3 * DAY) return 'due_3d';
  if (left <= 14 * DAY) return 'due_14d';
  return null;
}

/** The Monday (Taiwan time) of the week `now` falls in: one digest per week. */
export const digestWeek = taipeiWeekMonday;
