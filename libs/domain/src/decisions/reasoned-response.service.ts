import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull, Not } from 'typeorm';
import { Clock } from '#config';
import { findCall } from '../calls/index.js';
import { Proposal, type ProposalStatus, canSee } from '../proposals/index.js';
import { type ResponseView, ResponsesService } from '../responses/index.js';
import { NotFoundError, isoOrNull } from '../shared/index.js';
import type { DecisionOutcome } from './decision.entities.js';
import type { DecisionView } from './decision-views.js';
import { DecisionsQueries } from './decisions-queries.service.js';

export interface ReasonedResponseItem {
  proposal: {
    id: string;
    title: string;
    summary: string;
    status: ProposalStatus;
    submittedAt: string;
    publishedAt: string | null;
    qualifiedAt: string | null;
  };
  /** The agencies' published responses, in publication order (corrections beside what they correct). */
  responses: ResponseView[];
  /** The task force's decision with its reasons; null while it is still to decide. */
  decision: DecisionView | null;
}

export interface ReasonedResponse {
  call: { id: string; titleZh: string; titleEn: string };
  /** How the call's qualified proposals stand: by the decision's outcome, and those not decided yet. */
  summary: Record<DecisionOutcome | 'undecided', number>;
  items: ReasonedResponseItem[];
  generatedAt: string;
}

/**
 * The OGP "reasoned response" (回應說明) of a call: every proposal of the call that qualified, in the order
 * they were submitted, with the agencies' responses and the task force's decision with its reasons.
 */
@Injectable()
export class ReasonedResponseService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly responses: ResponsesService,
    private readonly decisions: DecisionsQueries,
  ) {}

  async of(callId: string): Promise<ReasonedResponse> {
    const call = await findCall(this.ds.manager, callId);
    if (!call) throw new NotFoundError('call', callId);
    const proposals = (
      await this.ds.getRepository(Proposal).find({
        where: { callId, qualifiedAt: Not(IsNull()) },
        order: { submittedAt: 'ASC', id: 'ASC' },
      })
    ).filter((p) => canSee(p, null));
    const ids = proposals.map((p) => p.id);
    const [responses, decisions] = await Promise.all([this.responses.publishedOf(ids), this.decisions.ofProposals(ids)]);
    const summary: ReasonedResponse['summary'] = { adopted: 0, conditionally_adopted: 0, not_adopted: 0, undecided: 0 };
    const items = proposals.map((p) => {
      const decision = decisions.get(p.id) ?? null;
      summary[decision ? decision.outcome : 'undecided'] += 1;
      return {
        proposal: {
          id: p.id,
          title: p.title,
          summary: p.summary,
          status: p.status,
          submittedAt: p.submittedAt.toISOString(),
          publishedAt: isoOrNull(p.publishedAt),
          qualifiedAt: isoOrNull(p.qualifiedAt),
        },
        responses: responses.get(p.id) ?? [],
        decision,
      };
    });
    return {
      call: { id: call.id, titleZh: call.titleZh, titleEn: call.titleEn },
      summary,
      items,
      generatedAt: this.clock.now().toISOString(),
    };
  }
}
