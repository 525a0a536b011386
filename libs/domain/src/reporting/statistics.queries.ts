import type { DataSource } from 'typeorm';
import { heldAssignmentSql } from '../assignments/index.js';
import { PUBLISHED_STATUSES, type ProposalStatus, statusesSince } from '../proposals/index.js';

/*
 * The statistics' SQL. Raw: each figure is an aggregate over tens of thousands of rows of several contexts'
 * tables, computed by the server (GROUP BY, and medians with window functions: ROW_NUMBER() and COUNT(*) OVER,
 * which MySQL 8 and MariaDB 10.2+ both have — not MariaDB's own MEDIAN()). Only a few rows per call and agency
 * come back. Every statement starts from the call's proposals (STRAIGHT_JOIN keeps them first) and reaches the
 * other tables through the covering indexes of migration 1764750000000-ReportingIndexes, reading no table rows.
 *
 * What costs is the lookups from a proposal into the other tables (a few microseconds each, 100,000s of them for a
 * large call), so each statement looks only where the life cycle allows a row: assignments only under proposals
 * that were assigned, decisions only under decided ones (statusesSince). Five statements, run concurrently by the
 * service: proposals per status (one index range), the median time to qualify, the assignments' groups, the
 * outcomes, and the medians of the time to answer per call and per agency together (one join, two windows).
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
const HELD = heldAssignmentSql('a');

/** Only these proposals can have assignments, and only these a decision (the life cycle has no way back): no other is looked up. */
const ASSIGNED = statusesSince('assign');
const DECIDED = statusesSince('decide');

/**
 * A proposal's decision through the covering index (proposal_id, outcome, concluded_outcome): left to itself the
 * server prefers the unique index on proposal_id and then reads each decision's row for its outcome (a third slower).
 */
const DECISION = 'decisions d FORCE INDEX (ix_decisions__proposal_id_outcome)';

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

/** The row is one of its partition's middle rows: the median is the mean of the one or two rows for which this holds. */
const middle = (rn: string, cnt: string) => `${rn} IN (FLOOR((${cnt} + 1) / 2), FLOOR(${cnt} / 2) + 1)`;

const SECONDS = (from: string, to: string) => `TIMESTAMPDIFF(SECOND, ${from}, ${to})`;

/** Per call: the median of days from publication to qualification, over the proposals that qualified. */
export async function medianDaysToQualify(ds: DataSource, s: StatisticsScope): Promise<MedianRow[]> {
  const w = scopeSql(s);
  const v = SECONDS('p.published_at', 'p.qualified_at');
  return (await ds.query(
    `SELECT k AS \`key\`, AVG(v) / 86400 AS median FROM (
       SELECT p.call_id AS k, ${v} AS v,
              ROW_NUMBER() OVER (PARTITION BY p.call_id ORDER BY ${v}) AS rn, COUNT(*) OVER (PARTITION BY p.call_id) AS cnt
         FROM proposals p WHERE ${w.sql} AND p.qualified_at IS NOT NULL
     ) x WHERE ${middle('rn', 'cnt')} GROUP BY k`,
    w.params,
  )) as MedianRow[];
}

export interface AnswerMiddleRow {
  callId: string;
  agencyId: string;
  /** Seconds from assignment to answer, summed and counted over the middle rows of the call (of the agency) in this group. */
  callSum: Num | null;
  callN: Num;
  agencySum: Num | null;
  agencyN: Num;
}

/**
 * The middle answered assignments per call and per agency in the order of their time to answer, grouped by call and
 * agency: one join, ranked twice. The median of a call (an agency) is the sum over its groups of callSum (agencySum)
 * divided by the sum of callN (agencyN), in seconds.
 */
export async function answerMiddles(ds: DataSource, s: StatisticsScope): Promise<AnswerMiddleRow[]> {
  const w = scopeSql(s);
  const v = SECONDS('a.assigned_at', 'a.answered_at');
  const [byCall, byAgency] = ['PARTITION BY p.call_id', 'PARTITION BY a.agency_id'];
  return (await ds.query(
    `SELECT callId, agencyId, SUM(CASE WHEN ${middle('rc', 'cc')} THEN v END) AS callSum, SUM(${middle('rc', 'cc')}) AS callN,
            SUM(CASE WHEN ${middle('ra', 'ca')} THEN v END) AS agencySum, SUM(${middle('ra', 'ca')}) AS agencyN
       FROM (SELECT p.call_id AS callId, a.agency_id AS agencyId, ${v} AS v,
                    ROW_NUMBER() OVER (${byCall} ORDER BY ${v}) AS rc, COUNT(*) OVER (${byCall}) AS cc,
                    ROW_NUMBER() OVER (${byAgency} ORDER BY ${v}) AS ra, COUNT(*) OVER (${byAgency}) AS ca
               FROM proposals p
               STRAIGHT_JOIN proposal_assignments a ON a.proposal_id = p.id AND ${HELD} AND a.answered_at IS NOT NULL
              WHERE ${w.sql} AND p.status IN (?)) x
      WHERE ${middle('rc', 'cc')} OR ${middle('ra', 'ca')}
      GROUP BY callId, agencyId`,
    [...w.params, ASSIGNED],
  )) as AnswerMiddleRow[];
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
       LEFT JOIN ${DECISION} ON d.proposal_id = p.id AND p.status IN (?)
      WHERE ${w.sql} AND p.status IN (?)
      GROUP BY p.call_id, a.agency_id, p.status, r.recommendation, d.outcome, d.concluded_outcome`,
    [DECIDED, ...w.params, ASSIGNED],
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
       FROM proposals p STRAIGHT_JOIN ${DECISION} ON d.proposal_id = p.id
      WHERE ${w.sql} AND p.status IN (?) GROUP BY p.call_id, d.outcome, d.concluded_outcome`,
    [...w.params, DECIDED],
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
