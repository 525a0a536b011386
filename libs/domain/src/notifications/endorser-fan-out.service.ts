import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MailService } from '#mail';
import { JobName, OutboxService } from '#queue';
import { type FanOutJob, FanOutRegistry } from './fan-out.registry.js';
import { MailPreferencesService, scopeKey } from './mail-preferences.service.js';

export const ENDORSER_BATCH = 500;

/**
 * The endorser fan-out engine: mail about one event of a proposal to every subscribed endorser, in batches of
 * ENDORSER_BATCH, each batch a job that queues the next one in the same transaction as its mail. The context
 * that sends each kind of message registers its resolver in the FanOutRegistry (qualification: endorsements;
 * responses: responses), and endorsements registers as the subscriber source.
 */
@Injectable()
export class EndorserFanOut {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
    private readonly prefs: MailPreferencesService,
    private readonly registry: FanOutRegistry,
  ) {}

  /** Starts telling the endorsers, inside the transaction that commits the event. */
  async startWithin(em: EntityManager, job: FanOutJob): Promise<void> {
    await this.outbox.add(em, JobName.ProposalNotifyEndorsers, job);
  }

  /** Queues the batch after `afterUserId`; keyed, so a batch that runs twice queues its successor once. */
  private async nextWithin(em: EntityManager, job: FanOutJob, afterUserId: string): Promise<void> {
    const event = job.event === 'responded' ? `responded:${job.responseId}` : job.event;
    await this.outbox.add(
      em,
      JobName.ProposalNotifyEndorsers,
      { ...job, afterUserId },
      { dedupeKey: `fan-out:${job.proposalId}:${event}:${afterUserId}` },
    );
  }

  /**
   * Mails one batch of the proposal's subscribed endorsers (the author has their own mail) about one event,
   * and queues the next batch in the same transaction. Each mail has its own idempotency key and the next batch
   * its dedupe key, so a batch that runs twice queues nothing new. Returns how many endorsers the batch covered.
   */
  async notifyBatch(job: FanOutJob): Promise<number> {
    const rows = await this.registry.subscribers().page(job.proposalId, job.afterUserId, ENDORSER_BATCH);
    if (!rows.length) return 0;
    const message = await this.registry.resolver(job.event)(job);
    const scope = { proposalId: job.proposalId };
    // Signed before the transaction: the links need the installation secret, loaded outside it.
    const links = await Promise.all(rows.map((r) => this.prefs.unsubscribeUrl(r.userId, scope)));
    await this.ds.transaction(async (em) => {
      for (const [i, r] of rows.entries()) {
        await this.mail.queue(em, {
          template: message.template,
          to: r.email,
          locale: r.locale,
          userId: r.userId,
          idempotencyKey: `${message.key}:endorser:${r.userId}`,
          optOutScope: scopeKey(scope),
          params: { ...message.params, displayName: r.displayName, unsubscribeUrl: links[i] } as never,
        });
      }
      if (rows.length === ENDORSER_BATCH) await this.nextWithin(em, job, rows[rows.length - 1]!.userId);
    });
    return rows.length;
  }
}
