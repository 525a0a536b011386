import { Module } from '@nestjs/common';
import { DomainModule } from '#domain';
import { AccountsPagesController } from './accounts/accounts.pages.controller.js';
import { ViewsModule } from './common/views.js';
import { UnsubscribePagesController } from './notifications/unsubscribe.pages.controller.js';
import { ProposalsPagesController } from './proposals/proposals.pages.controller.js';

/**
 * The server-rendered HTML pages (outside /api/v1), each next to its context, all drawn by the one view
 * engine (apps/api/src/views, escaped by default).
 */
@Module({
  imports: [DomainModule, ViewsModule],
  controllers: [AccountsPagesController, ProposalsPagesController, UnsubscribePagesController],
  exports: [ViewsModule],
})
export class PagesModule {}
