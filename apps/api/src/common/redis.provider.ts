import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '#config';

export const API_REDIS = Symbol('API_REDIS');
export const InjectApiRedis = () => Inject(API_REDIS);

/**
 * The API's own Redis client (rate limits, health). Commands fail fast while Redis is down
 * instead of queueing, so a Redis outage never stalls a request.
 */
export const apiRedisProvider = {
  provide: API_REDIS,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    }).on('error', () => undefined),
};

@Injectable()
export class ApiRedisCloser implements OnApplicationShutdown {
  constructor(@InjectApiRedis() private readonly redis: Redis) {}
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

/** Redis for the API alone: rate limits and health. */
@Module({ providers: [apiRedisProvider, ApiRedisCloser], exports: [API_REDIS] })
export class ApiRedisModule {}
