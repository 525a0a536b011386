import type { DataSource } from 'typeorm';
import { PUBLISHED_STATUSES, type ProposalStatus } from '../proposals/index.js';

/*
 * The statistics' SQL. Raw: each figure is an aggregate over tens of thousands of rows of several contexts'
 * tables, computed by the server (GROUP BY, and medians with window functions: ROW_NUMBER() and COUNT(*) OVER,
 * which MySQL 8 and MariaDB 10.2+ both have — not MariaDB's own MEDIAN()). Only a few rows per call and agency
 * come back. Every statement starts from the call's proposals (STRAIGHT_JOIN keeps them first) and reaches the
 * other tables through the covering indexes of migration 1764750000000-ReportingIndexes, reading no table rows.
 */

/** Which published proposals count: of a call, published within [from, to). */
export interface StatisticsScope {
  callId?: string;
  from?: Date;
  to?: Date;
}

function scopeSql(s: StatisticsScope): { sql: string; params: unknown[] } {
  const parts = ['p.published_at IS NOT NULL', 'p.status IN (?)'];
  const params: unknown[] = [PUBLISHED_STATUSES];
  if (s.callId) {
    parts.push('p.call_id = ?');
    params.push(s.callId);
  }
  if (s.from) {
    parts.push('p.published_at >= ?');
    params.push(s.from);
  }
  if (s.to) {
    parts.push('p.published_at < ?');
    params.push(s.to);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * Assignments an agency holds, has answered, or held unanswered until the task force decided (`closed`: counted as
 * held and unanswered, not open); those handed on by re-routing or transfer are not counted. As the scoreboard
 * counts them (reporting.queries.ts).
 */
const HELD = `a.status IN ('open', 'answered', 'closed')`;

type Num = number | string;

export interface StatusCountRow {
  callId: string;
  status: ProposalStatus;
  n: Num;
  qualified: Num;
}

/** Published proposals per call and status, and how many of them qualified. */
export async function proposalsByStatus(ds: DataSource, s: StatisticsScope): Promise<StatusCountRow[]> {
  const w = scopeSql(s);
  return (await ds.query(
    `SELECT p.call_id AS callId, p.status, COUNT(*) AS n, SUM(p.qualified_at IS NOT NULL) AS qualified
       FROM proposals p WHERE ${w.sql} GROUP BY p.call_id, p.status`,
    w.params,
  )) as StatusCountRow[];
}

export interface MedianRow {
  key: string;
  median: Num | null;
}

/**
 * The median, per key, of `value` over the rows of `fromWhere`: the middle row (or the mean of the two middle rows)
 * of each key's rows in the order of the value.
 */
function medianSql(key: string, value: string, fromWhere: string): string {
  return `SELECT k AS \`key\`, AVG(v) AS median FROM (
            SELECT ${key} AS k, ${value} AS v,
                   ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY ${value}) AS rn,
                   COUNT(*) OVER (PARTITION BY ${key}) AS cnt
              ${fromWhere}
          ) x WHERE rn IN (FLOOR((cnt + 1) / 2), FLOOR(cnt / 2) + 1) GROUP BY k`;
}

const DAYS = (from: string, to: string) => `TIMESTAMPDIFF(SECOND, ${from}, ${to}) / 86400`;

/** Per call: the median of days from publication to qualification, over the proposals that qualified. */
export async function medianDaysToQualify(ds: DataSource, s: StatisticsScope): Promise<MedianRow[]> {
  const w = scopeSql(s);
  return (await ds.query(
    medianSql('p.call_id', DAYS('p.published_at', 'p.qualified_at'), `FROM proposals p WHERE ${w.sql} AND p.qualified_at IS NOT NULL`),
    w.params,
  )) as MedianRow[];
}

/** Per call or per agency: the median of days from assignment to answer, over the answered assignments. */
export async function medianDaysToAnswer(ds: DataSource, s: StatisticsScope, by: 'call' | 'agency'): Promise<MedianRow[]> {
  const w = scopeSql(s);
  return (await ds.query(
    medianSql(
      by === 'call' ? 'p.call_id' : 'a.agency_id',
      DAYS('a.assigned_at', 'a.answered_at'),
      `FROM proposals p STRAIGHT_JOIN proposal_assignments a ON a.proposal_id = p.id AND ${HELD} AND a.answered_at IS NOT NULL WHERE ${w.sql}`,
    ),
    w.params,
  )) as MedianRow[];
}

export interface AssignmentGroupRow {
  callId: string;
  agencyId: string;
  status: ProposalStatus;
  recommendation: string | null;
  outcome: string | null;
  concluded: string | null;
  assigned: Num;
  asLead: Num;
  answered: Num;
  answeredOnTime: Num;
}

/**
 * Assignments per call, agency, proposal status, the agency's current recommendation and the task force's
 * outcome: one pass, rolled up per call and per agency by the caller. An assignment is one agency on one proposal.
 */
export async function assignmentGroups(ds: DataSource, s: StatisticsScope): Promise<AssignmentGroupRow[]> {
  const w = scopeSql(s);
  return (await ds.query(
    `SELECT p.call_id AS callId, a.agency_id AS agencyId, p.status, r.recommendation, d.outcome, d.concluded_outcome AS concluded,
            COUNT(*) AS assigned, SUM(a.role = 'lead') AS asLead, SUM(a.answered_at IS NOT NULL) AS answered,
            SUM(a.answered_at <= a.due_at) AS answeredOnTime
       FROM proposals p
       STRAIGHT_JOIN proposal_assignments a ON a.proposal_id = p.id AND ${HELD}
       LEFT JOIN proposal_responses r ON r.assignment_id = a.id AND r.status = 'published' AND r.corrected_by_id IS NULL
       LEFT JOIN decisions d ON d.proposal_id = p.id
      WHERE ${w.sql}
      GROUP BY p.call_id, a.agency_id, p.status, r.recommendation, d.outcome, d.concluded_outcome`,
    w.params,
  )) as AssignmentGroupRow[];
}

export interface OutcomeRow {
  callId: string;
  outcome: string;
  concluded: string | null;
  n: Num;
}

/** The task force's decisions per call, outcome and conclusion (one per proposal). */
export async function outcomesByCall(ds: DataSource, s: StatisticsScope): Promise<OutcomeRow[]> {
  const w = scopeSql(s);
  return (await ds.query(
    `SELECT p.call_id AS callId, d.outcome, d.concluded_outcome AS concluded, COUNT(*) AS n
       FROM proposals p STRAIGHT_JOIN decisions d ON d.proposal_id = p.id
      WHERE ${w.sql} GROUP BY p.call_id, d.outcome, d.concluded_outcome`,
    w.params,
  )) as OutcomeRow[];
}

export interface NamedRow {
  id: string;
  code?: string;
  nameZh?: string;
  nameEn?: string;
  titleZh?: string;
  titleEn?: string;
}

export async function callTitles(ds: DataSource, ids: string[]): Promise<NamedRow[]> {
  if (!ids.length) return [];
  return (await ds.query('SELECT id, title_zh AS titleZh, title_en AS titleEn FROM calls WHERE id IN (?)', [ids])) as NamedRow[];
}

export async function agencyNames(ds: DataSource, ids: string[]): Promise<NamedRow[]> {
  if (!ids.length) return [];
  return (await ds.query('SELECT id, code, name_zh AS nameZh, name_en AS nameEn FROM agencies WHERE id IN (?)', [ids])) as NamedRow[];
}
