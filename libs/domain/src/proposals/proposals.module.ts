import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '#mail';
import { OutboxModule } from '#queue';
import { AppSecretsService } from '../common/app-secrets.service.js';
import { AssignmentsService } from './assignments.service.js';
import { EndorsementsService } from './endorsements.service.js';
import { ProposalMailer } from './proposal-mailer.js';
import { ProposalQueriesService } from './proposal-queries.service.js';
import { DeadlinesService } from './deadlines.service.js';
import { MailPreferencesService } from './mail-preferences.service.js';
import {
  AssignmentExtension, AssignmentTransfer, Endorsement, Proposal, ProposalAgency, ProposalAssignment, ProposalEvent, ProposalResponse,
} from './proposal.entities.js';
import { ProposalsService } from './proposals.service.js';
import { QualificationService } from './qualification.service.js';
import { ResponsesService } from './responses.service.js';
import { ScoreboardService } from './scoreboard.service.js';
import { SearchIndexer } from './search-indexer.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Proposal, ProposalAgency, Endorsement, ProposalEvent, ProposalAssignment, ProposalResponse, AssignmentTransfer, AssignmentExtension,
    ]),
    MailModule,
    OutboxModule,
  ],
  providers: [
    AssignmentsService, ProposalsService, ProposalQueriesService, EndorsementsService, QualificationService, ResponsesService, DeadlinesService,
    ScoreboardService, ProposalMailer, SearchIndexer, AppSecretsService, MailPreferencesService,
  ],
  exports: [
    AssignmentsService, ProposalsService, ProposalQueriesService, EndorsementsService, QualificationService, ResponsesService, DeadlinesService,
    ScoreboardService, MailPreferencesService,
  ],
})
export class ProposalsModule {}
