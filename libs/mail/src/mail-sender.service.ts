import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock } from '#config';
import { WorkerInstance } from '#queue';
import { MailMessage } from './mail-message.entity.js';
import { MAIL_OPT_OUTS, type MailOptOuts } from './mail-opt-outs.js';
import { isMailTemplate, renderMail } from './mail-renderer.js';
import { SmtpTransport } from './smtp-transport.js';

/** How long one attempt may hold a mail while its worker lives; a dead worker's lease is free at once. */
const LEASE_MS = 5 * 60_000;

export type SendOutcome = 'sent' | 'already-sent' | 'failed-permanently' | 'cancelled';

export class MailBusyError extends Error {
  override name = 'MailBusyError';
}

/**
 * Worker side of mail. Safe to run any number of times for the same mail: a lease on the row
 * lets one attempt at a time send it, and a sent row is never sent again. The lease names the worker that
 * holds it: when that worker stops beating (killed mid-send), the next attempt takes the mail at once.
 */
@Injectable()
export class MailSenderService {
  private readonly logger = new Logger(MailSenderService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly transport: SmtpTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(MAIL_OPT_OUTS) private readonly optOuts: MailOptOuts,
    private readonly instance: WorkerInstance,
  ) {}

  async send(mailId: string): Promise<SendOutcome> {
    const now = this.clock.now();
    const claimed = await this.ds
      .createQueryBuilder()
      .update(MailMessage)
      .set({
        // First: MySQL assigns left to right, so this still sees the status before the claim.
        inDoubtAt: () => "IF(status = 'sending', :now, in_doubt_at)",
        status: 'sending',
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        leaseOwner: this.instance.id,
        attempts: () => 'attempts + 1',
        updatedAt: now,
      })
      .where('id = :id', { id: mailId })
      .andWhere(
        `(status = 'pending' OR status = 'failed' OR (status = 'sending' AND (lease_until < :now OR ${WorkerInstance.deadSql('lease_owner')})))`,
        { now },
      )
      .execute();

    const mail = await this.ds.getRepository(MailMessage).findOneBy({ id: mailId });
    if (!mail) throw new UnrecoverableError(`mail ${mailId} does not exist`);
    if (claimed.affected && mail.inDoubtAt?.getTime() === now.getTime()) {
      this.logger.warn({ mailId }, 'mail taken over from an attempt that died mid-send; sending it again with the same Message-ID');
    }
    if (!claimed.affected) {
      if (mail.status === 'sent') return 'already-sent';
      if (mail.status === 'cancelled') return 'cancelled';
      throw new MailBusyError(`mail ${mailId} is being sent by another attempt`);
    }
    if (mail.userId && mail.optOutScope && (await this.optOuts.isOptedOut(mail.userId, mail.optOutScope))) {
      // Unsubscribed after this mail was queued: it is not sent.
      await this.ds
        .getRepository(MailMessage)
        .update({ id: mailId }, { status: 'cancelled', leaseUntil: null, leaseOwner: null, updatedAt: this.clock.now() });
      return 'cancelled';
    }
    if (!isMailTemplate(mail.template)) {
      await this.markFailed(mailId, `unknown template ${mail.template}`);
      return 'failed-permanently';
    }

    const rendered = renderMail(mail.template, mail.locale, mail.params);
    const domain = new URL(this.config.publicUrl).hostname || 'localhost';
    try {
      const providerId = await this.transport.send({
        from: this.config.mailFrom,
        to: mail.toAddress,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        // A stable Message-ID: should a crash ever cause a second delivery, receivers can tell it is the same mail.
        messageId: `<${mail.id}@${domain}>`,
        headers: {
          'X-Mail-Id': mail.id,
          'Auto-Submitted': 'auto-generated',
          ...(typeof mail.params.unsubscribeUrl === 'string'
            ? { 'List-Unsubscribe': `<${mail.params.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : {}),
        },
      });
      await this.ds.getRepository(MailMessage).update(
        { id: mailId },
        {
          status: 'sent',
          sentAt: this.clock.now(),
          leaseUntil: null,
          leaseOwner: null,
          providerMessageId: providerId,
          lastError: null,
          updatedAt: this.clock.now(),
        },
      );
      return 'sent';
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.ds
        .getRepository(MailMessage)
        .update(
          { id: mailId },
          { status: 'pending', leaseUntil: null, leaseOwner: null, lastError: message.slice(0, 1000), updatedAt: this.clock.now() },
        );
      this.logger.warn({ mailId, err: message }, 'mail delivery failed; will retry');
      throw err;
    }
  }

  /** Called when the queue gives up on a mail: it stays visible as failed for operators. */
  async markFailed(mailId: string, reason: string): Promise<void> {
    await this.ds
      .getRepository(MailMessage)
      .update({ id: mailId, status: 'pending' }, { status: 'failed', lastError: reason.slice(0, 1000), updatedAt: this.clock.now() });
  }
}
