import { Module } from '@nestjs/common';
import { ThrottlerModule, seconds } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { AuthModule, RedisThrottlerStorage } from '#auth';
import { AppConfig, ConfigModule, LoggingModule } from '#config';
import { DatabaseModule } from '#database';
import { DomainModule, canonicalEmail } from '#domain';
import { TOO_MANY_ATTEMPTS } from './accounts/auth-throttling.js';
import { ApiV1Module } from './api-v1.module.js';
import { BootstrapService } from './bootstrap.service.js';
import { API_REDIS, ApiRedisModule } from './common/redis.provider.js';
import { UntrustedInputModule } from './common/untrusted-input.js';
import { DevMailModule } from './dev-mail/dev-mail.module.js';
import { HealthModule } from './health/health.module.js';
import { PagesModule } from './pages.module.js';

/** The account a request names: the mailbox of the email in its body (any spelling of it counts as the same). */
function accountOf(req: Request): string | undefined {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() ? canonicalEmail(email) : undefined;
}

/**
 * The HTTP app: the JSON API under /api/v1 (ApiV1Module), and at the root the pages, health and, in
 * development, the mail catcher.
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    DomainModule,
    AuthModule,
    ApiRedisModule,
    // Every body and query string checked before guards and handlers see it (depth, prototype keys, characters).
    UntrustedInputModule,
    // Global: its options apply wherever ThrottlerGuard is used (the auth routes: AuthController's AuthThrottlerGuard).
    ThrottlerModule.forRootAsync({
      imports: [ApiRedisModule],
      inject: [AppConfig, API_REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          // Per client address (behind TRUST_PROXY, the forwarded one), per route.
          { name: 'ip', ttl: seconds(config.loginLimits.windowSeconds), limit: config.loginLimits.perIp },
          // Per account: the mailbox of the email in the body (A.B+x@GMail.com is ab@gmail.com), whatever address
          // the attempts come from.
          {
            name: 'account',
            ttl: seconds(config.loginLimits.windowSeconds),
            limit: config.loginLimits.perAccount,
            getTracker: (req: Record<string, unknown>) => accountOf(req as unknown as Request) ?? '',
            skipIf: (ctx) => !accountOf(ctx.switchToHttp().getRequest<Request>()),
          },
        ],
        storage: new RedisThrottlerStorage(redis, config.queuePrefix),
        errorMessage: TOO_MANY_ATTEMPTS,
      }),
    }),
    ApiV1Module,
    HealthModule,
    PagesModule,
    DevMailModule,
  ],
  providers: [BootstrapService],
})
export class ApiModule {}
