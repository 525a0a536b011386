import type { DataSource } from 'typeorm';
import { newId } from '#database';
import type { ProposalStatus } from '#domain';

const DAY = 86_400_000;

export interface ProposalSpec {
  callId: string;
  authorId: string;
  status?: ProposalStatus;
  title?: string;
  threshold?: number;
  now?: Date;
  /** The end of endorsement; for a published proposal 60 days after `now` unless told. */
  deadline?: Date | null;
}

/**
 * A proposal in any status, written straight to the database as the domain leaves it there: published (with a
 * deadline) unless it is still under review, returned or rejected; qualified, assigned and later carry their
 * qualification time, closed statuses their closing time. Timeline, mail and search terms are not written.
 */
export async function insertProposal(ds: DataSource, spec: ProposalSpec): Promise<string> {
  const now = spec.now ?? new Date();
  const status = spec.status ?? 'endorsing';
  const published = !['pending_review', 'returned', 'rejected'].includes(status);
  const qualified = ['qualified', 'assigned', 'responded', 'decided'].includes(status);
  const closed = ['rejected', 'expired', 'withdrawn'].includes(status);
  const deadline = spec.deadline !== undefined ? spec.deadline : published ? new Date(now.getTime() + 60 * DAY) : null;
  const id = newId();
  await ds.query(
    `INSERT INTO proposals (id, call_id, author_id, status, title, summary, problem, solution, language, endorsement_threshold, endorsement_deadline,
       submitted_at, review_due_at, published_at, qualified_at, closed_at, version, endorsement_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '摘要', '問題', '解方', 'zh-TW', ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
    [
      id,
      spec.callId,
      spec.authorId,
      status,
      spec.title ?? `測試提案 ${id.slice(-6)}`,
      spec.threshold ?? 5,
      deadline,
      now,
      new Date(now.getTime() + 3 * DAY),
      published ? now : null,
      qualified ? now : null,
      closed ? now : null,
      now,
      now,
    ],
  );
  return id;
}

/** Endorsements of the proposal by these users, with the exact count in one counter shard, as the endorsement path writes them. */
export async function insertEndorsements(ds: DataSource, proposalId: string, userIds: string[], now = new Date()): Promise<void> {
  if (!userIds.length) return;
  for (let i = 0; i < userIds.length; i += 500) {
    const chunk = userIds.slice(i, i + 500);
    await ds.query(
      `INSERT INTO endorsements (proposal_id, user_id, notify, created_at) VALUES ${chunk.map(() => '(?, ?, 1, ?)').join(', ')}`,
      chunk.flatMap((u) => [proposalId, u, now]),
    );
  }
  await ds.query(
    'INSERT INTO proposal_endorsement_counts (proposal_id, shard, n) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE n = n + VALUES(n)',
    [proposalId, userIds.length],
  );
}

export async function statusOf(ds: DataSource, proposalId: string): Promise<string> {
  const [row] = (await ds.query('SELECT status FROM proposals WHERE id = ?', [proposalId])) as { status: string }[];
  if (!row) throw new Error(`no proposal ${proposalId}`);
  return row.status;
}
