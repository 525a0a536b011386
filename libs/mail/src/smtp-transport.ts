import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '#config';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers?: Record<string, string>;
}

/** The SMTP connection pool (nodemailer). SMTP_URL, or the embedded catcher in development. */
@Injectable()
export class SmtpTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(config: AppConfig) {
    this.transporter = nodemailer.createTransport(config.effectiveSmtpUrl, {
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
  }

  /** Returns the message id the server accepted. Throws on any SMTP error (the job then retries). */
  async send(mail: OutgoingMail): Promise<string> {
    const info = (await this.transporter.sendMail(mail)) as { messageId: string };
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
