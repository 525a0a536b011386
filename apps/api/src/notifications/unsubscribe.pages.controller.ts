import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MailPreferencesService } from '#domain';
import { Views } from '../common/views.js';

type Link = { proposal?: unknown; scope?: unknown; user?: unknown; sig?: unknown };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The kinds of mail a link can leave (pages.unsubscribe.what.*); anything else reads as a proposal's mail. */
const KINDS = new Set(['proposal', 'agency', 'moderation']);

/**
 * The unsubscribe link of every mail but account mail: works without signing in. GET shows a button (link
 * scanners must not unsubscribe people); POST, also used by mail clients' one-click unsubscribe, does it.
 */
@Controller('unsubscribe')
export class UnsubscribePagesController {
  constructor(
    private readonly prefs: MailPreferencesService,
    private readonly views: Views,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  form(@Query() q: Link): string {
    const scope = str(q.proposal) ? 'proposal' : str(q.scope);
    const query = new URLSearchParams(
      Object.entries({ proposal: str(q.proposal), scope: str(q.scope), user: str(q.user), sig: str(q.sig) }).filter(([, v]) => v),
    ).toString();
    return this.views.render('notifications/unsubscribe', { kind: KINDS.has(scope) ? scope : 'proposal', query });
  }

  @Post()
  @HttpCode(200)
  async unsubscribe(@Query() q: Link, @Res() res: Response) {
    const user = str(q.user);
    const sig = str(q.sig);
    const ok =
      !!user &&
      !!sig &&
      (await this.prefs.unsubscribe({ proposal: str(q.proposal) || undefined, scope: str(q.scope) || undefined, user, sig }));
    res
      .type('html')
      .status(ok ? 200 : 400)
      .send(this.views.render('notifications/unsubscribed', { ok }));
  }
}
