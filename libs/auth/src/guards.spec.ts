import { type ExecutionContext, ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from './auth-user.js';
import { Auth, AuthVerified, RolesGuard } from './guards.js';

class Routes {
  @AuthVerified()
  propose() {}

  @Auth('moderator')
  review() {}
}

function ctx(handler: () => void, user: Partial<AuthUser>): ExecutionContext {
  return {
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ user: { roles: ['citizen'], emailVerified: true, ...user } }) }),
  } as unknown as ExecutionContext;
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it('refuses an unverified account where verification is required (403)', () => {
    expect(() => guard.canActivate(ctx(Routes.prototype.propose, { emailVerified: false }))).toThrow(
      new ForbiddenException('verify your email address first'),
    );
    expect(guard.canActivate(ctx(Routes.prototype.propose, { emailVerified: true }))).toBe(true);
  });

  it('refuses a user without the role, lets the role and admin through', () => {
    expect(() => guard.canActivate(ctx(Routes.prototype.review, {}))).toThrow(new ForbiddenException('this needs the moderator role'));
    expect(guard.canActivate(ctx(Routes.prototype.review, { roles: ['citizen', 'moderator'] }))).toBe(true);
    expect(guard.canActivate(ctx(Routes.prototype.review, { roles: ['citizen', 'admin'] }))).toBe(true);
  });
});
