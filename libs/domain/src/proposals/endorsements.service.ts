import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { NotFoundError, RuleViolationError } from '../common/domain-errors.js';
import { COUNTER_SHARDS, endorsementCount } from './endorsement-counts.js';
import { QualificationService } from './qualification.service.js';

export interface EndorseResult {
  /** false when this account had endorsed before (nothing changed). */
  created: boolean;
  endorsementCount: number;
  status: string;
}

/**
 * Endorsing (附議). One row per account and proposal (the primary key makes repeats no-ops);
 * the count is kept in COUNTER_SHARDS rows per proposal so concurrent endorsers rarely wait on
 * each other. The endorsement that makes the committed count reach the threshold qualifies the
 * proposal, exactly once (a conditional UPDATE decides), right after its own commit.
 */
@Injectable()
export class EndorsementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly qualification: QualificationService,
  ) {}

  async endorse(userId: string, proposalId: string): Promise<EndorseResult> {
    const now = this.clock.now();
    const { created, threshold } = await this.ds.transaction(async (em) => {
      // A shared lock: endorsements do not block each other, but qualification and expiry (which update the row)
      // wait for every endorsement in flight to commit, so each accepted endorsement is counted before the proposal
      // leaves `endorsing`, and its endorser is among those mailed afterwards.
      const [p] = (await em.query(
        'SELECT status, endorsement_deadline AS deadline, endorsement_threshold AS threshold, published_at AS publishedAt FROM proposals WHERE id = ? LOCK IN SHARE MODE',
        [proposalId],
      )) as { status: string; deadline: Date | null; threshold: number; publishedAt: Date | null }[];
      if (!p || !p.publishedAt) throw new NotFoundError('proposal', proposalId);
      if (p.status !== 'endorsing') throw new RuleViolationError(`the proposal is ${p.status}, not open for endorsement`);
      if (!p.deadline || now.getTime() >= new Date(p.deadline).getTime()) {
        throw new RuleViolationError('the endorsement period of this proposal has ended');
      }
      const inserted = (await em.query(
        'INSERT IGNORE INTO endorsements (proposal_id, user_id, notify, created_at) VALUES (?, ?, 1, ?)',
        [proposalId, userId, now],
      )) as { affectedRows: number };
      if (inserted.affectedRows === 0) return { created: false, threshold: p.threshold };
      await em.query(
        `INSERT INTO proposal_endorsement_counts (proposal_id, shard, n) VALUES (?, ?, 1)
         ON DUPLICATE KEY UPDATE n = n + 1`,
        [proposalId, randomInt(COUNTER_SHARDS)],
      );
      return { created: true, threshold: p.threshold };
    });

    // After the commit: the committed count includes this endorsement and every one committed before it,
    // so the last endorsement to commit always sees the threshold reached.
    const count = await endorsementCount(this.ds.manager, proposalId);
    let status = 'endorsing';
    if (created && count >= threshold) {
      status = (await this.qualification.qualifyIfReached(proposalId)) ?? status;
    }
    return { created, endorsementCount: count, status };
  }

  async hasEndorsed(userId: string, proposalId: string): Promise<boolean> {
    const rows = (await this.ds.query('SELECT 1 FROM endorsements WHERE proposal_id = ? AND user_id = ?', [proposalId, userId])) as unknown[];
    return rows.length > 0;
  }
}
