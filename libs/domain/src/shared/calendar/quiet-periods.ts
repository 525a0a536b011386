import { RuleViolationError } from '../domain-errors.js';
import { addDaysToDate, startOfTaipeiDay } from '../time.js';

/** What the quiet-period rules need of a period. */
export interface QuietPeriodDates {
  id: string;
  startsOn: string;
  endsOn: string;
}

export interface QuietPeriodView extends QuietPeriodDates {
  reasonZh: string;
  reasonEn: string | null;
  /** The first millisecond of `startsOn` and the first millisecond after `endsOn`, Taiwan time, as ISO-8601 UTC. */
  startsAt: string;
  endsAt: string;
  status: 'upcoming' | 'current' | 'past';
}

/** A period as instants: from the start of its first Taiwan day to the start of the day after its last. */
export function quietPeriodBounds(p: { startsOn: string; endsOn: string }): { start: Date; end: Date } {
  return { start: startOfTaipeiDay(p.startsOn), end: startOfTaipeiDay(addDaysToDate(p.endsOn, 1)) };
}

export function quietPeriodStatus(p: { startsOn: string; endsOn: string }, now: Date): QuietPeriodView['status'] {
  const { start, end } = quietPeriodBounds(p);
  return now < start ? 'upcoming' : now < end ? 'current' : 'past';
}

export interface QuietPeriodExtension {
  quietPeriodId: string;
  ms: number;
}

/**
 * The endorsement deadline of a proposal published at `publishedAt` whose deadline without quiet periods is
 * `deadline`. Each period (earliest first) that the deadline — as extended so far — falls inside or after moves
 * it on by the part of the period the proposal is open: the whole period, or, for a proposal published during
 * one, what is left of it. Periods never overlap (declaring one that would is refused), so the order is their
 * start. A pure function of its inputs: declaring, cancelling and publishing all reach the same deadline.
 */
export function deadlineWithQuietPeriods(
  deadline: Date,
  publishedAt: Date,
  periods: readonly QuietPeriodDates[],
): { deadline: Date; extensions: QuietPeriodExtension[] } {
  const sorted = [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  let at = deadline.getTime();
  const extensions: QuietPeriodExtension[] = [];
  for (const p of sorted) {
    const { start, end } = quietPeriodBounds(p);
    if (end.getTime() <= publishedAt.getTime() || at <= start.getTime()) continue;
    const ms = end.getTime() - Math.max(start.getTime(), publishedAt.getTime());
    at += ms;
    extensions.push({ quietPeriodId: p.id, ms });
  }
  return { deadline: new Date(at), extensions };
}

/** 422 naming the period: what it pauses, its dates and its reason; the body carries the period. */
export function quietPeriodRefusal(
  p: QuietPeriodDates & { reasonZh: string; reasonEn: string | null },
  what: 'new proposals' | 'endorsements',
): RuleViolationError {
  return new RuleViolationError(`${what} are paused during the quiet period ${p.startsOn} to ${p.endsOn} (${p.reasonEn ?? p.reasonZh})`, {
    quietPeriod: { id: p.id, startsOn: p.startsOn, endsOn: p.endsOn, reasonZh: p.reasonZh, reasonEn: p.reasonEn },
  });
}

/** A period as the contract shows it. */
export function quietPeriodView(p: QuietPeriodDates & { reasonZh: string; reasonEn: string | null }, now: Date): QuietPeriodView {
  const { start, end } = quietPeriodBounds(p);
  return {
    id: p.id,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    reasonZh: p.reasonZh,
    reasonEn: p.reasonEn,
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    status: quietPeriodStatus(p, now),
  };
}
