import type { DataSource } from 'typeorm';
import { type AssignmentRole, heldAssignmentSql } from '../assignments/index.js';
import { endorsementCountSql } from '../endorsements/index.js';
import type { ProposalStatus } from '../proposals/index.js';
import type { Recommendation } from '../responses/index.js';
import { offsetOf } from '../shared/index.js';

/*
 * The reporting context reads every context's tables and writes none. Raw SQL where one statement gathers
 * a record from several of them (list items, the scoreboard, an agency's inbox).
 */

export interface SummaryExtras {
  id: string;
  authorName: string;
  endorsementCount: number | string;
  agencyIds: string | null;
}

/** For list items: author names, exact counts and suggested agencies, in one query. */
export async function summaryExtras(ds: DataSource, proposalIds: string[]): Promise<SummaryExtras[]> {
  return (await ds.query(
    `SELECT p.id, u.display_name AS authorName, ${endorsementCountSql('p')} AS endorsementCount,
            (SELECT GROUP_CONCAT(pa.agency_id ORDER BY pa.position) FROM proposal_agencies pa WHERE pa.proposal_id = p.id) AS agencyIds
       FROM proposals p JOIN users u ON u.id = p.author_id WHERE p.id IN (?)`,
    [proposalIds],
  )) as SummaryExtras[];
}

export interface ScoreRow {
  agencyId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  role: AssignmentRole;
  status: string;
  proposalStatus: ProposalStatus;
  assignedAt: Date;
  dueAt: Date;
  originalDueAt: Date;
  answeredAt: Date | null;
  extensions: number | string;
  recommendation: Recommendation | null;
}

/**
 * Every assignment an agency holds, has answered or held unanswered until the task force decided (`closed`), not
 * those handed on, with its extensions and current recommendation.
 */
export async function scoreboardRows(ds: DataSource, callId: string | undefined): Promise<ScoreRow[]> {
  return (await ds.query(
    `SELECT a.agency_id AS agencyId, g.code, g.name_zh AS nameZh, g.name_en AS nameEn, a.role, a.status, p.status AS proposalStatus,
            a.assigned_at AS assignedAt, a.due_at AS dueAt, a.original_due_at AS originalDueAt, a.answered_at AS answeredAt,
            (SELECT COUNT(*) FROM assignment_extensions e WHERE e.assignment_id = a.id) AS extensions,
            (SELECT r.recommendation FROM proposal_responses r
              WHERE r.assignment_id = a.id AND r.status = 'published' AND r.corrected_by_id IS NULL LIMIT 1) AS recommendation
       FROM proposal_assignments a
       JOIN agencies g ON g.id = a.agency_id
       JOIN proposals p ON p.id = a.proposal_id
      WHERE ${heldAssignmentSql('a')} ${callId ? 'AND p.call_id = ?' : ''}`,
    callId ? [callId] : [],
  )) as ScoreRow[];
}

export interface InboxRow {
  id: string;
  proposalId: string;
  agencyId: string;
  role: AssignmentRole;
  status: 'open' | 'answered' | 'rerouted' | 'transferred' | 'closed';
  assignedAt: Date;
  dueAt: Date;
  originalDueAt: Date;
  answeredAt: Date | null;
  proposalTitle: string;
  proposalStatus: string;
  extensionCount: number | string;
  pendingTransferId: string | null;
  draftResponseId: string | null;
}

/** One agency's assignments, the soonest due first, with their proposal, extensions, pending transfer and draft. */
export async function inboxPage(ds: DataSource, agencyId: string, status: 'open' | 'closed' | undefined, page: number, pageSize: number) {
  const where = status === 'open' ? "AND a.status = 'open'" : status === 'closed' ? "AND a.status <> 'open'" : '';
  const [rows, [{ total }]] = (await Promise.all([
    ds.query(
      `SELECT a.id, a.proposal_id AS proposalId, a.agency_id AS agencyId, a.role, a.status, a.assigned_at AS assignedAt,
              a.due_at AS dueAt, a.original_due_at AS originalDueAt, a.answered_at AS answeredAt,
              p.title AS proposalTitle, p.status AS proposalStatus,
              (SELECT COUNT(*) FROM assignment_extensions e WHERE e.assignment_id = a.id) AS extensionCount,
              (SELECT t.id FROM assignment_transfers t WHERE t.assignment_id = a.id AND t.status = 'pending' LIMIT 1) AS pendingTransferId,
              (SELECT r.id FROM proposal_responses r WHERE r.assignment_id = a.id AND r.status = 'draft' LIMIT 1) AS draftResponseId
         FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id
        WHERE a.agency_id = ? ${where} ORDER BY a.due_at, a.id LIMIT ? OFFSET ?`,
      [agencyId, pageSize, offsetOf(page, pageSize)],
    ),
    ds.query(`SELECT COUNT(*) AS total FROM proposal_assignments a WHERE a.agency_id = ? ${where}`, [agencyId]),
  ])) as [InboxRow[], { total: number | string }[]];
  return { rows, total };
}
