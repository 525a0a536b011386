import { hasRole } from './roles.js';

describe('hasRole', () => {
  it('grants what is held, and admin counts as every role', () => {
    expect(hasRole(['citizen', 'moderator'], 'moderator')).toBe(true);
    expect(hasRole(['citizen'], 'moderator')).toBe(false);
    expect(hasRole(['citizen', 'admin'], 'task_force')).toBe(true);
    expect(hasRole(['citizen', 'agency_staff'], 'admin')).toBe(false);
  });
});
