import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { ProposalResponse } from './response.entity.js';
import { ResponsesMessages } from './responses.messages.js';
import { ResponsesService } from './responses.service.js';

/** Agencies' assessments of the proposals they hold: drafts, publication, corrections. */
@Module({
  imports: [TypeOrmModule.forFeature([ProposalResponse]), AssignmentsModule, NotificationsModule],
  providers: [ResponsesService, ResponsesMessages],
  exports: [ResponsesService],
})
export class ResponsesModule {}
