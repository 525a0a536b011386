import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { NotFoundError, RuleViolationError, type StaffActor } from '../shared/index.js';
import { type ProgressView, progressView } from './plan-tree.js';
import { CommitmentAgency, Milestone, MilestoneProgress, MilestoneProgressReport, type ProgressStatus } from './plan.entities.js';
import { assertCanReportProgress } from './plans.policy.js';
import { completionOf } from './progress-scale.js';

export interface ProgressInput {
  year: number;
  status: ProgressStatus;
  complete?: boolean;
  narrative: string;
  narrativeEn?: string | null;
  evidenceUrls?: string[];
}

export interface ProgressReportView extends ProgressView {
  id: string;
  reportedBy: string | null;
  /** Whether this is the current report of its year (a later report of the same year replaces it). */
  current: boolean;
}

/** Yearly progress of milestones, reported by staff of a lead agency: one current report per year, every report kept. */
@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(actor: StaffActor, milestoneId: string, input: ProgressInput): Promise<ProgressReportView> {
    const complete = input.complete ?? false;
    return this.ds.transaction(async (em) => {
      // The milestone's lock orders concurrent reports: the current one is always the last in the history.
      const m = await em.findOne(Milestone, { where: { id: milestoneId }, lock: { mode: 'pessimistic_write' } });
      if (!m) throw new NotFoundError('milestone', milestoneId);
      const leads = await em.find(CommitmentAgency, { where: { commitmentId: m.commitmentId, role: 'lead' } });
      assertCanReportProgress(
        actor,
        leads.map((l) => l.agencyId),
      );
      if (complete && input.status !== 'substantial_or_complete') {
        throw new RuleViolationError('progress_complete_flag: complete is only meaningful with status substantial_or_complete');
      }
      const now = this.clock.now();
      const report: MilestoneProgressReport = {
        id: newId(),
        milestoneId,
        year: input.year,
        status: input.status,
        complete,
        narrative: input.narrative,
        narrativeEn: input.narrativeEn || null,
        evidenceUrls: input.evidenceUrls?.length ? input.evidenceUrls : null,
        uncertain: false,
        agencyId: actor.agencyId,
        reportedBy: actor.id,
        reportedAt: now,
      };
      await em.insert(MilestoneProgressReport, report);
      const { reportedAt: _r, ...fields } = report;
      const existing = await em.findOneBy(MilestoneProgress, { milestoneId, year: input.year });
      if (existing) await em.delete(MilestoneProgress, { id: existing.id });
      await em.insert(MilestoneProgress, { ...fields, createdAt: existing?.createdAt ?? now, updatedAt: now });
      await em.update(Milestone, { id: milestoneId }, { updatedAt: now });
      return reportView(report, true);
    });
  }

  /** Every report of the milestone, oldest first; `current` marks the one that stands for its year. */
  async history(milestoneId: string): Promise<{ items: ProgressReportView[] }> {
    if (!(await this.ds.getRepository(Milestone).existsBy({ id: milestoneId }))) throw new NotFoundError('milestone', milestoneId);
    const [reports, current] = await Promise.all([
      this.ds.getRepository(MilestoneProgressReport).find({ where: { milestoneId }, order: { reportedAt: 'ASC', id: 'ASC' } }),
      this.ds.getRepository(MilestoneProgress).find({ where: { milestoneId }, select: { id: true } }),
    ]);
    const currentIds = new Set(current.map((c) => c.id));
    return { items: reports.map((r) => reportView(r, currentIds.has(r.id))) };
  }
}

function reportView(r: MilestoneProgressReport, current: boolean): ProgressReportView {
  const { reportedAt: _a, ...rest } = progressView({ ...r, createdAt: r.reportedAt, updatedAt: r.reportedAt });
  return {
    id: r.id,
    ...rest,
    completion: completionOf(r.status, r.complete),
    reportedAt: r.reportedAt.toISOString(),
    reportedBy: r.reportedBy,
    current,
  };
}
