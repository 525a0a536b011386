import type { EntityManager } from 'typeorm';
import {
  type QuietPeriodRow,
  allQuietPeriods,
  deadlineWithQuietPeriods,
  deleteQuietPeriodExtension,
  insertQuietPeriodExtension,
  quietPeriodExtensionsOf,
} from '../shared/index.js';
import { isEndorsing, statusesWhere } from './proposal-state.js';
import { Proposal } from './proposal.entity.js';
import { type EventActor, recordEvent } from './timeline.js';

/*
 * Endorsement deadlines and quiet periods. A proposal's deadline is its published deadline moved on by every
 * quiet period it falls inside or after (deadlineWithQuietPeriods); each move is a row of quiet_period_extensions
 * (once per period and proposal: its primary key) and an event on the timeline. Callers hold the quiet-period
 * guard (lockQuietPeriodsExclusive or …Shared) before any proposal row.
 */

interface DeadlineRow {
  id: string;
  status: Proposal['status'];
  publishedAt: Date | null;
  deadline: Date | null;
}

/** Endorsing proposals whose deadline is after `after`, locked for update (the proposals a new period may move). */
export async function lockEndorsingWithDeadlineAfter(em: EntityManager, after: Date): Promise<string[]> {
  const rows = (await em.query('SELECT id FROM proposals WHERE status IN (?) AND endorsement_deadline > ? ORDER BY id FOR UPDATE', [
    statusesWhere(isEndorsing),
    after,
  ])) as { id: string }[];
  return rows.map((r) => r.id);
}

/**
 * Brings the deadlines of these proposals in line with the quiet periods not cancelled: extends by the periods
 * that now apply and were not applied, takes back those applied whose period was cancelled, one timeline event
 * each. Only endorsing proposals move. Returns how many proposals changed.
 */
export async function reconcileQuietPeriodDeadlines(
  em: EntityManager,
  proposalIds: string[],
  now: Date,
  actor: EventActor,
): Promise<number> {
  if (!proposalIds.length) return 0;
  const rows = (await em.query(
    `SELECT id, status, published_at AS publishedAt, endorsement_deadline AS deadline FROM proposals WHERE id IN (?) ORDER BY id FOR UPDATE`,
    [proposalIds],
  )) as DeadlineRow[];
  const periods = await allQuietPeriods(em);
  const byId = new Map(periods.map((p) => [p.id, p]));
  const applied = await quietPeriodExtensionsOf(em, proposalIds);
  let changed = 0;
  for (const r of rows) {
    if (!isEndorsing(r.status) || !r.publishedAt || !r.deadline) continue;
    const have = applied.get(r.id) ?? new Map<string, number>();
    const current = new Date(r.deadline);
    const base = new Date(current.getTime() - [...have.values()].reduce((a, b) => a + b, 0));
    const target = deadlineWithQuietPeriods(base, new Date(r.publishedAt), periods);
    const want = new Map(target.extensions.map((e) => [e.quietPeriodId, e.ms]));
    const removed = [...have].filter(([id]) => !want.has(id));
    const added = [...want].filter(([id]) => !have.has(id));
    if (!removed.length && !added.length) continue;
    changed += 1;
    if (target.deadline.getTime() !== current.getTime())
      await em.update(Proposal, { id: r.id }, { endorsementDeadline: target.deadline, version: () => 'version + 1', updatedAt: now });
    for (const [periodId, ms] of removed) {
      await deleteQuietPeriodExtension(em, periodId, r.id);
      await recordEvent(em, now, r.id, 'deadline_extension_withdrawn', actor, {
        quietPeriodId: periodId,
        withdrawnMs: ms,
        endorsementDeadline: target.deadline.toISOString(),
      });
    }
    for (const [periodId, ms] of added) await recordExtension(em, r.id, byId.get(periodId)!, ms, target.deadline, now, actor);
  }
  return changed;
}

/** Records one period's extension of a proposal's deadline: the row (once: its primary key) and the timeline event. */
export async function recordExtension(
  em: EntityManager,
  proposalId: string,
  period: QuietPeriodRow,
  ms: number,
  deadline: Date,
  now: Date,
  actor: EventActor,
): Promise<void> {
  await insertQuietPeriodExtension(em, period.id, proposalId, ms, now);
  await recordEvent(em, now, proposalId, 'deadline_extended_quiet_period', actor, {
    quietPeriodId: period.id,
    startsOn: period.startsOn,
    endsOn: period.endsOn,
    extendedMs: ms,
    endorsementDeadline: deadline.toISOString(),
  });
}
