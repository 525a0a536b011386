import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock } from '#config';
import { CONCLUDED_OUTCOMES, type ConcludedOutcome, DECISION_OUTCOMES, type DecisionOutcome } from '../decisions/index.js';
import { PUBLISHED_STATUSES, type ProposalStatus, isEndorsing } from '../proposals/index.js';
import { RECOMMENDATIONS, type Recommendation } from '../responses/index.js';
import {
  type MedianRow,
  type StatisticsScope,
  agencyNames,
  answerMiddles,
  assignmentGroups,
  callTitles,
  medianDaysToQualify,
  outcomesByCall,
  proposalsByStatus,
} from './statistics.queries.js';

/** How the agencies answered: assignments held, answered, answered by their (possibly extended) deadline. */
interface Answering {
  assignments: number;
  answered: number;
  answeredOnTime: number;
  /** answered / assignments; null before any assignment. */
  responseRate: number | null;
  /** answeredOnTime / answered; null before any answer. */
  onTimeRate: number | null;
  medianDaysToAnswer: number | null;
  /** The agencies' current recommendations (one per answered assignment). */
  recommendations: Record<Recommendation, number>;
}

/** The task force's outcomes, and how conditional adoptions were concluded. */
interface Adoption {
  outcomes: Record<DecisionOutcome, number>;
  concluded: Record<ConcludedOutcome, number>;
}

export interface CallStatistics extends Answering, Adoption {
  callId: string;
  titleZh: string;
  titleEn: string;
  proposals: number;
  byStatus: Record<ProposalStatus, number>;
  qualified: number;
  /** qualified / proposals whose endorsement is over (all but those still open for endorsement); null when none is. */
  qualificationRate: number | null;
  medianDaysToQualify: number | null;
}

export interface AgencyStatistics extends Answering, Adoption {
  agencyId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  /** Proposals the agency holds or has answered, by their status. */
  proposals: number;
  byStatus: Record<ProposalStatus, number>;
  asLead: number;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const rate = (n: number, of: number) => (of ? Math.round((n / of) * 10_000) / 10_000 : null);
const days = (m: MedianRow | undefined) => (m?.median === null || m?.median === undefined ? null : Math.round(Number(m.median) * 10) / 10);

/** Sums of the middle rows' seconds and their counts, per key, as answerMiddles returns them in parts. */
class Middles {
  private readonly sums = new Map<string, { sum: number; n: number }>();
  add(key: string, sum: string | number | null, n: string | number): void {
    if (!Number(n)) return;
    const m = this.sums.get(key) ?? { sum: 0, n: 0 };
    m.sum += Number(sum);
    m.n += Number(n);
    this.sums.set(key, m);
  }
  median(key: string): MedianRow | undefined {
    const m = this.sums.get(key);
    return m && { key, median: m.sum / m.n / 86_400 };
  }
}

function answering(): Answering {
  return {
    assignments: 0,
    answered: 0,
    answeredOnTime: 0,
    responseRate: null,
    onTimeRate: null,
    medianDaysToAnswer: null,
    recommendations: zeros(RECOMMENDATIONS),
  };
}

export type StatisticsReport = Awaited<ReturnType<StatisticsService['computeNow']>>;

/** Filters whose figures are kept in memory at once; the oldest is forgotten first. */
const CACHED_FILTERS = 200;

interface Cached {
  at: number;
  report: Promise<StatisticsReport>;
  refreshing: boolean;
}

/**
 * Public statistics per call and per agency: proposals per status, qualification, how agencies answer (rate,
 * on time, median days) and what was adopted. Every figure is aggregated by the database (statistics.queries.ts:
 * five statements run concurrently); the service only rolls the few groups up.
 *
 * Computing them is bound by the server's index lookups from a call's proposals into assignments, responses and
 * decisions: at 100,000 proposals about half a second on a small (2-core) machine with the cache off (npm run
 * bench:export). So the cache stays a layer in front: each filter's figures are kept for STATISTICS_CACHE_SECONDS
 * (0 turns it off) and then computed again in the background while the previous ones are still served
 * (stale-while-revalidate): no request but a filter's first waits for the computation, concurrent first requests
 * share one, and `generatedAt` says how old the figures are.
 */
@Injectable()
export class StatisticsService {
  private readonly cache = new Map<string, Cached>();
  private computing: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async statistics(scope: StatisticsScope): Promise<StatisticsReport> {
    const ttlMs = this.config.statisticsCacheSeconds * 1000;
    if (!ttlMs) return this.compute(scope);
    const key = JSON.stringify([scope.callId ?? null, scope.from?.toISOString() ?? null, scope.to?.toISOString() ?? null]);
    const now = this.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit) {
      if (now - hit.at >= ttlMs && !hit.refreshing) {
        hit.refreshing = true;
        this.compute(scope).then(
          (report) => this.remember(key, { at: this.clock.now().getTime(), report: Promise.resolve(report), refreshing: false }),
          () => (hit.refreshing = false),
        );
      }
      return hit.report;
    }
    const report = this.compute(scope);
    this.remember(key, { at: now, report, refreshing: false });
    // A failed computation is not remembered: the next request tries again.
    report.catch(() => this.cache.get(key)?.report === report && this.cache.delete(key));
    return report;
  }

  private remember(key: string, entry: Cached): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > CACHED_FILTERS) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * One computation at a time: each takes five pooled connections for about half a second at 100,000 proposals, so
   * a burst of distinct filters (anyone can ask) waits its turn here instead of taking the pool from every request.
   */
  private compute(scope: StatisticsScope): Promise<StatisticsReport> {
    const run = this.computing.then(() => this.computeNow(scope));
    this.computing = run.catch(() => undefined);
    return run;
  }

  private async computeNow(scope: StatisticsScope) {
    // Concurrently, each on a connection of its own: the server computes them side by side. The longest first.
    const [groups, middles, outcomes, qualifyMedians, statuses] = await Promise.all([
      assignmentGroups(this.ds, scope),
      answerMiddles(this.ds, scope),
      outcomesByCall(this.ds, scope),
      medianDaysToQualify(this.ds, scope),
      proposalsByStatus(this.ds, scope),
    ]);

    const calls = new Map<string, CallStatistics>();
    const callOf = (id: string) => {
      let c = calls.get(id);
      if (!c) {
        c = {
          callId: id,
          titleZh: '',
          titleEn: '',
          proposals: 0,
          byStatus: zeros(PUBLISHED_STATUSES),
          qualified: 0,
          qualificationRate: null,
          medianDaysToQualify: null,
          ...answering(),
          outcomes: zeros(DECISION_OUTCOMES),
          concluded: zeros(CONCLUDED_OUTCOMES),
        };
        calls.set(id, c);
      }
      return c;
    };
    const agencies = new Map<string, AgencyStatistics>();
    const agencyOf = (id: string) => {
      let a = agencies.get(id);
      if (!a) {
        a = {
          agencyId: id,
          code: '',
          nameZh: '',
          nameEn: '',
          proposals: 0,
          byStatus: zeros(PUBLISHED_STATUSES),
          asLead: 0,
          ...answering(),
          outcomes: zeros(DECISION_OUTCOMES),
          concluded: zeros(CONCLUDED_OUTCOMES),
        };
        agencies.set(id, a);
      }
      return a;
    };

    for (const r of statuses) {
      const c = callOf(r.callId);
      c.byStatus[r.status] += Number(r.n);
      c.proposals += Number(r.n);
      c.qualified += Number(r.qualified);
    }
    for (const r of outcomes) {
      const c = callOf(r.callId);
      c.outcomes[r.outcome as DecisionOutcome] += Number(r.n);
      if (r.concluded) c.concluded[r.concluded as ConcludedOutcome] += Number(r.n);
    }
    for (const g of groups) {
      const n = Number(g.assigned);
      for (const x of [callOf(g.callId), agencyOf(g.agencyId)]) {
        x.assignments += n;
        x.answered += Number(g.answered);
        x.answeredOnTime += Number(g.answeredOnTime);
        if (g.recommendation) x.recommendations[g.recommendation as Recommendation] += n;
      }
      const a = agencyOf(g.agencyId);
      a.proposals += n;
      a.byStatus[g.status] += n;
      a.asLead += Number(g.asLead);
      if (g.outcome) a.outcomes[g.outcome as DecisionOutcome] += n;
      if (g.concluded) a.concluded[g.concluded as ConcludedOutcome] += n;
    }

    const qm = new Map(qualifyMedians.map((r) => [r.key, r]));
    const [cm, am] = [new Middles(), new Middles()];
    for (const m of middles) {
      cm.add(m.callId, m.callSum, m.callN);
      am.add(m.agencyId, m.agencySum, m.agencyN);
    }
    const [titles, names] = await Promise.all([callTitles(this.ds, [...calls.keys()]), agencyNames(this.ds, [...agencies.keys()])]);
    for (const t of titles) Object.assign(calls.get(t.id)!, { titleZh: t.titleZh, titleEn: t.titleEn });
    for (const n of names) Object.assign(agencies.get(n.id)!, { code: n.code, nameZh: n.nameZh, nameEn: n.nameEn });

    const endorsing = PUBLISHED_STATUSES.filter(isEndorsing);
    for (const c of calls.values()) {
      const over = c.proposals - endorsing.reduce((sum, s) => sum + c.byStatus[s], 0);
      c.qualificationRate = rate(c.qualified, over);
      c.medianDaysToQualify = days(qm.get(c.callId));
      finishAnswering(c, cm.median(c.callId));
    }
    for (const a of agencies.values()) finishAnswering(a, am.median(a.agencyId));

    return {
      filter: { callId: scope.callId ?? null, from: scope.from?.toISOString() ?? null, to: scope.to?.toISOString() ?? null },
      calls: [...calls.values()].sort((a, b) => b.proposals - a.proposals || a.callId.localeCompare(b.callId)),
      agencies: [...agencies.values()].sort((a, b) => b.assignments - a.assignments || a.code.localeCompare(b.code)),
      generatedAt: this.clock.now().toISOString(),
    };
  }
}

function finishAnswering(x: Answering, median: MedianRow | undefined): void {
  x.responseRate = rate(x.answered, x.assignments);
  x.onTimeRate = rate(x.answeredOnTime, x.answered);
  x.medianDaysToAnswer = days(median);
}
