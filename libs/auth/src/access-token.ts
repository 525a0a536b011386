import type { JwtModuleOptions } from '@nestjs/jwt';
import type { AppConfig } from '#config';

/**
 * Who issues access tokens and whom they are for, both derived from PUBLIC_URL: issuer `PUBLIC_URL`, audience
 * `PUBLIC_URL/api/v1`. A token signed for another installation (a staging copy that shares the secret by mistake)
 * or for another use of the secret is refused, and so is one without `exp` (jsonwebtoken would accept it forever).
 * Changing PUBLIC_URL signs everyone out (tokens live AUTH_ACCESS_TOKEN_TTL_SECONDS, an hour by default).
 */
export function accessTokenClaims(config: Pick<AppConfig, 'publicUrl'>): { issuer: string; audience: string } {
  return { issuer: config.publicUrl, audience: `${config.publicUrl}/api/v1` };
}

/** The options of JwtModule: HS256, the lifetime, and the issuer and audience signed and checked. */
export function jwtModuleOptions(config: Pick<AppConfig, 'publicUrl' | 'jwtSecret' | 'accessTokenTtlSeconds'>): JwtModuleOptions {
  const { issuer, audience } = accessTokenClaims(config);
  return {
    secret: config.jwtSecret,
    signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds, issuer, audience },
    verifyOptions: { algorithms: ['HS256'], issuer, audience },
  };
}
