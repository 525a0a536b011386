import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { AgenciesService, DomainError, ProposalQueriesService, RECOMMENDATION_NAMES, ROLE_NAMES } from '#domain';
import { escapeHtml, page } from '../common/html.js';

const STATUS_ZH: Record<string, string> = {
  endorsing: '附議中', qualified: '已成案', expired: '未成案（附議期滿）', withdrawn: '已撤回', assigned: '機關評估中',
  responded: '機關已回應', decided: '推動小組已決議',
};

const ASSIGNMENT_ZH: Record<string, string> = { rerouted: '已改派 rerouted', transferred: '已移轉 transferred' };

/**
 * `/p/{id}`: the public page the links in proposal mail open (a plain, server-rendered page; every value
 * escaped) until there is a front end. The JSON of the same proposal is at /api/v1/proposals/{id}.
 */
@Controller('p')
export class ProposalPagesController {
  constructor(
    private readonly queries: ProposalQueriesService,
    private readonly agencies: AgenciesService,
  ) {}

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
    const names = new Map((await this.agencies.list()).map((a) => [a.id, `${a.nameZh} ${a.nameEn}`]));
    const agency = (id: string) => escapeHtml(names.get(id) ?? id);
    const day = (iso: string | null) => escapeHtml(iso ? iso.slice(0, 10) : '');
    const assignments = p.assignments
      .map((a) => {
        const role = ROLE_NAMES[a.role];
        const state = a.answeredAt ? `已回應 answered ${day(a.answeredAt)}` : a.status !== 'open' ? escapeHtml(ASSIGNMENT_ZH[a.status] ?? a.status) : a.overdue ? '<strong>逾期 overdue</strong>' : '評估中 open';
        const extensions = a.extensions
          .map((e) => `<li>展延至 extended to ${day(e.newDueAt)}：${escapeHtml(e.reason)}${e.progress ? `（進度 progress：${escapeHtml(e.progress)}）` : ''}</li>`)
          .join('');
        return `<li>${agency(a.agencyId)} — ${role.zh} ${role.en} · 期限 due ${day(a.dueAt)} · ${state}${extensions ? `<ul>${extensions}</ul>` : ''}</li>`;
      })
      .join('');
    const responses = p.responses
      .map((r) => {
        const rec = RECOMMENDATION_NAMES[r.recommendation];
        const points = r.points.map((x) => `<li><strong>${escapeHtml(x.question)}</strong><br>${escapeHtml(x.answer)}</li>`).join('');
        return `<article><h3>${agency(r.agencyId)}（${ROLE_NAMES[r.role].zh}）：${escapeHtml(rec.zh)} <span class="muted">${escapeHtml(rec.en)}</span></h3>
<p class="muted">${day(r.publishedAt)}${r.onTime === false ? ' · 逾期回應 late' : ''}${r.correctsId ? ' · 更正 correction' : ''}${r.correctedById ? ' · 已更正 superseded' : ''}</p>
<p style="white-space:pre-wrap">${escapeHtml(r.reasoning)}</p>${r.reasoningEn ? `<p style="white-space:pre-wrap" lang="en">${escapeHtml(r.reasoningEn)}</p>` : ''}
${points ? `<ol>${points}</ol>` : ''}${r.followUp ? `<p>後續 Follow-up：${escapeHtml(r.followUp)}${r.followUpOn ? `（${day(r.followUpOn)}）` : ''}</p>` : ''}</article>`;
      })
      .join('');
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
${assignments ? `<h2>權責機關 <span class="muted">Agencies</span></h2><ul>${assignments}</ul>` : ''}
${responses ? `<h2>機關回應 <span class="muted">Agency responses</span></h2>${responses}` : ''}
<h2>歷程 <span class="muted">Timeline</span></h2><ul>${events}</ul>
<p class="muted">JSON: <a href="/api/v1/proposals/${escapeHtml(p.id)}">/api/v1/proposals/${escapeHtml(p.id)}</a></p>`,
    );
  }
}
