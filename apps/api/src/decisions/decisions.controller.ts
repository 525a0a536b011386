import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { AuthVerified, CurrentUser, type AuthUser } from '#auth';
import { DecisionsQueries, DecisionsService, MeetingsService, MembersService, ReasonedResponseService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { PageQuery } from '../common/pagination.dto.js';
import { ConclusionDto, DecisionDto, MeetingDto, MemberDto, TranslationDto } from './dto/decisions.dto.js';

/** The task force (推動小組): its members, its meetings, its decisions with reasons, and the reasoned response of a call. */
@Controller()
export class DecisionsController {
  constructor(
    private readonly members: MembersService,
    private readonly meetings: MeetingsService,
    private readonly decisions: DecisionsService,
    private readonly reads: DecisionsQueries,
    private readonly reasoned: ReasonedResponseService,
  ) {}

  /** Every member, current or past, and the government / civil-society balance of the current ones. */
  @Get('task-force/members')
  listMembers() {
    return this.members.list();
  }

  @Post('task-force/members')
  @AuthVerified('task_force')
  addMember(@Body() dto: MemberDto, @CurrentUser() user: AuthUser) {
    return this.members.create(user, dto);
  }

  @Put('task-force/members/:id')
  @AuthVerified('task_force')
  updateMember(@IdParam() id: string, @Body() dto: MemberDto, @CurrentUser() user: AuthUser) {
    return this.members.update(user, id, dto);
  }

  @Post('meetings')
  @AuthVerified('task_force')
  addMeeting(@Body() dto: MeetingDto, @CurrentUser() user: AuthUser) {
    return this.meetings.create(user, dto);
  }

  @Get('meetings')
  listMeetings(@Query() q: PageQuery) {
    return this.meetings.list(q.page, q.pageSize);
  }

  /** A meeting with its attendees and their balance, its agenda and the decisions taken in it. */
  @Get('meetings/:id')
  meeting(@IdParam() id: string) {
    return this.meetings.get(id);
  }

  /** 201; only for a `responded` proposal, and only once (409 after). */
  @Post('proposals/:id/decision')
  @AuthVerified('task_force')
  decide(@IdParam() id: string, @Body() dto: DecisionDto, @CurrentUser() user: AuthUser) {
    return this.decisions.decide(user, id, dto);
  }

  @Get('decisions/:id')
  decision(@IdParam() id: string) {
    return this.reads.get(id);
  }

  /** Ends a conditional adoption, adopted or not; 409 unless it is one and not yet concluded. */
  @Post('decisions/:id/conclude')
  @HttpCode(200)
  @AuthVerified('task_force')
  conclude(@IdParam() id: string, @Body() dto: ConclusionDto, @CurrentUser() user: AuthUser) {
    return this.decisions.conclude(user, id, dto);
  }

  @Put('decisions/:id/translation')
  @AuthVerified('task_force')
  translate(@IdParam() id: string, @Body() dto: TranslationDto, @CurrentUser() user: AuthUser) {
    return this.decisions.translate(user, id, dto);
  }

  /** Every qualified proposal of the call with its agency responses and the decision with its reasons (OGP reasoned response). */
  @Get('calls/:id/reasoned-response')
  reasonedResponse(@IdParam() id: string) {
    return this.reasoned.of(id);
  }
}
