import { TAIPEI_OFFSET_MS, isoOrNull } from '../shared/index.js';
import type {
  ConcludedOutcome,
  Decision,
  DecisionMethod,
  DecisionOutcome,
  Meeting,
  MemberRole,
  MemberSide,
  TaskForceMember,
} from './decision.entities.js';
import { isAdoptingDecision } from './decision.entities.js';

/** Today's calendar date in Taiwan (YYYY-MM-DD): memberships and meetings are dated in Taiwan. */
export function taipeiToday(now: Date): string {
  return new Date(now.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a membership covers a date (YYYY-MM-DD): since <= date and (no end or until >= date). */
export function coversDate(m: Pick<TaskForceMember, 'since' | 'until'>, date: string): boolean {
  return m.since <= date && (m.until === null || m.until >= date);
}

/** Half government, half civil society is the rule (seed 003): the counts on each side. */
export interface Balance {
  government: number;
  civilSociety: number;
}

export function balanceOf(members: Pick<TaskForceMember, 'side'>[]): Balance {
  const government = members.filter((m) => m.side === 'government').length;
  return { government, civilSociety: members.length - government };
}

export interface MemberView {
  id: string;
  name: string;
  side: MemberSide;
  role: MemberRole;
  agencyId: string | null;
  since: string;
  until: string | null;
  /** A member on today's date in Taiwan. */
  current: boolean;
}

export function memberView(m: TaskForceMember, today: string): MemberView {
  return {
    id: m.id,
    name: m.name,
    side: m.side,
    role: m.role,
    agencyId: m.agencyId,
    since: m.since,
    until: m.until,
    current: coversDate(m, today),
  };
}

/** A meeting as a decision names it. */
export interface MeetingRef {
  id: string;
  number: number;
  heldOn: string;
}

export const meetingRef = (m: Pick<Meeting, 'id' | 'number' | 'heldOn'>): MeetingRef => ({ id: m.id, number: m.number, heldOn: m.heldOn });

export interface ConclusionView {
  outcome: ConcludedOutcome;
  reasoning: string;
  reasoningEn: string | null;
  meetingId: string | null;
  meeting: MeetingRef | null;
  concludedAt: string;
}

/** A decision with its public reasons, the meeting that took it, the counts and (for a conditional adoption) its conclusion. */
export interface DecisionView {
  id: string;
  proposalId: string;
  meetingId: string;
  meeting: MeetingRef | null;
  outcome: DecisionOutcome;
  method: DecisionMethod;
  reasoning: string;
  reasoningEn: string | null;
  condition: string | null;
  conditionEn: string | null;
  /** The attendee count the vote rule was checked against. */
  attendees: number;
  agreedToVote: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  decidedAt: string;
  /** Whether the proposal stands adopted now (adopted, or conditionally and not concluded otherwise). */
  adopting: boolean;
  conclusion: ConclusionView | null;
  updatedAt: string;
}

export function decisionView(d: Decision, meetings: Map<string, MeetingRef>): DecisionView {
  return {
    id: d.id,
    proposalId: d.proposalId,
    meetingId: d.meetingId,
    meeting: meetings.get(d.meetingId) ?? null,
    outcome: d.outcome,
    method: d.method,
    reasoning: d.reasoning,
    reasoningEn: d.reasoningEn,
    condition: d.conditionZh,
    conditionEn: d.conditionEn,
    attendees: d.attendees,
    agreedToVote: d.agreedToVote,
    votesFor: d.votesFor,
    votesAgainst: d.votesAgainst,
    abstentions: d.abstentions,
    decidedAt: d.decidedAt.toISOString(),
    adopting: isAdoptingDecision(d),
    conclusion:
      d.concludedOutcome && d.concludedAt
        ? {
            outcome: d.concludedOutcome,
            reasoning: d.concludedReasoning ?? '',
            reasoningEn: d.concludedReasoningEn,
            meetingId: d.concludedMeetingId,
            meeting: d.concludedMeetingId ? (meetings.get(d.concludedMeetingId) ?? null) : null,
            concludedAt: isoOrNull(d.concludedAt)!,
          }
        : null,
    updatedAt: d.updatedAt.toISOString(),
  };
}
