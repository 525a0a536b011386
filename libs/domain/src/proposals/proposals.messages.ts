import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthorMailer } from '../notifications/index.js';
import { isoDate } from '../shared/index.js';
import type { Proposal } from './proposal.entity.js';
import type { ReviewReasonCode } from './review-reasons.js';

type Authored = Pick<Proposal, 'id' | 'authorId' | 'title'>;

/** The mail the proposals context sends: to the author, on submission and on each review decision. */
@Injectable()
export class ProposalsMessages {
  constructor(private readonly mailer: AuthorMailer) {}

  received(em: EntityManager, p: Authored, version: number): Promise<void> {
    return this.mailer.toAuthor(em, p, 'proposal.received', `v${version}`, {});
  }

  published(em: EntityManager, p: Authored & Pick<Proposal, 'endorsementThreshold'>, version: number, deadline: Date): Promise<void> {
    return this.mailer.toAuthor(em, p, 'proposal.published', `v${version}`, {
      threshold: p.endorsementThreshold,
      deadline: isoDate(deadline),
    });
  }

  reviewed(
    em: EntityManager,
    p: Authored,
    version: number,
    outcome: 'returned' | 'rejected',
    reasonCode: ReviewReasonCode,
    reason: string,
  ): Promise<void> {
    return this.mailer.toAuthor(em, p, outcome === 'returned' ? 'proposal.returned' : 'proposal.rejected', `v${version}`, {
      reasonCode,
      reason,
    });
  }
}
