import { isoOrNull as iso } from '../shared/index.js';
import type { AssignmentExtension } from './assignment-extension.entity.js';
import type { AssignmentTransfer } from './assignment-transfer.entity.js';
import type { ProposalAssignment } from './assignment.entity.js';

export type AssignmentRole = 'lead' | 'co';
export const ASSIGNMENT_ROLES: readonly AssignmentRole[] = ['lead', 'co'];

export interface AssignmentView {
  id: string;
  proposalId: string;
  agencyId: string;
  role: AssignmentRole;
  status: string;
  assignedAt: string;
  dueAt: string;
  originalDueAt: string;
  answeredAt: string | null;
  overdue: boolean;
}

export interface ExtensionView {
  id: string;
  assignmentId: string;
  agencyId: string;
  previousDueAt: string;
  newDueAt: string;
  reason: string;
  progress: string | null;
  announcedAt: string;
}

export interface TransferView {
  id: string;
  assignmentId: string;
  proposalId: string;
  fromAgencyId: string;
  toAgencyId: string;
  reason: string;
  status: string;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

export function assignmentView(a: ProposalAssignment, now: Date): AssignmentView {
  return {
    id: a.id,
    proposalId: a.proposalId,
    agencyId: a.agencyId,
    role: a.role,
    status: a.status,
    assignedAt: a.assignedAt.toISOString(),
    dueAt: a.dueAt.toISOString(),
    originalDueAt: a.originalDueAt.toISOString(),
    answeredAt: iso(a.answeredAt),
    overdue: a.status === 'open' && a.dueAt.getTime() < now.getTime(),
  };
}

export function transferView(t: AssignmentTransfer): TransferView {
  return {
    id: t.id,
    assignmentId: t.assignmentId,
    proposalId: t.proposalId,
    fromAgencyId: t.fromAgencyId,
    toAgencyId: t.toAgencyId,
    reason: t.reason,
    status: t.status,
    requestedAt: t.requestedAt.toISOString(),
    decidedAt: iso(t.decidedAt),
    decisionNote: t.decisionNote,
  };
}

export function extensionView(e: AssignmentExtension): ExtensionView {
  return {
    id: e.id,
    assignmentId: e.assignmentId,
    agencyId: e.agencyId,
    previousDueAt: e.previousDueAt.toISOString(),
    newDueAt: e.newDueAt.toISOString(),
    reason: e.reason,
    progress: e.progress,
    announcedAt: e.announcedAt.toISOString(),
  };
}
