import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuthorMailer, type FanOutMessage, FanOutRegistry } from '../notifications/index.js';
import { Proposal } from '../proposals/index.js';
import { stopNotifying, subscribersPage } from './endorsements.queries.js';

type Endorsed = Pick<Proposal, 'id' | 'authorId' | 'title' | 'endorsementThreshold'>;

/**
 * The mail the endorsements context sends: qualification (to the author, and to every endorser through the
 * fan-out) and expiry (to the author). An endorsement subscribes its endorser: this context is the fan-out's
 * subscriber source.
 */
@Injectable()
export class EndorsementsMessages implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly mailer: AuthorMailer,
    private readonly fanOut: FanOutRegistry,
  ) {}

  onModuleInit(): void {
    this.fanOut.useSource({
      page: (proposalId, afterUserId, limit) => subscribersPage(this.ds.manager, proposalId, afterUserId, limit),
      unsubscribeWithin: (em, proposalId, userId) => stopNotifying(em, proposalId, userId),
    });
    this.fanOut.on('qualified', async (job) =>
      this.qualifiedForEndorsers(await this.ds.getRepository(Proposal).findOneByOrFail({ id: job.proposalId })),
    );
  }

  qualified(em: EntityManager, p: Endorsed): Promise<void> {
    return this.mailer.toAuthor(em, p, 'proposal.qualified', 'qualified', { threshold: p.endorsementThreshold });
  }

  expired(em: EntityManager, p: Endorsed, count: number): Promise<void> {
    return this.mailer.toAuthor(em, p, 'proposal.expired', 'expired', { count, threshold: p.endorsementThreshold });
  }

  private qualifiedForEndorsers(p: Endorsed): FanOutMessage {
    return {
      template: 'proposal.qualified',
      key: `proposal.qualified:${p.id}`,
      params: { title: p.title, url: this.mailer.url(p.id), threshold: p.endorsementThreshold },
    };
  }
}
