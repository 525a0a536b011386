import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ConfigModule, LoggingModule } from '#config';
import { DatabaseModule } from '#database';
import { ProposalsModule } from '#domain';
import { MailSenderModule } from '#mail';
import { ALL_JOB_NAMES, QueueModule } from '#queue';
import { OutboxRelayService } from './outbox/outbox-relay.service.js';
import { catalogueProblems } from './processors/job-handler.js';
import { MailProcessor } from './processors/mail.processor.js';
import { ProposalsProcessor } from './processors/proposals.processor.js';
import { SchedulesService } from './schedules.service.js';

/** Refuses to start when a job of the catalogue has no handler, or two. */
@Injectable()
class JobCatalogueCheck implements OnModuleInit {
  constructor(
    private readonly mail: MailProcessor,
    private readonly proposals: ProposalsProcessor,
  ) {}
  onModuleInit(): void {
    const problems = catalogueProblems([this.mail, this.proposals], ALL_JOB_NAMES);
    if (problems.length) throw new Error(`job catalogue: ${problems.join('; ')}`);
  }
}

@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, QueueModule, MailSenderModule, ProposalsModule],
  providers: [OutboxRelayService, MailProcessor, ProposalsProcessor, SchedulesService, JobCatalogueCheck],
  exports: [OutboxRelayService],
})
export class WorkerModule {}
