import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#config';
import { BatchPool } from './batch-pool.js';
import { databaseOptions } from './database-options.js';

/**
 * The TypeORM connection (entities are registered by their feature modules: autoLoadEntities) and the
 * batch pool for hot paths. Global: every module may inject the pool; there is one per process.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.databaseUrl),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [BatchPool],
  exports: [BatchPool],
})
export class DatabaseModule {}
