import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { AuthVerified, CurrentUser, type AuthUser } from '#auth';
import { AgencyInboxService, AssignmentsService, ExtensionsService, RuleViolationError, TransfersService, hasRole } from '#domain';
import { IdParam } from '../common/id-param.js';
import {
  AssignDto,
  ExtensionDto,
  InboxQuery,
  RefuseTransferDto,
  TransferDecisionDto,
  TransferDto,
  deadlineFrom,
} from './dto/assignments.dto.js';

/** Assigning proposals to agencies, the agency inbox, transfers between agencies and deadline extensions. */
@Controller()
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly inboxes: AgencyInboxService,
    private readonly transfers: TransfersService,
    private readonly extensions: ExtensionsService,
  ) {}

  /** A moderator assigns a qualified proposal to an agency (lead or co); a new lead re-routes it. */
  @Post('proposals/:id/assignments')
  @AuthVerified('moderator')
  assign(@IdParam() id: string, @Body() dto: AssignDto, @CurrentUser() user: AuthUser) {
    return this.assignments.assign(user, id, dto.agencyId, dto.role);
  }

  /** The signed-in agency staff's inbox: their agency's assignments, the soonest due first. */
  @Get('agency/assignments')
  @AuthVerified('agency_staff')
  inbox(@Query() q: InboxQuery, @CurrentUser() user: AuthUser) {
    const agencyId = hasRole(user.roles, 'admin') && q.agencyId ? q.agencyId : user.agencyId;
    if (!agencyId) throw new RuleViolationError('this account belongs to no agency');
    return this.inboxes.inbox(agencyId, q.status, q.page, q.pageSize);
  }

  /** The agency asks the moderators to move the assignment elsewhere; its deadline keeps running meanwhile. */
  @Post('assignments/:id/transfer')
  @AuthVerified('agency_staff')
  transfer(@IdParam() id: string, @Body() dto: TransferDto, @CurrentUser() user: AuthUser) {
    return this.transfers.requestTransfer(user, id, dto.toAgencyId, dto.reason);
  }

  /** The agency announces a later deadline, publicly, with its reason. */
  @Post('assignments/:id/extensions')
  @AuthVerified('agency_staff')
  extend(@IdParam() id: string, @Body() dto: ExtensionDto, @CurrentUser() user: AuthUser) {
    return this.extensions.extend(user, id, deadlineFrom(dto.newDueAt), dto.reason, dto.progress || null);
  }

  @Post('transfers/:id/accept')
  @HttpCode(200)
  @AuthVerified('moderator')
  accept(@IdParam() id: string, @Body() dto: TransferDecisionDto, @CurrentUser() user: AuthUser) {
    return this.transfers.decideTransfer(user, id, true, dto.note || null);
  }

  @Post('transfers/:id/refuse')
  @HttpCode(200)
  @AuthVerified('moderator')
  refuse(@IdParam() id: string, @Body() dto: RefuseTransferDto, @CurrentUser() user: AuthUser) {
    return this.transfers.decideTransfer(user, id, false, dto.note);
  }
}
