import { Module } from '@nestjs/common';
import { DecisionsModule } from '../decisions/index.js';
import { PlansModule } from '../plans/index.js';
import { ProposalsModule } from '../proposals/index.js';
import { ResponsesModule } from '../responses/index.js';
import { AgencyInboxService } from './agency-inbox.service.js';
import { OpenDataService } from './open-data.service.js';
import { ProposalQueriesService } from './proposal-queries.service.js';
import { ScoreboardService } from './scoreboard.service.js';
import { StatisticsService } from './statistics.service.js';

/**
 * The public record: proposals as the public and the work queues see them, agencies' inboxes, the scoreboard,
 * statistics and the open-data exports.
 */
@Module({
  imports: [ProposalsModule, ResponsesModule, DecisionsModule, PlansModule],
  providers: [ProposalQueriesService, ScoreboardService, AgencyInboxService, StatisticsService, OpenDataService],
  exports: [ProposalQueriesService, ScoreboardService, AgencyInboxService, StatisticsService, OpenDataService],
})
export class ReportingModule {}
