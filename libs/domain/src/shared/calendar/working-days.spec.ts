import { readFileSync } from 'node:fs';
import { type CalendarDayKind, type CalendarLookup, addWorkingDays, isWorkingDate } from '../time.js';
import { deadlineWithQuietPeriods } from './quiet-periods.js';
import { type CalendarDayInput, calendarYearProblems } from './working-calendar.service.js';

/** A lookup over the years given (anything else is not loaded). */
function lookup(...years: { year: number; days: { date: string; kind: CalendarDayKind }[] }[]): CalendarLookup {
  const byYear = new Map(years.map((y) => [y.year, new Map(y.days.map((d) => [d.date, d.kind]))]));
  return (year) => byYear.get(year);
}

/** The files shipped in data/calendar/. */
function shipped(year: number): { year: number; days: CalendarDayInput[] } {
  return JSON.parse(readFileSync(new URL(`../../../../../data/calendar/${year}.json`, import.meta.url), 'utf8')) as {
    year: number;
    days: CalendarDayInput[];
  };
}

/** Part of the official 2025 (民國114年) table: the Lunar New Year break with its bridge day and make-up Saturday. */
const official2025 = {
  year: 2025,
  days: [
    { date: '2025-01-01', kind: 'holiday' as const },
    { date: '2025-01-27', kind: 'holiday' as const }, // 調整放假 (bridge day)
    { date: '2025-01-28', kind: 'holiday' as const }, // 除夕
    { date: '2025-01-29', kind: 'holiday' as const },
    { date: '2025-01-30', kind: 'holiday' as const },
    { date: '2025-01-31', kind: 'holiday' as const },
    { date: '2025-02-08', kind: 'makeup_workday' as const }, // 補行上班 for 1/27
  ],
};

const taipei = (local: string) => new Date(`${local}+08:00`);

describe('working days (Asia/Taipei, with the official calendar)', () => {
  const cal = lookup(shipped(2026), shipped(2027));

  it('skips the whole Lunar New Year break of 2026 (2/14–2/22, nine days)', () => {
    // Friday 13 February, 10:00: the three working days are 23, 24 and 25 February.
    expect(addWorkingDays(taipei('2026-02-13T10:00:00'), 3, cal)).toEqual(taipei('2026-02-25T10:00:00'));
    // Without the calendar only the weekend would be skipped.
    expect(addWorkingDays(taipei('2026-02-13T10:00:00'), 3)).toEqual(taipei('2026-02-18T10:00:00'));
    // A proposal sent on New Year's Eve itself is due on the third working day after the break too.
    expect(addWorkingDays(taipei('2026-02-16T09:00:00'), 3, cal)).toEqual(taipei('2026-02-25T09:00:00'));
  });

  it('counts a make-up working Saturday and skips the bridge day it pays for', () => {
    const cal2025 = lookup(official2025);
    // Thursday 6 February 2025: Friday the 7th, then Saturday the 8th (補行上班).
    expect(addWorkingDays(taipei('2025-02-06T11:00:00'), 2, cal2025)).toEqual(taipei('2025-02-08T11:00:00'));
    // Friday 24 January: the bridge Monday and the New Year days are off; the first working day is 3 February.
    expect(addWorkingDays(taipei('2025-01-24T11:00:00'), 1, cal2025)).toEqual(taipei('2025-02-03T11:00:00'));
    expect(isWorkingDate('2025-02-08', cal2025)).toBe(true);
    expect(isWorkingDate('2025-02-09', cal2025)).toBe(false);
    expect(isWorkingDate('2025-01-27', cal2025)).toBe(false);
  });

  it('crosses the year boundary into the next year’s calendar, by the Taiwan date', () => {
    // Thursday 31 December 2026, 15:00: 1 January is a holiday, 2–3 January a weekend: 4, 5, 6 January.
    expect(addWorkingDays(taipei('2026-12-31T15:00:00'), 3, cal)).toEqual(taipei('2027-01-06T15:00:00'));
    // 20:00 UTC on 31 December is already 1 January in Taipei: the count starts from there.
    expect(addWorkingDays(new Date('2026-12-31T20:00:00Z'), 1, cal)).toEqual(new Date('2027-01-03T20:00:00Z')); // Mon 4 Jan, 04:00 Taipei
    // Christmas Eve 2027 is the day off for Constitution Day (a Saturday).
    expect(addWorkingDays(taipei('2027-12-23T09:00:00'), 1, cal)).toEqual(taipei('2027-12-27T09:00:00'));
  });

  it('falls back to weekends only for a year without data, and says which year', () => {
    const missing: number[] = [];
    const only2026 = lookup(shipped(2026));
    // 1 January 2027 is a holiday, but 2027 is not loaded here: it counts as a working day.
    expect(addWorkingDays(taipei('2026-12-31T15:00:00'), 1, only2026, (y) => missing.push(y))).toEqual(taipei('2027-01-01T15:00:00'));
    expect(missing).toEqual([2027]);
  });

  it('ships the official 2026 table: 120 days off and no make-up working day', () => {
    const { days } = shipped(2026);
    expect(calendarYearProblems(2026, days)).toEqual([]);
    expect(calendarYearProblems(2027, shipped(2027).days)).toEqual([]);
    let off = 0;
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000)
      if (!isWorkingDate(new Date(d).toISOString().slice(0, 10), cal)) off += 1;
    expect(off).toBe(120);
    expect(days.filter((d) => d.kind === 'makeup_workday')).toEqual([]);
  });
});

describe('a year’s list is checked whole', () => {
  it('names every problem: outside the year, twice, a make-up working day on a weekday, no such date', () => {
    const problems = calendarYearProblems(2026, [
      { date: '2026-01-01', kind: 'holiday', nameZh: '開國紀念日' },
      { date: '2027-01-01', kind: 'holiday', nameZh: '開國紀念日' },
      { date: '2026-01-01', kind: 'holiday', nameZh: '重複' },
      { date: '2026-03-04', kind: 'makeup_workday', nameZh: '補行上班' },
      { date: '2026-02-30', kind: 'holiday', nameZh: '不存在' },
      { date: '2026-03-07', kind: 'makeup_workday', nameZh: '補行上班（星期六）' },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/days\[1\].*not in 2026/);
    expect(problems[1]).toMatch(/days\[2\].*twice/);
    expect(problems[2]).toMatch(/days\[3\].*Saturday or Sunday/);
    expect(problems[3]).toMatch(/days\[4\].*not a calendar date/);
  });
});

describe('endorsement deadlines and quiet periods', () => {
  const period = { id: 'p1', startsOn: '2026-03-01', endsOn: '2026-04-29' }; // 60 days
  const DAY = 86_400_000;
  const published = taipei('2026-01-10T12:00:00');

  it('leaves a deadline before the period alone', () => {
    const deadline = taipei('2026-02-28T12:00:00');
    expect(deadlineWithQuietPeriods(deadline, published, [period])).toEqual({ deadline, extensions: [] });
  });

  it('moves a deadline inside or after the period on by its whole length', () => {
    for (const d of ['2026-03-01T00:00:01', '2026-04-01T12:00:00', '2026-06-01T12:00:00']) {
      const r = deadlineWithQuietPeriods(taipei(d), published, [period]);
      expect(r.deadline.getTime() - taipei(d).getTime()).toBe(60 * DAY);
      expect(r.extensions).toEqual([{ quietPeriodId: 'p1', ms: 60 * DAY }]);
    }
  });

  it('gives a proposal published during the period what is left of it', () => {
    const during = taipei('2026-04-20T12:00:00');
    const r = deadlineWithQuietPeriods(new Date(during.getTime() + 60 * DAY), during, [period]);
    expect(r.extensions).toEqual([{ quietPeriodId: 'p1', ms: taipei('2026-04-30T00:00:00').getTime() - during.getTime() }]);
  });

  it('applies a later period too when the first extension carries the deadline into it', () => {
    const later = { id: 'p2', startsOn: '2026-05-10', endsOn: '2026-05-19' }; // 10 days
    const deadline = taipei('2026-04-01T12:00:00'); // before p2 alone, but +60 days lands after its start
    const r = deadlineWithQuietPeriods(deadline, published, [later, period]);
    expect(r.extensions).toEqual([
      { quietPeriodId: 'p1', ms: 60 * DAY },
      { quietPeriodId: 'p2', ms: 10 * DAY },
    ]);
    expect(r.deadline).toEqual(new Date(deadline.getTime() + 70 * DAY));
  });
});
