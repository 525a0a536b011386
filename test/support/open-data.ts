import type { DataSource } from 'typeorm';
import { newId } from '#database';

/*
 * Records of the later contexts (task force, plans) written straight to the database for the open-data and
 * statistics tests, as their services leave them.
 */

export async function insertMeeting(ds: DataSource, spec: { number: number; heldOn?: string; agenda?: string[] }): Promise<string> {
  const id = newId();
  const now = new Date();
  await ds.query(
    `INSERT INTO meetings (id, number, held_on, title_zh, title_en, minutes_url, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      spec.number,
      spec.heldOn ?? '2026-03-01',
      `第${spec.number}次會議`,
      `Meeting ${spec.number}`,
      'https://example.org/minutes',
      newId(),
      now,
      now,
    ],
  );
  for (const [side, name] of [
    ['government', '政府代表'],
    ['civil_society', '民間代表'],
    ['civil_society', '民間代表二'],
  ]) {
    const member = newId();
    await ds.query(
      `INSERT INTO task_force_members (id, name, side, role, since, created_at, updated_at) VALUES (?, ?, ?, 'member', '2026-01-01', ?, ?)`,
      [member, name, side, now, now],
    );
    await ds.query('INSERT INTO meeting_attendees (meeting_id, member_id) VALUES (?, ?)', [id, member]);
  }
  for (const [i, proposalId] of (spec.agenda ?? []).entries())
    await ds.query('INSERT INTO meeting_agenda_items (meeting_id, proposal_id, position) VALUES (?, ?, ?)', [id, proposalId, i + 1]);
  return id;
}

export async function insertDecision(
  ds: DataSource,
  spec: {
    proposalId: string;
    meetingId: string;
    outcome: 'adopted' | 'conditionally_adopted' | 'not_adopted';
    concluded?: 'adopted' | 'not_adopted';
  },
): Promise<string> {
  const id = newId();
  const now = new Date();
  await ds.query(
    `INSERT INTO decisions (id, proposal_id, meeting_id, outcome, method, reasoning, condition_zh, attendees, decided_by, decided_at,
       concluded_outcome, concluded_reasoning, concluded_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'consensus', '經討論達成共識。', ?, 3, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      spec.proposalId,
      spec.meetingId,
      spec.outcome,
      spec.outcome === 'conditionally_adopted' ? '待工作分組研議' : null,
      newId(),
      now,
      spec.concluded ?? null,
      spec.concluded ? '工作分組已完成研議。' : null,
      spec.concluded ? now : null,
      now,
      now,
    ],
  );
  return id;
}

/** A plan with one commitment led by `leadAgencyId`, one milestone and its progress in one year. */
export async function insertPlanWithProgress(
  ds: DataSource,
  leadAgencyId: string,
): Promise<{ commitmentId: string; milestoneId: string; progressId: string }> {
  const now = new Date();
  const [planId, commitmentId, milestoneId, progressId] = [newId(), newId(), newId(), newId()];
  await ds.query(
    `INSERT INTO plans (id, code, title_zh, title_en, period_start, period_end, status, created_at, updated_at)
     VALUES (?, ?, '國家行動方案', 'National Action Plan', '2025-01', '2028-12', 'draft', ?, ?)`,
    [planId, `nap-${planId.slice(-8)}`, now, now],
  );
  await ds.query(
    `INSERT INTO commitments (id, plan_id, code, position, title_zh, title_en, created_at, updated_at) VALUES (?, ?, '1', 1, '開放資料', 'Open data', ?, ?)`,
    [commitmentId, planId, now, now],
  );
  await ds.query(`INSERT INTO commitment_agencies (commitment_id, agency_id, role, position) VALUES (?, ?, 'lead', 1)`, [
    commitmentId,
    leadAgencyId,
  ]);
  await ds.query(
    `INSERT INTO milestones (id, commitment_id, position, title_zh, expected_output_zh, starts, due, created_at, updated_at)
     VALUES (?, ?, 1, '盤點資料集', '資料集清單', '2025-01', '2025-12', ?, ?)`,
    [milestoneId, commitmentId, now, now],
  );
  await ds.query(
    `INSERT INTO milestone_progress (id, milestone_id, year, status, narrative, created_at, updated_at) VALUES (?, ?, 2025, 'limited', '已完成盤點。', ?, ?)`,
    [progressId, milestoneId, now, now],
  );
  return { commitmentId, milestoneId, progressId };
}
