import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '#queue';
import { MailMessage } from './mail-message.entity.js';
import { MailSenderService } from './mail-sender.service.js';
import { MailService } from './mail.service.js';
import { SmtpTransport } from './smtp-transport.js';

/** Queueing mail (any process). */
@Module({
  imports: [TypeOrmModule.forFeature([MailMessage]), OutboxModule],
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}

/** Sending mail (the worker only). */
@Module({
  imports: [TypeOrmModule.forFeature([MailMessage])],
  providers: [SmtpTransport, MailSenderService],
  exports: [MailSenderService],
})
export class MailSenderModule {}
