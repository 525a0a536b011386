import { Controller, Get } from '@nestjs/common';
import { Auth, CurrentUser, type AuthUser } from '#auth';
import { AccountsService } from '#domain';

@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Auth()
  me(@CurrentUser() user: AuthUser) {
    return this.accounts.getView(user.id);
  }
}
