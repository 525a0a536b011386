import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { existingAgencyIds } from '../agencies/index.js';
import { findCall, findCallOrFail } from '../calls/index.js';
import {
  type Actor,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  WorkingCalendarService,
  addDays,
  deadlineWithQuietPeriods,
  lockQuietPeriodsShared,
  quietPeriodOn,
  quietPeriodRefusal,
  quietPeriodsEndingFrom,
  taipeiDate,
} from '../shared/index.js';
import { lockProposal, lockProposalOrFail } from './proposal-rows.js';
import { type ProposalAction, type ProposalStatus, isEditable, transition } from './proposal-state.js';
import { ProposalAgency } from './proposal-agency.entity.js';
import { Proposal } from './proposal.entity.js';
import { ProposalsMessages } from './proposals.messages.js';
import { canSee } from './proposals.policy.js';
import { recordExtension } from './quiet-period-deadlines.js';
import type { ReviewReasonCode } from './review-reasons.js';
import { SearchIndexer } from './search-indexer.js';
import { type EventActor, SYSTEM, recordEvent } from './timeline.js';

export const REVIEW_WORKING_DAYS = 3;
export const MAX_SUGGESTED_AGENCIES = 3;

export interface ProposalContent {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  cause?: string | null;
  expectedResults?: string | null;
  ogpValues?: { transparency?: string | null; accountability?: string | null; participation?: string | null };
  suggestedAgencyIds?: string[];
  language?: string;
}

export type ReviewDecision =
  { decision: 'publish'; reason?: string } | { decision: 'return' | 'reject'; reasonCode: ReviewReasonCode; reason: string };

/** Submitting, editing, reviewing and withdrawing proposals. */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly messages: ProposalsMessages,
    private readonly search: SearchIndexer,
    private readonly calendar: WorkingCalendarService,
  ) {}

  async submit(author: Actor, callId: string, content: ProposalContent): Promise<{ id: string; status: ProposalStatus }> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const call = await findCall(em, callId);
      if (!call) throw new RuleViolationError(`call ${callId} does not exist`);
      if (now < call.opensAt || now >= call.closesAt) throw new RuleViolationError('the call is not open for proposals');
      await this.refuseDuringQuietPeriod(em, now);
      const agencyIds = await this.checkAgencies(em, content.suggestedAgencyIds ?? []);
      const id = newId();
      await em.insert(Proposal, {
        id,
        callId,
        authorId: author.id,
        status: 'pending_review',
        ...this.columns(content),
        language: content.language ?? 'zh-TW',
        endorsementThreshold: call.endorsementThreshold,
        endorsementDeadline: null,
        submittedAt: now,
        reviewDueAt: await this.calendar.addWorkingDays(em, now, REVIEW_WORKING_DAYS),
        publishedAt: null,
        qualifiedAt: null,
        closedAt: null,
        version: 0,
        endorsementCountCached: 0,
        createdAt: now,
        updatedAt: now,
      });
      await this.saveAgencies(em, id, agencyIds);
      await this.search.index(em, id, content, true);
      await recordEvent(em, now, id, 'submitted', { id: author.id, role: 'author' });
      await this.messages.received(em, { id, authorId: author.id, title: content.title }, 0);
      return { id, status: 'pending_review' as const };
    });
  }

  /** The author edits a proposal that is waiting for review or was returned. */
  async edit(author: Actor, id: string, content: ProposalContent): Promise<void> {
    await this.ds.transaction(async (em) => {
      const p = await this.lockOwn(em, author, id);
      if (!isEditable(p.status)) {
        throw new RuleViolationError(`a proposal that is ${p.status} can no longer be edited`);
      }
      const agencyIds = await this.checkAgencies(em, content.suggestedAgencyIds ?? []);
      const now = this.clock.now();
      await em.update(
        Proposal,
        { id },
        { ...this.columns(content), language: content.language ?? p.language, version: p.version + 1, updatedAt: now },
      );
      await em.delete(ProposalAgency, { proposalId: id });
      await this.saveAgencies(em, id, agencyIds);
      await this.search.index(em, id, content);
      await recordEvent(em, now, id, 'edited', { id: author.id, role: 'author' });
    });
  }

  async resubmit(author: Actor, id: string): Promise<ProposalStatus> {
    return this.ds.transaction(async (em) => {
      const p = await this.lockOwn(em, author, id);
      const now = this.clock.now();
      const to = transition(p.status, 'resubmit');
      await this.refuseDuringQuietPeriod(em, now);
      const reviewDueAt = await this.calendar.addWorkingDays(em, now, REVIEW_WORKING_DAYS);
      await em.update(Proposal, { id }, { status: to, submittedAt: now, reviewDueAt, version: p.version + 1, updatedAt: now });
      await recordEvent(em, now, id, 'resubmitted', { id: author.id, role: 'author' });
      await this.messages.received(em, p, p.version + 1);
      return to;
    });
  }

  /** The author takes the proposal back; possible until it qualifies. */
  async withdraw(author: Actor, id: string): Promise<ProposalStatus> {
    return this.ds.transaction(async (em) => {
      const p = await this.lockOwn(em, author, id);
      const now = this.clock.now();
      const to = transition(p.status, 'withdraw');
      await em.update(Proposal, { id }, { status: to, closedAt: now, version: p.version + 1, updatedAt: now });
      await recordEvent(em, now, id, 'withdrawn', { id: author.id, role: 'author' });
      return to;
    });
  }

  /** A moderator publishes, returns or rejects a proposal waiting for review. */
  async review(moderator: Actor, id: string, d: ReviewDecision): Promise<Proposal> {
    return this.ds.transaction(async (em) => {
      // Publishing reads the quiet periods: it shares their guard (before the proposal row, the guard's lock order)
      // so that a period declared meanwhile extends this proposal either here or in the declaration.
      if (d.decision === 'publish') await lockQuietPeriodsShared(em);
      const p = await lockProposalOrFail(em, id);
      if (p.authorId === moderator.id) throw new ForbiddenError('moderators cannot review their own proposals');
      const action: ProposalAction = d.decision;
      const to = transition(p.status, action);
      const now = this.clock.now();
      const actor: EventActor = { id: moderator.id, role: 'moderator' };
      const version = p.version + 1;
      if (d.decision === 'publish') {
        const call = await findCallOrFail(em, p.callId);
        const periods = await quietPeriodsEndingFrom(em, taipeiDate(now));
        const { deadline, extensions } = deadlineWithQuietPeriods(addDays(now, call.endorsementDays), now, periods);
        await em.update(Proposal, { id }, { status: to, publishedAt: now, endorsementDeadline: deadline, version, updatedAt: now });
        await recordEvent(em, now, id, 'published', actor, {
          endorsementDeadline: deadline.toISOString(),
          ...(d.reason ? { note: d.reason } : {}),
        });
        for (const e of extensions)
          await recordExtension(
            em,
            id,
            periods.find((q) => q.id === e.quietPeriodId)!,
            e.ms,
            deadline,
            now,
            SYSTEM,
          );
        await this.messages.published(em, p, version, deadline);
        Object.assign(p, { status: to, publishedAt: now, endorsementDeadline: deadline, version });
      } else {
        await em.update(Proposal, { id }, { status: to, version, updatedAt: now, ...(to === 'rejected' ? { closedAt: now } : {}) });
        await recordEvent(em, now, id, to === 'returned' ? 'returned' : 'rejected', actor, { reasonCode: d.reasonCode, reason: d.reason });
        await this.messages.reviewed(em, p, version, to === 'returned' ? 'returned' : 'rejected', d.reasonCode, d.reason);
        Object.assign(p, { status: to, version });
      }
      return p;
    });
  }

  /** 422 naming the quiet period that today (Taiwan time) falls in: new proposals wait until it ends. */
  private async refuseDuringQuietPeriod(em: EntityManager, now: Date): Promise<void> {
    const period = await quietPeriodOn(em, taipeiDate(now));
    if (period) throw quietPeriodRefusal(period, 'new proposals');
  }

  private async lockOwn(em: EntityManager, author: Actor, id: string): Promise<Proposal> {
    const p = await lockProposal(em, id);
    if (!p || !canSee(p, author)) throw new NotFoundError('proposal', id);
    if (p.authorId !== author.id) throw new ForbiddenError('only the author can do this');
    return p;
  }

  private async checkAgencies(em: EntityManager, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length !== ids.length) throw new RuleViolationError('suggestedAgencyIds lists an agency twice');
    if (unique.length > MAX_SUGGESTED_AGENCIES) throw new RuleViolationError(`at most ${MAX_SUGGESTED_AGENCIES} agencies can be suggested`);
    if (!unique.length) return [];
    const found = await existingAgencyIds(em, unique);
    const missing = unique.filter((a) => !found.has(a));
    if (missing.length) throw new RuleViolationError(`agency ${missing.join(', ')} does not exist`);
    return unique;
  }

  private async saveAgencies(em: EntityManager, proposalId: string, agencyIds: string[]): Promise<void> {
    if (agencyIds.length)
      await em.insert(
        ProposalAgency,
        agencyIds.map((agencyId, position) => ({ proposalId, agencyId, position })),
      );
  }

  private columns(c: ProposalContent) {
    return {
      title: c.title,
      summary: c.summary,
      problem: c.problem,
      solution: c.solution,
      cause: c.cause ?? null,
      expectedResults: c.expectedResults ?? null,
      ogpTransparency: c.ogpValues?.transparency ?? null,
      ogpAccountability: c.ogpValues?.accountability ?? null,
      ogpParticipation: c.ogpValues?.participation ?? null,
    };
  }
}
