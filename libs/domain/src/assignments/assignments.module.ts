import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/index.js';
import { AssignmentExtension } from './assignment-extension.entity.js';
import { AssignmentTransfer } from './assignment-transfer.entity.js';
import { ProposalAssignment } from './assignment.entity.js';
import { AssignmentsJobs } from './assignments.jobs.js';
import { AssignmentsMessages } from './assignments.messages.js';
import { AssignmentsService } from './assignments.service.js';
import { DeadlinesService } from './deadlines.service.js';
import { ExtensionsService } from './extensions.service.js';
import { RoutingService } from './routing.service.js';
import { TransfersService } from './transfers.service.js';

/** Assignments of qualified proposals to agencies: routing, transfers, extensions, deadlines and reminders. */
@Module({
  imports: [TypeOrmModule.forFeature([ProposalAssignment, AssignmentTransfer, AssignmentExtension]), NotificationsModule],
  providers: [
    AssignmentsService,
    TransfersService,
    ExtensionsService,
    RoutingService,
    DeadlinesService,
    AssignmentsMessages,
    AssignmentsJobs,
  ],
  exports: [AssignmentsService, TransfersService, ExtensionsService, RoutingService, DeadlinesService, AssignmentsJobs],
})
export class AssignmentsModule {}
