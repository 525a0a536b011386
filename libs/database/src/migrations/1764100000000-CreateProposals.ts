import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

/**
 * Proposals and their endorsements, timeline, search index and first routing.
 * Endorsement counts live in per-proposal shards (proposal_endorsement_counts): each endorsement
 * bumps one of 16 rows, so a popular proposal never serialises its endorsers on one row lock.
 */
export class CreateProposals1764100000000 implements MigrationInterface {
  name = 'CreateProposals1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE proposals (
      id ${ID} NOT NULL,
      call_id ${ID} NOT NULL,
      author_id ${ID} NOT NULL,
      status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      title VARCHAR(200) NOT NULL,
      summary VARCHAR(1000) NOT NULL,
      problem TEXT NOT NULL,
      cause TEXT NULL,
      solution TEXT NOT NULL,
      expected_results TEXT NULL,
      ogp_transparency TEXT NULL,
      ogp_accountability TEXT NULL,
      ogp_participation TEXT NULL,
      language VARCHAR(10) NOT NULL,
      endorsement_threshold INT NOT NULL,
      endorsement_deadline DATETIME(6) NULL,
      submitted_at DATETIME(6) NOT NULL,
      review_due_at DATETIME(6) NOT NULL,
      published_at DATETIME(6) NULL,
      qualified_at DATETIME(6) NULL,
      closed_at DATETIME(6) NULL,
      version INT NOT NULL DEFAULT 0,
      endorsement_count INT NOT NULL DEFAULT 0 COMMENT 'sort key, refreshed by the worker; exact counts come from proposal_endorsement_counts',
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_proposals PRIMARY KEY (id),
      CONSTRAINT fk_proposals__call_id FOREIGN KEY (call_id) REFERENCES calls (id),
      CONSTRAINT fk_proposals__author_id FOREIGN KEY (author_id) REFERENCES users (id),
      INDEX ix_proposals__status_published_at (status, published_at),
      INDEX ix_proposals__status_endorsement_count (status, endorsement_count),
      INDEX ix_proposals__status_endorsement_deadline (status, endorsement_deadline),
      INDEX ix_proposals__status_submitted_at (status, submitted_at),
      INDEX ix_proposals__call_id_status (call_id, status),
      INDEX ix_proposals__author_id (author_id)
    ) ${T}`);

    await q.query(`CREATE TABLE proposal_agencies (
      proposal_id ${ID} NOT NULL,
      agency_id ${ID} NOT NULL,
      position INT NOT NULL,
      CONSTRAINT pk_proposal_agencies PRIMARY KEY (proposal_id, agency_id),
      CONSTRAINT fk_proposal_agencies__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      CONSTRAINT fk_proposal_agencies__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id),
      INDEX ix_proposal_agencies__agency_id (agency_id)
    ) ${T}`);

    await q.query(`CREATE TABLE endorsements (
      proposal_id ${ID} NOT NULL,
      user_id ${ID} NOT NULL,
      notify TINYINT(1) NOT NULL DEFAULT 1,
      created_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_endorsements PRIMARY KEY (proposal_id, user_id),
      CONSTRAINT fk_endorsements__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      CONSTRAINT fk_endorsements__user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      INDEX ix_endorsements__user_id (user_id)
    ) ${T}`);

    await q.query(`CREATE TABLE proposal_endorsement_counts (
      proposal_id ${ID} NOT NULL,
      shard TINYINT UNSIGNED NOT NULL,
      n INT NOT NULL,
      CONSTRAINT pk_proposal_endorsement_counts PRIMARY KEY (proposal_id, shard),
      CONSTRAINT fk_proposal_endorsement_counts__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE
    ) ${T}`);

    await q.query(`CREATE TABLE proposal_events (
      id BIGINT NOT NULL AUTO_INCREMENT,
      proposal_id ${ID} NOT NULL,
      type VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      at DATETIME(6) NOT NULL,
      actor_id ${ID} NULL,
      actor_role VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
      detail JSON NULL,
      CONSTRAINT pk_proposal_events PRIMARY KEY (id),
      CONSTRAINT fk_proposal_events__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      INDEX ix_proposal_events__proposal_id_id (proposal_id, id)
    ) ${T}`);

    await q.query(`CREATE TABLE proposal_assignments (
      id ${ID} NOT NULL,
      proposal_id ${ID} NOT NULL,
      agency_id ${ID} NOT NULL,
      role VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      status VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      assigned_at DATETIME(6) NOT NULL,
      due_at DATETIME(6) NOT NULL,
      created_at DATETIME(6) NOT NULL,
      updated_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_proposal_assignments PRIMARY KEY (id),
      CONSTRAINT uq_proposal_assignments__proposal_id_agency_id UNIQUE (proposal_id, agency_id),
      CONSTRAINT fk_proposal_assignments__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      CONSTRAINT fk_proposal_assignments__agency_id FOREIGN KEY (agency_id) REFERENCES agencies (id),
      INDEX ix_proposal_assignments__agency_id_status (agency_id, status)
    ) ${T}`);

    // Search index: CJK characters and character pairs, Latin words (lower-cased). Works the same on
    // MariaDB (no ngram parser) and MySQL, and stays an index lookup at 100,000 proposals.
    await q.query(`CREATE TABLE proposal_search_terms (
      term VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      proposal_id ${ID} NOT NULL,
      CONSTRAINT pk_proposal_search_terms PRIMARY KEY (term, proposal_id),
      CONSTRAINT fk_proposal_search_terms__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      INDEX ix_proposal_search_terms__proposal_id (proposal_id)
    ) ${T}`);

    // Secrets the API and the worker must share (e.g. signing unsubscribe links), made once per installation.
    await q.query(`CREATE TABLE app_secrets (
      name VARCHAR(50) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      value VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      created_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_app_secrets PRIMARY KEY (name)
    ) ${T}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'app_secrets',
      'proposal_search_terms',
      'proposal_assignments',
      'proposal_events',
      'proposal_endorsement_counts',
      'endorsements',
      'proposal_agencies',
      'proposals',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
