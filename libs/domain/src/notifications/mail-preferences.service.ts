import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '#config';
import { MailService, type MailParams, type MailTemplateName } from '#mail';
import type { Recipient } from '../accounts/index.js';
import { AppSecretsService } from '../shared/index.js';
import { FanOutRegistry } from './fan-out.registry.js';
import { isOptedOut, recordOptOut } from './notifications.queries.js';

const UNSUBSCRIBE_SECRET = 'unsubscribe';

/**
 * What a mail is about, and so what its unsubscribe link turns off: mail about one proposal (to its author
 * or endorsers), an agency's duty mail (assignments, reminders, transfer answers) or the moderators' mail.
 */
export type MailScope = { proposalId: string } | 'agency' | 'moderation';
export const MAIL_SCOPES = ['agency', 'moderation'] as const;

export const scopeKey = (s: MailScope) => (typeof s === 'string' ? s : `proposal:${s.proposalId}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every mail but account mail carries a link that unsubscribes its recipient without signing in. The links
 * are signed (HMAC with an installation secret); the choice is kept in `mail_opt_outs` (and, for endorsers,
 * on the endorsement), and mail in a scope someone left is not queued for them again.
 */
@Injectable()
export class MailPreferencesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailPreferencesService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly secrets: AppSecretsService,
    private readonly mail: MailService,
    private readonly fanOut: FanOutRegistry,
  ) {}

  /**
   * Links are signed inside the transactions that queue mail; loading the secret once at start keeps those
   * from needing a second database connection (a cold process under load could otherwise exhaust the pool).
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.secrets.get(UNSUBSCRIBE_SECRET);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not load the unsubscribe secret yet; it loads on first use');
    }
  }

  /** Queues the mail unless the recipient left this scope; the unsubscribe link is added to its parameters. */
  async queue<T extends MailTemplateName>(
    em: EntityManager,
    to: Recipient,
    scope: MailScope,
    mail: { template: T; idempotencyKey: string; params: Omit<MailParams<T>, 'displayName' | 'unsubscribeUrl'> },
  ): Promise<boolean> {
    if (await isOptedOut(em, to.id, scopeKey(scope))) return false;
    await this.mail.queue(em, {
      template: mail.template,
      to: to.email,
      locale: to.locale,
      userId: to.id,
      idempotencyKey: mail.idempotencyKey,
      optOutScope: scopeKey(scope),
      params: { ...mail.params, displayName: to.displayName, unsubscribeUrl: await this.unsubscribeUrl(to.id, scope) } as never,
    });
    return true;
  }

  /** Proposal links keep the form endorsers' mail has always had (`?proposal=&user=&sig=`), so old links work. */
  async unsubscribeUrl(userId: string, scope: MailScope): Promise<string> {
    const base = `${this.config.publicUrl}/unsubscribe`;
    if (typeof scope === 'string')
      return `${base}?scope=${scope}&user=${userId}&sig=${await this.secrets.sign(UNSUBSCRIBE_SECRET, `scope:${scope}:${userId}`)}`;
    return `${base}?proposal=${scope.proposalId}&user=${userId}&sig=${await this.secrets.sign(UNSUBSCRIBE_SECRET, `${scope.proposalId}:${userId}`)}`;
  }

  /** Carries out a link; false when its signature does not match. */
  async unsubscribe(link: { proposal?: string; scope?: string; user: string; sig: string }): Promise<boolean> {
    // Ids are UUIDs: anything else (e.g. a proposal "id" shaped like another kind of signed message) is refused.
    if (!UUID.test(link.user) || (link.proposal !== undefined && !UUID.test(link.proposal))) return false;
    let scope: MailScope;
    if (link.proposal) {
      if (!(await this.secrets.verify(UNSUBSCRIBE_SECRET, `${link.proposal}:${link.user}`, link.sig))) return false;
      scope = { proposalId: link.proposal };
    } else if (link.scope && (MAIL_SCOPES as readonly string[]).includes(link.scope)) {
      if (!(await this.secrets.verify(UNSUBSCRIBE_SECRET, `scope:${link.scope}:${link.user}`, link.sig))) return false;
      scope = link.scope as 'agency' | 'moderation';
    } else {
      return false;
    }
    await this.ds.transaction(async (em) => {
      if (typeof scope !== 'string') await this.fanOut.subscribers().unsubscribeWithin(em, scope.proposalId, link.user);
      await recordOptOut(em, link.user, scopeKey(scope), new Date());
    });
    return true;
  }
}
