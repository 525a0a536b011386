import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

/**
 * The task force (推動小組): its members, its meetings (attendees and agenda), and its decisions on answered
 * proposals with their public reasons. A decision is one per proposal (unique `proposal_id`); a conditional
 * adoption is concluded later on the same row, so the first reasons stay on record beside the conclusion.
 */
export class CreateDecisions1764600000000 implements MigrationInterface {
  name = 'CreateDecisions1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE task_force_members (
      id ${ID} NOT NULL,
      name VARCHAR(200) NOT NULL,
      side VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      role VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      agency_id ${ID} NULL,
      since DATE NOT NULL,
      until DATE NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_task_force_members PRIMARY KEY (id),
      CONSTRAINT fk_task_force_members__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id)
    ) ${T}`);

    await q.query(`CREATE TABLE meetings (
      id ${ID} NOT NULL,
      number INT NOT NULL,
      held_on DATE NOT NULL,
      title_zh VARCHAR(300) NOT NULL,
      title_en VARCHAR(300) NULL,
      minutes_url VARCHAR(2000) NULL,
      transcript_url VARCHAR(2000) NULL,
      minutes_zh MEDIUMTEXT NULL,
      minutes_en MEDIUMTEXT NULL,
      created_by ${ID} NOT NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_meetings PRIMARY KEY (id),
      CONSTRAINT uq_meetings__number UNIQUE (number),
      INDEX ix_meetings__held_on (held_on)
    ) ${T}`);

    await q.query(`CREATE TABLE meeting_attendees (
      meeting_id ${ID} NOT NULL,
      member_id ${ID} NOT NULL,
      CONSTRAINT pk_meeting_attendees PRIMARY KEY (meeting_id, member_id),
      CONSTRAINT fk_meeting_attendees__meeting_id FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE,
      CONSTRAINT fk_meeting_attendees__member_id FOREIGN KEY (member_id) REFERENCES task_force_members (id),
      INDEX ix_meeting_attendees__member_id (member_id)
    ) ${T}`);

    await q.query(`CREATE TABLE meeting_agenda_items (
      meeting_id ${ID} NOT NULL,
      proposal_id ${ID} NOT NULL,
      position INT NOT NULL,
      CONSTRAINT pk_meeting_agenda_items PRIMARY KEY (meeting_id, proposal_id),
      CONSTRAINT fk_meeting_agenda_items__meeting_id FOREIGN KEY (meeting_id) REFERENCES meetings (id) ON DELETE CASCADE,
      CONSTRAINT fk_meeting_agenda_items__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id),
      INDEX ix_meeting_agenda_items__proposal_id (proposal_id)
    ) ${T}`);

    // `attendees` is the meeting's attendee count when the decision was taken: the vote rule is checked
    // against it, and the published record shows what it was checked against.
    await q.query(`CREATE TABLE decisions (
      id ${ID} NOT NULL,
      proposal_id ${ID} NOT NULL,
      meeting_id ${ID} NOT NULL,
      outcome VARCHAR(30) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      method VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      reasoning MEDIUMTEXT NOT NULL,
      reasoning_en MEDIUMTEXT NULL,
      condition_zh TEXT NULL,
      condition_en TEXT NULL,
      attendees INT NOT NULL,
      agreed_to_vote INT NULL,
      votes_for INT NULL,
      votes_against INT NULL,
      abstentions INT NULL,
      decided_by ${ID} NOT NULL,
      decided_at DATETIME(6) NOT NULL,
      concluded_outcome VARCHAR(30) CHARACTER SET ascii COLLATE ascii_bin NULL,
      concluded_reasoning MEDIUMTEXT NULL,
      concluded_reasoning_en MEDIUMTEXT NULL,
      concluded_meeting_id ${ID} NULL,
      concluded_by ${ID} NULL,
      concluded_at DATETIME(6) NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_decisions PRIMARY KEY (id),
      CONSTRAINT uq_decisions__proposal_id UNIQUE (proposal_id),
      CONSTRAINT fk_decisions__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      CONSTRAINT fk_decisions__meeting_id FOREIGN KEY (meeting_id) REFERENCES meetings (id),
      CONSTRAINT fk_decisions__concluded_meeting_id FOREIGN KEY (concluded_meeting_id) REFERENCES meetings (id),
      INDEX ix_decisions__meeting_id (meeting_id),
      INDEX ix_decisions__decided_at (decided_at)
    ) ${T}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE decisions');
    await q.query('DROP TABLE meeting_agenda_items');
    await q.query('DROP TABLE meeting_attendees');
    await q.query('DROP TABLE meetings');
    await q.query('DROP TABLE task_force_members');
  }
}
