import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { Agency } from '../agencies/agency.entity.js';
import { Call } from '../calls/call.entity.js';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../common/domain-errors.js';
import { hasRole } from '../common/roles.js';
import { type EventActor, recordEvent } from './proposal-events.js';
import { ProposalMailer } from './proposal-mailer.js';
import { PUBLISHED_STATUSES, type ProposalAction, type ProposalStatus, transition } from './proposal-state.js';
import { Proposal, ProposalAgency } from './proposal.entities.js';
import { REVIEW_REASONS, type ReviewReasonCode } from './review-reasons.js';
import { SearchIndexer } from './search-indexer.js';
import { addWorkingDays } from './working-days.js';

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

export interface Actor {
  id: string;
  roles: string[];
}

export type ReviewDecision = { decision: 'publish'; reason?: string } | { decision: 'return' | 'reject'; reasonCode: ReviewReasonCode; reason: string };

/** Submitting, editing, reviewing and withdrawing proposals. */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly mailer: ProposalMailer,
    private readonly search: SearchIndexer,
  ) {}

  async submit(author: Actor, callId: string, content: ProposalContent): Promise<{ id: string; status: ProposalStatus }> {
    return this.ds.transaction(async (em) => {
      const now = this.clock.now();
      const call = await em.findOneBy(Call, { id: callId });
      if (!call) throw new RuleViolationError(`call ${callId} does not exist`);
      if (now < call.opensAt || now >= call.closesAt) throw new RuleViolationError('the call is not open for proposals');
      const agencyIds = await this.checkAgencies(em, content.suggestedAgencyIds ?? []);
      const id = newId();
      await em.insert(Proposal, {
        id, callId, authorId: author.id, status: 'pending_review', ...this.columns(content),
        language: content.language ?? 'zh-TW', endorsementThreshold: call.endorsementThreshold, endorsementDeadline: null,
        submittedAt: now, reviewDueAt: addWorkingDays(now, REVIEW_WORKING_DAYS), publishedAt: null, qualifiedAt: null,
        closedAt: null, version: 0, endorsementCountCached: 0, createdAt: now, updatedAt: now,
      });
      await this.saveAgencies(em, id, agencyIds);
      await this.search.index(em, id, content);
      await recordEvent(em, now, id, 'submitted', { id: author.id, role: 'author' });
      await this.mailer.toAuthor(em, { id, authorId: author.id, title: content.title }, 'proposal.received', 'v0', {});
      return { id, status: 'pending_review' as const };
    });
  }

  /** The author edits a proposal that is waiting for review or was returned. */
  async edit(author: Actor, id: string, content: ProposalContent): Promise<void> {
    await this.ds.transaction(async (em) => {
      const p = await this.lockOwn(em, author, id);
      if (p.status !== 'pending_review' && p.status !== 'returned') {
        throw new RuleViolationError(`a proposal that is ${p.status} can no longer be edited`);
      }
      const agencyIds = await this.checkAgencies(em, content.suggestedAgencyIds ?? []);
      const now = this.clock.now();
      await em.update(Proposal, { id }, { ...this.columns(content), language: content.language ?? p.language, version: p.version + 1, updatedAt: now });
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
      await em.update(Proposal, { id }, { status: to, submittedAt: now, reviewDueAt: addWorkingDays(now, REVIEW_WORKING_DAYS), version: p.version + 1, updatedAt: now });
      await recordEvent(em, now, id, 'resubmitted', { id: author.id, role: 'author' });
      await this.mailer.toAuthor(em, p, 'proposal.received', `v${p.version + 1}`, {});
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
      const p = await em.findOne(Proposal, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundError('proposal', id);
      if (p.authorId === moderator.id) throw new ForbiddenError('moderators cannot review their own proposals');
      const action: ProposalAction = d.decision;
      const to = transition(p.status, action);
      const now = this.clock.now();
      const actor: EventActor = { id: moderator.id, role: 'moderator' };
      const version = p.version + 1;
      if (d.decision === 'publish') {
        const call = await em.findOneByOrFail(Call, { id: p.callId });
        const deadline = new Date(now.getTime() + call.endorsementDays * 86_400_000);
        await em.update(Proposal, { id }, { status: to, publishedAt: now, endorsementDeadline: deadline, version, updatedAt: now });
        await recordEvent(em, now, id, 'published', actor, { endorsementDeadline: deadline.toISOString(), ...(d.reason ? { note: d.reason } : {}) });
        await this.mailer.toAuthor(em, p, 'proposal.published', `v${version}`, {
          threshold: p.endorsementThreshold,
          deadline: deadline.toISOString().slice(0, 10),
        });
        Object.assign(p, { status: to, publishedAt: now, endorsementDeadline: deadline, version });
      } else {
        const label = REVIEW_REASONS[d.reasonCode];
        await em.update(Proposal, { id }, { status: to, version, updatedAt: now, ...(to === 'rejected' ? { closedAt: now } : {}) });
        await recordEvent(em, now, id, to === 'returned' ? 'returned' : 'rejected', actor, { reasonCode: d.reasonCode, reason: d.reason });
        await this.mailer.toAuthor(em, p, to === 'returned' ? 'proposal.returned' : 'proposal.rejected', `v${version}`, {
          reasonLabelZh: label.zh, reasonLabelEn: label.en, reason: d.reason,
        });
        Object.assign(p, { status: to, version });
      }
      return p;
    });
  }

  /** A proposal as its viewer may see it: published ones to anyone, others to the author and moderators only. */
  async findVisible(id: string, viewer: Actor | null): Promise<Proposal> {
    const p = await this.ds.getRepository(Proposal).findOneBy({ id });
    if (!p || !canSee(p, viewer)) throw new NotFoundError('proposal', id);
    return p;
  }

  private async lockOwn(em: EntityManager, author: Actor, id: string): Promise<Proposal> {
    const p = await em.findOne(Proposal, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!p || !canSee(p, author)) throw new NotFoundError('proposal', id);
    if (p.authorId !== author.id) throw new ForbiddenError('only the author can do this');
    return p;
  }

  private async checkAgencies(em: EntityManager, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length !== ids.length) throw new RuleViolationError('suggestedAgencyIds lists an agency twice');
    if (unique.length > MAX_SUGGESTED_AGENCIES) throw new RuleViolationError(`at most ${MAX_SUGGESTED_AGENCIES} agencies can be suggested`);
    if (!unique.length) return [];
    const found = await em.find(Agency, { where: { id: In(unique) }, select: { id: true } });
    const missing = unique.filter((a) => !found.some((f) => f.id === a));
    if (missing.length) throw new RuleViolationError(`agency ${missing.join(', ')} does not exist`);
    return unique;
  }

  private async saveAgencies(em: EntityManager, proposalId: string, agencyIds: string[]): Promise<void> {
    if (agencyIds.length) await em.insert(ProposalAgency, agencyIds.map((agencyId, position) => ({ proposalId, agencyId, position })));
  }

  private columns(c: ProposalContent) {
    return {
      title: c.title, summary: c.summary, problem: c.problem, solution: c.solution, cause: c.cause ?? null,
      expectedResults: c.expectedResults ?? null, ogpTransparency: c.ogpValues?.transparency ?? null,
      ogpAccountability: c.ogpValues?.accountability ?? null, ogpParticipation: c.ogpValues?.participation ?? null,
    };
  }
}

export function isStaff(viewer: Actor | null): boolean {
  return !!viewer && hasRole(viewer.roles, 'moderator');
}

/** Published proposals are public (even once withdrawn or expired); others only to their author and moderators. */
export function canSee(p: Pick<Proposal, 'status' | 'authorId' | 'publishedAt'>, viewer: Actor | null): boolean {
  if (p.publishedAt && PUBLISHED_STATUSES.includes(p.status)) return true;
  return !!viewer && (viewer.id === p.authorId || isStaff(viewer));
}
