import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { findCallOrFail } from '../calls/index.js';
import { SYSTEM, hasEvent, isAwaitingRouting, lockProposal, recordEvent, suggestedAgencyIds } from '../proposals/index.js';
import { AssignmentsService } from './assignments.service.js';

/** Routing a qualified proposal: to the first suggested agency as lead when the call allows it, else to triage. */
@Injectable()
export class RoutingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly assignments: AssignmentsService,
  ) {}

  /** Safe to run twice or concurrently: the proposal row lock serialises runs, and a routed proposal is skipped. */
  async route(proposalId: string): Promise<'assigned' | 'triage' | 'skipped'> {
    return this.ds.transaction(async (em) => {
      const p = await lockProposal(em, proposalId);
      if (!p || !isAwaitingRouting(p.status)) return 'skipped';
      const now = this.clock.now();
      const call = await findCallOrFail(em, p.callId);
      const [lead] = await suggestedAgencyIds(em, proposalId);
      if (call.routeToSuggestedAgency && lead) {
        await this.assignments.assignWithin(em, p, lead, 'lead', SYSTEM, 'suggested_agency');
        return 'assigned';
      }
      if (!(await hasEvent(em, proposalId, 'routed_to_triage'))) {
        await recordEvent(em, now, proposalId, 'routed_to_triage', SYSTEM, {
          reason: call.routeToSuggestedAgency ? 'no_suggested_agency' : 'call_routes_through_moderators',
        });
      }
      return 'triage';
    });
  }
}
