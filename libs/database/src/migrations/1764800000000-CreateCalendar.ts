import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ID_COLUMN as ID, TABLE_OPTIONS as T } from '../naming.js';

/**
 * Join's calendar: Taiwan's public holidays and make-up working days (補行上班) as data an admin loads per year,
 * and quiet periods (e.g. the 60 days before a national election) during which new proposals and endorsements
 * pause and endorsement deadlines move on by the period's length.
 *
 * - `calendar_years`: a year is loaded (its list may be short, never absent); the working-day count falls back to
 *   weekends only for a year not here. `calendar_days` hold the dated entries of the loaded years.
 * - `quiet_period_extensions`: which period moved which proposal's endorsement deadline and by how much; the
 *   primary key makes each extension happen once, and cancelling a period takes exactly its extensions back.
 * - `quiet_period_guard`: one row. Declaring or cancelling a period locks it exclusively, publishing a proposal
 *   shares it, so a proposal published while a period is declared is extended by the one or the other, never
 *   by neither (see ProposalsService.review).
 */
export class CreateCalendar1764800000000 implements MigrationInterface {
  name = 'CreateCalendar1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE calendar_years (
      year SMALLINT NOT NULL,
      source VARCHAR(1000) NOT NULL,
      loaded_by ${ID} NULL,
      loaded_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_calendar_years PRIMARY KEY (year)
    ) ${T}`);

    await q.query(`CREATE TABLE calendar_days (
      date DATE NOT NULL,
      year SMALLINT NOT NULL,
      kind VARCHAR(20) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      name_zh VARCHAR(100) NOT NULL,
      name_en VARCHAR(200) NULL,
      CONSTRAINT pk_calendar_days PRIMARY KEY (date),
      CONSTRAINT fk_calendar_days__year FOREIGN KEY (year) REFERENCES calendar_years (year) ON DELETE CASCADE,
      INDEX ix_calendar_days__year (year)
    ) ${T}`);

    await q.query(`CREATE TABLE quiet_periods (
      id ${ID} NOT NULL,
      starts_on DATE NOT NULL,
      ends_on DATE NOT NULL,
      reason_zh VARCHAR(500) NOT NULL,
      reason_en VARCHAR(500) NULL,
      created_by ${ID} NOT NULL,
      created_at DATETIME(6) NOT NULL,
      cancelled_by ${ID} NULL,
      cancelled_at DATETIME(6) NULL,
      CONSTRAINT pk_quiet_periods PRIMARY KEY (id),
      INDEX ix_quiet_periods__ends_on (ends_on)
    ) ${T}`);

    await q.query(`CREATE TABLE quiet_period_extensions (
      quiet_period_id ${ID} NOT NULL,
      proposal_id ${ID} NOT NULL,
      extended_ms BIGINT NOT NULL,
      created_at DATETIME(6) NOT NULL,
      CONSTRAINT pk_quiet_period_extensions PRIMARY KEY (quiet_period_id, proposal_id),
      CONSTRAINT fk_quiet_period_extensions__quiet_period_id FOREIGN KEY (quiet_period_id) REFERENCES quiet_periods (id),
      CONSTRAINT fk_quiet_period_extensions__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE,
      INDEX ix_quiet_period_extensions__proposal_id (proposal_id)
    ) ${T}`);

    await q.query(`CREATE TABLE quiet_period_guard (
      id TINYINT NOT NULL,
      CONSTRAINT pk_quiet_period_guard PRIMARY KEY (id)
    ) ${T}`);
    await q.query('INSERT INTO quiet_period_guard (id) VALUES (1)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE quiet_period_guard');
    await q.query('DROP TABLE quiet_period_extensions');
    await q.query('DROP TABLE quiet_periods');
    await q.query('DROP TABLE calendar_days');
    await q.query('DROP TABLE calendar_years');
  }
}
