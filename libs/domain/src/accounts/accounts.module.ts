import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '#mail';
import { AccountsService } from './accounts.service.js';
import { UserSearchService } from './user-search.service.js';
import { AccountToken, User, UserRole } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserRole, AccountToken]), MailModule],
  providers: [AccountsService, UserSearchService],
  exports: [AccountsService, UserSearchService],
})
export class AccountsModule {}
