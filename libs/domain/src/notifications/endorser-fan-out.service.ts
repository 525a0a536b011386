import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MailService, type MailTemplateName } from '#mail';
import { JobName, type JobPayloads, OutboxService } from '#queue';
import { MailPreferencesService, scopeKey } from './mail-preferences.service.js';

export const ENDORSER_BATCH = 500;

export type FanOutJob = JobPayloads[typeof JobName.ProposalNotifyEndorsers];
export type FanOutEvent = FanOutJob['event'];

/** A subscribed endorser of a proposal, as mail needs them. */
export interface Subscriber {
  userId: string;
  email: string;
  locale: string;
  displayName: string;
}

/**
 * Who is subscribed to a proposal's mail. The endorsements context owns that list (an endorsement subscribes
 * its endorser) and registers itself here: notifications come before endorsements in the dependency order.
 */
export interface SubscriberSource {
  /** Subscribed endorsers other than the author, ordered by user id, after `afterUserId`, at most `limit`. */
  page(proposalId: string, afterUserId: string | null, limit: number): Promise<Subscriber[]>;
  /** Stops this endorser's mail about the proposal, inside the caller's transaction. */
  unsubscribeWithin(em: EntityManager, proposalId: string, userId: string): Promise<void>;
}

/** What endorsers are told about one event: the template, the event's idempotency key and its parameters. */
export interface FanOutMessage {
  template: MailTemplateName;
  key: string;
  params: Record<string, unknown> & { title: string; url: string };
}

export type FanOutResolver = (job: FanOutJob) => Promise<FanOutMessage>;

/**
 * The endorser fan-out engine: mail about one event of a proposal to every subscribed endorser, in batches of
 * ENDORSER_BATCH, each batch a job that queues the next one in the same transaction as its mail. The context
 * that sends each kind of message registers its resolver (qualification: endorsements; responses: responses).
 */
@Injectable()
export class EndorserFanOut {
  private source: SubscriberSource | null = null;
  private readonly resolvers = new Map<FanOutEvent, FanOutResolver>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
    private readonly prefs: MailPreferencesService,
  ) {}

  useSource(source: SubscriberSource): void {
    this.source = source;
  }

  on(event: FanOutEvent, resolver: FanOutResolver): void {
    if (this.resolvers.has(event)) throw new Error(`endorser fan-out: "${event}" has two resolvers`);
    this.resolvers.set(event, resolver);
  }

  /** Starts telling the endorsers, inside the transaction that commits the event. */
  async startWithin(em: EntityManager, job: FanOutJob): Promise<void> {
    await this.outbox.add(em, JobName.ProposalNotifyEndorsers, job);
  }

  async unsubscribeWithin(em: EntityManager, proposalId: string, userId: string): Promise<void> {
    await this.requireSource().unsubscribeWithin(em, proposalId, userId);
  }

  /**
   * Mails one batch of the proposal's subscribed endorsers (the author has their own mail) about one event,
   * and queues the next batch in the same transaction. Each mail has its own idempotency key, so a batch
   * that runs twice queues nothing new. Returns how many endorsers the batch covered.
   */
  async notifyBatch(job: FanOutJob): Promise<number> {
    const rows = await this.requireSource().page(job.proposalId, job.afterUserId, ENDORSER_BATCH);
    if (!rows.length) return 0;
    const resolve = this.resolvers.get(job.event);
    if (!resolve) throw new Error(`endorser fan-out: no resolver for "${job.event}"`);
    const message = await resolve(job);
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
      if (rows.length === ENDORSER_BATCH) await this.startWithin(em, { ...job, afterUserId: rows[rows.length - 1]!.userId });
    });
    return rows.length;
  }

  private requireSource(): SubscriberSource {
    if (!this.source) throw new Error('endorser fan-out: no subscriber source registered');
    return this.source;
  }
}
