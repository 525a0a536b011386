import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes for the statistics (reporting): each aggregate over a call's proposals walks one index per
 * table it touches and never reads the rows themselves (proposals and responses carry kilobytes of text each, so
 * at 100,000 proposals reading rows means reading most of the table). The columns after the lookup key are there
 * to be read, not searched.
 */
export class ReportingIndexes1764750000000 implements MigrationInterface {
  name = 'ReportingIndexes1764750000000';

  async up(q: QueryRunner): Promise<void> {
    // A call's published proposals per status, with the times of publication and qualification.
    await q.query(
      'CREATE INDEX ix_proposals__call_id_status_published_at_qualified_at ON proposals (call_id, status, published_at, qualified_at)',
    );
    // A proposal's assignments with what the statistics count: agency, role, assigned, due and answered times.
    await q.query(
      `CREATE INDEX ix_proposal_assignments__proposal_id_status_agency_id_times
         ON proposal_assignments (proposal_id, status, agency_id, role, assigned_at, due_at, answered_at)`,
    );
    // An assignment's current (published, uncorrected) response and its recommendation. It also serves the foreign
    // key on assignment_id, whose implicit index the server then drops (MySQL and MariaDB both do).
    await q.query(
      `CREATE INDEX ix_proposal_responses__assignment_id_status_recommendation
         ON proposal_responses (assignment_id, status, corrected_by_id, recommendation)`,
    );
    // A proposal's decision: outcome and conclusion.
    await q.query('CREATE INDEX ix_decisions__proposal_id_outcome ON decisions (proposal_id, outcome, concluded_outcome)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_decisions__proposal_id_outcome ON decisions');
    // The server dropped the foreign key's own index on assignment_id when this one could serve it: give it one back first.
    await q.query('CREATE INDEX ix_proposal_responses__assignment_id ON proposal_responses (assignment_id)');
    await q.query('DROP INDEX ix_proposal_responses__assignment_id_status_recommendation ON proposal_responses');
    await q.query('DROP INDEX ix_proposal_assignments__proposal_id_status_agency_id_times ON proposal_assignments');
    await q.query('DROP INDEX ix_proposals__call_id_status_published_at_qualified_at ON proposals');
  }
}
