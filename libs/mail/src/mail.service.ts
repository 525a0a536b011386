import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#config';
import { isDuplicateKeyError, newId } from '#database';
import { JobName, OutboxService } from '#queue';
import { toLocale } from '#i18n';
import { MailMessage } from './mail-message.entity.js';
import type { MailParams, MailTemplateName } from './templates/index.js';

export interface QueueMail<T extends MailTemplateName> {
  template: T;
  to: string;
  locale: string;
  params: MailParams<T>;
  userId?: string | null;
  /** Identifies the logical mail: queueing the same key twice stores and sends it once. */
  idempotencyKey: string;
  /** The kind of mail its unsubscribe link leaves (mail_opt_outs.scope): checked again when it is sent. */
  optOutScope?: string | null;
}

/**
 * Queues mail inside the caller's transaction: a mail_messages row plus an outbox entry.
 * Mail is never sent from a request; the worker sends it after the transaction commits.
 */
@Injectable()
export class MailService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Returns the mail id; an existing id when this idempotency key was queued before. Safe under races:
   * two transactions queueing the same key concurrently store (and send) it once.
   */
  async queue<T extends MailTemplateName>(em: EntityManager, mail: QueueMail<T>): Promise<string> {
    const existing = await this.existing(em, mail.idempotencyKey);
    if (existing) return existing;
    const now = this.clock.now();
    const id = newId();
    try {
      await em.insert(MailMessage, {
        id,
        idempotencyKey: mail.idempotencyKey,
        template: mail.template,
        locale: toLocale(mail.locale),
        toAddress: mail.to,
        userId: mail.userId ?? null,
        optOutScope: mail.optOutScope ?? null,
        params: mail.params as never,
        status: 'pending',
        attempts: 0,
        leaseUntil: null,
        leaseOwner: null,
        inDoubtAt: null,
        sentAt: null,
        providerMessageId: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      // A concurrent transaction stored the same key first (this insert waited for it to commit). InnoDB undoes
      // only the failed statement, so the caller's transaction goes on, with the other transaction's mail.
      if (!isDuplicateKeyError(err)) throw err;
      // A locking read sees that committed row, which this transaction's snapshot may predate.
      const [other] = (await em.query('SELECT id FROM mail_messages WHERE idempotency_key = ? LOCK IN SHARE MODE', [
        mail.idempotencyKey,
      ])) as { id: string }[];
      if (!other) throw err;
      return other.id;
    }
    await this.outbox.add(em, JobName.MailSend, { mailId: id });
    return id;
  }

  private async existing(em: EntityManager, idempotencyKey: string): Promise<string | null> {
    const row = await em.findOne(MailMessage, { where: { idempotencyKey }, select: { id: true } });
    return row?.id ?? null;
  }
}
