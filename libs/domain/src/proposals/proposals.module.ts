import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '#mail';
import { OutboxModule } from '#queue';
import { AppSecretsService } from '../common/app-secrets.service.js';
import { AssignmentsService } from './assignments.service.js';
import { EndorsementsService } from './endorsements.service.js';
import { ProposalMailer } from './proposal-mailer.js';
import { ProposalQueriesService } from './proposal-queries.service.js';
import { Endorsement, Proposal, ProposalAgency, ProposalAssignment, ProposalEvent } from './proposal.entities.js';
import { ProposalsService } from './proposals.service.js';
import { QualificationService } from './qualification.service.js';
import { SearchIndexer } from './search-indexer.js';

@Module({
  imports: [TypeOrmModule.forFeature([Proposal, ProposalAgency, Endorsement, ProposalEvent, ProposalAssignment]), MailModule, OutboxModule],
  providers: [AssignmentsService, ProposalsService, ProposalQueriesService, EndorsementsService, QualificationService, ProposalMailer, SearchIndexer, AppSecretsService],
  exports: [AssignmentsService, ProposalsService, ProposalQueriesService, EndorsementsService, QualificationService],
})
export class ProposalsModule {}
