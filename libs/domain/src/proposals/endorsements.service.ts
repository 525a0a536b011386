import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { NotFoundError, RuleViolationError, isDuplicateKeyError } from '../common/domain-errors.js';
import { MicroBatcher } from '../common/micro-batcher.js';
import { COUNTER_SHARDS, endorsementCount } from './endorsement-counts.js';
import { QualificationService } from './qualification.service.js';

export interface EndorseResult {
  /** false when this account had endorsed before (nothing changed). */
  created: boolean;
  endorsementCount: number;
  status: string;
}

const MAX_BATCH = 500;
/** Batches of one proposal written at the same time (they touch different counter shards). */
const BATCHES_IN_FLIGHT = 2;
const MAX_ATTEMPTS = 4;

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (err as { code?: string })?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || isDuplicateKeyError(err);
}

/**
 * Endorsing (附議).
 *
 * - One row per account and proposal: the primary key refuses a second one, so repeats are no-ops (200).
 * - Endorsements of one proposal that arrive together are written together: one transaction, one
 *   multi-row insert, one commit (group commit), so a popular proposal takes thousands a second and the
 *   caller gets its answer only once its endorsement is durable.
 * - The count lives in COUNTER_SHARDS rows per proposal, so writers (several API processes) rarely wait
 *   on one row; the exact count is their sum, read after the commit.
 * - The batch holds a shared lock on the proposal row: endorsements do not block each other, but
 *   qualification and expiry wait for those in flight, so every accepted endorsement counts and its
 *   endorser hears of the outcome.
 * - The batch whose commit makes the count reach the threshold qualifies the proposal; a conditional
 *   UPDATE makes that happen exactly once, whatever races.
 */
@Injectable()
export class EndorsementsService {
  private readonly batchers = new Map<string, MicroBatcher<string, EndorseResult>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly qualification: QualificationService,
  ) {}

  endorse(userId: string, proposalId: string): Promise<EndorseResult> {
    let batcher = this.batchers.get(proposalId);
    if (!batcher) {
      batcher = new MicroBatcher((users) => this.writeBatch(proposalId, users), {
        maxBatch: MAX_BATCH,
        concurrency: BATCHES_IN_FLIGHT,
        onIdle: () => this.batchers.delete(proposalId),
      });
      this.batchers.set(proposalId, batcher);
    }
    return batcher.submit(userId);
  }

  async hasEndorsed(userId: string, proposalId: string): Promise<boolean> {
    const rows = (await this.ds.query('SELECT 1 FROM endorsements WHERE proposal_id = ? AND user_id = ?', [proposalId, userId])) as unknown[];
    return rows.length > 0;
  }

  private async writeBatch(proposalId: string, userIds: string[]): Promise<EndorseResult[]> {
    let attempt = 0;
    for (;;) {
      try {
        return await this.tryBatch(proposalId, userIds);
      } catch (err) {
        attempt += 1;
        if (attempt >= MAX_ATTEMPTS || !isRetryable(err)) throw err;
      }
    }
  }

  private async tryBatch(proposalId: string, userIds: string[]): Promise<EndorseResult[]> {
    const now = this.clock.now();
    const { fresh, threshold } = await this.ds.transaction(async (em) => {
      const [p] = (await em.query(
        `SELECT status, endorsement_deadline AS deadline, endorsement_threshold AS threshold, published_at AS publishedAt
           FROM proposals WHERE id = ? LOCK IN SHARE MODE`,
        [proposalId],
      )) as { status: string; deadline: Date | null; threshold: number; publishedAt: Date | null }[];
      if (!p || !p.publishedAt) throw new NotFoundError('proposal', proposalId);
      if (p.status !== 'endorsing') throw new RuleViolationError(`the proposal is ${p.status}, not open for endorsement`);
      if (!p.deadline || now.getTime() >= new Date(p.deadline).getTime()) {
        throw new RuleViolationError('the endorsement period of this proposal has ended');
      }
      const unique = [...new Set(userIds)];
      const existing = new Set(
        ((await em.query('SELECT user_id AS id FROM endorsements WHERE proposal_id = ? AND user_id IN (?)', [proposalId, unique])) as { id: string }[]).map((r) => r.id),
      );
      const fresh = unique.filter((u) => !existing.has(u));
      if (fresh.length) {
        // Plain INSERT: should another process insert one of these meanwhile, the duplicate key aborts
        // this attempt and the retry finds it among the existing ones.
        await em.query('INSERT INTO endorsements (proposal_id, user_id, notify, created_at) VALUES ?', [fresh.map((u) => [proposalId, u, 1, now])]);
        await em.query(
          'INSERT INTO proposal_endorsement_counts (proposal_id, shard, n) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE n = n + VALUES(n)',
          [proposalId, randomInt(COUNTER_SHARDS), fresh.length],
        );
      }
      return { fresh: new Set(fresh), threshold: p.threshold };
    });

    // After the commit the committed count includes this batch and every one committed before it,
    // so the last batch to commit always sees the threshold reached.
    const count = await endorsementCount(this.ds.manager, proposalId);
    let status = 'endorsing';
    if (fresh.size && count >= threshold) status = (await this.qualification.qualifyIfReached(proposalId)) ?? status;
    // Within a batch the first request of an account creates it; a repeat in the same batch is a repeat.
    return userIds.map((u) => {
      const created = fresh.delete(u);
      return { created, endorsementCount: count, status };
    });
  }
}
