import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { findAgencyOrFail } from '../agencies/index.js';
import { AuthorMailer, type FanOutMessage, FanOutRegistry } from '../notifications/index.js';
import { Proposal } from '../proposals/index.js';
import { ProposalResponse } from './response.entity.js';

type Titled = Pick<Proposal, 'id' | 'authorId' | 'title'>;

/** The mail the responses context sends: a published response (or correction), to the author and to every endorser. */
@Injectable()
export class ResponsesMessages implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly mailer: AuthorMailer,
    private readonly fanOut: FanOutRegistry,
  ) {}

  onModuleInit(): void {
    this.fanOut.on('responded', async (job) => {
      if (job.event !== 'responded') throw new Error('responses: not a response event');
      const r = await this.ds.getRepository(ProposalResponse).findOneByOrFail({ id: job.responseId });
      const p = await this.ds.getRepository(Proposal).findOneByOrFail({ id: r.proposalId });
      return this.message(this.ds.manager, p, r, 'endorser');
    });
  }

  async published(em: EntityManager, p: Titled, r: ProposalResponse): Promise<void> {
    const { params } = await this.message(em, p, r, 'author');
    const { title: _title, url: _url, ...extra } = params;
    await this.mailer.toAuthor(em, p, 'proposal.responded', r.id, extra as never);
  }

  private async message(
    em: EntityManager,
    p: Pick<Proposal, 'id' | 'title'>,
    r: ProposalResponse,
    onBehalf: 'author' | 'endorser',
  ): Promise<FanOutMessage> {
    const agency = await findAgencyOrFail(em, r.agencyId);
    return {
      template: 'proposal.responded',
      key: `proposal.responded:${r.id}`,
      params: {
        title: p.title,
        url: this.mailer.url(p.id),
        agencyZh: agency.nameZh,
        agencyEn: agency.nameEn,
        recommendation: r.recommendation,
        correction: !!r.correctsId,
        onBehalf,
      },
    };
  }
}
