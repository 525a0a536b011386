import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#config';
import { type Actor, ConflictError, NotFoundError, type Page, isDuplicateKeyError, offsetOf, paginate } from '../shared/index.js';
import type { PlanDocument } from './plan-document.js';
import { type PlanView, loadPlanTrees, planDocument, planView } from './plan-tree.js';
import { insertPlan } from './plan-writer.js';
import { Plan, type PlanStatus } from './plan.entities.js';
import { assertCanEditPlans } from './plans.policy.js';

export interface NewPlan {
  code: string;
  titleZh: string;
  titleEn: string;
  periodStart: string;
  periodEnd: string;
  status: PlanStatus;
}

/** Action plans: the public view with every field, creation by the task force, the plan document for export. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Plans, newest period first, each with its commitments, milestones and their latest progress. */
  async list(page: number, pageSize: number): Promise<Page<PlanView>> {
    const [plans, total] = await this.ds
      .getRepository(Plan)
      .findAndCount({ order: { periodStart: 'DESC', code: 'ASC' }, skip: offsetOf(page, pageSize), take: pageSize });
    return paginate((await loadPlanTrees(this.ds.manager, plans)).map(planView), total, page, pageSize);
  }

  async get(id: string): Promise<PlanView> {
    const plan = await this.ds.getRepository(Plan).findOneBy({ id });
    if (!plan) throw new NotFoundError('plan', id);
    const [tree] = await loadPlanTrees(this.ds.manager, [plan]);
    return planView(tree!);
  }

  /** The plan document: what the importer reads (export → import → export gives the same document). */
  async document(id: string): Promise<PlanDocument> {
    const plan = await this.ds.getRepository(Plan).findOneBy({ id });
    if (!plan) throw new NotFoundError('plan', id);
    const [tree] = await loadPlanTrees(this.ds.manager, [plan]);
    return planDocument(tree!);
  }

  async create(actor: Actor, input: NewPlan): Promise<PlanView> {
    assertCanEditPlans(actor);
    try {
      const id = await this.ds.transaction(async (em) => {
        if (await em.existsBy(Plan, { code: input.code })) throw new ConflictError(`a plan with code "${input.code}" already exists`);
        return insertPlan(
          em,
          {
            ...input,
            statusZh: null,
            documentDate: null,
            documentDateAsWrittenZh: null,
            report: null,
            areas: [],
            areasSourceZh: null,
            taskForce: null,
            coCreationProcess: [],
            coCreationFacts: null,
            originCounts: null,
            sheetQuestionsZh: null,
            descriptionQuestionsZh: null,
            progressScale: [],
            draftCommitmentList: null,
            sourceSeed: null,
            notesEn: [],
          },
          this.clock.now(),
        );
      });
      return this.get(id);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ConflictError(`a plan with code "${input.code}" already exists`);
      throw err;
    }
  }
}
