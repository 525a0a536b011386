import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { BatchPool } from '#database';
import { type ProposalStatus, isEndorsing } from '../proposals/index.js';
import {
  MicroBatcher,
  NotFoundError,
  type QuietPeriodRow,
  RuleViolationError,
  isDuplicateKeyError,
  quietPeriodRefusal,
  taipeiDate,
} from '../shared/index.js';
import { BATCH_OPEN_SQL, COUNTER_SHARDS, batchCommitSql, endorsementCount, hasEndorsed } from './endorsements.queries.js';
import { QualificationService } from './qualification.service.js';

export interface EndorseResult {
  /** false when this account had endorsed before (nothing changed). */
  created: boolean;
  endorsementCount: number;
  status: string;
}

interface ProposalRow {
  status: ProposalStatus;
  deadline: Date | null;
  threshold: number;
  publishedAt: Date | null;
}

const MAX_BATCH = 500;
/** Batches of one proposal written at the same time (they touch different counter shards). */
const BATCHES_IN_FLIGHT = 4;
const MAX_ATTEMPTS = 4;

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
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
  private readonly logger = new Logger(EndorsementsService.name);
  private readonly batchers = new Map<string, MicroBatcher<string, EndorseResult | Error>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly batchPool: BatchPool,
    private readonly clock: Clock,
    private readonly qualification: QualificationService,
  ) {}

  async endorse(userId: string, proposalId: string): Promise<EndorseResult> {
    let batcher = this.batchers.get(proposalId);
    if (!batcher) {
      batcher = new MicroBatcher((users) => this.writeBatch(proposalId, users), {
        maxBatch: MAX_BATCH,
        concurrency: BATCHES_IN_FLIGHT,
        onIdle: () => this.batchers.delete(proposalId),
      });
      this.batchers.set(proposalId, batcher);
    }
    const r = await batcher.submit(userId);
    if (r instanceof Error) throw r;
    return r;
  }

  async hasEndorsed(userId: string, proposalId: string): Promise<boolean> {
    return hasEndorsed(this.ds.manager, userId, proposalId);
  }

  /**
   * Commits the batch (retrying only the commit: a deadlock or a duplicate key rolls it back whole), then
   * qualifies the proposal if the commit reached the threshold. Qualification is retried on its own: once the
   * endorsements are committed their callers are answered 201 whatever happens to it, and a qualification that
   * still fails is caught by the sweep (it qualifies proposals whose committed count reached the threshold).
   */
  private async writeBatch(proposalId: string, userIds: string[]): Promise<(EndorseResult | Error)[]> {
    const committed = await withRetries(() => this.commitBatch(proposalId, userIds));
    if (!('fresh' in committed)) return committed.results;
    const { fresh, count, threshold } = committed;
    let status = 'endorsing';
    if (fresh.size && count >= threshold) {
      try {
        status = (await withRetries(() => this.qualification.qualifyIfReached(proposalId))) ?? status;
      } catch (err) {
        this.logger.warn(
          { err: (err as Error).message, proposalId },
          'qualification after an endorsement failed; the sweep will qualify it',
        );
      }
    }
    // Within a batch the first request of an account creates it; a repeat in the same batch is a repeat.
    return userIds.map((u) => ({ created: fresh.delete(u), endorsementCount: count, status }));
  }

  /**
   * One attempt at the batch, in one transaction. When the proposal no longer takes endorsements, those who had
   * endorsed it get their repeat answer (200, as when it was open: a client retrying a committed endorsement after
   * a crash is told it counted) and the others the rule that refuses them (422).
   */
  private async commitBatch(
    proposalId: string,
    userIds: string[],
  ): Promise<{ fresh: Set<string>; count: number; threshold: number } | { results: (EndorseResult | Error)[] }> {
    const now = this.clock.now();
    const unique = [...new Set(userIds)];
    const conn = await this.batchPool.pool.getConnection();
    let open = false;
    try {
      // Round trip 1: open the transaction, share-lock the proposal (qualification and expiry wait for
      // endorsements in flight; endorsements do not wait for each other), find who had endorsed already and
      // whether today falls in a quiet period.
      open = true;
      const today = taipeiDate(now);
      const [r1] = (await conn.query(BATCH_OPEN_SQL, [proposalId, proposalId, unique, today, today])) as unknown as [
        [unknown, ProposalRow[], { id: string }[], QuietPeriodRow[]],
      ];
      const p = r1[1][0];
      if (!p || !p.publishedAt) throw new NotFoundError('proposal', proposalId);
      const existing = new Set(r1[2].map((r) => r.id));
      const quiet = r1[3][0];
      const refusal = !isEndorsing(p.status)
        ? new RuleViolationError(`the proposal is ${p.status}, not open for endorsement`)
        : !p.deadline || now.getTime() >= new Date(p.deadline).getTime()
          ? new RuleViolationError('the endorsement period of this proposal has ended')
          : quiet
            ? quietPeriodRefusal(quiet, 'endorsements')
            : null;
      if (refusal) {
        await conn.query('ROLLBACK');
        open = false;
        const count = existing.size ? await endorsementCount(this.ds.manager, proposalId) : 0;
        return {
          results: userIds.map((u) => (existing.has(u) ? { created: false, endorsementCount: count, status: p.status } : refusal)),
        };
      }
      const fresh = new Set(unique.filter((u) => !existing.has(u)));
      // Round trip 2: insert the new ones (a plain INSERT: should another process insert one of them
      // meanwhile, the duplicate key aborts this attempt and the retry finds it), count them into one
      // counter shard, commit, and read the committed count — which includes this batch and every batch
      // committed before it, so the last batch to commit always sees the threshold reached.
      const [r2] = (await conn.query(
        batchCommitSql(fresh.size > 0),
        fresh.size
          ? [[...fresh].map((u) => [proposalId, u, 1, now]), proposalId, randomInt(COUNTER_SHARDS), fresh.size, proposalId]
          : [proposalId],
      )) as unknown as [unknown[]];
      open = false;
      return { fresh, count: Number((r2[r2.length - 1] as { n: number | string }[])[0]!.n), threshold: p.threshold };
    } catch (err) {
      if (open) await conn.query('ROLLBACK').catch(() => conn.destroy());
      throw err;
    } finally {
      conn.release();
    }
  }
}

/** Runs `attempt` again on a deadlock, a lock wait timeout or a duplicate key, up to MAX_ATTEMPTS times. */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= MAX_ATTEMPTS || !isRetryable(err)) throw err;
    }
  }
}
