import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '#config';
import { jwtModuleOptions } from './access-token.js';
import { TokenService } from './token.service.js';

describe('TokenService', () => {
  it('issues HS256 access tokens that carry the user, the token version, an expiry, the issuer and the audience', () => {
    const config = AppConfig.fromEnv({
      NODE_ENV: 'test',
      JWT_SECRET: 's'.repeat(32),
      PUBLIC_URL: 'https://join.example.org',
      AUTH_ACCESS_TOKEN_TTL_SECONDS: '900',
    });
    const jwt = new JwtService(jwtModuleOptions(config));
    const token = new TokenService(jwt).issue({ id: 'user-1', tokenVersion: 3 });
    const payload = jwt.verify<{ sub: string; tv: number; iat: number; exp: number; iss: string; aud: string }>(token);
    expect(payload).toMatchObject({ sub: 'user-1', tv: 3, iss: 'https://join.example.org', aud: 'https://join.example.org/api/v1' });
    expect(payload.exp - payload.iat).toBe(900);
    expect(() => new JwtService({ secret: 'x'.repeat(32) }).verify(token)).toThrow('invalid signature');
    // Another installation (another PUBLIC_URL) with the same secret does not take it.
    const staging = new JwtService(jwtModuleOptions({ ...config, publicUrl: 'https://staging.example.org', jwtSecret: config.jwtSecret }));
    expect(() => staging.verify(token)).toThrow(/jwt audience invalid|jwt issuer invalid/);
  });
});
