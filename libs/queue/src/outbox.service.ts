import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import type { JobName, JobPayloads } from './jobs.js';
import { OutboxMessage } from './outbox-message.entity.js';

/**
 * Producer side of the transactional outbox. Call it with the EntityManager of the transaction
 * that makes the domain change: the job exists if and only if the change committed.
 * Never call queue.add() from request code.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly clock: Clock) {}

  async add<N extends JobName>(
    em: EntityManager,
    name: N,
    payload: JobPayloads[N],
    opts: { availableAt?: Date; dedupeKey?: string } = {},
  ): Promise<void> {
    const now = this.clock.now();
    const row = {
      id: newId(),
      jobName: name,
      dedupeKey: opts.dedupeKey ?? null,
      payload: payload as never,
      availableAt: opts.availableAt ?? now,
      dispatchedAt: null,
      doneAt: null,
      attempts: 0,
      lastError: null,
      createdAt: now,
    };
    if (!opts.dedupeKey) {
      await em.insert(OutboxMessage, row);
      return;
    }
    // A key queued before (by this job's earlier run) keeps its row; the statement changes nothing then.
    await em.createQueryBuilder().insert().into(OutboxMessage).values(row).orUpdate(['dedupe_key'], ['dedupe_key']).execute();
  }
}
