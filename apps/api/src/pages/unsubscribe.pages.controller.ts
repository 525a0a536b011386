import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MailPreferencesService } from '#domain';
import { escapeHtml, page } from '../common/html.js';

type Link = { proposal?: unknown; scope?: unknown; user?: unknown; sig?: unknown };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

const WHAT: Record<string, { zh: string; en: string }> = {
  proposal: { zh: '這個提案的電子郵件通知', en: 'mail about this proposal' },
  agency: { zh: '機關指派、回應期限與移轉結果的通知', en: "mail about your agency's assignments, deadlines and transfers" },
  moderation: { zh: '移轉申請、逾期回應與每週逾期報告', en: 'transfer requests, overdue notices and the weekly digest' },
};

/**
 * The unsubscribe link of every mail but account mail: works without signing in. GET shows a button (link
 * scanners must not unsubscribe people); POST, also used by mail clients' one-click unsubscribe, does it.
 */
@Controller('unsubscribe')
export class UnsubscribePagesController {
  constructor(private readonly prefs: MailPreferencesService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  form(@Query() q: Link): string {
    const kind = str(q.proposal) ? 'proposal' : str(q.scope);
    const what = Object.hasOwn(WHAT, kind) ? WHAT[kind]! : WHAT.proposal!;
    const qs = new URLSearchParams(
      Object.entries({ proposal: str(q.proposal), scope: str(q.scope), user: str(q.user), sig: str(q.sig) }).filter(([, v]) => v),
    ).toString();
    return page(
      '取消訂閱 Unsubscribe',
      `<h1>取消訂閱 Unsubscribe</h1><p>不再收到${escapeHtml(what.zh)}。Stop ${escapeHtml(what.en)}.</p>
<form method="post" action="/unsubscribe?${escapeHtml(qs)}"><button type="submit">取消訂閱 Unsubscribe</button></form>`,
    );
  }

  @Post()
  @HttpCode(200)
  async unsubscribe(@Query() q: Link, @Res() res: Response) {
    const user = str(q.user);
    const sig = str(q.sig);
    const ok = !!user && !!sig && (await this.prefs.unsubscribe({ proposal: str(q.proposal) || undefined, scope: str(q.scope) || undefined, user, sig }));
    res.type('html').status(ok ? 200 : 400).send(
      ok
        ? page('已取消訂閱 Unsubscribed', '<h1>已取消訂閱 Unsubscribed</h1><p>您將不再收到這類通知。You will get no more of these emails.</p>')
        : page('連結無效 Invalid link', '<h1>連結無效 Invalid link</h1><p>這個取消訂閱連結無效。This unsubscribe link is not valid.</p>'),
    );
  }
}
