import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { AssignmentsService, type ProposalAssignment, assertStaffOf, isStaffOf } from '../assignments/index.js';
import { EndorserFanOut } from '../notifications/index.js';
import {
  Proposal,
  canSee,
  canTransition,
  isAnswering,
  lockProposal,
  lockProposalOrFail,
  moveProposal,
  recordEvent,
} from '../proposals/index.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, type StaffActor, hasRole, isoOrNull } from '../shared/index.js';
import type { Recommendation, ResponsePoint } from './recommendations.js';
import { ProposalResponse } from './response.entity.js';
import { ResponsesMessages } from './responses.messages.js';

export interface ResponseContent {
  recommendation: Recommendation;
  reasoning: string;
  reasoningEn?: string | null;
  points?: ResponsePoint[] | null;
  /** Planned follow-up, e.g. a collaboration meeting (協作會議) with the proposer, and its date. */
  followUp?: string | null;
  followUpOn?: string | null;
}

export interface ResponseView {
  id: string;
  proposalId: string;
  agencyId: string;
  role: 'lead' | 'co';
  status: 'draft' | 'published';
  recommendation: Recommendation;
  reasoning: string;
  reasoningEn: string | null;
  points: ResponsePoint[];
  followUp: string | null;
  followUpOn: string | null;
  correctsId: string | null;
  correctedById: string | null;
  publishedAt: string | null;
  dueAt: string | null;
  onTime: boolean | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Agencies' assessments of the proposals they hold. A draft is private to the agency; publishing is final:
 * a correction is a new published response linked to the one it corrects. The lead agency's first published
 * response moves the proposal to `responded`; every published response is mailed to author and endorsers.
 */
@Injectable()
export class ResponsesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly assignments: AssignmentsService,
    private readonly messages: ResponsesMessages,
    private readonly fanOut: EndorserFanOut,
  ) {}

  async create(
    staff: StaffActor,
    proposalId: string,
    content: ResponseContent,
    opts: { draft?: boolean; correctsId?: string | null },
  ): Promise<ResponseView> {
    return this.ds.transaction(async (em) => {
      const p = await lockProposal(em, proposalId);
      if (!p || !canSee(p, null)) throw new NotFoundError('proposal', proposalId);
      const a = await this.assignmentOf(em, staff, proposalId);
      this.assertAnswerable(p);
      const mine = await em.find(ProposalResponse, { where: { proposalId, agencyId: a.agencyId } });
      if (mine.some((r) => r.status === 'draft')) {
        throw new ConflictError('this agency already has a draft response to this proposal: edit or publish it');
      }
      const correctsId = opts.correctsId ?? null;
      if (correctsId) {
        const old = mine.find((r) => r.id === correctsId);
        if (!old || old.status !== 'published')
          throw new RuleViolationError('correctsId must name a published response of your agency to this proposal');
        if (old.correctedById) throw new ConflictError('that response has already been corrected; correct the latest one');
      } else if (mine.some((r) => r.status === 'published')) {
        throw new ConflictError('this agency has already responded; a change is published as a correction (correctsId)');
      }
      const now = this.clock.now();
      const r: ProposalResponse = {
        id: newId(),
        proposalId,
        assignmentId: a.id,
        agencyId: a.agencyId,
        role: a.role,
        status: 'draft',
        ...normalise(content),
        correctsId,
        correctedById: null,
        authorId: staff.id,
        dueAt: null,
        publishedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await em.insert(ProposalResponse, r);
      if (!opts.draft) await this.publishWithin(em, p, a, r, staff);
      return this.view(r);
    });
  }

  /** Changes a draft. Published responses never change. */
  async update(staff: StaffActor, responseId: string, content: ResponseContent): Promise<ResponseView> {
    return this.ds.transaction(async (em) => {
      const r = await this.lockOwn(em, staff, responseId);
      if (r.status !== 'draft') throw new ConflictError('a published response cannot be changed; publish a correction instead');
      Object.assign(r, normalise(content), { updatedAt: this.clock.now() });
      await em.update(ProposalResponse, { id: r.id }, { ...normalise(content), updatedAt: r.updatedAt });
      return this.view(r);
    });
  }

  async publish(staff: StaffActor, responseId: string): Promise<ResponseView> {
    // Looked up outside the transaction, whose first statement must be the proposal's lock (see AssignmentsService).
    const pre = await this.ds.getRepository(ProposalResponse).findOneBy({ id: responseId });
    if (!pre) throw new NotFoundError('response', responseId);
    return this.ds.transaction(async (em) => {
      // Lock order: the proposal first, as everywhere else.
      const p = await lockProposalOrFail(em, pre.proposalId);
      const r = await this.lockOwn(em, staff, responseId);
      if (r.status !== 'draft') throw new ConflictError('this response is already published');
      const a = await this.assignmentOf(em, staff, p.id);
      this.assertAnswerable(p);
      if (r.correctsId) {
        const old = await em.findOneByOrFail(ProposalResponse, { id: r.correctsId });
        if (old.correctedById) throw new ConflictError('that response has already been corrected; correct the latest one');
      }
      await this.publishWithin(em, p, a, r, staff);
      return this.view(r);
    });
  }

  /** A published response is public; a draft only to its agency's staff. */
  async get(viewer: StaffActor | null, responseId: string): Promise<ResponseView> {
    const r = await this.ds.getRepository(ProposalResponse).findOneBy({ id: responseId });
    const p = r && (await this.ds.manager.findOneBy(Proposal, { id: r.proposalId }));
    if (!r || !p) throw new NotFoundError('response', responseId);
    const ownAgency = isStaffOf(viewer, r.agencyId);
    if (r.status === 'draft' ? !ownAgency : !canSee(p, viewer)) throw new NotFoundError('response', responseId);
    return this.view(r);
  }

  /** Published responses of proposals, in publication order (for detail views and exports). */
  async publishedOf(proposalIds: string[]): Promise<Map<string, ResponseView[]>> {
    const out = new Map<string, ResponseView[]>();
    if (!proposalIds.length) return out;
    const rows = await this.ds.getRepository(ProposalResponse).find({
      where: { proposalId: In(proposalIds), status: 'published' },
      order: { publishedAt: 'ASC', id: 'ASC' },
    });
    for (const r of rows) out.set(r.proposalId, [...(out.get(r.proposalId) ?? []), this.view(r)]);
    return out;
  }

  view(r: ProposalResponse): ResponseView {
    return {
      id: r.id,
      proposalId: r.proposalId,
      agencyId: r.agencyId,
      role: r.role,
      status: r.status,
      recommendation: r.recommendation,
      reasoning: r.reasoning,
      reasoningEn: r.reasoningEn,
      points: r.points ?? [],
      followUp: r.followUp,
      followUpOn: r.followUpOn,
      correctsId: r.correctsId,
      correctedById: r.correctedById,
      publishedAt: isoOrNull(r.publishedAt),
      dueAt: isoOrNull(r.dueAt),
      onTime: r.publishedAt && r.dueAt ? r.publishedAt.getTime() <= r.dueAt.getTime() : null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  }

  private async publishWithin(
    em: EntityManager,
    p: Proposal,
    a: ProposalAssignment,
    r: ProposalResponse,
    staff: StaffActor,
  ): Promise<void> {
    const now = this.clock.now();
    Object.assign(r, { status: 'published', publishedAt: now, dueAt: a.dueAt, role: a.role, assignmentId: a.id, updatedAt: now });
    await em.update(
      ProposalResponse,
      { id: r.id },
      { status: r.status, publishedAt: now, dueAt: a.dueAt, role: a.role, assignmentId: a.id, updatedAt: now },
    );
    if (r.correctsId) await em.update(ProposalResponse, { id: r.correctsId }, { correctedById: r.id, updatedAt: now });
    const onTime = now.getTime() <= a.dueAt.getTime();
    await this.assignments.markAnsweredWithin(em, a, now);
    // The lead's first answer moves the proposal to `responded`; co-agencies' answers and corrections do not.
    if (a.role === 'lead' && canTransition(p.status, 'respond')) await moveProposal(em, p, 'respond', now);
    await recordEvent(
      em,
      now,
      p.id,
      'responded',
      { id: staff.id, role: 'agency_staff' },
      {
        responseId: r.id,
        agencyId: a.agencyId,
        role: a.role,
        recommendation: r.recommendation,
        onTime,
        ...(r.correctsId ? { correctsId: r.correctsId } : {}),
      },
    );
    await this.messages.published(em, p, r);
    await this.fanOut.startWithin(em, { proposalId: p.id, event: 'responded', responseId: r.id, afterUserId: null });
  }

  /** The assignment through which this staff member answers: their agency's current assignment to the proposal. */
  private async assignmentOf(em: EntityManager, staff: StaffActor, proposalId: string): Promise<ProposalAssignment> {
    if (!hasRole(staff.roles, 'agency_staff') || !staff.agencyId)
      throw new ForbiddenError('only staff of an agency assigned to this proposal can respond');
    const a = await this.assignments.heldWithin(em, proposalId, staff.agencyId);
    if (!a) throw new ForbiddenError('only staff of an agency assigned to this proposal can respond');
    return a;
  }

  private assertAnswerable(p: Proposal): void {
    if (!isAnswering(p.status)) {
      throw new ConflictError(`a proposal that is ${p.status} takes no agency responses`);
    }
  }

  private async lockOwn(em: EntityManager, staff: StaffActor, responseId: string): Promise<ProposalResponse> {
    const r = await em.findOne(ProposalResponse, { where: { id: responseId }, lock: { mode: 'pessimistic_write' } });
    if (!r) throw new NotFoundError('response', responseId);
    if (r.status === 'draft' && !isStaffOf(staff, r.agencyId)) {
      throw new NotFoundError('response', responseId);
    }
    assertStaffOf(staff, r.agencyId);
    return r;
  }
}

function normalise(c: ResponseContent) {
  return {
    recommendation: c.recommendation,
    reasoning: c.reasoning,
    reasoningEn: c.reasoningEn || null,
    points: c.points?.length ? c.points.map((x) => ({ question: x.question, answer: x.answer })) : null,
    followUp: c.followUp || null,
    followUpOn: c.followUpOn || null,
  };
}
