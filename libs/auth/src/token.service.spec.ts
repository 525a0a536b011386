import { JwtService } from '@nestjs/jwt';
import { TokenService } from './token.service.js';

describe('TokenService', () => {
  it('issues HS256 access tokens that carry the user, the token version and an expiry', () => {
    const jwt = new JwtService({ secret: 's'.repeat(32), signOptions: { algorithm: 'HS256', expiresIn: 900 } });
    const token = new TokenService(jwt).issue({ id: 'user-1', tokenVersion: 3 });
    const payload = jwt.verify<{ sub: string; tv: number; iat: number; exp: number }>(token);
    expect(payload).toMatchObject({ sub: 'user-1', tv: 3 });
    expect(payload.exp - payload.iat).toBe(900);
    expect(() => new JwtService({ secret: 'x'.repeat(32) }).verify(token)).toThrow('invalid signature');
  });
});
