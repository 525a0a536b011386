import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AuthVerified, CurrentUser, type AuthUser } from '#auth';
import { AssignmentsService, type AssignmentRole, InvalidInputError, RuleViolationError, hasRole } from '#domain';
import { PageQuery } from '../common/pagination.dto.js';
import { Trim } from '../common/trim.js';

const Id = () => Param('id', new ParseUUIDPipe());

export class AssignDto {
  @IsUUID('all', { message: 'agencyId must be an agency id' }) agencyId: string;
  @IsIn(['lead', 'co'], { message: 'role must be lead or co' }) role: AssignmentRole;
}

export class InboxQuery extends PageQuery {
  @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  /** Admins (who belong to no agency) name the agency whose inbox they read. */
  @IsOptional() @IsUUID('all') agencyId?: string;
}

export class TransferDto {
  @IsUUID('all', { message: 'toAgencyId must be an agency id' }) toAgencyId: string;
  @Trim() @IsString() @IsNotEmpty({ message: 'reason is required' }) @MaxLength(2000) reason: string;
}

/** A calendar date, or a date and time with its offset (no week or ordinal dates, no local times). */
const DEADLINE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DEADLINE_MESSAGE = 'newDueAt must be a date (YYYY-MM-DD) or a date and time with its offset (2027-03-31T17:00:00+08:00)';

export class ExtensionDto {
  /** The new deadline: a date (YYYY-MM-DD, meaning the end of that day in Taiwan) or a full ISO-8601 time. */
  @Matches(DEADLINE, { message: DEADLINE_MESSAGE }) @IsISO8601({ strict: true }, { message: DEADLINE_MESSAGE }) newDueAt: string;
  @Trim() @IsString() @IsNotEmpty({ message: 'reason is required' }) @MaxLength(2000) reason: string;
  /** What has been done so far (Join publishes it with the extension). */
  @IsOptional() @Trim() @IsString() @MaxLength(5000) progress?: string;
}

export class TransferDecisionDto {
  @IsOptional() @Trim() @IsString() @MaxLength(2000) note?: string;
}

export class RefuseTransferDto {
  @Trim() @IsString() @IsNotEmpty({ message: 'note is required: tell the agency why' }) @MaxLength(2000) note: string;
}

export class TransferListQuery extends PageQuery {
  @IsOptional() @IsIn(['pending', 'accepted', 'refused']) status?: 'pending' | 'accepted' | 'refused';
}

/** A date without a time is the end of that day in Taiwan (UTC+8, no daylight saving). */
export function deadlineFrom(value: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999+08:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidInputError(DEADLINE_MESSAGE);
  return d;
}

@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** A moderator assigns a qualified proposal to an agency (lead or co); a new lead re-routes it. */
  @Post('proposals/:id/assignments')
  @AuthVerified('moderator')
  assign(@Id() id: string, @Body() dto: AssignDto, @CurrentUser() user: AuthUser) {
    return this.assignments.assign(user, id, dto.agencyId, dto.role);
  }

  /** The signed-in agency staff's inbox: their agency's assignments, the soonest due first. */
  @Get('agency/assignments')
  @AuthVerified('agency_staff')
  inbox(@Query() q: InboxQuery, @CurrentUser() user: AuthUser) {
    const agencyId = hasRole(user.roles, 'admin') && q.agencyId ? q.agencyId : user.agencyId;
    if (!agencyId) throw new RuleViolationError('this account belongs to no agency');
    return this.assignments.inbox(agencyId, q.status, q.page, q.pageSize);
  }

  /** The agency asks the moderators to move the assignment elsewhere; its deadline keeps running meanwhile. */
  @Post('assignments/:id/transfer')
  @AuthVerified('agency_staff')
  transfer(@Id() id: string, @Body() dto: TransferDto, @CurrentUser() user: AuthUser) {
    return this.assignments.requestTransfer(user, id, dto.toAgencyId, dto.reason);
  }

  /** The agency announces a later deadline, publicly, with its reason. */
  @Post('assignments/:id/extensions')
  @AuthVerified('agency_staff')
  extend(@Id() id: string, @Body() dto: ExtensionDto, @CurrentUser() user: AuthUser) {
    return this.assignments.extend(user, id, deadlineFrom(dto.newDueAt), dto.reason, dto.progress || null);
  }

  @Get('moderation/transfers')
  @AuthVerified('moderator')
  transfers(@Query() q: TransferListQuery) {
    return this.assignments.transfers(q.status, q.page, q.pageSize);
  }

  @Post('transfers/:id/accept')
  @HttpCode(200)
  @AuthVerified('moderator')
  accept(@Id() id: string, @Body() dto: TransferDecisionDto, @CurrentUser() user: AuthUser) {
    return this.assignments.decideTransfer(user, id, true, dto.note || null);
  }

  @Post('transfers/:id/refuse')
  @HttpCode(200)
  @AuthVerified('moderator')
  refuse(@Id() id: string, @Body() dto: RefuseTransferDto, @CurrentUser() user: AuthUser) {
    return this.assignments.decideTransfer(user, id, false, dto.note);
  }
}
