import type { EntityManager } from 'typeorm';
import type { MemberSide } from './decision.entities.js';

/*
 * The decisions context's raw SQL. Raw where one statement does what TypeORM would need two for: appending a
 * proposal to a meeting's agenda at the next position (read and write in one INSERT … SELECT, keyed so a repeat
 * adds nothing), and the attendee balance of a page of meetings (one grouped read).
 */

/** Adds the proposal at the end of the meeting's agenda unless it is on it already. */
export async function appendToAgenda(em: EntityManager, meetingId: string, proposalId: string): Promise<void> {
  await em.query(
    `INSERT IGNORE INTO meeting_agenda_items (meeting_id, proposal_id, position)
     SELECT ?, ?, COALESCE(MAX(position), 0) + 1 FROM meeting_agenda_items WHERE meeting_id = ?`,
    [meetingId, proposalId, meetingId],
  );
}

export interface AttendeeSideCount {
  meetingId: string;
  side: MemberSide;
  n: number | string;
}

/** How many attendees of each side each of these meetings had. */
export async function attendeeSides(em: EntityManager, meetingIds: string[]): Promise<AttendeeSideCount[]> {
  if (!meetingIds.length) return [];
  return (await em.query(
    `SELECT ma.meeting_id AS meetingId, m.side, COUNT(*) AS n
       FROM meeting_attendees ma JOIN task_force_members m ON m.id = ma.member_id
      WHERE ma.meeting_id IN (?) GROUP BY ma.meeting_id, m.side`,
    [meetingIds],
  )) as AttendeeSideCount[];
}
