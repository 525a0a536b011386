import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '#queue';
import { NotificationsModule } from '../notifications/index.js';
import { Endorsement } from './endorsement.entity.js';
import { EndorsementsJobs } from './endorsements.jobs.js';
import { EndorsementsMessages } from './endorsements.messages.js';
import { EndorsementsService } from './endorsements.service.js';
import { QualificationService } from './qualification.service.js';

/** Endorsements (附議), their exact counts, and what ends the endorsement phase: qualification and expiry. */
@Module({
  imports: [TypeOrmModule.forFeature([Endorsement]), OutboxModule, NotificationsModule],
  providers: [EndorsementsService, QualificationService, EndorsementsMessages, EndorsementsJobs],
  exports: [EndorsementsService, QualificationService, EndorsementsJobs],
})
export class EndorsementsModule {}
