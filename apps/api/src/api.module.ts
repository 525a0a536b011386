import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule, seconds } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { AuthModule, RedisThrottlerStorage } from '#auth';
import { AppConfig, ConfigModule, LoggingModule } from '#config';
import { DatabaseModule } from '#database';
import { DomainModule } from '#domain';
import { AdminUsersQueryService } from './admin/admin-users-query.service.js';
import { AdminUsersController } from './admin/admin-users.controller.js';
import { AgenciesController } from './agencies/agencies.controller.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { BootstrapService } from './bootstrap.service.js';
import { CallsController } from './calls/calls.controller.js';
import { API_REDIS, ApiRedisCloser, apiRedisProvider } from './common/redis.provider.js';
import { DevMailModule } from './dev-mail/dev-mail.module.js';
import { HealthController } from './health/health.controller.js';
import { MeController } from './me/me.controller.js';
import { AccountPagesController } from './pages/account.pages.controller.js';
import { ProposalPagesController } from './pages/proposal.pages.controller.js';
import { UnsubscribePagesController } from './pages/unsubscribe.pages.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { ModerationController, ProposalsController } from './proposals/proposals.controller.js';
import { ResponsesController } from './responses/responses.controller.js';

function emailOf(req: Request): string | undefined {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined;
}

/** Redis for the API alone: rate limits and health. */
@Module({ providers: [apiRedisProvider, ApiRedisCloser], exports: [API_REDIS] })
class ApiRedisModule {}

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    DomainModule,
    AuthModule,
    TerminusModule,
    ApiRedisModule,
    DevMailModule,
    ThrottlerModule.forRootAsync({
      imports: [ApiRedisModule],
      inject: [AppConfig, API_REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          // Per client address (behind TRUST_PROXY, the forwarded one), per route.
          { name: 'ip', ttl: seconds(config.loginLimits.windowSeconds), limit: config.loginLimits.perIp },
          // Per account: the email in the body, whatever address the attempts come from.
          {
            name: 'account',
            ttl: seconds(config.loginLimits.windowSeconds),
            limit: config.loginLimits.perAccount,
            getTracker: (req: Record<string, unknown>) => emailOf(req as unknown as Request) ?? '',
            skipIf: (ctx) => !emailOf(ctx.switchToHttp().getRequest<Request>()),
          },
        ],
        storage: new RedisThrottlerStorage(redis, config.queuePrefix),
        errorMessage: 'too many attempts; try again later',
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    AdminUsersController,
    AgenciesController,
    CallsController,
    PlansController,
    HealthController,
    AccountPagesController,
    UnsubscribePagesController,
    ProposalPagesController,
    ProposalsController,
    ModerationController,
    AssignmentsController,
    ResponsesController,
  ],
  providers: [BootstrapService, AdminUsersQueryService],
})
export class ApiModule {}
