import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#config';
import { newId } from '#database';
import { JobName, OutboxService } from '#queue';
import { toLocale } from './locale.js';
import { MailMessage } from './mail-message.entity.js';
import type { MailParams, MailTemplateName } from './templates/catalogue.js';

export interface QueueMail<T extends MailTemplateName> {
  template: T;
  to: string;
  locale: string;
  params: MailParams<T>;
  userId?: string | null;
  /** Identifies the logical mail: queueing the same key twice stores and sends it once. */
  idempotencyKey: string;
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

  /** Returns the mail id; an existing id when this idempotency key was queued before. */
  async queue<T extends MailTemplateName>(em: EntityManager, mail: QueueMail<T>): Promise<string> {
    const existing = await em.findOne(MailMessage, {
      where: { idempotencyKey: mail.idempotencyKey },
      select: { id: true },
    });
    if (existing) return existing.id;
    const now = this.clock.now();
    const id = newId();
    await em.insert(MailMessage, {
      id,
      idempotencyKey: mail.idempotencyKey,
      template: mail.template,
      locale: toLocale(mail.locale),
      toAddress: mail.to,
      userId: mail.userId ?? null,
      params: mail.params as never,
      status: 'pending',
      attempts: 0,
      leaseUntil: null,
      sentAt: null,
      providerMessageId: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.outbox.add(em, JobName.MailSend, { mailId: id });
    return id;
  }
}
