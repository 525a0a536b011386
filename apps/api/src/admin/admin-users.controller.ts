import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Auth, CurrentUser, type AuthUser } from '#auth';
import { AccountsService, ROLES, type Role } from '#domain';
import { PageQuery } from '../common/pagination.dto.js';
import { AdminUsersQueryService } from './admin-users-query.service.js';
import { Trim } from '../common/trim.js';

export class SetRolesDto {
  @IsArray() @ArrayUnique() @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles: Role[];

  @IsOptional() @IsUUID('all', { message: 'agencyId must be an agency id' })
  agencyId?: string | null;
}

export class UsersQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(254) @Trim()
  q?: string;

  @IsOptional() @IsIn(ROLES)
  role?: Role;
}

@Controller('admin/users')
@Auth('admin')
export class AdminUsersController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly query: AdminUsersQueryService,
  ) {}

  @Get()
  list(@Query() q: UsersQuery) {
    return this.query.list(q);
  }

  @Put(':id/roles')
  setRoles(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SetRolesDto, @CurrentUser() actor: AuthUser) {
    return this.accounts.setRoles(actor.id, id, dto.roles, dto.agencyId);
  }
}
