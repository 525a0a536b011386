import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#config';
import { projectRoot, readDataFile } from '#database';
import { NotFoundError, RuleViolationError } from '../domain-errors.js';
import { CALENDAR_DAY_KINDS, type CalendarDayKind, addDays, addWorkingDays, isWeekendDate, taipeiDate } from '../time.js';
import { type CalendarDayRow, calendarDaysOf, calendarYearRow, loadedCalendarYears, replaceCalendarYear } from './calendar.queries.js';

export interface CalendarDayInput {
  date: string;
  kind: CalendarDayKind;
  nameZh: string;
  nameEn?: string | null;
}

export interface CalendarYearInput {
  /** Where the list comes from: the official document (e.g. the Executive Yuan's letter approving the calendar). */
  source: string;
  days: CalendarDayInput[];
}

export interface CalendarYearView {
  year: number;
  source: string;
  loadedAt: string;
  days: CalendarDayRow[];
}

/** The shape of the files in data/calendar/ (see data/calendar/README.md). */
interface CalendarFile extends CalendarYearInput {
  year: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The problems of a year's list, each naming its entry; none when it may be loaded. */
export function calendarYearProblems(year: number, days: CalendarDayInput[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    const at = `days[${i}] (${d.date})`;
    const m = DATE.exec(d.date);
    if (!m || new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10) !== d.date) {
      problems.push(`${at}: not a calendar date`);
      return;
    }
    if (Number(m[1]) !== year) problems.push(`${at}: not in ${year}`);
    if (seen.has(d.date)) problems.push(`${at}: listed twice`);
    seen.add(d.date);
    if (!CALENDAR_DAY_KINDS.includes(d.kind)) problems.push(`${at}: kind must be holiday or makeup_workday`);
    if (d.kind === 'makeup_workday' && !isWeekendDate(d.date))
      problems.push(`${at}: a make-up working day must fall on a Saturday or Sunday`);
  });
  return problems;
}

/**
 * Taiwan's official working-day calendar (行政院人事行政總處, 政府行政機關辦公日曆表) as data: an admin loads a
 * year at once, the platform loads the years shipped in data/calendar/ on start when they are absent, and every
 * count of working days goes through here. A year without data counts weekends only, with one warning per year.
 */
@Injectable()
export class WorkingCalendarService {
  private readonly logger = new Logger(WorkingCalendarService.name);
  private readonly warned = new Set<number>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `days` working days after `from` (Asia/Taipei), by the loaded calendar, read inside the caller's transaction. */
  async addWorkingDays(em: EntityManager, from: Date, days: number): Promise<Date> {
    // Every fortnight holds a working day (the longest run of days off, Lunar New Year's, is nine days): the
    // years this span touches are all the result can need.
    const first = Number(taipeiDate(from).slice(0, 4));
    const last = Number(taipeiDate(addDays(from, days * 14 + 14)).slice(0, 4));
    const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const loaded = await loadedCalendarYears(em, years);
    const byYear = new Map<number, Map<string, CalendarDayKind>>([...loaded].map((y) => [y, new Map()]));
    for (const d of await calendarDaysOf(em, [...loaded])) byYear.get(Number(d.date.slice(0, 4)))?.set(d.date, d.kind);
    return addWorkingDays(
      from,
      days,
      (y) => byYear.get(y),
      (y) => this.warnMissing(y),
    );
  }

  async year(year: number): Promise<CalendarYearView> {
    const row = await calendarYearRow(this.ds.manager, year);
    if (!row) throw new NotFoundError('calendar year', String(year));
    return {
      year,
      source: row.source,
      loadedAt: new Date(row.loadedAt).toISOString(),
      days: await calendarDaysOf(this.ds.manager, [year]),
    };
  }

  /** Replaces a whole year in one transaction; refused whole (422 listing every problem) when any entry is wrong. */
  async replaceYear(year: number, input: CalendarYearInput, loadedBy: string | null): Promise<CalendarYearView> {
    const problems = calendarYearProblems(year, input.days);
    if (problems.length) throw new RuleViolationError(`the calendar of ${year} is refused: ${problems.join('; ')}`, { problems });
    const days = [...input.days]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((d) => ({ date: d.date, kind: d.kind, nameZh: d.nameZh, nameEn: d.nameEn ?? null }));
    await this.ds.transaction((em) => replaceCalendarYear(em, year, input.source, loadedBy, this.clock.now(), days));
    this.warned.delete(year);
    return this.year(year);
  }

  /** Loads each year of data/calendar/ that is not loaded yet (an admin's list is never overwritten). */
  async loadShippedYears(): Promise<number[]> {
    const files = readdirSync(join(projectRoot(), 'data', 'calendar'))
      .filter((f) => /^\d{4}\.json$/.test(f))
      .sort();
    const loaded: number[] = [];
    for (const f of files) {
      const file = readDataFile<CalendarFile>(`calendar/${f}`);
      if (`${file.year}.json` !== f) throw new Error(`data/calendar/${f} holds the year ${file.year}`);
      if ((await loadedCalendarYears(this.ds.manager, [file.year])).size) continue;
      await this.replaceYear(file.year, { source: file.source, days: file.days }, null);
      loaded.push(file.year);
    }
    return loaded;
  }

  private warnMissing(year: number): void {
    if (this.warned.has(year)) return;
    this.warned.add(year);
    this.logger.warn(
      { year },
      `no working-day calendar is loaded for ${year}: counting weekends only (load it with PUT /api/v1/admin/calendar/${year})`,
    );
  }
}
