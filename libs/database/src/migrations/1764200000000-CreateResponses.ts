import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

/**
 * What happens after routing: agencies' responses (drafts, published answers and their corrections),
 * transfer requests, announced extensions, and the record of deadline reminders already sent.
 */
export class CreateResponses1764200000000 implements MigrationInterface {
  name = 'CreateResponses1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // The deadline first given to the agency stays on record when extensions move `due_at`.
    await q.query('ALTER TABLE proposal_assignments ADD COLUMN original_due_at DATETIME(6) NULL AFTER due_at');
    await q.query('UPDATE proposal_assignments SET original_due_at = due_at');
    await q.query('ALTER TABLE proposal_assignments MODIFY original_due_at DATETIME(6) NOT NULL');
    await q.query('ALTER TABLE proposal_assignments ADD COLUMN answered_at DATETIME(6) NULL AFTER original_due_at');
    await q.query('CREATE INDEX ix_proposal_assignments__status_due_at ON proposal_assignments (status, due_at)');

    await q.query(`CREATE TABLE proposal_responses (
      id ${ID} NOT NULL,
      proposal_id ${ID} NOT NULL,
      assignment_id ${ID} NOT NULL,
      agency_id ${ID} NOT NULL,
      role VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      recommendation VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      reasoning TEXT NOT NULL,
      reasoning_en TEXT NULL,
      points JSON NULL,
      follow_up TEXT NULL,
      follow_up_on DATE NULL,
      corrects_id ${ID} NULL,
      corrected_by_id ${ID} NULL,
      author_id ${ID} NOT NULL,
      due_at DATETIME(6) NULL,
      published_at DATETIME(6) NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_proposal_responses PRIMARY KEY (id),
      CONSTRAINT fk_proposal_responses__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      CONSTRAINT fk_proposal_responses__assignment_id FOREIGN KEY (assignment_id) REFERENCES proposal_assignments (id) ON DELETE CASCADE,
      CONSTRAINT fk_proposal_responses__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id),
      CONSTRAINT fk_proposal_responses__corrects_id FOREIGN KEY (corrects_id) REFERENCES proposal_responses (id),
      CONSTRAINT uq_proposal_responses__corrects_id UNIQUE (corrects_id),
      INDEX ix_proposal_responses__proposal_id_status (proposal_id, status),
      INDEX ix_proposal_responses__agency_id_status (agency_id, status)
    ) ${T}`);

    await q.query(`CREATE TABLE assignment_transfers (
      id ${ID} NOT NULL,
      assignment_id ${ID} NOT NULL,
      proposal_id ${ID} NOT NULL,
      from_agency_id ${ID} NOT NULL,
      to_agency_id ${ID} NOT NULL,
      reason TEXT NOT NULL,
      status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      requested_by ${ID} NOT NULL,
      requested_at DATETIME(6) NOT NULL,
      decided_by ${ID} NULL,
      decided_at DATETIME(6) NULL,
      decision_note TEXT NULL,
      CONSTRAINT pk_assignment_transfers PRIMARY KEY (id),
      CONSTRAINT fk_assignment_transfers__assignment_id FOREIGN KEY (assignment_id) REFERENCES proposal_assignments (id) ON DELETE CASCADE,
      CONSTRAINT fk_assignment_transfers__to_agency_id FOREIGN KEY (to_agency_id) REFERENCES agencies (id),
      INDEX ix_assignment_transfers__status_requested_at (status, requested_at),
      INDEX ix_assignment_transfers__assignment_id (assignment_id)
    ) ${T}`);

    await q.query(`CREATE TABLE assignment_extensions (
      id ${ID} NOT NULL,
      assignment_id ${ID} NOT NULL,
      proposal_id ${ID} NOT NULL,
      agency_id ${ID} NOT NULL,
      previous_due_at DATETIME(6) NOT NULL,
      new_due_at DATETIME(6) NOT NULL,
      reason TEXT NOT NULL,
      progress TEXT NULL,
      announced_by ${ID} NOT NULL,
      announced_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_assignment_extensions PRIMARY KEY (id),
      CONSTRAINT fk_assignment_extensions__assignment_id FOREIGN KEY (assignment_id) REFERENCES proposal_assignments (id) ON DELETE CASCADE,
      INDEX ix_assignment_extensions__assignment_id (assignment_id)
    ) ${T}`);

    // One row per reminder sent: the primary key makes each (assignment, kind, deadline) fire once,
    // whichever worker gets there first.
    await q.query(`CREATE TABLE assignment_reminders (
      assignment_id ${ID} NOT NULL,
      kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      due_at DATETIME(6) NOT NULL,
      sent_at DATETIME(6) NOT NULL,
      recipients INT NOT NULL,
      CONSTRAINT pk_assignment_reminders PRIMARY KEY (assignment_id, kind, due_at),
      CONSTRAINT fk_assignment_reminders__assignment_id FOREIGN KEY (assignment_id) REFERENCES proposal_assignments (id) ON DELETE CASCADE
    ) ${T}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['assignment_reminders', 'assignment_extensions', 'assignment_transfers', 'proposal_responses']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('DROP INDEX ix_proposal_assignments__status_due_at ON proposal_assignments');
    await q.query('ALTER TABLE proposal_assignments DROP COLUMN answered_at, DROP COLUMN original_due_at');
  }
}
