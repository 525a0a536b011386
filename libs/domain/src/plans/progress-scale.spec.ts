import { completionOf } from './progress-scale.js';

describe('progress on the independent reviewers’ completion scale', () => {
  it('maps the 3-level scale and the complete flag as the contract says', () => {
    expect(completionOf('not_started', false)).toBe('not_started');
    expect(completionOf('limited', false)).toBe('limited');
    expect(completionOf('substantial_or_complete', false)).toBe('substantial');
    expect(completionOf('substantial_or_complete', true)).toBe('complete');
  });
});
