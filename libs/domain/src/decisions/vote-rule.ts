import type { DecisionMethod, DecisionOutcome } from './decision.entities.js';

/** What the forum rule (seed 003) is checked against: the outcome, how it was reached, the counts and the attendees. */
export interface VoteRuleInput {
  outcome: DecisionOutcome;
  method: DecisionMethod;
  /** The number of the meeting's attendees. */
  attendees: number;
  agreedToVote?: number | null;
  votesFor?: number | null;
  votesAgainst?: number | null;
  abstentions?: number | null;
}

const COUNTS = ['agreedToVote', 'votesFor', 'votesAgainst', 'abstentions'] as const;

/** An adopting outcome: adopted, or adopted on a condition. */
export const isAdoptingOutcome = (o: DecisionOutcome): boolean => o === 'adopted' || o === 'conditionally_adopted';

/**
 * The task force's decision rule (seed 003, 推動小組 / 多元利害關係人論壇 operating rules), in one place:
 * 1. consensus (共識決) is the default, and a consensus decision carries no vote counts;
 * 2. a vote (表決) is held only if more than half (過半數) of the attendees agree to vote: `agreedToVote * 2 > attendees`;
 * 3. the decision then follows at least half (二分之一以上, "以上" includes the number) of the attendees: an adopting
 *    outcome needs `votesFor * 2 >= attendees`, and a vote that reached it cannot end as not adopted;
 * counts are non-negative integers, `agreedToVote <= attendees` and `votesFor + votesAgainst + abstentions <= attendees`.
 * Returns every rule the input breaks, each naming it (empty when the decision stands); the service refuses with 422.
 */
export function voteRuleViolations(d: VoteRuleInput): string[] {
  const out: string[] = [];
  if (!Number.isInteger(d.attendees) || d.attendees < 1) return ['a decision needs a meeting with at least one attendee'];
  const given = COUNTS.filter((k) => d[k] !== undefined && d[k] !== null);
  if (d.method === 'consensus') {
    if (given.length) out.push(`a consensus decision carries no vote counts (${given.join(', ')} given)`);
    return out;
  }
  const bad = given.filter((k) => !Number.isInteger(d[k]) || (d[k] as number) < 0);
  if (bad.length) return [`vote counts are non-negative integers (${bad.join(', ')})`];
  if (d.agreedToVote === undefined || d.agreedToVote === null) out.push('a vote records how many attendees agreed to vote (agreedToVote)');
  if (d.votesFor === undefined || d.votesFor === null) out.push('a vote records the votes for (votesFor)');
  if (out.length) return out;
  const agreed = d.agreedToVote!;
  const votesFor = d.votesFor!;
  const cast = votesFor + (d.votesAgainst ?? 0) + (d.abstentions ?? 0);
  if (agreed > d.attendees) out.push(`agreedToVote (${agreed}) cannot exceed the attendees (${d.attendees})`);
  if (cast > d.attendees) out.push(`votesFor + votesAgainst + abstentions (${cast}) cannot exceed the attendees (${d.attendees})`);
  if (agreed * 2 <= d.attendees)
    out.push(
      `a vote is held only if more than half of the attendees agree to vote: agreedToVote * 2 > attendees (${agreed} of ${d.attendees})`,
    );
  const carried = votesFor * 2 >= d.attendees;
  if (isAdoptingOutcome(d.outcome) && !carried)
    out.push(`adopting by vote needs at least half of the attendees: votesFor * 2 >= attendees (${votesFor} of ${d.attendees})`);
  if (d.outcome === 'not_adopted' && carried && !out.length)
    out.push(`the vote carried (votesFor * 2 >= attendees, ${votesFor} of ${d.attendees}): not_adopted contradicts it`);
  return out;
}
