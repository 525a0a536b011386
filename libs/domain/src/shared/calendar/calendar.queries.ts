import type { EntityManager } from 'typeorm';
import type { CalendarDayKind } from '../time.js';
import type { QuietPeriodDates } from './quiet-periods.js';

/*
 * The only SQL on calendar_years, calendar_days, quiet_periods, quiet_period_extensions and quiet_period_guard.
 * Raw SQL for dates: DATE columns come back as YYYY-MM-DD strings (DATE_FORMAT), never as Dates a time zone
 * could shift, and for the guard row's locks.
 */

export interface QuietPeriodRow extends QuietPeriodDates {
  reasonZh: string;
  reasonEn: string | null;
}

const PERIOD_COLUMNS = `id, DATE_FORMAT(starts_on, '%Y-%m-%d') AS startsOn, DATE_FORMAT(ends_on, '%Y-%m-%d') AS endsOn,
  reason_zh AS reasonZh, reason_en AS reasonEn`;

/** The period (not cancelled) a Taiwan date falls in, for one of the endorsement batch's statements: params [date, date]. */
export const QUIET_PERIOD_ON_DATE_SQL = `SELECT ${PERIOD_COLUMNS} FROM quiet_periods
  WHERE cancelled_at IS NULL AND starts_on <= ? AND ends_on >= ? ORDER BY starts_on LIMIT 1`;

/** The period (not cancelled) that a Taiwan date falls in, or null. */
export async function quietPeriodOn(em: EntityManager, date: string): Promise<QuietPeriodRow | null> {
  const [row] = (await em.query(QUIET_PERIOD_ON_DATE_SQL, [date, date])) as QuietPeriodRow[];
  return row ?? null;
}

/** Periods not cancelled whose last day is `sinceDate` or later, earliest first. */
export async function quietPeriodsEndingFrom(em: EntityManager, sinceDate: string): Promise<QuietPeriodRow[]> {
  return (await em.query(`SELECT ${PERIOD_COLUMNS} FROM quiet_periods WHERE cancelled_at IS NULL AND ends_on >= ? ORDER BY starts_on`, [
    sinceDate,
  ])) as QuietPeriodRow[];
}

/** Every period not cancelled, earliest first. */
export async function allQuietPeriods(em: EntityManager): Promise<QuietPeriodRow[]> {
  return (await em.query(`SELECT ${PERIOD_COLUMNS} FROM quiet_periods WHERE cancelled_at IS NULL ORDER BY starts_on`)) as QuietPeriodRow[];
}

/** A period not cancelled, locked for update, or null. */
export async function lockQuietPeriod(em: EntityManager, id: string): Promise<QuietPeriodRow | null> {
  const [row] = (await em.query(`SELECT ${PERIOD_COLUMNS} FROM quiet_periods WHERE id = ? AND cancelled_at IS NULL FOR UPDATE`, [
    id,
  ])) as QuietPeriodRow[];
  return row ?? null;
}

/** A period not cancelled that shares a day with startsOn…endsOn, or null. */
export async function overlappingQuietPeriod(em: EntityManager, startsOn: string, endsOn: string): Promise<QuietPeriodRow | null> {
  const [row] = (await em.query(
    `SELECT ${PERIOD_COLUMNS} FROM quiet_periods WHERE cancelled_at IS NULL AND starts_on <= ? AND ends_on >= ? ORDER BY starts_on LIMIT 1`,
    [endsOn, startsOn],
  )) as QuietPeriodRow[];
  return row ?? null;
}

/**
 * The guard row: declaring or cancelling a period takes it exclusively, publishing a proposal shares it. Publishing
 * reads the periods and a declaration extends the proposals already endorsing; without the guard a proposal
 * published while a period is declared could be seen by neither. Always taken before any proposal row.
 */
export async function lockQuietPeriodsExclusive(em: EntityManager): Promise<void> {
  await em.query('SELECT id FROM quiet_period_guard WHERE id = 1 FOR UPDATE');
}

export async function lockQuietPeriodsShared(em: EntityManager): Promise<void> {
  await em.query('SELECT id FROM quiet_period_guard WHERE id = 1 LOCK IN SHARE MODE');
}

/** The extensions recorded on these proposals: proposal id → (period id → milliseconds). */
export async function quietPeriodExtensionsOf(em: EntityManager, proposalIds: string[]): Promise<Map<string, Map<string, number>>> {
  const byProposal = new Map<string, Map<string, number>>(proposalIds.map((id) => [id, new Map()]));
  if (!proposalIds.length) return byProposal;
  const rows = (await em.query(
    'SELECT proposal_id AS proposalId, quiet_period_id AS periodId, extended_ms AS ms FROM quiet_period_extensions WHERE proposal_id IN (?)',
    [proposalIds],
  )) as { proposalId: string; periodId: string; ms: string | number }[];
  for (const r of rows) byProposal.get(r.proposalId)?.set(r.periodId, Number(r.ms));
  return byProposal;
}

/** Proposals a period has extended. */
export async function proposalsExtendedBy(em: EntityManager, periodId: string): Promise<string[]> {
  const rows = (await em.query('SELECT proposal_id AS id FROM quiet_period_extensions WHERE quiet_period_id = ?', [periodId])) as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}

export async function insertQuietPeriodExtension(
  em: EntityManager,
  periodId: string,
  proposalId: string,
  ms: number,
  at: Date,
): Promise<void> {
  await em.query('INSERT INTO quiet_period_extensions (quiet_period_id, proposal_id, extended_ms, created_at) VALUES (?, ?, ?, ?)', [
    periodId,
    proposalId,
    ms,
    at,
  ]);
}

export async function deleteQuietPeriodExtension(em: EntityManager, periodId: string, proposalId: string): Promise<void> {
  await em.query('DELETE FROM quiet_period_extensions WHERE quiet_period_id = ? AND proposal_id = ?', [periodId, proposalId]);
}

export async function markQuietPeriodCancelled(em: EntityManager, id: string, by: string, at: Date): Promise<void> {
  await em.query('UPDATE quiet_periods SET cancelled_at = ?, cancelled_by = ? WHERE id = ?', [at, by, id]);
}

/** Which of these years are loaded. */
export async function loadedCalendarYears(em: EntityManager, years: number[]): Promise<Set<number>> {
  if (!years.length) return new Set();
  const rows = (await em.query('SELECT year FROM calendar_years WHERE year IN (?)', [years])) as { year: number }[];
  return new Set(rows.map((r) => Number(r.year)));
}

export interface CalendarDayRow {
  date: string;
  kind: CalendarDayKind;
  nameZh: string;
  nameEn: string | null;
}

/** The entries of these years, by date. */
export async function calendarDaysOf(em: EntityManager, years: number[]): Promise<CalendarDayRow[]> {
  if (!years.length) return [];
  return (await em.query(
    `SELECT DATE_FORMAT(date, '%Y-%m-%d') AS date, kind, name_zh AS nameZh, name_en AS nameEn
       FROM calendar_days WHERE year IN (?) ORDER BY date`,
    [years],
  )) as CalendarDayRow[];
}

export async function calendarYearRow(
  em: EntityManager,
  year: number,
): Promise<{ year: number; source: string; loadedAt: Date; loadedBy: string | null } | null> {
  const [row] = (await em.query('SELECT year, source, loaded_at AS loadedAt, loaded_by AS loadedBy FROM calendar_years WHERE year = ?', [
    year,
  ])) as { year: number; source: string; loadedAt: Date; loadedBy: string | null }[];
  return row ? { ...row, year: Number(row.year) } : null;
}

/** Replaces a year's entries (inside the caller's transaction): the year row, then every day. */
export async function replaceCalendarYear(
  em: EntityManager,
  year: number,
  source: string,
  loadedBy: string | null,
  at: Date,
  days: CalendarDayRow[],
): Promise<void> {
  await em.query('DELETE FROM calendar_days WHERE year = ?', [year]);
  await em.query(
    `INSERT INTO calendar_years (year, source, loaded_by, loaded_at) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE source = VALUES(source), loaded_by = VALUES(loaded_by), loaded_at = VALUES(loaded_at)`,
    [year, source, loadedBy, at],
  );
  if (days.length)
    await em.query(
      `INSERT INTO calendar_days (date, year, kind, name_zh, name_en) VALUES ${days.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      [...days.flatMap((d) => [d.date, year, d.kind, d.nameZh, d.nameEn])],
    );
}
