import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule, WorkerInstanceModule } from '#queue';
import { MailMessage } from './mail-message.entity.js';
import { MAIL_OPT_OUTS, type MailOptOuts } from './mail-opt-outs.js';
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

/**
 * Sending mail (the worker only). `optOuts` names the provider that answers whether a recipient left a kind of
 * mail, and `imports` the module that exports it (the domain's notifications context).
 */
@Module({})
export class MailSenderModule {
  static register(opts: { imports: ModuleMetadata['imports']; optOuts: Type<MailOptOuts> }): DynamicModule {
    return {
      module: MailSenderModule,
      imports: [TypeOrmModule.forFeature([MailMessage]), WorkerInstanceModule, ...(opts.imports ?? [])],
      providers: [SmtpTransport, MailSenderService, { provide: MAIL_OPT_OUTS, useExisting: opts.optOuts }],
      exports: [MailSenderService],
    };
  }
}
