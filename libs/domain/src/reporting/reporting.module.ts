import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/index.js';
import { PlansModule } from '../plans/index.js';
import { ProposalsModule } from '../proposals/index.js';
import { ResponsesModule } from '../responses/index.js';
import { AgencyInboxService } from './agency-inbox.service.js';
import { ProposalQueriesService } from './proposal-queries.service.js';
import { ScoreboardService } from './scoreboard.service.js';

/** The public record: proposals as the public and the work queues see them, agencies' inboxes, the scoreboard. */
@Module({
  imports: [ProposalsModule, ResponsesModule, DecisionsModule, PlansModule],
  providers: [ProposalQueriesService, ScoreboardService, AgencyInboxService],
  exports: [ProposalQueriesService, ScoreboardService, AgencyInboxService],
})
export class ReportingModule {}
