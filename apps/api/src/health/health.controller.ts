import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { withTimeout } from '#config';
import { migrationsUpToDate } from '#database';
import { InjectApiRedis } from '../common/redis.provider.js';

/** `GET /health`: 200 {"status":"ok"} only when the database and Redis answer and migrations have run. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly ds: DataSource,
    @InjectApiRedis() private readonly redis: Redis,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2_000 }),
      async () => {
        const i = this.indicators.check('migrations');
        try {
          return (await migrationsUpToDate(this.ds)) ? i.up() : i.down({ message: 'pending migrations' });
        } catch (err) {
          return i.down({ message: (err as Error).message });
        }
      },
      async () => {
        const i = this.indicators.check('redis');
        try {
          await withTimeout(this.redis.ping(), 2_000);
          return i.up();
        } catch (err) {
          return i.down({ message: (err as Error).message });
        }
      },
    ]);
  }

  /** Liveness: the process answers. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
