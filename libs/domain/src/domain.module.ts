import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { AgenciesModule } from './agencies/agencies.module.js';
import { CallsModule } from './calls/calls.module.js';
import { DemoDataService } from './demo/demo-data.service.js';
import { PlansModule } from './plans/plans.module.js';
import { ProposalsModule } from './proposals/proposals.module.js';

@Module({
  imports: [AccountsModule, AgenciesModule, CallsModule, PlansModule, ProposalsModule],
  providers: [DemoDataService],
  exports: [AccountsModule, AgenciesModule, CallsModule, PlansModule, ProposalsModule, DemoDataService],
})
export class DomainModule {}
