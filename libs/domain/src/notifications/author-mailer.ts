import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '#config';
import type { MailParams } from '#mail';
import { recipient } from '../accounts/index.js';
import { MailPreferencesService } from './mail-preferences.service.js';

type AuthorTemplate =
  | 'proposal.received'
  | 'proposal.published'
  | 'proposal.returned'
  | 'proposal.rejected'
  | 'proposal.qualified'
  | 'proposal.expired'
  | 'proposal.responded'
  | 'proposal.decided'
  | 'proposal.decision_concluded';

/** What author mail needs to know of a proposal. */
export interface AuthoredProposal {
  id: string;
  authorId: string;
  title: string;
}

/** Queues mail about a proposal to its author inside the caller's transaction, in the author's locale. */
@Injectable()
export class AuthorMailer {
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
    proposal: AuthoredProposal,
    template: T,
    eventKey: string,
    extra: Omit<MailParams<T>, 'displayName' | 'title' | 'url' | 'unsubscribeUrl'>,
  ): Promise<void> {
    const author = await recipient(em, proposal.authorId);
    // Authors cannot be deleted while their proposals exist (foreign key): a missing one is a bug, not a skip.
    if (!author) throw new Error(`author ${proposal.authorId} of proposal ${proposal.id} not found`);
    await this.prefs.queue(
      em,
      author,
      { proposalId: proposal.id },
      {
        template,
        idempotencyKey: `${template}:${proposal.id}:${eventKey}:author`,
        params: { title: proposal.title, url: this.url(proposal.id), ...extra } as never,
      },
    );
  }
}
