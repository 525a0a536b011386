import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { Clock } from '#config';
import { AssignmentExtension, ProposalAssignment, extensionView } from '../assignments/index.js';
import {
  PUBLISHED_STATUSES,
  Proposal,
  ProposalEvent,
  type ProposalStatus,
  SearchIndexer,
  canSee,
  isAwaitingRouting,
  isEndorsing,
  isStaff,
  statusesAllowing,
  statusesWhere,
} from '../proposals/index.js';
import { DecisionsQueries } from '../decisions/index.js';
import { PlanQueries } from '../plans/index.js';
import { ResponsesService } from '../responses/index.js';
import { type Actor, DAY, NotFoundError, type Page, isoOrNull as iso, offsetOf, paginate } from '../shared/index.js';
import { summaryExtras } from './reporting.queries.js';

export type ProposalSort = 'newest' | 'most_endorsed' | 'closing_soon';

export interface ProposalListQuery {
  status?: ProposalStatus;
  callId?: string;
  agencyId?: string;
  q?: string;
  sort?: ProposalSort;
  page: number;
  pageSize: number;
}

export interface ProposalSummaryView {
  id: string;
  callId: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  authorName: string;
  endorsementCount: number;
  endorsementThreshold: number;
  endorsementDeadline: string | null;
  publishedAt: string | null;
  qualifiedAt: string | null;
  suggestedAgencyIds: string[];
}

/** Reading proposals: the public list and search, details, the timeline, the moderators' queues. */
@Injectable()
export class ProposalQueriesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly search: SearchIndexer,
    private readonly clock: Clock,
    private readonly responses: ResponsesService,
    private readonly decisions: DecisionsQueries,
    private readonly plans: PlanQueries,
  ) {}

  async list(query: ProposalListQuery): Promise<Page<ProposalSummaryView>> {
    const qb = this.ds.getRepository(Proposal).createQueryBuilder('p').where('p.publishedAt IS NOT NULL');
    qb.andWhere('p.status IN (:...statuses)', { statuses: query.status ? [query.status] : PUBLISHED_STATUSES });
    if (query.callId) qb.andWhere('p.callId = :callId', { callId: query.callId });
    if (query.agencyId) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM proposal_agencies pa WHERE pa.proposal_id = p.id AND pa.agency_id = :agencyId)
          OR EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND a.agency_id = :agencyId))`,
        { agencyId: query.agencyId },
      );
    }
    if (query.q?.trim() && !this.search.applyQuery(qb, 'p', query.q)) {
      return paginate([], 0, query.page, query.pageSize);
    }
    switch (query.sort ?? 'newest') {
      case 'most_endorsed':
        qb.orderBy('p.endorsementCountCached', 'DESC').addOrderBy('p.publishedAt', 'DESC');
        break;
      case 'closing_soon':
        qb.andWhere('p.status IN (:...endorsing)', { endorsing: statusesWhere(isEndorsing) }).orderBy('p.endorsementDeadline', 'ASC');
        break;
      default:
        qb.orderBy('p.publishedAt', 'DESC');
    }
    qb.addOrderBy('p.id', 'DESC').skip(offsetOf(query.page, query.pageSize)).take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return paginate(await this.summaries(rows), total, query.page, query.pageSize);
  }

  /** Published proposals whose title shares words with `title`: shown to a proposer before submitting. */
  async similar(title: string, limit = 5): Promise<ProposalSummaryView[]> {
    const ids = await this.search.similarIds(this.ds.manager, title, limit);
    if (!ids.length) return [];
    const found = await this.ds.getRepository(Proposal).findBy({ id: In(ids) });
    const ordered = ids.map((id) => found.find((p) => p.id === id)!).filter(Boolean);
    return this.summaries(ordered);
  }

  async detail(id: string, viewer: Actor | null) {
    const p = await this.ds.getRepository(Proposal).findOneBy({ id });
    if (!p || !canSee(p, viewer)) throw new NotFoundError('proposal', id);
    const [summary] = await this.summaries([p]);
    // The lead first, then co-agencies; each in the order they were assigned.
    const [assignments, extensions, responses, decisions, commitment] = await Promise.all([
      this.ds.getRepository(ProposalAssignment).find({ where: { proposalId: id }, order: { role: 'DESC', createdAt: 'ASC', id: 'ASC' } }),
      this.ds.getRepository(AssignmentExtension).find({ where: { proposalId: id }, order: { announcedAt: 'ASC', id: 'ASC' } }),
      this.responses.publishedOf([id]),
      this.decisions.ofProposals([id]),
      this.plans.commitmentOfProposal(id),
    ]);
    const now = this.clock.now().getTime();
    return {
      ...summary!,
      problem: p.problem,
      cause: p.cause,
      solution: p.solution,
      expectedResults: p.expectedResults,
      ogpValues: { transparency: p.ogpTransparency, accountability: p.ogpAccountability, participation: p.ogpParticipation },
      language: p.language,
      submittedAt: p.submittedAt.toISOString(),
      ...(viewer && (viewer.id === p.authorId || isStaff(viewer)) ? { reviewDueAt: p.reviewDueAt.toISOString() } : {}),
      assignments: assignments.map((a) => ({
        id: a.id,
        agencyId: a.agencyId,
        role: a.role,
        assignedAt: a.assignedAt.toISOString(),
        dueAt: a.dueAt.toISOString(),
        originalDueAt: a.originalDueAt.toISOString(),
        answeredAt: iso(a.answeredAt),
        status: a.status,
        overdue: a.status === 'open' && a.dueAt.getTime() < now,
        // Announced extensions (展延) are public: when, why, the progress so far and the new date.
        extensions: extensions.filter((e) => e.assignmentId === a.id).map(extensionView),
      })),
      responses: responses.get(id) ?? [],
      decision: decisions.get(id) ?? null,
      // The commitment made from this proposal, with each milestone's latest progress (null until there is one).
      commitment,
    };
  }

  /** The public audit trail, oldest first. Only for published proposals. */
  async timeline(id: string) {
    const p = await this.ds.getRepository(Proposal).findOneBy({ id });
    if (!p || !canSee(p, null)) throw new NotFoundError('proposal', id);
    const events = await this.ds.getRepository(ProposalEvent).find({ where: { proposalId: id }, order: { id: 'ASC' } });
    return {
      items: events.map((e) => ({
        type: e.type,
        at: e.at.toISOString(),
        actor: { role: e.actorRole ?? 'system' },
        ...(e.detail ? { detail: e.detail } : {}),
      })),
    };
  }

  /** Proposals waiting for review, oldest first, with how close each is to its 3-working-day deadline. */
  async reviewQueue(page: number, pageSize: number) {
    const [rows, total] = await this.ds.getRepository(Proposal).findAndCount({
      where: { status: In(statusesAllowing('publish')) },
      order: { submittedAt: 'ASC', id: 'ASC' },
      skip: offsetOf(page, pageSize),
      take: pageSize,
    });
    const now = this.clock.now().getTime();
    const summaries = await this.summaries(rows);
    const items = rows.map((p, i) => ({
      ...summaries[i]!,
      submittedAt: p.submittedAt.toISOString(),
      reviewDueAt: p.reviewDueAt.toISOString(),
      overdue: p.reviewDueAt.getTime() < now,
      dueWithinDay: p.reviewDueAt.getTime() >= now && p.reviewDueAt.getTime() - now < DAY,
    }));
    return paginate(items, total, page, pageSize);
  }

  /** Qualified proposals no agency holds yet: the moderators assign them. */
  async triage(page: number, pageSize: number) {
    const [rows, total] = await this.ds.getRepository(Proposal).findAndCount({
      where: { status: In(statusesWhere(isAwaitingRouting)) },
      order: { qualifiedAt: 'ASC', id: 'ASC' },
      skip: offsetOf(page, pageSize),
      take: pageSize,
    });
    return paginate(await this.summaries(rows), total, page, pageSize);
  }

  /** List items for these proposals: one query for author names, exact counts and suggested agencies. */
  private async summaries(rows: Proposal[]): Promise<ProposalSummaryView[]> {
    if (!rows.length) return [];
    const extras = await summaryExtras(
      this.ds,
      rows.map((p) => p.id),
    );
    const byId = new Map(extras.map((e) => [e.id, e]));
    return rows.map((p) => {
      const e = byId.get(p.id);
      return {
        id: p.id,
        callId: p.callId,
        title: p.title,
        summary: p.summary,
        status: p.status,
        authorName: e?.authorName ?? '',
        endorsementCount: Number(e?.endorsementCount ?? 0),
        endorsementThreshold: p.endorsementThreshold,
        endorsementDeadline: iso(p.endorsementDeadline),
        publishedAt: iso(p.publishedAt),
        qualifiedAt: iso(p.qualifiedAt),
        suggestedAgencyIds: e?.agencyIds ? e.agencyIds.split(',') : [],
      };
    });
  }
}
