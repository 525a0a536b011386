import { createHash } from 'node:crypto';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Response } from 'express';
import { AppConfig } from '#config';
import { canonicalEmail } from '#domain';

/** What every 429 of the auth routes says (the words are the API's, like every error message). */
export const TOO_MANY_ATTEMPTS = 'too many attempts; try again later';

/**
 * ThrottlerGuard for the auth routes (the per-IP and per-account limits of ApiModule), answering 429 with the
 * standard `Retry-After` (seconds) as well: the library sets only `Retry-After-<throttler>`.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}

/**
 * Account mail (a password reset link, a new verification link) to one mailbox, counted by its canonical address
 * in the same Redis counters as the other limits: AUTH_MAIL_LIMIT_PER_ADDRESS per AUTH_MAIL_WINDOW_SECONDS, however
 * many clients and addresses ask, then 429 with Retry-After. On top of the per-IP limit of the auth routes.
 */
@Injectable()
export class AccountMailLimit {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  /**
   * Counts one request for mail to `address`. Counted whether or not an account uses the address, and before
   * looking, so a 429 says nothing about that either.
   */
  async take(address: string, res: Response): Promise<void> {
    const { perAddress, windowSeconds } = this.config.accountMailLimits;
    const ttl = windowSeconds * 1000;
    // Hashed, like the library's keys: no addresses in Redis.
    const key = createHash('sha256')
      .update(`account-mail:${canonicalEmail(address)}`)
      .digest('hex');
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(key, ttl, perAddress, ttl, 'mailbox');
    if (!isBlocked) return;
    res.setHeader('Retry-After', String(Math.max(1, timeToBlockExpire)));
    throw new ThrottlerException(TOO_MANY_ATTEMPTS);
  }
}
