import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '#config';
import type { MailParams } from '#mail';
import { User } from '../accounts/user.entity.js';
import { MailPreferencesService } from './mail-preferences.service.js';
import type { Proposal } from './proposal.entities.js';

type AuthorTemplate = 'proposal.received' | 'proposal.published' | 'proposal.returned' | 'proposal.rejected' | 'proposal.qualified' | 'proposal.expired' | 'proposal.responded';

/** Queues proposal mail inside the caller's transaction, in each recipient's locale. */
@Injectable()
export class ProposalMailer {
  constructor(
    private readonly prefs: MailPreferencesService,
    private readonly config: AppConfig,
  ) {}

  url(proposalId: string): string {
    return `${this.config.publicUrl}/p/${proposalId}`;
  }

  /**
   * Mail to the author about one event. `eventKey` makes it idempotent: the same event (e.g. the
   * proposal's version after the change) never mails twice.
   */
  async toAuthor<T extends AuthorTemplate>(
    em: EntityManager,
    proposal: Pick<Proposal, 'id' | 'authorId' | 'title'>,
    template: T,
    eventKey: string,
    extra: Omit<MailParams<T>, 'displayName' | 'title' | 'url' | 'unsubscribeUrl'>,
  ): Promise<void> {
    const author = await em.findOneOrFail(User, { where: { id: proposal.authorId }, select: { id: true, email: true, locale: true, displayName: true } });
    await this.prefs.queue(em, author, { proposalId: proposal.id }, {
      template,
      idempotencyKey: `${template}:${proposal.id}:${eventKey}:author`,
      params: { title: proposal.title, url: this.url(proposal.id), ...extra } as never,
    });
  }
}
