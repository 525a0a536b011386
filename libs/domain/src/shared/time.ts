/** Time arithmetic in one place: days, Taiwan's calendar day, working days. */

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Taiwan has kept UTC+8 all year since 1979. */
export const TAIPEI_OFFSET_MS = 8 * HOUR;

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY);
}

/** The calendar date (YYYY-MM-DD) of a time in UTC, as mail and exports print deadlines. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An ISO-8601 time for the contract's JSON, or null. */
export function isoOrNull(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** The last millisecond of a Taiwan calendar day given as YYYY-MM-DD. */
export function endOfTaipeiDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** The Monday (YYYY-MM-DD, Taiwan time) of the week `now` falls in. */
export function taipeiWeekMonday(now: Date): string {
  const taipei = new Date(now.getTime() + TAIPEI_OFFSET_MS);
  const sinceMonday = (taipei.getUTCDay() + 6) % 7;
  return new Date(taipei.getTime() - sinceMonday * DAY).toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) in Taiwan of a time. */
export function taipeiDate(d: Date): string {
  return new Date(d.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first millisecond of a Taiwan calendar day given as YYYY-MM-DD. */
export function startOfTaipeiDay(date: string): Date {
  return new Date(`${date}T00:00:00.000+08:00`);
}

/** The date (YYYY-MM-DD) `days` calendar days after `date`. */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Saturday or Sunday. */
export function isWeekendDate(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/** What the official calendar says of a date: a public holiday (or a day off in its place), or a make-up working day. */
export type CalendarDayKind = 'holiday' | 'makeup_workday';
export const CALENDAR_DAY_KINDS: readonly CalendarDayKind[] = ['holiday', 'makeup_workday'];

/** The entries of one loaded year by date, or undefined when the year is not loaded. */
export type CalendarLookup = (year: number) => ReadonlyMap<string, CalendarDayKind> | undefined;

/**
 * Whether a Taiwan date is a working day: Monday to Friday unless a holiday, Saturday and Sunday only when a
 * make-up working day. A year without loaded data counts weekends only, and `onMissingYear` hears of it.
 */
export function isWorkingDate(date: string, calendar: CalendarLookup, onMissingYear?: (year: number) => void): boolean {
  const year = Number(date.slice(0, 4));
  const entries = calendar(year);
  if (!entries) onMissingYear?.(year);
  const kind = entries?.get(date);
  if (kind === 'holiday') return false;
  if (kind === 'makeup_workday') return true;
  return !isWeekendDate(date);
}

/**
 * Adds working days in Asia/Taipei: the time of day stays, the date moves to the `days`-th working day after
 * the date of `from` (Join screens proposals within 3 working days). Without a calendar, weekends only.
 */
export function addWorkingDays(
  from: Date,
  days: number,
  calendar: CalendarLookup = () => undefined,
  onMissingYear?: (year: number) => void,
): Date {
  const start = taipeiDate(from);
  let left = days;
  let step = 0;
  while (left > 0) {
    step += 1;
    if (isWorkingDate(addDaysToDate(start, step), calendar, onMissingYear)) left -= 1;
  }
  return new Date(from.getTime() + step * DAY);
}
