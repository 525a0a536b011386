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
