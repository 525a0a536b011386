import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AuthVerified, CurrentUser, type AuthUser } from '#auth';
import { AssignmentsService, type AssignmentRole, RuleViolationError, hasRole } from '#domain';
import { PageQuery } from '../common/pagination.dto.js';

export class AssignDto {
  @IsUUID('all', { message: 'agencyId must be an agency id' }) agencyId: string;
  @IsIn(['lead', 'co'], { message: 'role must be lead or co' }) role: AssignmentRole;
}

export class InboxQuery extends PageQuery {
  @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  /** Admins (who belong to no agency) name the agency whose inbox they read. */
  @IsOptional() @IsUUID('all') agencyId?: string;
}

@Controller()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  /** A moderator assigns a qualified proposal to an agency (lead or co); a new lead re-routes it. */
  @Post('proposals/:id/assignments')
  @AuthVerified('moderator')
  assign(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AssignDto, @CurrentUser() user: AuthUser) {
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
}
