import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { findAgency, findAgencyOrFail } from '../agencies/index.js';
import { type EventActor, canTransition, lockProposalOrFail, recordEvent } from '../proposals/index.js';
import {
  type Actor,
  ConflictError,
  NotFoundError,
  type Page,
  RuleViolationError,
  type StaffActor,
  offsetOf,
  paginate,
} from '../shared/index.js';
import { AssignmentTransfer } from './assignment-transfer.entity.js';
import { type TransferView, transferView } from './assignment-views.js';
import { AssignmentsMessages } from './assignments.messages.js';
import { assertStaffOf } from './assignments.policy.js';
import { hasPendingTransfer, holdsOrAnswered, lockAssignment, lockWithProposal } from './assignments.queries.js';
import { AssignmentsService } from './assignments.service.js';

/** Transfers: an agency asks to hand its assignment to another agency; a moderator accepts or refuses. */
@Injectable()
export class TransfersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly assignments: AssignmentsService,
    private readonly messages: AssignmentsMessages,
  ) {}

  /**
   * Agency staff ask the moderators to move their assignment to another agency. Nothing changes until a
   * moderator accepts: the deadline keeps running meanwhile.
   */
  async requestTransfer(staff: StaffActor, assignmentId: string, toAgencyId: string, reason: string): Promise<TransferView> {
    return this.ds.transaction(async (em) => {
      const [p, a] = await lockWithProposal(this.ds, em, assignmentId);
      assertStaffOf(staff, a.agencyId);
      if (a.status !== 'open') throw new ConflictError(`this assignment is ${a.status}; only an open assignment can be transferred`);
      if (!canTransition(p.status, 'assign')) throw new ConflictError(`a proposal that is ${p.status} can no longer be transferred`);
      if (toAgencyId === a.agencyId) throw new RuleViolationError('an assignment cannot be transferred to the agency that holds it');
      const target = await findAgency(em, toAgencyId);
      if (!target) throw new RuleViolationError(`agency ${toAgencyId} does not exist`);
      if (await holdsOrAnswered(em, a.proposalId, toAgencyId)) {
        throw new ConflictError('that agency already holds the proposal');
      }
      if (await hasPendingTransfer(em, assignmentId)) {
        throw new ConflictError('a transfer of this assignment is already waiting for the moderators');
      }
      const now = this.clock.now();
      const t: AssignmentTransfer = {
        id: newId(),
        assignmentId,
        proposalId: a.proposalId,
        fromAgencyId: a.agencyId,
        toAgencyId,
        reason,
        status: 'pending',
        requestedBy: staff.id,
        requestedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      };
      await em.insert(AssignmentTransfer, t);
      await recordEvent(
        em,
        now,
        a.proposalId,
        'transfer_requested',
        { id: staff.id, role: 'agency_staff' },
        {
          transferId: t.id,
          fromAgencyId: a.agencyId,
          toAgencyId,
          role: a.role,
          reason,
        },
      );
      await this.messages.transferRequested(em, p, t, await findAgencyOrFail(em, a.agencyId), target);
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
      const p = await lockProposalOrFail(em, pre.proposalId);
      const t = await em.findOneOrFail(AssignmentTransfer, { where: { id: transferId }, lock: { mode: 'pessimistic_write' } });
      if (t.status !== 'pending') throw new ConflictError(`this transfer was already ${t.status}`);
      const a = await lockAssignment(em, t.assignmentId);
      const now = this.clock.now();
      const actor: EventActor = { id: moderator.id, role: 'moderator' };
      if (accept) {
        if (a.status !== 'open') throw new ConflictError(`the assignment is ${a.status} and can no longer be transferred`);
        await this.assignments.closeWithin(em, a, 'transferred', now);
        await recordEvent(em, now, p.id, 'transferred', actor, {
          transferId,
          fromAgencyId: a.agencyId,
          toAgencyId: t.toAgencyId,
          role: a.role,
        });
        await this.assignments.assignWithin(em, p, t.toAgencyId, a.role, actor, 'transfer');
      } else {
        await recordEvent(em, now, p.id, 'transfer_refused', actor, {
          transferId,
          fromAgencyId: a.agencyId,
          toAgencyId: t.toAgencyId,
          note,
        });
        await this.messages.transferRefused(em, p, t, a, await findAgencyOrFail(em, t.toAgencyId), note);
      }
      Object.assign(t, { status: accept ? 'accepted' : 'refused', decidedBy: moderator.id, decidedAt: now, decisionNote: note });
      await em.update(
        AssignmentTransfer,
        { id: t.id },
        { status: t.status, decidedBy: t.decidedBy, decidedAt: t.decidedAt, decisionNote: t.decisionNote },
      );
      return transferView(t);
    });
  }

  /** Transfer requests for the moderators, oldest first. */
  async transfers(status: 'pending' | 'accepted' | 'refused' | undefined, page: number, pageSize: number): Promise<Page<TransferView>> {
    const [rows, total] = await this.ds.getRepository(AssignmentTransfer).findAndCount({
      where: status ? { status } : {},
      order: { requestedAt: 'ASC', id: 'ASC' },
      skip: offsetOf(page, pageSize),
      take: pageSize,
    });
    return paginate(rows.map(transferView), total, page, pageSize);
  }
}
