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

/** Adds working days (Monday–Friday) to a time; Join screens proposals within 3 working days. */
export function addWorkingDays(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) left -= 1;
  }
  return d;
}
