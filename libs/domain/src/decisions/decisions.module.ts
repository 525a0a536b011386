import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Decision, Meeting, MeetingAgendaItem, MeetingAttendee, TaskForceMember } from './decision.entities.js';

/** The task force: members, meetings, decisions with their reasons, the vote rule, the reasoned response. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskForceMember, Meeting, MeetingAttendee, MeetingAgendaItem, Decision])],
  providers: [],
  exports: [],
})
export class DecisionsModule {}
