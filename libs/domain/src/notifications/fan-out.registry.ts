import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MailTemplateName } from '#mail';
import type { JobName, JobPayloads } from '#queue';

export type FanOutJob = JobPayloads[typeof JobName.ProposalNotifyEndorsers];
export type FanOutEvent = FanOutJob['event'];

/** Every event the fan-out is asked to tell endorsers about: each needs a resolver (checked at the worker's boot). */
export const FAN_OUT_EVENTS = ['qualified', 'responded', 'decided', 'decision_concluded'] as const satisfies readonly FanOutEvent[];

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
 * Who the fan-out mails and what it says, registered by the contexts that own them: the subscriber source by
 * endorsements, one message resolver per event by the context that sends it.
 */
@Injectable()
export class FanOutRegistry {
  private source: SubscriberSource | null = null;
  private readonly resolvers = new Map<FanOutEvent, FanOutResolver>();

  useSource(source: SubscriberSource): void {
    this.source = source;
  }

  on(event: FanOutEvent, resolver: FanOutResolver): void {
    if (this.resolvers.has(event)) throw new Error(`endorser fan-out: "${event}" has two resolvers`);
    this.resolvers.set(event, resolver);
  }

  subscribers(): SubscriberSource {
    if (!this.source) throw new Error('endorser fan-out: no subscriber source registered');
    return this.source;
  }

  resolver(event: FanOutEvent): FanOutResolver {
    const r = this.resolvers.get(event);
    if (!r) throw new Error(`endorser fan-out: no resolver for "${event}"`);
    return r;
  }

  /** What is missing for the fan-out to run: the worker refuses to start with any. */
  problems(): string[] {
    return [
      ...(this.source ? [] : ['the endorser fan-out has no subscriber source']),
      ...FAN_OUT_EVENTS.filter((e) => !this.resolvers.has(e)).map((e) => `the endorser fan-out has no resolver for "${e}"`),
    ];
  }
}
