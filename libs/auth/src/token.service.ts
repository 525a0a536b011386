import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { User } from '#domain';
import type { AccessTokenPayload } from './auth-user.js';

@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(user: Pick<User, 'id' | 'tokenVersion'>): string {
    const payload: AccessTokenPayload = { sub: user.id, tv: user.tokenVersion };
    return this.jwt.sign(payload);
  }
}
