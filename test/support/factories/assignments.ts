import type { DataSource } from 'typeorm';
import { newId } from '#database';

const DAY = 86_400_000;

export interface AssignmentSpec {
  proposalId: string;
  agencyId: string;
  role?: 'lead' | 'co';
  status?: 'open' | 'answered' | 'rerouted' | 'transferred' | 'closed';
  now?: Date;
  /** 60 days after `now` unless told. */
  dueAt?: Date;
}

/** An agency's assignment to a proposal, written straight to the database. */
export async function insertAssignment(ds: DataSource, spec: AssignmentSpec): Promise<string> {
  const now = spec.now ?? new Date();
  const dueAt = spec.dueAt ?? new Date(now.getTime() + 60 * DAY);
  const status = spec.status ?? 'open';
  const id = newId();
  await ds.query(
    `INSERT INTO proposal_assignments (id, proposal_id, agency_id, role, status, assigned_at, due_at, original_due_at, answered_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, spec.proposalId, spec.agencyId, spec.role ?? 'lead', status, now, dueAt, dueAt, status === 'answered' ? now : null, now, now],
  );
  return id;
}
