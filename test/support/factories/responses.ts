import type { DataSource } from 'typeorm';
import { newId } from '#database';

export interface ResponseSpec {
  proposalId: string;
  assignmentId: string;
  agencyId: string;
  authorId: string;
  role?: 'lead' | 'co';
  status?: 'draft' | 'published';
  recommendation?: 'adopt' | 'partially_adopt' | 'not_adopt';
  now?: Date;
  dueAt?: Date | null;
}

/** An agency's response to a proposal (published unless told), written straight to the database. */
export async function insertResponse(ds: DataSource, spec: ResponseSpec): Promise<string> {
  const now = spec.now ?? new Date();
  const published = (spec.status ?? 'published') === 'published';
  const id = newId();
  await ds.query(
    `INSERT INTO proposal_responses (id, proposal_id, assignment_id, agency_id, role, status, recommendation, reasoning, author_id, due_at, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      spec.proposalId,
      spec.assignmentId,
      spec.agencyId,
      spec.role ?? 'lead',
      published ? 'published' : 'draft',
      spec.recommendation ?? 'adopt',
      '測試回應。',
      spec.authorId,
      published ? (spec.dueAt ?? null) : null,
      published ? now : null,
      now,
      now,
    ],
  );
  return id;
}
