import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { isAnswering } from '../proposals/index.js';
import { RECOMMENDATIONS, type Recommendation } from '../responses/index.js';
import { DAY, paginate } from '../shared/index.js';
import { scoreboardRows } from './reporting.queries.js';

export interface AgencyScore {
  agencyId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  /** Assignments the agency holds or has answered (those handed on by re-routing or transfer are not counted). */
  assigned: number;
  asLead: number;
  answered: number;
  answeredOnTime: number;
  /** Answered within the deadline first given, before any extension. */
  answeredWithinOriginalDeadline: number;
  openNow: number;
  overdueNow: number;
  /** Assignments whose deadline was extended at least once, and the number of extensions announced. */
  extended: number;
  extensions: number;
  /** Median of (first published response − assignment), in days to one decimal; null before any answer. */
  medianDaysToAnswer: number | null;
  /** The agencies' current (latest, uncorrected) recommendations. */
  recommendations: Record<Recommendation, number>;
}

/** Median of numbers; null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The public record of each agency: what researchers count by hand about Join today (how many proposals it
 * was given, answered, answered in time, is late on, how fast, and what it recommended).
 */
@Injectable()
export class ScoreboardService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async agencies(filter: { callId?: string; page?: number; pageSize?: number } = {}) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 100;
    const now = this.clock.now();
    const rows = await scoreboardRows(this.ds, filter.callId);
    const byAgency = new Map<string, AgencyScore & { days: number[] }>();
    for (const r of rows) {
      let s = byAgency.get(r.agencyId);
      if (!s) {
        s = {
          agencyId: r.agencyId,
          code: r.code,
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          assigned: 0,
          asLead: 0,
          answered: 0,
          answeredOnTime: 0,
          answeredWithinOriginalDeadline: 0,
          openNow: 0,
          overdueNow: 0,
          extended: 0,
          extensions: 0,
          medianDaysToAnswer: null,
          recommendations: Object.fromEntries(RECOMMENDATIONS.map((k) => [k, 0])) as Record<Recommendation, number>,
          days: [],
        };
        byAgency.set(r.agencyId, s);
      }
      s.assigned += 1;
      if (r.role === 'lead') s.asLead += 1;
      const ext = Number(r.extensions);
      if (ext) {
        s.extended += 1;
        s.extensions += ext;
      }
      if (r.answeredAt) {
        s.answered += 1;
        if (r.answeredAt.getTime() <= r.dueAt.getTime()) s.answeredOnTime += 1;
        if (r.answeredAt.getTime() <= r.originalDueAt.getTime()) s.answeredWithinOriginalDeadline += 1;
        s.days.push((r.answeredAt.getTime() - r.assignedAt.getTime()) / DAY);
      } else if (r.status === 'open') {
        s.openNow += 1;
        // Once the task force has decided, an unanswered co-agency is no longer waited for.
        if (r.dueAt.getTime() < now.getTime() && isAnswering(r.proposalStatus)) s.overdueNow += 1;
      }
      if (r.recommendation) s.recommendations[r.recommendation] += 1;
    }
    const items: AgencyScore[] = [...byAgency.values()]
      .map(({ days, ...s }) => {
        const m = median(days);
        return { ...s, medianDaysToAnswer: m === null ? null : Math.round(m * 10) / 10 };
      })
      .sort((a, b) => b.assigned - a.assigned || a.code.localeCompare(b.code));
    return {
      ...paginate(items.slice((page - 1) * pageSize, page * pageSize), items.length, page, pageSize),
      generatedAt: now.toISOString(),
    };
  }
}
