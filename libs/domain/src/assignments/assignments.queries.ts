import { type DataSource, type EntityManager, In } from 'typeorm';
import { type Proposal, lockProposalOrFail, statusesWhere, isAnswering } from '../proposals/index.js';
import { DAY, NotFoundError } from '../shared/index.js';
import { AssignmentTransfer } from './assignment-transfer.entity.js';
import { ProposalAssignment } from './assignment.entity.js';
import type { AssignmentRole } from './assignment-views.js';
import type { ReminderKind } from './deadline-rules.js';

/*
 * The SQL of assignments, transfers, extensions and reminders. A statement here may join an earlier context's
 * table to read it (a proposal's status, an agency's names) when one statement must see both; writes to those
 * tables go through their owner. Raw SQL for the reminder scan (the reminder rule as a CASE, so only due rows come back) and the
 * exactly-once reminder rows (INSERT IGNORE on their key).
 */

export async function lockAssignment(em: EntityManager, id: string): Promise<ProposalAssignment> {
  const a = await em.findOne(ProposalAssignment, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!a) throw new NotFoundError('assignment', id);
  return a;
}

/**
 * Locks the assignment's proposal, then the assignment: the order every writer follows (the timeline's
 * foreign key locks the proposal row too), so two writers never wait on each other in a cycle.
 * The proposal id is looked up on another connection: the transaction's first statement must be the lock,
 * so that its later plain reads see everything committed before the lock was granted (REPEATABLE READ
 * takes its snapshot at the first plain read).
 */
export async function lockWithProposal(ds: DataSource, em: EntityManager, assignmentId: string): Promise<[Proposal, ProposalAssignment]> {
  const pre = await ds.getRepository(ProposalAssignment).findOne({ where: { id: assignmentId }, select: { id: true, proposalId: true } });
  if (!pre) throw new NotFoundError('assignment', assignmentId);
  const p = await lockProposalOrFail(em, pre.proposalId);
  return [p, await lockAssignment(em, assignmentId)];
}

/** Whether the agency holds the proposal now (open) or has answered it. */
export function holdsOrAnswered(em: EntityManager, proposalId: string, agencyId: string): Promise<boolean> {
  return em.existsBy(ProposalAssignment, { proposalId, agencyId, status: In(['open', 'answered']) });
}

/** The agency's current assignment to the proposal (open or answered), locked; null when it holds none. */
export function lockHeld(em: EntityManager, proposalId: string, agencyId: string): Promise<ProposalAssignment | null> {
  return em.findOne(ProposalAssignment, {
    where: { proposalId, agencyId, status: In(['open', 'answered']) },
    lock: { mode: 'pessimistic_write' },
  });
}

export function hasPendingTransfer(em: EntityManager, assignmentId: string): Promise<boolean> {
  return em.existsBy(AssignmentTransfer, { assignmentId, status: 'pending' });
}

const ANSWERING = () => statusesWhere(isAnswering);

/** Open assignments whose current reminder (the rule of reminderKind, as SQL) has not been sent for their deadline. */
export async function remindersDue(ds: DataSource, now: Date, limit: number): Promise<string[]> {
  const rows = (await ds.query(
    `SELECT c.id FROM (
        SELECT a.id, a.due_at,
               CASE WHEN a.due_at <= ? THEN 'overdue' WHEN a.due_at <= ? THEN NULL WHEN a.due_at <= ? THEN 'due_3d' ELSE 'due_14d' END AS kind
          FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id
         WHERE a.status = 'open' AND a.due_at <= ? AND p.status IN (?)) c
      WHERE c.kind IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM assignment_reminders r WHERE r.assignment_id = c.id AND r.due_at = c.due_at AND r.kind = c.kind)
      ORDER BY c.due_at, c.id LIMIT ${Number(limit)}`,
    [new Date(now.getTime() - DAY), now, new Date(now.getTime() + 3 * DAY), new Date(now.getTime() + 14 * DAY), ANSWERING()],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Records that a reminder went out; false when another run already recorded it (exactly once per key). */
export async function recordReminder(
  em: EntityManager,
  a: ProposalAssignment,
  kind: ReminderKind,
  now: Date,
  recipients: number,
): Promise<boolean> {
  const res = (await em.query(
    'INSERT IGNORE INTO assignment_reminders (assignment_id, kind, due_at, sent_at, recipients) VALUES (?, ?, ?, ?, ?)',
    [a.id, kind, a.dueAt, now, recipients],
  )) as { affectedRows: number };
  return res.affectedRows === 1;
}

export interface OverdueRow {
  title: string;
  role: AssignmentRole;
  dueAt: Date;
  agencyZh: string;
  agencyEn: string;
}

/** How many assignments are overdue now, and the first `limit` of them, the longest overdue first. */
export async function overdueAssignments(ds: DataSource, now: Date, limit: number): Promise<{ total: number; rows: OverdueRow[] }> {
  const [{ total }] = (await ds.query(
    `SELECT COUNT(*) AS total FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id
      WHERE a.status = 'open' AND a.due_at < ? AND p.status IN (?)`,
    [now, ANSWERING()],
  )) as { total: number | string }[];
  if (!Number(total)) return { total: 0, rows: [] };
  const rows = (await ds.query(
    `SELECT p.title, a.role, a.due_at AS dueAt, g.name_zh AS agencyZh, g.name_en AS agencyEn
       FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id JOIN agencies g ON g.id = a.agency_id
      WHERE a.status = 'open' AND a.due_at < ? AND p.status IN (?) ORDER BY a.due_at, a.id LIMIT ${Number(limit)}`,
    [now, ANSWERING()],
  )) as OverdueRow[];
  return { total: Number(total), rows };
}
