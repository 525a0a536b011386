import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { findAgency } from '../agencies/index.js';
import { findCallOrFail } from '../calls/index.js';
import { type EventActor, type Proposal, lockProposalOrFail, moveProposal, recordEvent, transition } from '../proposals/index.js';
import { type Actor, ConflictError, RuleViolationError, addDays } from '../shared/index.js';
import { AssignmentTransfer } from './assignment-transfer.entity.js';
import { type AssignmentRole, type AssignmentView, assignmentView } from './assignment-views.js';
import { ProposalAssignment } from './assignment.entity.js';
import { AssignmentsMessages } from './assignments.messages.js';
import { lockHeld } from './assignments.queries.js';

/**
 * Which agencies hold a qualified proposal (one lead, any number of co-agencies) and until when: assignment and
 * re-routing by moderators, and what later contexts do to an assignment inside their own transaction.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly messages: AssignmentsMessages,
  ) {}

  /** A moderator assigns (or, for a new lead, re-routes) a qualified proposal. */
  async assign(moderator: Actor, proposalId: string, agencyId: string, role: AssignmentRole): Promise<AssignmentView> {
    return this.ds.transaction(async (em) => {
      const p = await lockProposalOrFail(em, proposalId);
      const a = await this.assignWithin(em, p, agencyId, role, { id: moderator.id, role: 'moderator' }, 'moderator');
      return this.view(a);
    });
  }

  /**
   * Creates the assignment inside the caller's transaction (the proposal row locked by the caller): closes the
   * previous lead when a new lead is named, moves the proposal to `assigned`, writes the timeline and mails
   * the agency's staff.
   */
  async assignWithin(
    em: EntityManager,
    p: Proposal,
    agencyId: string,
    role: AssignmentRole,
    actor: EventActor,
    via: string,
  ): Promise<ProposalAssignment> {
    // The state machine refuses the move first, with a 409 naming it, before anything is read or written.
    transition(p.status, 'assign');
    const agency = await findAgency(em, agencyId);
    if (!agency) throw new RuleViolationError(`agency ${agencyId} does not exist`);
    const now = this.clock.now();
    const current = await em.find(ProposalAssignment, { where: { proposalId: p.id } });
    const held = current.find((a) => a.agencyId === agencyId && (a.status === 'open' || a.status === 'answered'));
    if (held)
      throw new ConflictError(
        held.status === 'open' ? 'this agency already holds the proposal' : 'this agency has already answered this proposal',
      );
    if (role === 'lead') {
      for (const old of current.filter((a) => a.role === 'lead' && a.status === 'open')) {
        await this.closeWithin(em, old, 'rerouted', now);
        await recordEvent(em, now, p.id, 'rerouted', actor, { fromAgencyId: old.agencyId, toAgencyId: agencyId });
      }
    }
    const call = await findCallOrFail(em, p.callId);
    const dueAt = addDays(now, call.responseDays);
    const earlier = current.find((a) => a.agencyId === agencyId);
    const assignment: ProposalAssignment = {
      id: earlier?.id ?? newId(),
      proposalId: p.id,
      agencyId,
      role,
      status: 'open',
      assignedAt: now,
      dueAt,
      originalDueAt: dueAt,
      answeredAt: null,
      createdAt: earlier?.createdAt ?? now,
      updatedAt: now,
    };
    if (earlier) {
      await em.update(
        ProposalAssignment,
        { id: earlier.id },
        { role, status: 'open', assignedAt: now, dueAt, originalDueAt: dueAt, answeredAt: null, updatedAt: now },
      );
    } else {
      await em.insert(ProposalAssignment, assignment);
    }
    await moveProposal(em, p, 'assign', now);
    await recordEvent(em, now, p.id, 'assigned', actor, { agencyId, role, dueAt: dueAt.toISOString(), via });
    await this.messages.assigned(em, p, agency, assignment);
    return assignment;
  }

  /** The agency's current assignment to the proposal (open or answered), locked, for the responses context. */
  heldWithin(em: EntityManager, proposalId: string, agencyId: string): Promise<ProposalAssignment | null> {
    return lockHeld(em, proposalId, agencyId);
  }

  /** Records the agency's first published answer (the responses context calls this when it publishes). */
  async markAnsweredWithin(em: EntityManager, a: ProposalAssignment, now: Date): Promise<void> {
    if (a.status !== 'open') return;
    await em.update(ProposalAssignment, { id: a.id }, { status: 'answered', answeredAt: now, updatedAt: now });
    Object.assign(a, { status: 'answered', answeredAt: now, updatedAt: now });
  }

  /** Closes an assignment that is handed to another agency; its pending transfer requests lapse with it. */
  async closeWithin(em: EntityManager, a: ProposalAssignment, status: 'rerouted' | 'transferred', now: Date): Promise<void> {
    await em.update(ProposalAssignment, { id: a.id }, { status, updatedAt: now });
    a.status = status;
    if (status === 'rerouted') {
      await em.update(
        AssignmentTransfer,
        { assignmentId: a.id, status: 'pending' },
        { status: 'refused', decidedAt: now, decisionNote: 'rerouted by a moderator' },
      );
    }
  }

  /**
   * Closes every assignment of the proposal still waiting for an answer, inside the caller's transaction (the
   * proposal row locked by the caller): the task force has decided it, so its reminders and overdue notices stop and
   * its pending transfer requests lapse. Answered assignments keep their record. Returns the ids it closed.
   */
  async closeOpenWithin(em: EntityManager, proposalId: string, reason: string, now: Date): Promise<string[]> {
    const open = await em.find(ProposalAssignment, { where: { proposalId, status: 'open' }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (!open.length) return [];
    const ids = open.map((a) => a.id);
    await em.update(ProposalAssignment, { id: In(ids) }, { status: 'closed', updatedAt: now });
    await em.update(
      AssignmentTransfer,
      { assignmentId: In(ids), status: 'pending' },
      { status: 'refused', decidedAt: now, decisionNote: reason },
    );
    return ids;
  }

  view(a: ProposalAssignment): AssignmentView {
    return assignmentView(a, this.clock.now());
  }
}
