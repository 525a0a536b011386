import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId, readDataFile } from '#database';
import { Agency } from '../agencies/index.js';
import { NotFoundError } from '../shared/index.js';
import { Commitment, CommitmentAgency, Milestone, MilestoneProgress, PROGRESS_STATUSES, Plan } from './plan.entities.js';

interface Plan2025File {
  plan: { title_zh: string; title_en: string; status_en: string; period_start: string; period_end: string };
  commitments: {
    code: string;
    area_zh: string;
    area_en: string;
    title_zh: string;
    title_en: string;
    summary_zh: string;
    lead_agency_ids: string[];
    milestones: { title_zh: string; title_en: string; expected_output_zh: string; due: string }[];
  }[];
}

interface Plan2021File {
  plan: { title_zh: string; title_en: string; period_start: string; period_end: string; report_year: number };
  commitments: {
    code: string;
    area_zh: string;
    area_en: string;
    title_zh: string;
    title_en: string;
    lead_co_as_written_zh: string;
    lead_agency_ids: (string | null)[];
    co_agency_ids: (string | null)[];
    indicators: { title_zh: string; start: string; end: string; progress: string }[];
  }[];
}

interface ImportCommitment {
  code: string;
  areaZh: string;
  areaEn: string;
  titleZh: string;
  titleEn: string;
  summaryZh?: string;
  leadCoAsWrittenZh?: string;
  leadCodes: (string | null)[];
  coCodes: (string | null)[];
  milestones: {
    titleZh: string;
    titleEn?: string;
    expectedOutputZh?: string;
    starts?: string;
    due?: string;
    progress?: { year: number; status: string };
  }[];
}

export interface PlanSummary {
  id: string;
  code: string;
  titleZh: string;
  titleEn: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  commitmentCount: number;
}

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<PlanSummary[]> {
    const plans = await this.ds.getRepository(Plan).find({ order: { periodStart: 'DESC' } });
    const counts = (await this.ds.query('SELECT plan_id AS planId, COUNT(*) AS n FROM commitments GROUP BY plan_id')) as {
      planId: string;
      n: number | string;
    }[];
    const countOf = new Map(counts.map((c) => [c.planId, Number(c.n)]));
    return plans.map((p) => ({
      id: p.id,
      code: p.code,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      status: p.status,
      commitmentCount: countOf.get(p.id) ?? 0,
    }));
  }

  async get(id: string) {
    const plan = await this.ds.getRepository(Plan).findOne({
      where: { id },
      relations: { commitments: { agencies: true, milestones: { progress: true } } },
      order: { commitments: { position: 'ASC', milestones: { position: 'ASC' } } },
    });
    if (!plan) throw new NotFoundError('plan', id);
    return {
      id: plan.id,
      code: plan.code,
      titleZh: plan.titleZh,
      titleEn: plan.titleEn,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      status: plan.status,
      commitments: (plan.commitments ?? []).map((c) => ({
        id: c.id,
        code: c.code,
        areaZh: c.areaZh,
        areaEn: c.areaEn,
        titleZh: c.titleZh,
        titleEn: c.titleEn,
        summaryZh: c.summaryZh,
        leadCoAsWrittenZh: c.leadCoAsWrittenZh,
        leadAgencyIds: (c.agencies ?? [])
          .filter((a) => a.role === 'lead')
          .sort((a, b) => a.position - b.position)
          .map((a) => a.agencyId),
        coAgencyIds: (c.agencies ?? [])
          .filter((a) => a.role === 'co')
          .sort((a, b) => a.position - b.position)
          .map((a) => a.agencyId),
        milestones: (c.milestones ?? []).map((m) => {
          const latest = [...(m.progress ?? [])].sort((a, b) => b.year - a.year)[0];
          return {
            id: m.id,
            titleZh: m.titleZh,
            titleEn: m.titleEn,
            expectedOutput: m.expectedOutputZh,
            start: m.starts,
            due: m.due,
            latestProgress: latest ? { year: latest.year, status: latest.status, narrative: latest.narrative } : null,
          };
        }),
      })),
    };
  }

  /** Loads the two real plans shipped in data/ when there are no plans yet. Returns how many it loaded. */
  async loadDemoPlans(): Promise<number> {
    if ((await this.ds.getRepository(Plan).count()) > 0) return 0;
    const p25 = readDataFile<Plan2025File>('action-plan-2025-2028.json');
    const p21 = readDataFile<Plan2021File>('action-plan-2021-2024-status-2023.json');
    await this.ds.transaction(async (em) => {
      await this.importPlan(
        em,
        {
          code: 'tw-nap-2025-2028',
          titleZh: p25.plan.title_zh,
          titleEn: p25.plan.title_en,
          periodStart: p25.plan.period_start,
          periodEnd: p25.plan.period_end,
          status: p25.plan.status_en,
        },
        p25.commitments.map((c) => ({
          code: c.code,
          areaZh: c.area_zh,
          areaEn: c.area_en,
          titleZh: c.title_zh,
          titleEn: c.title_en,
          summaryZh: c.summary_zh,
          leadCodes: c.lead_agency_ids,
          coCodes: [],
          milestones: c.milestones.map((m) => ({
            titleZh: m.title_zh,
            titleEn: m.title_en,
            expectedOutputZh: m.expected_output_zh,
            due: m.due,
          })),
        })),
      );
      await this.importPlan(
        em,
        {
          code: 'tw-nap-2021-2024',
          titleZh: p21.plan.title_zh,
          titleEn: p21.plan.title_en,
          periodStart: p21.plan.period_start,
          periodEnd: p21.plan.period_end,
          status: 'adopted',
        },
        p21.commitments.map((c) => ({
          code: c.code,
          areaZh: c.area_zh,
          areaEn: c.area_en,
          titleZh: c.title_zh,
          titleEn: c.title_en,
          leadCoAsWrittenZh: c.lead_co_as_written_zh,
          leadCodes: c.lead_agency_ids,
          coCodes: c.co_agency_ids,
          milestones: c.indicators.map((i) => ({
            titleZh: i.title_zh,
            starts: i.start,
            due: i.end,
            progress: { year: p21.plan.report_year, status: i.progress },
          })),
        })),
      );
    });
    return 2;
  }

  private async importPlan(
    em: EntityManager,
    plan: Omit<Plan, 'id' | 'createdAt' | 'updatedAt' | 'commitments'>,
    commitments: ImportCommitment[],
  ): Promise<void> {
    const now = this.clock.now();
    const planId = newId();
    await em.insert(Plan, { id: planId, ...plan, createdAt: now, updatedAt: now });
    const agencies = await em.find(Agency, { select: { id: true, code: true } });
    const idOf = new Map(agencies.map((a) => [a.code, a.id]));
    for (const [position, c] of commitments.entries()) {
      const commitmentId = newId();
      await em.insert(Commitment, {
        id: commitmentId,
        planId,
        code: c.code,
        position,
        areaZh: c.areaZh,
        areaEn: c.areaEn,
        titleZh: c.titleZh,
        titleEn: c.titleEn,
        summaryZh: c.summaryZh ?? null,
        leadCoAsWrittenZh: c.leadCoAsWrittenZh ?? null,
        createdAt: now,
        updatedAt: now,
      });
      const links = new Map<string, CommitmentAgency>();
      const addLinks = (codes: (string | null)[], role: 'lead' | 'co') =>
        codes.forEach((code, i) => {
          const agencyId = code ? idOf.get(code) : undefined;
          if (agencyId && !links.has(agencyId)) links.set(agencyId, { commitmentId, agencyId, role, position: i });
        });
      addLinks(c.leadCodes, 'lead');
      addLinks(c.coCodes, 'co');
      if (links.size) await em.insert(CommitmentAgency, [...links.values()]);
      for (const [i, m] of c.milestones.entries()) {
        const milestoneId = newId();
        await em.insert(Milestone, {
          id: milestoneId,
          commitmentId,
          position: i,
          titleZh: m.titleZh,
          titleEn: m.titleEn ?? null,
          expectedOutputZh: m.expectedOutputZh ?? null,
          starts: m.starts ?? null,
          due: m.due ?? null,
          createdAt: now,
          updatedAt: now,
        });
        if (m.progress && (PROGRESS_STATUSES as readonly string[]).includes(m.progress.status)) {
          await em.insert(MilestoneProgress, {
            id: newId(),
            milestoneId,
            year: m.progress.year,
            status: m.progress.status as never,
            narrative: null,
            createdAt: now,
            updatedAt: now,
          });
        }
      }
    }
  }
}
