import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/index.js';
import { ProposalAgency } from './proposal-agency.entity.js';
import { ProposalEvent } from './proposal-event.entity.js';
import { Proposal } from './proposal.entity.js';
import { ProposalsMessages } from './proposals.messages.js';
import { ProposalsService } from './proposals.service.js';
import { QuietPeriodsService } from './quiet-periods.service.js';
import { SearchIndexer } from './search-indexer.js';

/** Proposals: submission, editing, review, withdrawal; their timeline and search index. */
@Module({
  imports: [TypeOrmModule.forFeature([Proposal, ProposalAgency, ProposalEvent]), NotificationsModule],
  providers: [ProposalsService, QuietPeriodsService, ProposalsMessages, SearchIndexer],
  exports: [ProposalsService, QuietPeriodsService, SearchIndexer],
})
export class ProposalsModule {}
