import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { Auth, CurrentUser, type AuthUser } from '#auth';
import { AccountsService, UserSearchService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { SetRolesDto, UsersQuery } from './dto/admin-users.dto.js';

@Controller('admin/users')
@Auth('admin')
export class AdminUsersController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly users: UserSearchService,
  ) {}

  @Get()
  list(@Query() q: UsersQuery) {
    return this.users.list(q);
  }

  @Put(':id/roles')
  setRoles(@IdParam() id: string, @Body() dto: SetRolesDto, @CurrentUser() actor: AuthUser) {
    return this.accounts.setRoles(actor.id, id, dto.roles, dto.agencyId);
  }
}
