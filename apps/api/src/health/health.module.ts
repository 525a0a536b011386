import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ApiRedisModule } from '../common/redis.provider.js';
import { HealthController } from './health.controller.js';

/** `/health` and `/health/live`, at the root (outside /api/v1): what load balancers and compose probe. */
@Module({
  imports: [TerminusModule, ApiRedisModule],
  controllers: [HealthController],
})
export class HealthModule {}
