import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

/**
 * The foundation schema: agencies, accounts, calls, plans (minimal), the transactional outbox and mail.
 * Times are DATETIME(6) in UTC. Constraint names are chosen by hand (pk_, fk_, uq_, ix_).
 */
export class CreateFoundation1764000000000 implements MigrationInterface {
  name = 'CreateFoundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE agencies (
      id ${ID} NOT NULL,
      code VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      name_zh VARCHAR(200) NOT NULL,
      short_zh VARCHAR(100) NULL,
      aliases_zh JSON NULL,
      name_en VARCHAR(300) NOT NULL,
      name_en_confidence VARCHAR(20) NULL,
      kind VARCHAR(50) NULL,
      jurisdiction VARCHAR(50) NOT NULL DEFAULT 'Taiwan',
      parent_id ${ID} NULL,
      renamed_to_id ${ID} NULL,
      renamed_on VARCHAR(10) NULL,
      established VARCHAR(10) NULL,
      email VARCHAR(254) NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_agencies PRIMARY KEY (id),
      CONSTRAINT uq_agencies__code UNIQUE (code),
      CONSTRAINT fk_agencies__parent_id FOREIGN KEY (parent_id) REFERENCES agencies (id),
      CONSTRAINT fk_agencies__renamed_to_id FOREIGN KEY (renamed_to_id) REFERENCES agencies (id)
    ) ${T}`);

    await q.query(`CREATE TABLE users (
      id ${ID} NOT NULL,
      email VARCHAR(254) NOT NULL,
      password_hash VARCHAR(255) NOT NULL,
      display_name VARCHAR(100) NOT NULL,
      locale VARCHAR(10) NOT NULL DEFAULT 'zh-TW',
      email_verified_at DATETIME(6) NULL,
      agency_id ${ID} NULL,
      token_version INT NOT NULL DEFAULT 0,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_users PRIMARY KEY (id),
      CONSTRAINT uq_users__email UNIQUE (email),
      CONSTRAINT fk_users__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id)
    ) ${T}`);

    await q.query(`CREATE TABLE user_roles (
      user_id ${ID} NOT NULL,
      role VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      CONSTRAINT pk_user_roles PRIMARY KEY (user_id, role),
      CONSTRAINT fk_user_roles__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      INDEX ix_user_roles__role (role)
    ) ${T}`);

    await q.query(`CREATE TABLE account_tokens (
      id ${ID} NOT NULL,
      user_id ${ID} NOT NULL,
      purpose VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      expires_at DATETIME(6) NOT NULL,
      used_at DATETIME(6) NULL,
      created_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_account_tokens PRIMARY KEY (id),
      CONSTRAINT uq_account_tokens__token_hash UNIQUE (token_hash),
      CONSTRAINT fk_account_tokens__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      INDEX ix_account_tokens__user_id_purpose (user_id, purpose)
    ) ${T}`);

    await q.query(`CREATE TABLE calls (
      id ${ID} NOT NULL,
      title_zh VARCHAR(300) NOT NULL,
      title_en VARCHAR(300) NOT NULL,
      opens_at DATETIME(6) NOT NULL,
      closes_at DATETIME(6) NOT NULL,
      endorsement_threshold INT NOT NULL,
      endorsement_days INT NOT NULL,
      response_days INT NOT NULL,
      route_to_suggested_agency TINYINT(1) NOT NULL DEFAULT 1,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_calls PRIMARY KEY (id),
      INDEX ix_calls__opens_at (opens_at)
    ) ${T}`);

    await q.query(`CREATE TABLE plans (
      id ${ID} NOT NULL,
      code VARCHAR(50) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      title_zh VARCHAR(300) NOT NULL,
      title_en VARCHAR(300) NOT NULL,
      period_start VARCHAR(7) NOT NULL,
      period_end VARCHAR(7) NOT NULL,
      status VARCHAR(20) NOT NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_plans PRIMARY KEY (id),
      CONSTRAINT uq_plans__code UNIQUE (code)
    ) ${T}`);

    await q.query(`CREATE TABLE commitments (
      id ${ID} NOT NULL,
      plan_id ${ID} NOT NULL,
      code VARCHAR(20) NOT NULL,
      position INT NOT NULL,
      area_zh VARCHAR(100) NULL,
      area_en VARCHAR(200) NULL,
      title_zh VARCHAR(500) NOT NULL,
      title_en VARCHAR(500) NULL,
      summary_zh TEXT NULL,
      lead_co_as_written_zh VARCHAR(500) NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_commitments PRIMARY KEY (id),
      CONSTRAINT uq_commitments__plan_id_code UNIQUE (plan_id, code),
      CONSTRAINT fk_commitments__plan_id FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE
    ) ${T}`);

    await q.query(`CREATE TABLE commitment_agencies (
      commitment_id ${ID} NOT NULL,
      agency_id ${ID} NOT NULL,
      role VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      position INT NOT NULL,
      CONSTRAINT pk_commitment_agencies PRIMARY KEY (commitment_id, agency_id),
      CONSTRAINT fk_commitment_agencies__commitment_id FOREIGN KEY (commitment_id) REFERENCES commitments (id) ON DELETE CASCADE,
      CONSTRAINT fk_commitment_agencies__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id),
      INDEX ix_commitment_agencies__agency_id (agency_id)
    ) ${T}`);

    await q.query(`CREATE TABLE milestones (
      id ${ID} NOT NULL,
      commitment_id ${ID} NOT NULL,
      position INT NOT NULL,
      title_zh TEXT NOT NULL,
      title_en TEXT NULL,
      expected_output_zh TEXT NULL,
      starts VARCHAR(7) NULL,
      due VARCHAR(7) NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_milestones PRIMARY KEY (id),
      CONSTRAINT uq_milestones__commitment_id_position UNIQUE (commitment_id, position),
      CONSTRAINT fk_milestones__commitment_id FOREIGN KEY (commitment_id) REFERENCES commitments (id) ON DELETE CASCADE
    ) ${T}`);

    await q.query(`CREATE TABLE milestone_progress (
      id ${ID} NOT NULL,
      milestone_id ${ID} NOT NULL,
      year INT NOT NULL,
      status VARCHAR(30) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      narrative TEXT NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_milestone_progress PRIMARY KEY (id),
      CONSTRAINT uq_milestone_progress__milestone_id_year UNIQUE (milestone_id, year),
      CONSTRAINT fk_milestone_progress__milestone_id FOREIGN KEY (milestone_id) REFERENCES milestones (id) ON DELETE CASCADE
    ) ${T}`);

    await q.query(`CREATE TABLE outbox_messages (
      id ${ID} NOT NULL,
      job_name VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      payload JSON NOT NULL,
      available_at DATETIME(6) NOT NULL,
      dispatched_at DATETIME(6) NULL,
      attempts INT NOT NULL DEFAULT 0,
      last_error VARCHAR(1000) NULL,
      created_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_outbox_messages PRIMARY KEY (id),
      INDEX ix_outbox_messages__dispatched_at_available_at (dispatched_at, available_at)
    ) ${T}`);

    await q.query(`CREATE TABLE mail_messages (
      id ${ID} NOT NULL,
      idempotency_key VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      template VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      locale VARCHAR(10) NOT NULL,
      to_address VARCHAR(254) NOT NULL,
      user_id ${ID} NULL,
      params JSON NOT NULL,
      status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'pending',
      attempts INT NOT NULL DEFAULT 0,
      lease_until DATETIME(6) NULL,
      sent_at DATETIME(6) NULL,
      provider_message_id VARCHAR(255) NULL,
      last_error VARCHAR(1000) NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_mail_messages PRIMARY KEY (id),
      CONSTRAINT uq_mail_messages__idempotency_key UNIQUE (idempotency_key),
      CONSTRAINT fk_mail_messages__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
      INDEX ix_mail_messages__status (status)
    ) ${T}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'mail_messages',
      'outbox_messages',
      'milestone_progress',
      'milestones',
      'commitment_agencies',
      'commitments',
      'plans',
      'calls',
      'account_tokens',
      'user_roles',
      'users',
      'agencies',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
