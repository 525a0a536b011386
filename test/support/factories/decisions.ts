import type { DataSource } from 'typeorm';
import { newId } from '#database';

export interface MemberSpec {
  name?: string;
  side?: 'government' | 'civil_society';
  role?: 'convener' | 'co_convener' | 'member';
  /** Required for a government member. */
  agencyId?: string | null;
  /** YYYY-MM-DD; 2020-01-01 unless told. */
  since?: string;
  until?: string | null;
}

let seq = 0;

/** A task-force member, written straight to the database (no rule is checked: give a government member its agency). */
export async function insertMember(ds: DataSource, spec: MemberSpec = {}): Promise<string> {
  const side = spec.side ?? 'civil_society';
  if (side === 'government' && !spec.agencyId) throw new Error('a government member needs an agencyId');
  const id = newId();
  const now = new Date();
  await ds.query(
    `INSERT INTO task_force_members (id, name, side, role, agency_id, since, until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      spec.name ?? `委員 ${(seq += 1)}`,
      side,
      spec.role ?? 'member',
      spec.agencyId ?? null,
      spec.since ?? '2020-01-01',
      spec.until ?? null,
      now,
      now,
    ],
  );
  return id;
}

/** A balanced task force: `perSide` government members (of `agencyId`) and `perSide` civil-society members, all plain members. */
export async function insertTaskForce(ds: DataSource, perSide: number, agencyId: string, spec: Omit<MemberSpec, 'side' | 'agencyId'> = {}) {
  const government: string[] = [];
  const civilSociety: string[] = [];
  for (let i = 0; i < perSide; i++) {
    government.push(await insertMember(ds, { ...spec, side: 'government', agencyId }));
    civilSociety.push(await insertMember(ds, { ...spec, side: 'civil_society' }));
  }
  return { government, civilSociety, all: [...government, ...civilSociety] };
}

export interface MeetingSpec {
  attendeeIds: string[];
  /** Who recorded it (a user id). */
  createdBy: string;
  /** The next free number unless told. */
  number?: number;
  /** YYYY-MM-DD; 2025-06-01 unless told. */
  heldOn?: string;
  agendaProposalIds?: string[];
}

/** A meeting with its attendees and agenda, written straight to the database. */
export async function insertMeeting(ds: DataSource, spec: MeetingSpec): Promise<{ id: string; number: number }> {
  const id = newId();
  const now = new Date();
  const [{ next }] = (await ds.query('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM meetings')) as { next: number | string }[];
  const number = spec.number ?? Number(next);
  await ds.query(
    `INSERT INTO meetings (id, number, held_on, title_zh, title_en, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, number, spec.heldOn ?? '2025-06-01', `推動小組第 ${number} 次會議`, `Task force meeting No. ${number}`, spec.createdBy, now, now],
  );
  for (const memberId of spec.attendeeIds)
    await ds.query('INSERT INTO meeting_attendees (meeting_id, member_id) VALUES (?, ?)', [id, memberId]);
  for (const [i, proposalId] of (spec.agendaProposalIds ?? []).entries())
    await ds.query('INSERT INTO meeting_agenda_items (meeting_id, proposal_id, position) VALUES (?, ?, ?)', [id, proposalId, i + 1]);
  return { id, number };
}

export interface DecisionSpec {
  proposalId: string;
  meetingId: string;
  decidedBy: string;
  outcome?: 'adopted' | 'conditionally_adopted' | 'not_adopted';
  /** The meeting's attendee count; 10 unless told. */
  attendees?: number;
  /** For a conditional adoption: how it was concluded, if it was. */
  concludedOutcome?: 'adopted' | 'not_adopted' | null;
  /** Also move the proposal to `decided` (true unless told). */
  moveProposal?: boolean;
}

/** A consensus decision on a proposal, written straight to the database (the vote rule is not checked). */
export async function insertDecision(ds: DataSource, spec: DecisionSpec): Promise<string> {
  const id = newId();
  const now = new Date();
  const outcome = spec.outcome ?? 'adopted';
  const concluded = spec.concludedOutcome ?? null;
  await ds.query(
    `INSERT INTO decisions (id, proposal_id, meeting_id, outcome, method, reasoning, condition_zh, attendees, decided_by, decided_at,
       concluded_outcome, concluded_reasoning, concluded_by, concluded_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'consensus', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      spec.proposalId,
      spec.meetingId,
      outcome,
      '推動小組討論後決議。',
      outcome === 'conditionally_adopted' ? '視工作分組結果而定' : null,
      spec.attendees ?? 10,
      spec.decidedBy,
      now,
      concluded,
      concluded ? '工作分組已有結論。' : null,
      concluded ? spec.decidedBy : null,
      concluded ? now : null,
      now,
      now,
    ],
  );
  if (spec.moveProposal !== false) await ds.query("UPDATE proposals SET status = 'decided' WHERE id = ?", [spec.proposalId]);
  return id;
}
