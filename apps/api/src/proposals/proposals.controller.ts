import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Auth, AuthVerified, CurrentUser, OptionalJwtAuthGuard, type AuthUser } from '#auth';
import { EndorsementsService, ProposalQueriesService, ProposalsService } from '#domain';
import { PageQuery } from '../common/pagination.dto.js';
import { CreateProposalDto, ProposalContentDto, ProposalListQueryDto, ReviewDto, SimilarQueryDto, contentOf } from './proposals.dto.js';

const Id = () => Param('id', new ParseUUIDPipe());

@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly queries: ProposalQueriesService,
    private readonly endorsements: EndorsementsService,
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
  detail(@Id() id: string, @CurrentUser() user: AuthUser | null) {
    return this.queries.detail(id, user);
  }

  @Put(':id')
  @AuthVerified()
  async edit(@Id() id: string, @CurrentUser() user: AuthUser, @Body() dto: ProposalContentDto) {
    await this.proposals.edit(user, id, contentOf(dto));
    return this.queries.detail(id, user);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @AuthVerified()
  async resubmit(@Id() id: string, @CurrentUser() user: AuthUser) {
    return { id, status: await this.proposals.resubmit(user, id) };
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Auth()
  async withdraw(@Id() id: string, @CurrentUser() user: AuthUser) {
    return { id, status: await this.proposals.withdraw(user, id) };
  }

  @Get(':id/timeline')
  timeline(@Id() id: string) {
    return this.queries.timeline(id);
  }

  @Post(':id/review')
  @HttpCode(200)
  @AuthVerified('moderator')
  async review(@Id() id: string, @CurrentUser() user: AuthUser, @Body() dto: ReviewDto) {
    const decision =
      dto.decision === 'publish'
        ? { decision: 'publish' as const, reason: dto.reason }
        : { decision: dto.decision, reasonCode: dto.reasonCode!, reason: dto.reason! };
    const p = await this.proposals.review(user, id, decision);
    return { id: p.id, status: p.status, endorsementDeadline: p.endorsementDeadline?.toISOString() ?? null };
  }

  /** 201 for a new endorsement, 200 when this account had already endorsed (count unchanged). */
  @Post(':id/endorsements')
  @AuthVerified()
  async endorse(@Id() id: string, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    const r = await this.endorsements.endorse(user.id, id);
    res.status(r.created ? 201 : 200);
    return { endorsed: true, endorsementCount: r.endorsementCount, status: r.status };
  }

  @Get(':id/endorsements/me')
  @Auth()
  async endorsedByMe(@Id() id: string, @CurrentUser() user: AuthUser) {
    return { endorsed: await this.endorsements.hasEndorsed(user.id, id) };
  }
}

@Controller('moderation')
@AuthVerified('moderator')
export class ModerationController {
  constructor(private readonly queries: ProposalQueriesService) {}

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
}
