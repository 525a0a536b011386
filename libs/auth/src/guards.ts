import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UseGuards,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type Role, hasRole } from '#domain';
import type { AuthUser } from './auth-user.js';

const ROLES_KEY = 'auth:roles';
const VERIFIED_KEY = 'auth:verified';

/** 401 unless a valid bearer token is sent. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}

/** Reads a bearer token when one is sent; anonymous otherwise (an invalid token counts as none). */
@Injectable()
export class OptionalJwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser>(_err: unknown, user: TUser | false): TUser | null {
    return user || null;
  }
}

/** 403 unless the user holds one of the required roles (admin holds all) and, if asked, is verified. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) return false;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const needVerified = this.reflector.getAllAndOverride<boolean>(VERIFIED_KEY, targets);
    if (needVerified && !user.emailVerified) {
      throw new ForbiddenException('verify your email address first');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !roles.some((r) => hasRole(user.roles, r))) {
      throw new ForbiddenException(`this needs the ${roles.join(' or ')} role`);
    }
    return true;
  }
}

/** Signed in, and (when roles are given) holding one of them. */
export function Auth(...roles: Role[]) {
  return applyDecorators(SetMetadata(ROLES_KEY, roles), UseGuards(JwtAuthGuard, RolesGuard));
}

/** Signed in with a verified email address (and one of the roles, when given). */
export function AuthVerified(...roles: Role[]) {
  return applyDecorators(SetMetadata(VERIFIED_KEY, true), Auth(...roles));
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
