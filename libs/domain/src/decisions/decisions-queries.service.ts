import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { Proposal, canSee } from '../proposals/index.js';
import { NotFoundError } from '../shared/index.js';
import { Decision, Meeting } from './decision.entities.js';
import { type DecisionView, type MeetingRef, decisionView, meetingRef } from './decision-views.js';

/** Reading decisions, for this context's routes and for later contexts (the proposal record, the reasoned response, exports). */
@Injectable()
export class DecisionsQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The decision of each of these proposals that has one, by proposal id. */
  async ofProposals(proposalIds: string[]): Promise<Map<string, DecisionView>> {
    if (!proposalIds.length) return new Map();
    const rows = await this.ds.getRepository(Decision).findBy({ proposalId: In(proposalIds) });
    const views = await this.views(rows);
    return new Map(views.map((v) => [v.proposalId, v]));
  }

  /** A decision, public as its proposal is. */
  async get(id: string): Promise<DecisionView> {
    const d = await this.ds.getRepository(Decision).findOneBy({ id });
    const p = d && (await this.ds.getRepository(Proposal).findOneBy({ id: d.proposalId }));
    if (!d || !p || !canSee(p, null)) throw new NotFoundError('decision', id);
    return (await this.views([d]))[0]!;
  }

  /** Decisions taken in a meeting, and conditional adoptions concluded in it, in the order they were recorded. */
  async ofMeeting(meetingId: string): Promise<{ decisions: DecisionView[]; conclusions: DecisionView[] }> {
    const repo = this.ds.getRepository(Decision);
    const [taken, concluded] = await Promise.all([
      repo.find({ where: { meetingId }, order: { decidedAt: 'ASC', id: 'ASC' } }),
      repo.find({ where: { concludedMeetingId: meetingId }, order: { concludedAt: 'ASC', id: 'ASC' } }),
    ]);
    const views = await this.views([...taken, ...concluded]);
    return { decisions: views.slice(0, taken.length), conclusions: views.slice(taken.length) };
  }

  views(rows: Decision[]): Promise<DecisionView[]> {
    return this.meetingRefs(rows).then((refs) => rows.map((d) => decisionView(d, refs)));
  }

  private async meetingRefs(rows: Decision[]): Promise<Map<string, MeetingRef>> {
    const ids = [...new Set(rows.flatMap((d) => [d.meetingId, d.concludedMeetingId ?? []].flat()))];
    if (!ids.length) return new Map();
    const meetings = await this.ds
      .getRepository(Meeting)
      .find({ where: { id: In(ids) }, select: { id: true, number: true, heldOn: true } });
    return new Map(meetings.map((m) => [m.id, meetingRef(m)]));
  }
}
