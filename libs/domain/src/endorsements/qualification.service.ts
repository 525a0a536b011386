import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { JobName, OutboxService } from '#queue';
import { EndorserFanOut } from '../notifications/index.js';
import { Proposal, SYSTEM, recordEvent } from '../proposals/index.js';
import { quietPeriodOn, taipeiDate } from '../shared/index.js';
import { EndorsementsMessages } from './endorsements.messages.js';
import {
  endorsementCount,
  expireIfDueSql,
  pastDeadline,
  qualifyIfReachedSql,
  reachedThreshold,
  refreshSortCounts,
  statusOf,
} from './endorsements.queries.js';

/**
 * What ends the endorsement phase: qualification (exactly once) when the count reaches the threshold, and expiry
 * at the deadline. Routing the qualified proposal is the assignments context's job (ProposalQualified).
 */
@Injectable()
export class QualificationService {
  private readonly logger = new Logger(QualificationService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly messages: EndorsementsMessages,
    private readonly fanOut: EndorserFanOut,
  ) {}

  /**
   * Qualifies the proposal if its committed count has reached the threshold and it is still endorsing.
   * Many callers may race here; the conditional UPDATE lets exactly one of them win, and only the winner
   * records the event, mails the author and queues the routing. Returns the status afterwards, or null.
   */
  async qualifyIfReached(proposalId: string): Promise<string | null> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      if (!(await qualifyIfReachedSql(em, proposalId, now))) return statusOf(em, proposalId);
      const p = await em.findOneByOrFail(Proposal, { id: proposalId });
      const count = await endorsementCount(em, proposalId);
      await recordEvent(em, now, proposalId, 'qualified', SYSTEM, { endorsementCount: count, threshold: p.endorsementThreshold });
      await this.messages.qualified(em, p);
      await this.outbox.add(em, JobName.ProposalQualified, { proposalId });
      await this.fanOut.startWithin(em, { proposalId, event: 'qualified', afterUserId: null });
      this.logger.log({ proposalId, count }, 'proposal qualified');
      return 'qualified';
    });
  }

  /**
   * The scheduled sweep: qualifies proposals whose qualification was missed (a crash right after an
   * endorsement's commit), expires the rest whose deadline has passed, refreshes the sort counts. Nothing
   * expires during a quiet period: endorsement is paused then, and deadlines it reaches were moved past it.
   */
  async sweep(): Promise<{ qualified: number; expired: number }> {
    const now = this.clock.now();
    let qualified = 0;
    for (const id of await reachedThreshold(this.ds.manager)) if ((await this.qualifyIfReached(id)) === 'qualified') qualified += 1;
    let expired = 0;
    const quiet = await quietPeriodOn(this.ds.manager, taipeiDate(now));
    if (!quiet) for (const id of await pastDeadline(this.ds.manager, now, 1000)) if (await this.expire(id)) expired += 1;
    await refreshSortCounts(this.ds.manager);
    return { qualified, expired };
  }

  private async expire(proposalId: string): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      if (!(await expireIfDueSql(em, proposalId, now))) return false;
      const p = await em.findOneByOrFail(Proposal, { id: proposalId });
      const count = await endorsementCount(em, proposalId);
      await em.update(Proposal, { id: proposalId }, { endorsementCountCached: count });
      await recordEvent(em, now, proposalId, 'expired', SYSTEM, { endorsementCount: count, threshold: p.endorsementThreshold });
      await this.messages.expired(em, p, count);
      return true;
    });
  }
}
