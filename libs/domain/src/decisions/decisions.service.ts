import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { AssignmentsService } from '../assignments/index.js';
import { EndorserFanOut } from '../notifications/index.js';
import { ProposalResponse } from '../responses/index.js';
import {
  type EventActor,
  type Proposal,
  canSee,
  lockProposal,
  lockProposalOrFail,
  moveProposal,
  recordEvent,
  transition,
} from '../proposals/index.js';
import { type Actor, ConflictError, NotFoundError, RuleViolationError, isDuplicateKeyError } from '../shared/index.js';
import {
  type ConcludedOutcome,
  Decision,
  type DecisionMethod,
  type DecisionOutcome,
  Meeting,
  MeetingAttendee,
} from './decision.entities.js';
import { type DecisionView, taipeiToday } from './decision-views.js';
import { DecisionsQueries } from './decisions-queries.service.js';
import { DecisionsMessages } from './decisions.messages.js';
import { assertTaskForce } from './decisions.policy.js';
import { appendToAgenda } from './decisions.queries.js';
import { voteRuleViolations } from './vote-rule.js';

export interface DecisionInput {
  meetingId: string;
  outcome: DecisionOutcome;
  method: DecisionMethod;
  reasoning: string;
  reasoningEn?: string | null;
  /** The condition of a conditional adoption (e.g. pending a working group's results), and its English. */
  condition?: string | null;
  conditionEn?: string | null;
  agreedToVote?: number | null;
  votesFor?: number | null;
  votesAgainst?: number | null;
  abstentions?: number | null;
}

export interface ConclusionInput {
  outcome: ConcludedOutcome;
  reasoning: string;
  reasoningEn?: string | null;
  meetingId?: string | null;
}

export interface TranslationInput {
  reasoningEn: string;
  conditionEn?: string | null;
  concludedReasoningEn?: string | null;
}

const TASK_FORCE = (actor: Actor): EventActor => ({ id: actor.id, role: 'task_force' });

/**
 * The task force's decisions on answered proposals, with public reasons, under seed 003's rule (vote-rule.ts):
 * one per proposal; it moves the proposal to `decided`, closes the assignments still open, puts the proposal on
 * the meeting's agenda, writes the timeline and tells author and endorsers. A conditional adoption is concluded later.
 */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly assignments: AssignmentsService,
    private readonly queries: DecisionsQueries,
    private readonly messages: DecisionsMessages,
    private readonly fanOut: EndorserFanOut,
  ) {}

  async decide(actor: Actor, proposalId: string, input: DecisionInput): Promise<DecisionView> {
    assertTaskForce(actor);
    let decisionId: string;
    try {
      decisionId = await this.ds.transaction(async (em) => {
        // The proposal's lock first, as every writer takes it: a second submit waits here, then sees the first.
        const p = await lockProposal(em, proposalId);
        if (!p || !canSee(p, null)) throw new NotFoundError('proposal', proposalId);
        if (await em.existsBy(Decision, { proposalId })) throw alreadyDecided();
        // Only a `responded` proposal: the state machine's 409 names the refused move.
        transition(p.status, 'decide');
        const now = this.clock.now();
        const meeting = await this.heldMeeting(em, input.meetingId, now);
        await assertAfterAnswer(em, p.id, meeting);
        const attendees = await em.countBy(MeetingAttendee, { meetingId: meeting.id });
        const violations = [...voteRuleViolations({ ...input, attendees }), ...conditionViolations(input)];
        if (violations.length) throw new RuleViolationError(violations.join('; '));
        const vote = input.method === 'vote';
        const d: Decision = {
          id: newId(),
          proposalId,
          meetingId: meeting.id,
          outcome: input.outcome,
          method: input.method,
          reasoning: input.reasoning,
          reasoningEn: input.reasoningEn || null,
          conditionZh: input.condition || null,
          conditionEn: input.conditionEn || null,
          attendees,
          agreedToVote: vote ? (input.agreedToVote ?? null) : null,
          votesFor: vote ? (input.votesFor ?? null) : null,
          votesAgainst: vote ? (input.votesAgainst ?? null) : null,
          abstentions: vote ? (input.abstentions ?? null) : null,
          decidedBy: actor.id,
          decidedAt: now,
          concludedOutcome: null,
          concludedReasoning: null,
          concludedReasoningEn: null,
          concludedMeetingId: null,
          concludedBy: null,
          concludedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        // The unique key on proposal_id is the last guard, should anything reach here twice.
        await em.insert(Decision, d);
        await this.afterDecision(em, p, d, meeting, actor, now);
        return d.id;
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw alreadyDecided();
      throw err;
    }
    return this.queries.get(decisionId);
  }

  /** Ends a conditional adoption, adopted or not, with reasons (and the meeting that concluded it, when one did). */
  async conclude(actor: Actor, decisionId: string, input: ConclusionInput): Promise<DecisionView> {
    assertTaskForce(actor);
    // Looked up outside the transaction, whose first statement must be the proposal's lock.
    const pre = await this.ds.getRepository(Decision).findOne({ where: { id: decisionId }, select: { id: true, proposalId: true } });
    if (!pre) throw new NotFoundError('decision', decisionId);
    await this.ds.transaction(async (em) => {
      const p = await lockProposalOrFail(em, pre.proposalId);
      const d = await em.findOneOrFail(Decision, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (d.outcome !== 'conditionally_adopted') throw new ConflictError(`a decision that is ${d.outcome} has nothing to conclude`);
      if (d.concludedOutcome) throw new ConflictError('this conditional adoption has already been concluded');
      const now = this.clock.now();
      const meeting = input.meetingId ? await this.heldMeeting(em, input.meetingId, now) : null;
      if (meeting) {
        const deciding = await em.findOneByOrFail(Meeting, { id: d.meetingId });
        if (meeting.heldOn < deciding.heldOn)
          throw new RuleViolationError(
            `a conclusion comes after the decision: meeting No. ${meeting.number} (${meeting.heldOn}) precedes the deciding meeting No. ${deciding.number} (${deciding.heldOn})`,
          );
      }
      const patch = {
        concludedOutcome: input.outcome,
        concludedReasoning: input.reasoning,
        concludedReasoningEn: input.reasoningEn || null,
        concludedMeetingId: meeting?.id ?? null,
        concludedBy: actor.id,
        concludedAt: now,
        updatedAt: now,
      };
      await em.update(Decision, { id: d.id }, patch);
      Object.assign(d, patch);
      if (meeting) await appendToAgenda(em, meeting.id, p.id);
      await recordEvent(em, now, p.id, 'decision_concluded', TASK_FORCE(actor), {
        decisionId: d.id,
        outcome: input.outcome,
        meetingId: meeting?.id ?? null,
      });
      await this.messages.concluded(em, p, d);
      await this.fanOut.startWithin(em, { proposalId: p.id, event: 'decision_concluded', decisionId: d.id, afterUserId: null });
    });
    return this.queries.get(decisionId);
  }

  /** The English text may follow the Chinese later (the bilingual rule lets translation lag). */
  async translate(actor: Actor, decisionId: string, input: TranslationInput): Promise<DecisionView> {
    assertTaskForce(actor);
    await this.ds.transaction(async (em) => {
      const d = await em.findOne(Decision, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (!d) throw new NotFoundError('decision', decisionId);
      if (input.conditionEn && !d.conditionZh) throw new RuleViolationError('conditionEn translates a condition: this decision has none');
      if (input.concludedReasoningEn && !d.concludedOutcome)
        throw new RuleViolationError('concludedReasoningEn translates a conclusion: this decision is not concluded');
      await em.update(
        Decision,
        { id: d.id },
        {
          reasoningEn: input.reasoningEn,
          ...(input.conditionEn ? { conditionEn: input.conditionEn } : {}),
          ...(input.concludedReasoningEn ? { concludedReasoningEn: input.concludedReasoningEn } : {}),
          updatedAt: this.clock.now(),
        },
      );
    });
    return this.queries.get(decisionId);
  }

  private async afterDecision(em: EntityManager, p: Proposal, d: Decision, meeting: Meeting, actor: Actor, now: Date): Promise<void> {
    await moveProposal(em, p, 'decide', now);
    const closed = await this.assignments.closeOpenWithin(em, p.id, 'the task force decided the proposal', now);
    await appendToAgenda(em, meeting.id, p.id);
    await recordEvent(em, now, p.id, 'decided', TASK_FORCE(actor), {
      decisionId: d.id,
      meetingId: meeting.id,
      meetingNumber: meeting.number,
      outcome: d.outcome,
      method: d.method,
      attendees: d.attendees,
      agreedToVote: d.agreedToVote,
      votesFor: d.votesFor,
      votesAgainst: d.votesAgainst,
      abstentions: d.abstentions,
      ...(closed.length ? { closedAssignmentIds: closed } : {}),
    });
    await this.messages.decided(em, p, d);
    await this.fanOut.startWithin(em, { proposalId: p.id, event: 'decided', decisionId: d.id, afterUserId: null });
  }

  /** The meeting named in the body: it must exist and have been held (its date not after today in Taiwan). */
  private async heldMeeting(em: EntityManager, meetingId: string, now: Date): Promise<Meeting> {
    // Locked (after the proposal, so the order stays proposal → meeting): decisions of one meeting append to its
    // agenda (MAX(position) + 1), and two of them at once would otherwise deadlock on the agenda's range.
    const meeting = await em.findOne(Meeting, { where: { id: meetingId }, lock: { mode: 'pessimistic_write' } });
    if (!meeting) throw new RuleViolationError(`meetingId must name a meeting of the task force: no meeting ${meetingId}`);
    if (meeting.heldOn > taipeiToday(now))
      throw new RuleViolationError(
        `a decision is recorded for a meeting that has been held: meeting No. ${meeting.number} is on ${meeting.heldOn}`,
      );
    return meeting;
  }
}

/** A decision answers the agency's response: it cannot be taken at a meeting held before the lead agency answered. */
async function assertAfterAnswer(em: EntityManager, proposalId: string, meeting: Meeting): Promise<void> {
  const first = await em.findOne(ProposalResponse, {
    where: { proposalId, role: 'lead', status: 'published' },
    order: { publishedAt: 'ASC' },
  });
  const answeredOn = first?.publishedAt ? taipeiToday(first.publishedAt) : null;
  if (answeredOn && meeting.heldOn < answeredOn)
    throw new RuleViolationError(
      `a decision is taken after the lead agency's answer (${answeredOn}): meeting No. ${meeting.number} was held on ${meeting.heldOn}`,
    );
}

const alreadyDecided = () =>
  new ConflictError('the task force has already decided this proposal (a conditional adoption is concluded, not decided again)');

/** A conditional adoption states its condition; no other outcome has one. */
function conditionViolations(input: DecisionInput): string[] {
  if (input.outcome === 'conditionally_adopted')
    return input.condition ? [] : ['a conditional adoption states its condition (condition), e.g. pending a working group'];
  return input.condition || input.conditionEn ? [`only a conditional adoption has a condition (outcome is ${input.outcome})`] : [];
}
