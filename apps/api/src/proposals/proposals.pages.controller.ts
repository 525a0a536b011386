import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { AgenciesService, DomainError, ProposalQueriesService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { Views, pageWords } from '../common/views.js';

/**
 * `/p/{id}`: the public page the links in proposal mail open (a plain, server-rendered page; every value
 * escaped by the view engine) until there is a front end. The JSON of the same proposal is at /api/v1/proposals/{id}.
 */
@Controller('p')
export class ProposalsPagesController {
  constructor(
    private readonly queries: ProposalQueriesService,
    private readonly agencies: AgenciesService,
    private readonly views: Views,
  ) {}

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@IdParam() id: string): Promise<string> {
    let p: Awaited<ReturnType<ProposalQueriesService['detail']>>;
    let timeline: Awaited<ReturnType<ProposalQueriesService['timeline']>>;
    try {
      [p, timeline] = await Promise.all([this.queries.detail(id, null), this.queries.timeline(id)]);
    } catch (err) {
      if (err instanceof DomainError) throw new NotFoundException(pageWords().both('pages.proposal.notFound'));
      throw err;
    }
    const names = new Map((await this.agencies.list()).map((a) => [a.id, `${a.nameZh} ${a.nameEn}`]));
    return this.views.render('proposals/show', {
      p,
      events: timeline.items,
      agency: (agencyId: string) => names.get(agencyId) ?? agencyId,
    });
  }
}
