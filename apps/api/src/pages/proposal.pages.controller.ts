import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { DomainError, ProposalQueriesService } from '#domain';
import { escapeHtml, page } from '../common/html.js';

const STATUS_ZH: Record<string, string> = {
  endorsing: '附議中', qualified: '已成案', expired: '未成案（附議期滿）', withdrawn: '已撤回', assigned: '機關評估中',
  responded: '機關已回應', decided: '推動小組已決議',
};

/**
 * `/p/{id}`: the public page the links in proposal mail open (a plain, server-rendered page; every value
 * escaped) until there is a front end. The JSON of the same proposal is at /api/v1/proposals/{id}.
 */
@Controller('p')
export class ProposalPagesController {
  constructor(private readonly queries: ProposalQueriesService) {}

  @Get(':id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Param('id') id: string): Promise<string> {
    let p: Awaited<ReturnType<ProposalQueriesService['detail']>>;
    let timeline: Awaited<ReturnType<ProposalQueriesService['timeline']>>;
    try {
      [p, timeline] = await Promise.all([this.queries.detail(id, null), this.queries.timeline(id)]);
    } catch (err) {
      if (err instanceof DomainError) throw new NotFoundException('找不到這個提案 Proposal not found');
      throw err;
    }
    const section = (zh: string, en: string, text: string | null | undefined) =>
      text ? `<h2>${zh} <span class="muted">${en}</span></h2><p style="white-space:pre-wrap">${escapeHtml(text)}</p>` : '';
    const events = timeline.items.map((e) => `<li>${escapeHtml(e.at.slice(0, 16).replace('T', ' '))} — ${escapeHtml(e.type)}</li>`).join('');
    return page(
      p.title,
      `<p class="muted">${escapeHtml(STATUS_ZH[p.status] ?? p.status)} · ${escapeHtml(p.status)}</p>
<h1>${escapeHtml(p.title)}</h1>
<p>提案人 Proposer: ${escapeHtml(p.authorName)}</p>
<p><strong>${p.endorsementCount}</strong> / ${p.endorsementThreshold} 附議 endorsements${p.endorsementDeadline ? ` · 截止 deadline ${escapeHtml(p.endorsementDeadline.slice(0, 10))}` : ''}</p>
${section('摘要', 'Summary', p.summary)}
${section('問題', 'Problem', p.problem)}
${section('原因', 'Cause', p.cause)}
${section('解決方案', 'Solution', p.solution)}
${section('預期成果', 'Expected results', p.expectedResults)}
${section('透明', 'Transparency', p.ogpValues.transparency)}
${section('課責', 'Accountability', p.ogpValues.accountability)}
${section('參與', 'Participation', p.ogpValues.participation)}
<h2>歷程 <span class="muted">Timeline</span></h2><ul>${events}</ul>
<p class="muted">JSON: <a href="/api/v1/proposals/${escapeHtml(p.id)}">/api/v1/proposals/${escapeHtml(p.id)}</a></p>`,
    );
  }
}
