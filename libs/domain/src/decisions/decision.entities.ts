import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MEMBER_SIDES = ['government', 'civil_society'] as const;
export type MemberSide = (typeof MEMBER_SIDES)[number];
export const MEMBER_ROLES = ['convener', 'co_convener', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const DECISION_OUTCOMES = ['adopted', 'conditionally_adopted', 'not_adopted'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
/** How a conditional adoption ends. */
export const CONCLUDED_OUTCOMES = ['adopted', 'not_adopted'] as const;
export type ConcludedOutcome = (typeof CONCLUDED_OUTCOMES)[number];
export const DECISION_METHODS = ['consensus', 'vote'] as const;
export type DecisionMethod = (typeof DECISION_METHODS)[number];

/** A member of the task force (推動小組), government or civil society; `until` ends the membership. */
@Entity({ name: 'task_force_members' })
export class TaskForceMember {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  side: MemberSide;

  @Column({ type: 'varchar', length: 20 })
  role: MemberRole;

  @Column({ name: 'agency_id', type: 'char', length: 36, nullable: true })
  agencyId: string | null;

  /** `YYYY-MM-DD` */
  @Column({ type: 'date', utc: true })
  since: string;

  @Column({ type: 'date', nullable: true, utc: true })
  until: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}

@Entity({ name: 'meetings' })
export class Meeting {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'int' })
  number: number;

  /** `YYYY-MM-DD` */
  @Column({ name: 'held_on', type: 'date', utc: true })
  heldOn: string;

  @Column({ name: 'title_zh', type: 'varchar', length: 300 })
  titleZh: string;

  @Column({ name: 'title_en', type: 'varchar', length: 300, nullable: true })
  titleEn: string | null;

  @Column({ name: 'minutes_url', type: 'varchar', length: 2000, nullable: true })
  minutesUrl: string | null;

  @Column({ name: 'transcript_url', type: 'varchar', length: 2000, nullable: true })
  transcriptUrl: string | null;

  @Column({ name: 'minutes_zh', type: 'mediumtext', nullable: true })
  minutesZh: string | null;

  @Column({ name: 'minutes_en', type: 'mediumtext', nullable: true })
  minutesEn: string | null;

  @Column({ name: 'created_by', type: 'char', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}

@Entity({ name: 'meeting_attendees' })
export class MeetingAttendee {
  @PrimaryColumn({ name: 'meeting_id', type: 'char', length: 36 })
  meetingId: string;

  @PrimaryColumn({ name: 'member_id', type: 'char', length: 36 })
  memberId: string;
}

@Entity({ name: 'meeting_agenda_items' })
export class MeetingAgendaItem {
  @PrimaryColumn({ name: 'meeting_id', type: 'char', length: 36 })
  meetingId: string;

  @PrimaryColumn({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @Column({ type: 'int' })
  position: number;
}

/**
 * The task force's decision on an answered proposal, with its public reasons (the OGP "reasoned response").
 * One per proposal. A conditional adoption is concluded later on the same row (`concluded*`).
 */
@Entity({ name: 'decisions' })
export class Decision {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'proposal_id', type: 'char', length: 36 })
  proposalId: string;

  @Column({ name: 'meeting_id', type: 'char', length: 36 })
  meetingId: string;

  @Column({ type: 'varchar', length: 30 })
  outcome: DecisionOutcome;

  @Column({ type: 'varchar', length: 20 })
  method: DecisionMethod;

  @Column({ type: 'mediumtext' })
  reasoning: string;

  @Column({ name: 'reasoning_en', type: 'mediumtext', nullable: true })
  reasoningEn: string | null;

  /** The condition of a conditional adoption, e.g. pending a working group's results. */
  @Column({ name: 'condition_zh', type: 'text', nullable: true })
  conditionZh: string | null;

  @Column({ name: 'condition_en', type: 'text', nullable: true })
  conditionEn: string | null;

  /** The meeting's attendee count the decision was checked against. */
  @Column({ type: 'int' })
  attendees: number;

  @Column({ name: 'agreed_to_vote', type: 'int', nullable: true })
  agreedToVote: number | null;

  @Column({ name: 'votes_for', type: 'int', nullable: true })
  votesFor: number | null;

  @Column({ name: 'votes_against', type: 'int', nullable: true })
  votesAgainst: number | null;

  @Column({ type: 'int', nullable: true })
  abstentions: number | null;

  @Column({ name: 'decided_by', type: 'char', length: 36 })
  decidedBy: string;

  @Column({ name: 'decided_at', type: 'datetime', precision: 6 })
  decidedAt: Date;

  @Column({ name: 'concluded_outcome', type: 'varchar', length: 30, nullable: true })
  concludedOutcome: ConcludedOutcome | null;

  @Column({ name: 'concluded_reasoning', type: 'mediumtext', nullable: true })
  concludedReasoning: string | null;

  @Column({ name: 'concluded_reasoning_en', type: 'mediumtext', nullable: true })
  concludedReasoningEn: string | null;

  @Column({ name: 'concluded_meeting_id', type: 'char', length: 36, nullable: true })
  concludedMeetingId: string | null;

  @Column({ name: 'concluded_by', type: 'char', length: 36, nullable: true })
  concludedBy: string | null;

  @Column({ name: 'concluded_at', type: 'datetime', precision: 6, nullable: true })
  concludedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}

/**
 * Whether a decision leaves the proposal adopted, for commitments: an adoption, a conditional adoption not yet
 * concluded, or one concluded as adopted. A conditional adoption concluded as not adopted is not.
 */
export function isAdoptingDecision(d: Pick<Decision, 'outcome' | 'concludedOutcome'>): boolean {
  if (d.outcome === 'adopted') return true;
  if (d.outcome === 'conditionally_adopted') return d.concludedOutcome !== 'not_adopted';
  return false;
}
