import { type VoteRuleInput, voteRuleViolations } from './vote-rule.js';

const vote = (attendees: number, agreedToVote: number, votesFor: number, more: Partial<VoteRuleInput> = {}): VoteRuleInput => ({
  outcome: 'adopted',
  method: 'vote',
  attendees,
  agreedToVote,
  votesFor,
  votesAgainst: 0,
  abstentions: 0,
  ...more,
});

describe('the vote rule of seed 003', () => {
  it('consensus stands with no counts, and refuses any count', () => {
    expect(voteRuleViolations({ outcome: 'not_adopted', method: 'consensus', attendees: 1 })).toEqual([]);
    expect(voteRuleViolations({ outcome: 'adopted', method: 'consensus', attendees: 10, agreedToVote: null, votesFor: null })).toEqual([]);
    expect(voteRuleViolations({ outcome: 'adopted', method: 'consensus', attendees: 10, votesFor: 0 })).toEqual([
      'a consensus decision carries no vote counts (votesFor given)',
    ]);
  });

  it('holds a vote only if more than half of the attendees agree: exactly half is refused', () => {
    expect(voteRuleViolations(vote(10, 6, 6))).toEqual([]);
    expect(voteRuleViolations(vote(10, 5, 6))).toEqual([
      'a vote is held only if more than half of the attendees agree to vote: agreedToVote * 2 > attendees (5 of 10)',
    ]);
    // Odd attendance: 5 of 9 is more than half, 4 of 9 is not.
    expect(voteRuleViolations(vote(9, 5, 5))).toEqual([]);
    expect(voteRuleViolations(vote(9, 4, 5))).toHaveLength(1);
  });

  it('adopts with at least half of the attendees: exactly half passes, one fewer fails', () => {
    expect(voteRuleViolations(vote(10, 6, 5, { votesAgainst: 5 }))).toEqual([]);
    expect(voteRuleViolations(vote(10, 6, 5, { outcome: 'conditionally_adopted' }))).toEqual([]);
    expect(voteRuleViolations(vote(10, 6, 4))).toEqual([
      'adopting by vote needs at least half of the attendees: votesFor * 2 >= attendees (4 of 10)',
    ]);
    expect(voteRuleViolations(vote(9, 6, 5))).toEqual([]);
    expect(voteRuleViolations(vote(9, 6, 4, { outcome: 'conditionally_adopted' }))).toHaveLength(1);
  });

  it('refuses not_adopted when the vote carried, and takes it when it did not', () => {
    expect(voteRuleViolations(vote(10, 6, 4, { outcome: 'not_adopted', votesAgainst: 6 }))).toEqual([]);
    expect(voteRuleViolations(vote(10, 6, 5, { outcome: 'not_adopted' }))).toEqual([
      'the vote carried (votesFor * 2 >= attendees, 5 of 10): not_adopted contradicts it',
    ]);
  });

  it('never counts more than the attendees', () => {
    expect(voteRuleViolations(vote(10, 11, 6))).toEqual(['agreedToVote (11) cannot exceed the attendees (10)']);
    expect(voteRuleViolations(vote(10, 10, 6, { votesAgainst: 4 }))).toEqual([]);
    expect(voteRuleViolations(vote(10, 10, 6, { votesAgainst: 4, abstentions: 1 }))).toEqual([
      'votesFor + votesAgainst + abstentions (11) cannot exceed the attendees (10)',
    ]);
    expect(voteRuleViolations(vote(10, 10, 11, { votesAgainst: null, abstentions: null }))).toHaveLength(1);
  });

  it('takes non-negative integers only, and needs agreedToVote and votesFor', () => {
    expect(voteRuleViolations(vote(10, -1, 6))).toEqual(['vote counts are non-negative integers (agreedToVote)']);
    expect(voteRuleViolations(vote(10, 6, 5.5))).toEqual(['vote counts are non-negative integers (votesFor)']);
    expect(voteRuleViolations({ outcome: 'adopted', method: 'vote', attendees: 10 })).toEqual([
      'a vote records how many attendees agreed to vote (agreedToVote)',
      'a vote records the votes for (votesFor)',
    ]);
    expect(voteRuleViolations({ outcome: 'adopted', method: 'vote', attendees: 10, agreedToVote: 6, votesFor: 5 })).toEqual([]);
  });

  it('needs a meeting with attendees', () => {
    expect(voteRuleViolations({ outcome: 'adopted', method: 'consensus', attendees: 0 })).toEqual([
      'a decision needs a meeting with at least one attendee',
    ]);
  });
});
