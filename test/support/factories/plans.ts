import type { DataSource } from 'typeorm';
import { newId } from '#database';

export interface DecisionRowSpec {
  proposalId: string;
  /** A user id for decided_by (and concluded_by). */
  decidedBy: string;
  outcome: 'adopted' | 'conditionally_adopted' | 'not_adopted';
  /** How a conditional adoption was concluded, if it was. */
  concludedOutcome?: 'adopted' | 'not_adopted' | null;
  now?: Date;
}

/**
 * A task-force decision on a proposal, written straight to the database with a meeting of its own (the plans
 * tests need a decided proposal, not the decision use case). The proposal's status is left as it is.
 */
export async function insertDecisionRow(ds: DataSource, spec: DecisionRowSpec): Promise<string> {
  const now = spec.now ?? new Date();
  const meetingId = newId();
  // Meeting numbers are unique: one far above any real meeting's, at random.
  const number = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  await ds.query(`INSERT INTO meetings (id, number, held_on, title_zh, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    meetingId,
    number,
    now.toISOString().slice(0, 10),
    '推動小組會議',
    spec.decidedBy,
    now,
    now,
  ]);
  const id = newId();
  const concluded = spec.concludedOutcome ?? null;
  await ds.query(
    `INSERT INTO decisions (id, proposal_id, meeting_id, outcome, method, reasoning, attendees, decided_by, decided_at,
       concluded_outcome, concluded_reasoning, concluded_by, concluded_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'consensus', '共識決議。', 10, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      spec.proposalId,
      meetingId,
      spec.outcome,
      spec.decidedBy,
      now,
      concluded,
      concluded ? '工作小組結論。' : null,
      concluded ? spec.decidedBy : null,
      concluded ? now : null,
      now,
      now,
    ],
  );
  return id;
}

export interface PlanFixture {
  planId: string;
  commitmentId: string;
  milestoneId: string;
}

/** A plan with one commitment led by `leadAgencyId` and one milestone, written straight to the database. */
export async function insertPlanWithMilestone(ds: DataSource, leadAgencyId: string, now = new Date()): Promise<PlanFixture> {
  const [planId, commitmentId, milestoneId] = [newId(), newId(), newId()];
  await ds.query(
    `INSERT INTO plans (id, code, title_zh, title_en, period_start, period_end, status, created_at, updated_at)
     VALUES (?, ?, '測試方案', 'Test plan', '2026-01', '2029-12', 'draft', ?, ?)`,
    [planId, `plan-${planId.slice(-12)}`, now, now],
  );
  await ds.query(
    `INSERT INTO commitments (id, plan_id, code, position, origin, title_zh, created_at, updated_at)
     VALUES (?, ?, '1', 0, 'government_agency', '測試承諾', ?, ?)`,
    [commitmentId, planId, now, now],
  );
  await ds.query(`INSERT INTO commitment_agencies (commitment_id, agency_id, role, position) VALUES (?, ?, 'lead', 0)`, [
    commitmentId,
    leadAgencyId,
  ]);
  await ds.query(
    `INSERT INTO milestones (id, commitment_id, position, title_zh, due, created_at, updated_at) VALUES (?, ?, 0, '測試里程碑', '2026-12', ?, ?)`,
    [milestoneId, commitmentId, now, now],
  );
  return { planId, commitmentId, milestoneId };
}
