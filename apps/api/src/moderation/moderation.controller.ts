import { Controller, Get, Query } from '@nestjs/common';
import { AuthVerified } from '#auth';
import { ProposalQueriesService, TransfersService } from '#domain';
import { PageQuery } from '../common/pagination.dto.js';
import { TransferListQuery } from './dto/moderation.dto.js';

/**
 * Every `/moderation/*` list: what waits for a moderator. The actions themselves sit on their resources
 * (`POST /proposals/{id}/review`, `/proposals/{id}/assignments`, `/transfers/{id}/accept|refuse`).
 */
@Controller('moderation')
@AuthVerified('moderator')
export class ModerationController {
  constructor(
    private readonly queries: ProposalQueriesService,
    private readonly transferRequests: TransfersService,
  ) {}

  /** Proposals waiting for review, oldest first, flagged when (nearly) past Join's 3 working days. */
  @Get('review-queue')
  reviewQueue(@Query() q: PageQuery) {
    return this.queries.reviewQueue(q.page, q.pageSize);
  }

  /** Qualified proposals waiting for a moderator to assign an agency. */
  @Get('triage')
  triage(@Query() q: PageQuery) {
    return this.queries.triage(q.page, q.pageSize);
  }

  /** Agencies' requests to move an assignment elsewhere, by status. */
  @Get('transfers')
  transfers(@Query() q: TransferListQuery) {
    return this.transferRequests.transfers(q.status, q.page, q.pageSize);
  }
}
