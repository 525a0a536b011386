import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuthorMailer, type FanOutMessage, FanOutRegistry } from '../notifications/index.js';
import { Proposal } from '../proposals/index.js';
import { Decision, Meeting } from './decision.entities.js';

type Titled = Pick<Proposal, 'id' | 'authorId' | 'title'>;
type OnBehalf = 'author' | 'endorser';

/**
 * The mail the decisions context sends: the task force's decision and the conclusion of a conditional adoption,
 * to the author (inside the deciding transaction) and to every subscribed endorser (through the fan-out).
 */
@Injectable()
export class DecisionsMessages implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly mailer: AuthorMailer,
    private readonly fanOut: FanOutRegistry,
  ) {}

  onModuleInit(): void {
    this.fanOut.on('decided', async (job) => {
      if (job.event !== 'decided') throw new Error('decisions: not a decision event');
      const [p, d] = await this.load(job.proposalId, job.decisionId);
      return this.decidedMessage(this.ds.manager, p, d, 'endorser');
    });
    this.fanOut.on('decision_concluded', async (job) => {
      if (job.event !== 'decision_concluded') throw new Error('decisions: not a conclusion event');
      const [p, d] = await this.load(job.proposalId, job.decisionId);
      return this.concludedMessage(p, d, 'endorser');
    });
  }

  async decided(em: EntityManager, p: Titled, d: Decision): Promise<void> {
    const { params } = await this.decidedMessage(em, p, d, 'author');
    const { title: _title, url: _url, ...extra } = params;
    await this.mailer.toAuthor(em, p, 'proposal.decided', d.id, extra as never);
  }

  async concluded(em: EntityManager, p: Titled, d: Decision): Promise<void> {
    const { params } = this.concludedMessage(p, d, 'author');
    const { title: _title, url: _url, ...extra } = params;
    await this.mailer.toAuthor(em, p, 'proposal.decision_concluded', d.id, extra as never);
  }

  private async load(proposalId: string, decisionId: string): Promise<[Proposal, Decision]> {
    const d = await this.ds.getRepository(Decision).findOneByOrFail({ id: decisionId });
    const p = await this.ds.getRepository(Proposal).findOneByOrFail({ id: proposalId });
    return [p, d];
  }

  private async decidedMessage(
    em: EntityManager,
    p: Pick<Proposal, 'id' | 'title'>,
    d: Decision,
    onBehalf: OnBehalf,
  ): Promise<FanOutMessage> {
    const meeting = await em.findOneByOrFail(Meeting, { id: d.meetingId });
    return {
      template: 'proposal.decided',
      key: `proposal.decided:${d.id}`,
      params: {
        title: p.title,
        url: this.mailer.url(p.id),
        outcome: d.outcome,
        method: d.method,
        meetingNumber: meeting.number,
        heldOn: meeting.heldOn,
        conditionZh: d.conditionZh,
        conditionEn: d.conditionEn,
        onBehalf,
      },
    };
  }

  private concludedMessage(p: Pick<Proposal, 'id' | 'title'>, d: Decision, onBehalf: OnBehalf): FanOutMessage {
    if (!d.concludedOutcome) throw new Error(`decision ${d.id} is not concluded`);
    return {
      template: 'proposal.decision_concluded',
      key: `proposal.decision_concluded:${d.id}`,
      params: { title: p.title, url: this.mailer.url(p.id), outcome: d.concludedOutcome, onBehalf },
    };
  }
}
