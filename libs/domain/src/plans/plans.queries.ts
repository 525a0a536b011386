import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type ProgressView, progressView } from './plan-tree.js';
import { Commitment, Milestone, MilestoneProgress, Plan } from './plan.entities.js';

export interface ProposalCommitmentView {
  id: string;
  code: string;
  planId: string;
  planCode: string;
  titleZh: string;
  titleEn: string | null;
  milestones: { id: string; titleZh: string; titleEn: string | null; due: string | null; latestProgress: ProgressView | null }[];
}

/** What other contexts read of plans: the commitment made from a proposal, for the proposal's public record. */
@Injectable()
export class PlanQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async commitmentOfProposal(proposalId: string): Promise<ProposalCommitmentView | null> {
    const c = await this.ds.getRepository(Commitment).findOneBy({ proposalId });
    if (!c) return null;
    const [plan, milestones] = await Promise.all([
      this.ds.getRepository(Plan).findOneByOrFail({ id: c.planId }),
      this.ds.getRepository(Milestone).find({ where: { commitmentId: c.id }, order: { position: 'ASC' } }),
    ]);
    const progress = milestones.length
      ? await this.ds
          .getRepository(MilestoneProgress)
          .createQueryBuilder('p')
          .where('p.milestoneId IN (:...ids)', { ids: milestones.map((m) => m.id) })
          .orderBy('p.year', 'ASC')
          .getMany()
      : [];
    return {
      id: c.id,
      code: c.code,
      planId: plan.id,
      planCode: plan.code,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      milestones: milestones.map((m) => {
        const latest = progress.filter((p) => p.milestoneId === m.id).pop();
        return { id: m.id, titleZh: m.titleZh, titleEn: m.titleEn, due: m.due, latestProgress: latest ? progressView(latest) : null };
      }),
    };
  }
}
