import { Module } from '@nestjs/common';
import { MailModule } from '#mail';
import { OutboxModule } from '#queue';
import { AuthorMailer } from './author-mailer.js';
import { EndorserFanOut } from './endorser-fan-out.service.js';
import { FanOutRegistry } from './fan-out.registry.js';
import { MailOptOutsService } from './mail-opt-outs.service.js';
import { MailPreferencesService } from './mail-preferences.service.js';
import { NotificationsJobs } from './notifications.jobs.js';

@Module({
  imports: [MailModule, OutboxModule],
  providers: [MailPreferencesService, MailOptOutsService, AuthorMailer, EndorserFanOut, FanOutRegistry, NotificationsJobs],
  exports: [MailPreferencesService, MailOptOutsService, AuthorMailer, EndorserFanOut, FanOutRegistry, NotificationsJobs],
})
export class NotificationsModule {}
