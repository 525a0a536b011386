import {
  InvalidTransitionError,
  PROPOSAL_STATUSES,
  PUBLISHED_STATUSES,
  isAnswering,
  isAwaitingRouting,
  isEditable,
  isEndorsing,
  statusesAllowing,
  statusesSince,
  statusesWhere,
  transition,
} from './proposal-state.js';

describe('proposal state machine', () => {
  it('follows the contract', () => {
    expect(transition('pending_review', 'publish')).toBe('endorsing');
    expect(transition('pending_review', 'return')).toBe('returned');
    expect(transition('pending_review', 'reject')).toBe('rejected');
    expect(transition('returned', 'resubmit')).toBe('pending_review');
    expect(transition('endorsing', 'qualify')).toBe('qualified');
    expect(transition('endorsing', 'expire')).toBe('expired');
    expect(transition('endorsing', 'withdraw')).toBe('withdrawn');
    expect(transition('qualified', 'assign')).toBe('assigned');
    expect(transition('assigned', 'respond')).toBe('responded');
    expect(transition('responded', 'decide')).toBe('decided');
  });

  it('refuses every other move with a message that names it', () => {
    expect(() => transition('qualified', 'withdraw')).toThrow(new InvalidTransitionError('qualified', 'withdraw'));
    expect(() => transition('qualified', 'withdraw')).toThrow('a proposal that is qualified cannot be withdrawn');
    expect(() => transition('rejected', 'publish')).toThrow('a proposal that is rejected cannot be published');
    expect(() => transition('expired', 'qualify')).toThrow(InvalidTransitionError);
    for (const s of ['rejected', 'expired', 'withdrawn', 'decided'] as const) {
      expect(statusesAllowing('publish').includes(s)).toBe(false);
    }
  });

  it('withdrawal is possible only before qualification', () => {
    expect(statusesAllowing('withdraw')).toEqual(['pending_review', 'returned', 'endorsing']);
    expect(PROPOSAL_STATUSES.filter((s) => statusesAllowing('qualify').includes(s))).toEqual(['endorsing']);
  });

  it('derives the status groups the rules use from the moves', () => {
    expect(PUBLISHED_STATUSES).toEqual(['endorsing', 'qualified', 'expired', 'withdrawn', 'assigned', 'responded', 'decided']);
    expect(statusesWhere(isEndorsing)).toEqual(['endorsing']);
    expect(statusesWhere(isEditable)).toEqual(['pending_review', 'returned']);
    expect(statusesWhere(isAnswering)).toEqual(['assigned', 'responded']);
    expect(statusesWhere(isAwaitingRouting)).toEqual(['qualified']);
    expect(statusesSince('assign')).toEqual(['assigned', 'responded', 'decided']);
    expect(statusesSince('decide')).toEqual(['decided']);
  });
});
