import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsModule } from '../assignments/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { ResponsesModule } from '../responses/index.js';
import { Decision, Meeting, MeetingAgendaItem, MeetingAttendee, TaskForceMember } from './decision.entities.js';
import { DecisionsQueries } from './decisions-queries.service.js';
import { DecisionsMessages } from './decisions.messages.js';
import { DecisionsService } from './decisions.service.js';
import { MeetingsService } from './meetings.service.js';
import { MembersService } from './members.service.js';
import { ReasonedResponseService } from './reasoned-response.service.js';

/** The task force: members, meetings, decisions with their reasons, the vote rule, the reasoned response. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TaskForceMember, Meeting, MeetingAttendee, MeetingAgendaItem, Decision]),
    AssignmentsModule,
    NotificationsModule,
    ResponsesModule,
  ],
  providers: [MembersService, MeetingsService, DecisionsService, DecisionsQueries, DecisionsMessages, ReasonedResponseService],
  exports: [MembersService, MeetingsService, DecisionsService, DecisionsQueries, ReasonedResponseService],
})
export class DecisionsModule {}
