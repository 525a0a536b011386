import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ConfigModule, LoggingModule } from '#config';
import { DatabaseModule } from '#database';
import {
  AssignmentsJobs,
  DomainModule,
  EndorsementsJobs,
  FanOutRegistry,
  MailOptOutsService,
  NotificationsJobs,
  NotificationsModule,
} from '#domain';
import { MailSenderModule } from '#mail';
import { ALL_JOB_NAMES, QueueModule } from '#queue';
import { OutboxRelayService } from './outbox/outbox-relay.service.js';
import { OutboxStore } from './outbox/outbox.store.js';
import { catalogueProblems } from './processors/job-handler.js';
import { MailProcessor } from './processors/mail.processor.js';
import { ProposalsProcessor } from './processors/proposals.processor.js';
import { SchedulesService } from './schedules.service.js';

/** Refuses to start when a job of the catalogue has no handler, or two, or the endorser fan-out lacks a part. */
@Injectable()
class JobCatalogueCheck implements OnModuleInit {
  constructor(
    private readonly mail: MailProcessor,
    private readonly notifications: NotificationsJobs,
    private readonly endorsements: EndorsementsJobs,
    private readonly assignments: AssignmentsJobs,
    private readonly fanOut: FanOutRegistry,
  ) {}
  onModuleInit(): void {
    // Each context's handlers on their own: a job two contexts both claim is refused, not silently merged. The
    // fan-out's subscriber source and messages are registered by the contexts' own onModuleInit, which Nest
    // runs before this root module's.
    const problems = [
      ...catalogueProblems([this.mail, this.notifications, this.endorsements, this.assignments], ALL_JOB_NAMES),
      ...this.fanOut.problems(),
    ];
    if (problems.length) throw new Error(`job catalogue: ${problems.join('; ')}`);
  }
}

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    MailSenderModule.register({ imports: [NotificationsModule], optOuts: MailOptOutsService }),
    DomainModule,
  ],
  providers: [OutboxStore, OutboxRelayService, MailProcessor, ProposalsProcessor, SchedulesService, JobCatalogueCheck],
  exports: [OutboxRelayService],
})
export class WorkerModule {}
