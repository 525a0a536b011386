import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { Agency } from '../agencies/agency.entity.js';
import { Call } from '../calls/call.entity.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../common/domain-errors.js';
import { hasRole } from '../common/roles.js';
import { MailPreferencesService } from './mail-preferences.service.js';
import { type EventActor, recordEvent } from './proposal-events.js';
import { ProposalMailer } from './proposal-mailer.js';
import { canTransition, transition } from './proposal-state.js';
import { AssignmentExtension, AssignmentTransfer, Proposal, ProposalAssignment } from './proposal.entities.js';
import type { Actor } from './proposals.service.js';
import { agencyStaff, moderators } from './recipients.js';

export type AssignmentRole = 'lead' | 'co';

/** Someone acting for an agency: agency staff carry the id of the agency they belong to. */
export interface StaffActor extends Actor {
  agencyId: string | null;
}

export const ROLE_NAMES: Record<AssignmentRole, { zh: string; en: string }> = {
  lead: { zh: '主政機關', en: 'lead agency' },
  co: { zh: '協辦機關', en: 'co-agency' },
};

const DAY = 86_400_000;
/** An extension may move a deadline at most this far ahead of today. */
export const MAX_EXTENSION_DAYS = 366;

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

/**
 * Which agencies hold a qualified proposal (one lead, any number of co-agencies) and until when:
 * assignment and re-routing by moderators, transfer requests by agencies, announced extensions, inboxes.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly prefs: MailPreferencesService,
    private readonly mailer: ProposalMailer,
  ) {}

  /** A moderator assigns (or, for a new lead, re-routes) a qualified proposal. */
  async assign(moderator: Actor, proposalId: string, agencyId: string, role: AssignmentRole): Promise<AssignmentView> {
    return this.ds.transaction(async (em) => {
      const p = await em.findOne(Proposal, { where: { id: proposalId }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundError('proposal', proposalId);
      const a = await this.assignWithin(em, p, agencyId, role, { id: moderator.id, role: 'moderator' }, 'moderator');
      return this.view(a);
    });
  }

  /**
   * Creates the assignment inside the caller's transaction (the proposal row locked by the caller): closes the
   * previous lead when a new lead is named, moves the proposal to `assigned`, writes the timeline and mails
   * the agency's staff.
   */
  async assignWithin(em: EntityManager, p: Proposal, agencyId: string, role: AssignmentRole, actor: EventActor, via: string): Promise<ProposalAssignment> {
    const to = transition(p.status, 'assign');
    const agency = await em.findOneBy(Agency, { id: agencyId });
    if (!agency) throw new RuleViolationError(`agency ${agencyId} does not exist`);
    const now = this.clock.now();
    const current = await em.find(ProposalAssignment, { where: { proposalId: p.id } });
    const held = current.find((a) => a.agencyId === agencyId && (a.status === 'open' || a.status === 'answered'));
    if (held) throw new ConflictError(held.status === 'open' ? 'this agency already holds the proposal' : 'this agency has already answered this proposal');
    if (role === 'lead') {
      for (const old of current.filter((a) => a.role === 'lead' && a.status === 'open')) {
        await this.close(em, old, 'rerouted', now);
        await recordEvent(em, now, p.id, 'rerouted', actor, { fromAgencyId: old.agencyId, toAgencyId: agencyId });
      }
    }
    const call = await em.findOneByOrFail(Call, { id: p.callId });
    const dueAt = new Date(now.getTime() + call.responseDays * DAY);
    const earlier = current.find((a) => a.agencyId === agencyId);
    const assignment: ProposalAssignment = {
      id: earlier?.id ?? newId(), proposalId: p.id, agencyId, role, status: 'open', assignedAt: now, dueAt, originalDueAt: dueAt,
      answeredAt: null, createdAt: earlier?.createdAt ?? now, updatedAt: now,
    };
    if (earlier) {
      await em.update(ProposalAssignment, { id: earlier.id }, { role, status: 'open', assignedAt: now, dueAt, originalDueAt: dueAt, answeredAt: null, updatedAt: now });
    } else {
      await em.insert(ProposalAssignment, assignment);
    }
    if (to !== p.status) {
      await em.update(Proposal, { id: p.id }, { status: to, version: p.version + 1, updatedAt: now });
      p.status = to;
      p.version += 1;
    }
    await recordEvent(em, now, p.id, 'assigned', actor, { agencyId, role, dueAt: dueAt.toISOString(), via });
    await this.mailAssigned(em, p, agency, assignment);
    return assignment;
  }

  /**
   * Agency staff ask the moderators to move their assignment to another agency. Nothing changes until a
   * moderator accepts: the deadline keeps running meanwhile.
   */
  async requestTransfer(staff: StaffActor, assignmentId: string, toAgencyId: string, reason: string): Promise<TransferView> {
    return this.ds.transaction(async (em) => {
      const [p, a] = await this.lockWithProposal(em, assignmentId);
      assertStaffOf(staff, a.agencyId);
      if (a.status !== 'open') throw new ConflictError(`this assignment is ${a.status}; only an open assignment can be transferred`);
      if (!canTransition(p.status, 'assign')) throw new ConflictError(`a proposal that is ${p.status} can no longer be transferred`);
      if (toAgencyId === a.agencyId) throw new RuleViolationError('an assignment cannot be transferred to the agency that holds it');
      const target = await em.findOneBy(Agency, { id: toAgencyId });
      if (!target) throw new RuleViolationError(`agency ${toAgencyId} does not exist`);
      if (await em.existsBy(ProposalAssignment, { proposalId: a.proposalId, agencyId: toAgencyId, status: In(['open', 'answered']) })) {
        throw new ConflictError('that agency already holds the proposal');
      }
      if (await em.existsBy(AssignmentTransfer, { assignmentId, status: 'pending' })) {
        throw new ConflictError('a transfer of this assignment is already waiting for the moderators');
      }
      const now = this.clock.now();
      const t: AssignmentTransfer = {
        id: newId(), assignmentId, proposalId: a.proposalId, fromAgencyId: a.agencyId, toAgencyId, reason, status: 'pending',
        requestedBy: staff.id, requestedAt: now, decidedBy: null, decidedAt: null, decisionNote: null,
      };
      await em.insert(AssignmentTransfer, t);
      await recordEvent(em, now, a.proposalId, 'transfer_requested', { id: staff.id, role: 'agency_staff' }, {
        transferId: t.id, fromAgencyId: a.agencyId, toAgencyId, role: a.role, reason,
      });
      const from = await em.findOneByOrFail(Agency, { id: a.agencyId });
      for (const m of await moderators(em)) {
        await this.prefs.queue(em, m, 'moderation', {
          template: 'transfer.requested',
          idempotencyKey: `transfer.requested:${t.id}:${m.id}`,
          params: {
            title: p.title, url: this.mailer.url(p.id), fromZh: from.nameZh, fromEn: from.nameEn,
            toZh: target.nameZh, toEn: target.nameEn, reason,
          },
        });
      }
      return transferView(t);
    });
  }

  /**
   * A moderator accepts a transfer (the assignment closes as `transferred` and the other agency gets it in
   * the same role, with a fresh deadline) or refuses it (the requesting agency is told why).
   */
  async decideTransfer(moderator: Actor, transferId: string, accept: boolean, note: string | null): Promise<TransferView> {
    // Looked up outside the transaction: its first statement must be the lock (see lockWithProposal).
    const pre = await this.ds.getRepository(AssignmentTransfer).findOneBy({ id: transferId });
    if (!pre) throw new NotFoundError('transfer', transferId);
    return this.ds.transaction(async (em) => {
      // Lock order everywhere: the proposal, then its assignments.
      const p = await em.findOneOrFail(Proposal, { where: { id: pre.proposalId }, lock: { mode: 'pessimistic_write' } });
      const t = await em.findOneOrFail(AssignmentTransfer, { where: { id: transferId }, lock: { mode: 'pessimistic_write' } });
      if (t.status !== 'pending') throw new ConflictError(`this transfer was already ${t.status}`);
      const a = await this.lockAssignment(em, t.assignmentId);
      const now = this.clock.now();
      const actor: EventActor = { id: moderator.id, role: 'moderator' };
      if (accept) {
        if (a.status !== 'open') throw new ConflictError(`the assignment is ${a.status} and can no longer be transferred`);
        await this.close(em, a, 'transferred', now);
        await recordEvent(em, now, p.id, 'transferred', actor, { transferId, fromAgencyId: a.agencyId, toAgencyId: t.toAgencyId, role: a.role });
        await this.assignWithin(em, p, t.toAgencyId, a.role, actor, 'transfer');
      } else {
        await recordEvent(em, now, p.id, 'transfer_refused', actor, { transferId, fromAgencyId: a.agencyId, toAgencyId: t.toAgencyId, note });
        const to = await em.findOneByOrFail(Agency, { id: t.toAgencyId });
        for (const s of await agencyStaff(em, a.agencyId)) {
          await this.prefs.queue(em, s, 'agency', {
            template: 'transfer.refused',
            idempotencyKey: `transfer.refused:${t.id}:${s.id}`,
            params: {
              title: p.title, url: this.mailer.url(p.id), toZh: to.nameZh, toEn: to.nameEn,
              note: note ?? '', due: a.dueAt.toISOString().slice(0, 10),
            },
          });
        }
      }
      Object.assign(t, { status: accept ? 'accepted' : 'refused', decidedBy: moderator.id, decidedAt: now, decisionNote: note });
      await em.update(AssignmentTransfer, { id: t.id }, { status: t.status, decidedBy: t.decidedBy, decidedAt: t.decidedAt, decisionNote: t.decisionNote });
      return transferView(t);
    });
  }

  /** Transfer requests for the moderators, oldest first. */
  async transfers(status: 'pending' | 'accepted' | 'refused' | undefined, page: number, pageSize: number) {
    const [rows, total] = await this.ds.getRepository(AssignmentTransfer).findAndCount({
      where: status ? { status } : {}, order: { requestedAt: 'ASC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize,
    });
    return { items: rows.map(transferView), total, page, pageSize };
  }

  /**
   * The agency announces that it needs more time: a reason, optionally its progress so far, and a later date.
   * Extensions are public (timeline and proposal detail) and counted on the scoreboard.
   */
  async extend(staff: StaffActor, assignmentId: string, newDueAt: Date, reason: string, progress: string | null): Promise<ExtensionView> {
    return this.ds.transaction(async (em) => {
      const [, a] = await this.lockWithProposal(em, assignmentId);
      assertStaffOf(staff, a.agencyId);
      if (a.status !== 'open') throw new ConflictError(`this assignment is ${a.status}; only an open assignment can be extended`);
      const now = this.clock.now();
      // An extension is announced before the deadline: a late agency cannot make itself on time afterwards.
      if (a.dueAt.getTime() < now.getTime()) {
        throw new RuleViolationError(`the deadline ${a.dueAt.toISOString()} has passed; an overdue assignment cannot be extended`);
      }
      if (newDueAt.getTime() <= a.dueAt.getTime()) {
        throw new RuleViolationError(`the new date must be later than the current deadline ${a.dueAt.toISOString()}`);
      }
      if (newDueAt.getTime() > now.getTime() + MAX_EXTENSION_DAYS * DAY) {
        throw new RuleViolationError(`the new date can be at most ${MAX_EXTENSION_DAYS} days from today`);
      }
      const e: AssignmentExtension = {
        id: newId(), assignmentId, proposalId: a.proposalId, agencyId: a.agencyId, previousDueAt: a.dueAt, newDueAt, reason, progress,
        announcedBy: staff.id, announcedAt: now,
      };
      await em.insert(AssignmentExtension, e);
      await em.update(ProposalAssignment, { id: a.id }, { dueAt: newDueAt, updatedAt: now });
      await recordEvent(em, now, a.proposalId, 'deadline_extended', { id: staff.id, role: 'agency_staff' }, {
        agencyId: a.agencyId, role: a.role, previousDueAt: a.dueAt.toISOString(), newDueAt: newDueAt.toISOString(), reason,
        ...(progress ? { progress } : {}),
      });
      return extensionView(e);
    });
  }

  /** The assignments of one agency, the soonest due first, with their proposal, extensions and pending transfer. */
  async inbox(agencyId: string, status: 'open' | 'closed' | undefined, page: number, pageSize: number) {
    const where = status === 'open' ? "AND a.status = 'open'" : status === 'closed' ? "AND a.status <> 'open'" : '';
    const [rows, [{ total }]] = (await Promise.all([
      this.ds.query(
        `SELECT a.id, a.proposal_id AS proposalId, a.agency_id AS agencyId, a.role, a.status, a.assigned_at AS assignedAt,
                a.due_at AS dueAt, a.original_due_at AS originalDueAt, a.answered_at AS answeredAt,
                p.title AS proposalTitle, p.status AS proposalStatus,
                (SELECT COUNT(*) FROM assignment_extensions e WHERE e.assignment_id = a.id) AS extensionCount,
                (SELECT t.id FROM assignment_transfers t WHERE t.assignment_id = a.id AND t.status = 'pending' LIMIT 1) AS pendingTransferId,
                (SELECT r.id FROM proposal_responses r WHERE r.assignment_id = a.id AND r.status = 'draft' LIMIT 1) AS draftResponseId
           FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id
          WHERE a.agency_id = ? ${where} ORDER BY a.due_at, a.id LIMIT ? OFFSET ?`,
        [agencyId, pageSize, (page - 1) * pageSize],
      ),
      this.ds.query(`SELECT COUNT(*) AS total FROM proposal_assignments a WHERE a.agency_id = ? ${where}`, [agencyId]),
    ])) as [
      (ProposalAssignment & { proposalTitle: string; proposalStatus: string; extensionCount: number | string; pendingTransferId: string | null; draftResponseId: string | null })[],
      { total: number | string }[],
    ];
    return {
      items: rows.map((a) => ({
        ...this.view(a), proposalTitle: a.proposalTitle, proposalStatus: a.proposalStatus, extensionCount: Number(a.extensionCount),
        extended: Number(a.extensionCount) > 0, pendingTransferId: a.pendingTransferId, draftResponseId: a.draftResponseId,
      })),
      total: Number(total), page, pageSize,
    };
  }

  view(a: ProposalAssignment): AssignmentView {
    return {
      id: a.id, proposalId: a.proposalId, agencyId: a.agencyId, role: a.role, status: a.status,
      assignedAt: a.assignedAt.toISOString(), dueAt: a.dueAt.toISOString(), originalDueAt: a.originalDueAt.toISOString(),
      answeredAt: a.answeredAt ? a.answeredAt.toISOString() : null,
      overdue: a.status === 'open' && a.dueAt.getTime() < this.clock.now().getTime(),
    };
  }

  private async lockAssignment(em: EntityManager, id: string): Promise<ProposalAssignment> {
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
  private async lockWithProposal(em: EntityManager, assignmentId: string): Promise<[Proposal, ProposalAssignment]> {
    const pre = await this.ds.getRepository(ProposalAssignment).findOne({ where: { id: assignmentId }, select: { id: true, proposalId: true } });
    if (!pre) throw new NotFoundError('assignment', assignmentId);
    const p = await em.findOneOrFail(Proposal, { where: { id: pre.proposalId }, lock: { mode: 'pessimistic_write' } });
    return [p, await this.lockAssignment(em, assignmentId)];
  }

  /** Closes an assignment that is handed to another agency; its pending transfer requests lapse with it. */
  private async close(em: EntityManager, a: ProposalAssignment, status: 'rerouted' | 'transferred', now: Date): Promise<void> {
    await em.update(ProposalAssignment, { id: a.id }, { status, updatedAt: now });
    a.status = status;
    if (status === 'rerouted') {
      await em.update(AssignmentTransfer, { assignmentId: a.id, status: 'pending' }, { status: 'refused', decidedAt: now, decisionNote: 'rerouted by a moderator' });
    }
  }

  private async mailAssigned(em: EntityManager, p: Proposal, agency: Agency, a: ProposalAssignment): Promise<void> {
    const role = ROLE_NAMES[a.role];
    for (const s of await agencyStaff(em, agency.id)) {
      await this.prefs.queue(em, s, 'agency', {
        template: 'assignment.new',
        idempotencyKey: `assignment.new:${a.id}:${a.assignedAt.toISOString()}:${s.id}`,
        params: {
          title: p.title, url: this.mailer.url(p.id), agencyZh: agency.nameZh, agencyEn: agency.nameEn,
          roleZh: role.zh, roleEn: role.en, due: a.dueAt.toISOString().slice(0, 10),
        },
      });
    }
  }
}

/** Only staff of the agency itself act for it (an admin acts for the agency their account belongs to). */
export function assertStaffOf(actor: StaffActor, agencyId: string): void {
  if (!hasRole(actor.roles, 'agency_staff') || actor.agencyId !== agencyId) {
    throw new ForbiddenError('only staff of the assigned agency can do this');
  }
}

function transferView(t: AssignmentTransfer): TransferView {
  return {
    id: t.id, assignmentId: t.assignmentId, proposalId: t.proposalId, fromAgencyId: t.fromAgencyId, toAgencyId: t.toAgencyId,
    reason: t.reason, status: t.status, requestedAt: t.requestedAt.toISOString(), decidedAt: t.decidedAt ? t.decidedAt.toISOString() : null,
    decisionNote: t.decisionNote,
  };
}

export function extensionView(e: AssignmentExtension): ExtensionView {
  return {
    id: e.id, assignmentId: e.assignmentId, agencyId: e.agencyId, previousDueAt: e.previousDueAt.toISOString(),
    newDueAt: e.newDueAt.toISOString(), reason: e.reason, progress: e.progress, announcedAt: e.announcedAt.toISOString(),
  };
}
