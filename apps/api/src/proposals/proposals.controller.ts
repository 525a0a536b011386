import { Body, Controller, Get, HttpCode, Post, Put, Query, UseGuards } from '@nestjs/common';
import { Auth, AuthVerified, CurrentUser, OptionalJwtAuthGuard, type AuthUser } from '#auth';
import { ProposalQueriesService, ProposalsService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { CreateProposalDto, ProposalContentDto, ProposalListQueryDto, ReviewDto, SimilarQueryDto, contentOf } from './dto/proposals.dto.js';

/** Proposals: submit, list, read, edit, resubmit, withdraw, the timeline, and a moderator's review. */
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly queries: ProposalQueriesService,
  ) {}

  @Post()
  @AuthVerified()
  submit(@CurrentUser() user: AuthUser, @Body() dto: CreateProposalDto) {
    return this.proposals.submit(user, dto.callId, contentOf(dto));
  }

  @Get()
  list(@Query() q: ProposalListQueryDto) {
    return this.queries.list(q);
  }

  /** Before submitting: published proposals with a similar title. */
  @Get('similar')
  async similar(@Query() q: SimilarQueryDto) {
    return { items: await this.queries.similar(q.title) };
  }

  @Get(':id')
  @UseGuards(OptionalJwtAuthGuard)
  detail(@IdParam() id: string, @CurrentUser() user: AuthUser | null) {
    return this.queries.detail(id, user);
  }

  @Put(':id')
  @AuthVerified()
  async edit(@IdParam() id: string, @CurrentUser() user: AuthUser, @Body() dto: ProposalContentDto) {
    await this.proposals.edit(user, id, contentOf(dto));
    return this.queries.detail(id, user);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @AuthVerified()
  async resubmit(@IdParam() id: string, @CurrentUser() user: AuthUser) {
    return { id, status: await this.proposals.resubmit(user, id) };
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Auth()
  async withdraw(@IdParam() id: string, @CurrentUser() user: AuthUser) {
    return { id, status: await this.proposals.withdraw(user, id) };
  }

  @Get(':id/timeline')
  timeline(@IdParam() id: string) {
    return this.queries.timeline(id);
  }

  @Post(':id/review')
  @HttpCode(200)
  @AuthVerified('moderator')
  async review(@IdParam() id: string, @CurrentUser() user: AuthUser, @Body() dto: ReviewDto) {
    const decision =
      dto.decision === 'publish'
        ? { decision: 'publish' as const, reason: dto.reason }
        : { decision: dto.decision, reasonCode: dto.reasonCode!, reason: dto.reason! };
    const p = await this.proposals.review(user, id, decision);
    return { id: p.id, status: p.status, endorsementDeadline: p.endorsementDeadline?.toISOString() ?? null };
  }
}
