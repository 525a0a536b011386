import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { type ProposalAssignment, assignmentView } from '../assignments/index.js';
import { paginate } from '../shared/index.js';
import { inboxPage } from './reporting.queries.js';

/** An agency's inbox: its assignments, the soonest due first, with their proposal, extensions, pending transfer and draft. */
@Injectable()
export class AgencyInboxService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async inbox(agencyId: string, status: 'open' | 'closed' | undefined, page: number, pageSize: number) {
    const { rows, total } = await inboxPage(this.ds, agencyId, status, page, pageSize);
    const now = this.clock.now();
    return paginate(
      rows.map((a) => ({
        ...assignmentView(a as unknown as ProposalAssignment, now),
        proposalTitle: a.proposalTitle,
        proposalStatus: a.proposalStatus,
        extensionCount: Number(a.extensionCount),
        extended: Number(a.extensionCount) > 0,
        pendingTransferId: a.pendingTransferId,
        draftResponseId: a.draftResponseId,
      })),
      total,
      page,
      pageSize,
    );
  }
}
