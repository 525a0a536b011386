import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

const ASCII = 'CHARACTER SET ascii COLLATE ascii_bin';

/**
 * The plans context carries every field of both real plan templates (data/README.md): plan-level facts (areas,
 * task force, co-creation process and facts, the sheets' questions, the document date), every answer of both
 * commitment sheets (problem, description, analysis, results, contact, participants, stakeholders, periods as
 * written) and the indicator-level marks. Structured text blocks are JSON; what is queried or exported is typed.
 * A commitment may come from a proposal (unique: one commitment per proposal) and records its origin. Progress
 * keeps one current report per milestone and year (`milestone_progress`) and every report ever made
 * (`milestone_progress_reports`). Plan status codes become `draft` | `final`.
 */
export class CompletePlans1764700000000 implements MigrationInterface {
  name = 'CompletePlans1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans
      ADD COLUMN status_zh VARCHAR(50) NULL AFTER status,
      ADD COLUMN document_date VARCHAR(7) NULL,
      ADD COLUMN document_date_as_written_zh VARCHAR(100) NULL,
      ADD COLUMN report_title_zh VARCHAR(300) NULL,
      ADD COLUMN report_title_en VARCHAR(300) NULL,
      ADD COLUMN report_year INT NULL,
      ADD COLUMN areas JSON NULL,
      ADD COLUMN areas_source_zh TEXT NULL,
      ADD COLUMN task_force_zh VARCHAR(300) NULL,
      ADD COLUMN task_force_en VARCHAR(300) NULL,
      ADD COLUMN task_force_composition_zh TEXT NULL,
      ADD COLUMN task_force_composition_en TEXT NULL,
      ADD COLUMN co_creation_process JSON NULL,
      ADD COLUMN co_creation_facts JSON NULL,
      ADD COLUMN origin_counts JSON NULL,
      ADD COLUMN sheet_questions_zh JSON NULL,
      ADD COLUMN description_questions_zh JSON NULL,
      ADD COLUMN progress_scale JSON NULL,
      ADD COLUMN draft_commitment_list JSON NULL,
      ADD COLUMN source_seed VARCHAR(100) NULL,
      ADD COLUMN notes_en JSON NULL`);
    await q.query(`UPDATE plans SET status = 'final' WHERE status = 'adopted'`);

    await q.query(`ALTER TABLE commitments
      ADD COLUMN proposal_id ${ID} NULL AFTER plan_id,
      ADD COLUMN origin VARCHAR(30) ${ASCII} NULL,
      ADD COLUMN origin_types JSON NULL,
      ADD COLUMN origin_zh TEXT NULL,
      ADD COLUMN origin_en TEXT NULL,
      ADD COLUMN ordinal_zh VARCHAR(20) NULL,
      ADD COLUMN lead_agency_as_written_zh TEXT NULL,
      ADD COLUMN lead_agency_as_written_en TEXT NULL,
      ADD COLUMN lead_agencies JSON NULL,
      ADD COLUMN co_agencies JSON NULL,
      ADD COLUMN stakeholders JSON NULL,
      ADD COLUMN stakeholders_as_written_zh JSON NULL,
      ADD COLUMN stakeholders_other_as_written_zh TEXT NULL,
      ADD COLUMN period_start VARCHAR(7) NULL,
      ADD COLUMN period_end VARCHAR(7) NULL,
      ADD COLUMN period_as_written_zh VARCHAR(100) NULL,
      ADD COLUMN problem_zh MEDIUMTEXT NULL,
      ADD COLUMN problem_en MEDIUMTEXT NULL,
      ADD COLUMN problem_full_zh MEDIUMTEXT NULL,
      ADD COLUMN problem_cause_zh MEDIUMTEXT NULL,
      ADD COLUMN description_zh JSON NULL,
      ADD COLUMN analysis_zh JSON NULL,
      ADD COLUMN other_information_zh MEDIUMTEXT NULL,
      ADD COLUMN results_summary_zh MEDIUMTEXT NULL,
      ADD COLUMN results_summary_truncated TINYINT(1) NULL,
      ADD COLUMN results_full_zh MEDIUMTEXT NULL,
      ADD COLUMN contact_name VARCHAR(200) NULL,
      ADD COLUMN contact_title_dept VARCHAR(500) NULL,
      ADD COLUMN contact_job_title_zh VARCHAR(300) NULL,
      ADD COLUMN contact_department_zh VARCHAR(500) NULL,
      ADD COLUMN contact_email VARCHAR(254) NULL,
      ADD COLUMN contact_phone VARCHAR(200) NULL,
      ADD COLUMN contact_email_phone_as_written_zh VARCHAR(500) NULL,
      ADD COLUMN participants_government_zh JSON NULL,
      ADD COLUMN participants_civil_zh JSON NULL,
      ADD COLUMN note_en TEXT NULL,
      ADD CONSTRAINT uq_commitments__proposal_id UNIQUE (proposal_id),
      ADD CONSTRAINT fk_commitments__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id),
      ADD INDEX ix_commitments__origin (origin)`);

    await q.query(`ALTER TABLE milestones
      ADD COLUMN stakeholders_as_written_zh TEXT NULL,
      ADD COLUMN stakeholders JSON NULL,
      ADD COLUMN stakeholders_from_merged_cell TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN layout_note_en TEXT NULL`);

    await q.query(`ALTER TABLE milestone_progress
      MODIFY COLUMN narrative MEDIUMTEXT NULL,
      ADD COLUMN complete TINYINT(1) NOT NULL DEFAULT 0 AFTER status,
      ADD COLUMN narrative_en MEDIUMTEXT NULL AFTER narrative,
      ADD COLUMN evidence_urls JSON NULL,
      ADD COLUMN uncertain TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN agency_id ${ID} NULL,
      ADD COLUMN reported_by ${ID} NULL,
      ADD CONSTRAINT fk_milestone_progress__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id),
      ADD CONSTRAINT fk_milestone_progress__reported_by FOREIGN KEY (reported_by) REFERENCES users (id)`);

    await q.query(`CREATE TABLE milestone_progress_reports (
      id ${ID} NOT NULL,
      milestone_id ${ID} NOT NULL,
      year INT NOT NULL,
      status VARCHAR(30) ${ASCII} NOT NULL,
      complete TINYINT(1) NOT NULL DEFAULT 0,
      narrative MEDIUMTEXT NULL,
      narrative_en MEDIUMTEXT NULL,
      evidence_urls JSON NULL,
      uncertain TINYINT(1) NOT NULL DEFAULT 0,
      agency_id ${ID} NULL,
      reported_by ${ID} NULL,
      reported_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_milestone_progress_reports PRIMARY KEY (id),
      CONSTRAINT fk_milestone_progress_reports__milestone_id FOREIGN KEY (milestone_id) REFERENCES milestones (id) ON DELETE CASCADE,
      CONSTRAINT fk_milestone_progress_reports__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id),
      CONSTRAINT fk_milestone_progress_reports__reported_by FOREIGN KEY (reported_by) REFERENCES users (id),
      INDEX ix_milestone_progress_reports__milestone_id_year (milestone_id, year, reported_at)
    ) ${T}`);
    // The reports made before this migration are the first entries of their history.
    await q.query(`INSERT INTO milestone_progress_reports (id, milestone_id, year, status, complete, narrative, reported_at)
      SELECT id, milestone_id, year, status, 0, narrative, updated_at FROM milestone_progress`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE milestone_progress_reports');
    await q.query(`ALTER TABLE milestone_progress
      DROP FOREIGN KEY fk_milestone_progress__agency_id,
      DROP FOREIGN KEY fk_milestone_progress__reported_by`);
    await q.query(`ALTER TABLE milestone_progress
      DROP COLUMN complete, DROP COLUMN narrative_en, DROP COLUMN evidence_urls, DROP COLUMN uncertain,
      DROP COLUMN agency_id, DROP COLUMN reported_by, MODIFY COLUMN narrative TEXT NULL`);
    await q.query(`ALTER TABLE milestones
      DROP COLUMN stakeholders_as_written_zh, DROP COLUMN stakeholders, DROP COLUMN stakeholders_from_merged_cell,
      DROP COLUMN layout_note_en`);
    await q.query('ALTER TABLE commitments DROP FOREIGN KEY fk_commitments__proposal_id');
    await q.query(`ALTER TABLE commitments
      DROP INDEX uq_commitments__proposal_id, DROP INDEX ix_commitments__origin,
      DROP COLUMN proposal_id, DROP COLUMN origin, DROP COLUMN origin_types, DROP COLUMN origin_zh, DROP COLUMN origin_en,
      DROP COLUMN ordinal_zh, DROP COLUMN lead_agency_as_written_zh, DROP COLUMN lead_agency_as_written_en,
      DROP COLUMN lead_agencies, DROP COLUMN co_agencies, DROP COLUMN stakeholders, DROP COLUMN stakeholders_as_written_zh,
      DROP COLUMN stakeholders_other_as_written_zh, DROP COLUMN period_start, DROP COLUMN period_end,
      DROP COLUMN period_as_written_zh, DROP COLUMN problem_zh, DROP COLUMN problem_en, DROP COLUMN problem_full_zh,
      DROP COLUMN problem_cause_zh, DROP COLUMN description_zh, DROP COLUMN analysis_zh, DROP COLUMN other_information_zh,
      DROP COLUMN results_summary_zh, DROP COLUMN results_summary_truncated, DROP COLUMN results_full_zh,
      DROP COLUMN contact_name, DROP COLUMN contact_title_dept, DROP COLUMN contact_job_title_zh,
      DROP COLUMN contact_department_zh, DROP COLUMN contact_email, DROP COLUMN contact_phone,
      DROP COLUMN contact_email_phone_as_written_zh, DROP COLUMN participants_government_zh,
      DROP COLUMN participants_civil_zh, DROP COLUMN note_en`);
    await q.query(`UPDATE plans SET status = 'adopted' WHERE status = 'final'`);
    await q.query(`ALTER TABLE plans
      DROP COLUMN status_zh, DROP COLUMN document_date, DROP COLUMN document_date_as_written_zh, DROP COLUMN report_title_zh,
      DROP COLUMN report_title_en, DROP COLUMN report_year, DROP COLUMN areas, DROP COLUMN areas_source_zh,
      DROP COLUMN task_force_zh, DROP COLUMN task_force_en, DROP COLUMN task_force_composition_zh,
      DROP COLUMN task_force_composition_en, DROP COLUMN co_creation_process, DROP COLUMN co_creation_facts,
      DROP COLUMN origin_counts, DROP COLUMN sheet_questions_zh, DROP COLUMN description_questions_zh,
      DROP COLUMN progress_scale, DROP COLUMN draft_commitment_list, DROP COLUMN source_seed, DROP COLUMN notes_en`);
  }
}
