import { Module } from '@nestjs/common';
import { AccountsModule } from './accounts/index.js';
import { AgenciesModule } from './agencies/index.js';
import { AssignmentsModule } from './assignments/index.js';
import { CallsModule } from './calls/index.js';
import { DecisionsModule } from './decisions/index.js';
import { DemoDataService } from './demo/index.js';
import { EndorsementsModule } from './endorsements/index.js';
import { NotificationsModule } from './notifications/index.js';
import { PlansModule } from './plans/index.js';
import { ProposalsModule } from './proposals/index.js';
import { ReportingModule } from './reporting/index.js';
import { ResponsesModule } from './responses/index.js';
import { SharedModule } from './shared/index.js';

/** Every context, in dependency order (see the README's house map). */
const CONTEXTS = [
  SharedModule,
  AgenciesModule,
  AccountsModule,
  CallsModule,
  NotificationsModule,
  ProposalsModule,
  EndorsementsModule,
  AssignmentsModule,
  ResponsesModule,
  DecisionsModule,
  PlansModule,
  ReportingModule,
];

@Module({
  imports: CONTEXTS,
  providers: [DemoDataService],
  exports: [...CONTEXTS, DemoDataService],
})
export class DomainModule {}
