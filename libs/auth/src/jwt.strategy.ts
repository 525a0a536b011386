import { createSecretKey } from 'node:crypto';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '#config';
import { AccountsService } from '#domain';
import { accessTokenClaims } from './access-token.js';
import type { AccessTokenPayload, AuthUser } from './auth-user.js';

/**
 * Bearer access tokens: HS256, this installation's issuer and audience (accessTokenClaims), an `exp` in the future.
 * The account is re-read on every request, so role changes apply at once, and a token whose version is older than
 * the account's (the password changed) is refused.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly accounts: AccountsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: jsonwebtoken would otherwise try to parse the string as a PEM key on every request.
      // (passport-jwt's types predate KeyObject; jsonwebtoken accepts it.)
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
      ...accessTokenClaims(config),
    });
  }

  async validate(payload: AccessTokenPayload & { exp?: unknown }): Promise<AuthUser> {
    // jsonwebtoken checks `exp` only when there is one: a token without it would never expire.
    if (typeof payload.exp !== 'number') throw new UnauthorizedException('the access token has no expiry; sign in again');
    const user = typeof payload.sub === 'string' ? await this.accounts.findPrincipal(payload.sub) : null;
    if (!user || user.tokenVersion !== payload.tv) {
      throw new UnauthorizedException('the access token is no longer valid; sign in again');
    }
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      agencyId: user.agencyId,
      locale: user.locale,
      emailVerified: user.emailVerifiedAt !== null,
    };
  }
}
