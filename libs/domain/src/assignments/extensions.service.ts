import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { recordEvent } from '../proposals/index.js';
import { ConflictError, DAY, RuleViolationError, type StaffActor } from '../shared/index.js';
import { AssignmentExtension } from './assignment-extension.entity.js';
import { type ExtensionView, extensionView } from './assignment-views.js';
import { ProposalAssignment } from './assignment.entity.js';
import { assertStaffOf } from './assignments.policy.js';
import { lockWithProposal } from './assignments.queries.js';

/** An extension may move a deadline at most this far ahead of today. */
export const MAX_EXTENSION_DAYS = 366;

/** Extensions (展延): an agency announces, before its deadline, that it needs more time, and why. */
@Injectable()
export class ExtensionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The agency announces that it needs more time: a reason, optionally its progress so far, and a later date.
   * Extensions are public (timeline and proposal detail) and counted on the scoreboard.
   */
  async extend(staff: StaffActor, assignmentId: string, newDueAt: Date, reason: string, progress: string | null): Promise<ExtensionView> {
    return this.ds.transaction(async (em) => {
      const [, a] = await lockWithProposal(this.ds, em, assignmentId);
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
        id: newId(),
        assignmentId,
        proposalId: a.proposalId,
        agencyId: a.agencyId,
        previousDueAt: a.dueAt,
        newDueAt,
        reason,
        progress,
        announcedBy: staff.id,
        announcedAt: now,
      };
      await em.insert(AssignmentExtension, e);
      await em.update(ProposalAssignment, { id: a.id }, { dueAt: newDueAt, updatedAt: now });
      await recordEvent(
        em,
        now,
        a.proposalId,
        'deadline_extended',
        { id: staff.id, role: 'agency_staff' },
        {
          agencyId: a.agencyId,
          role: a.role,
          previousDueAt: a.dueAt.toISOString(),
          newDueAt: newDueAt.toISOString(),
          reason,
          ...(progress ? { progress } : {}),
        },
      );
      return extensionView(e);
    });
  }
}
