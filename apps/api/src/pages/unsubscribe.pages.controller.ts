import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { QualificationService } from '#domain';
import { escapeHtml, page } from '../common/html.js';

/**
 * The unsubscribe link in proposal mail: works without signing in. GET shows a button (link
 * scanners must not unsubscribe people); POST, also used by mail clients' one-click unsubscribe, does it.
 */
@Controller('unsubscribe')
export class UnsubscribePagesController {
  constructor(private readonly qualification: QualificationService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  form(@Query('proposal') proposal = '', @Query('user') user = '', @Query('sig') sig = ''): string {
    const qs = `proposal=${encodeURIComponent(proposal)}&user=${encodeURIComponent(user)}&sig=${encodeURIComponent(sig)}`;
    return page(
      '取消訂閱 Unsubscribe',
      `<h1>取消訂閱 Unsubscribe</h1><p>不再收到這個提案的電子郵件通知。Stop mail about this proposal.</p>
<form method="post" action="/unsubscribe?${escapeHtml(qs)}"><button type="submit">取消訂閱 Unsubscribe</button></form>`,
    );
  }

  @Post()
  @HttpCode(200)
  async unsubscribe(@Query('proposal') proposal: string, @Query('user') user: string, @Query('sig') sig: string, @Res() res: Response) {
    const ok = typeof proposal === 'string' && typeof user === 'string' && typeof sig === 'string' && (await this.qualification.unsubscribe(proposal, user, sig));
    res.type('html').status(ok ? 200 : 400).send(
      ok
        ? page('已取消訂閱 Unsubscribed', '<h1>已取消訂閱 Unsubscribed</h1><p>您將不再收到這個提案的通知。You will get no more mail about this proposal.</p>')
        : page('連結無效 Invalid link', '<h1>連結無效 Invalid link</h1><p>這個取消訂閱連結無效。This unsubscribe link is not valid.</p>'),
    );
  }
}
