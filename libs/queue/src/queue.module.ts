import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#config';
import { ALL_QUEUE_NAMES } from './jobs.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { OutboxService } from './outbox.service.js';

/** The outbox producer. Needs only the database: producing a job never touches Redis. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}

const bullRoot = BullModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => ({
    connection: { url: config.redisUrl, maxRetriesPerRequest: null },
    prefix: config.queuePrefix,
  }),
});
const queues = BullModule.registerQueue(...ALL_QUEUE_NAMES.map((name) => ({ name })));

/** BullMQ connection and queues, for the worker (the outbox relay and the processors). */
@Module({
  imports: [bullRoot, queues],
  exports: [bullRoot, queues],
})
export class QueueModule {}
