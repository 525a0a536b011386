import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Response } from 'express';
import { InvalidInputError, RuleViolationError } from '#domain';
import { AccountsPagesController } from './accounts/accounts.pages.controller.js';
import { Views, findViewsDir } from './common/views.js';
import { UnsubscribePagesController } from './notifications/unsubscribe.pages.controller.js';
import { ProposalsPagesController } from './proposals/proposals.pages.controller.js';

/** A stand-in for Express's response: what status and body a page sent. */
function response() {
  const r = { code: 0, body: '', type: () => r, status: (c: number) => ((r.code = c), r), send: (b: string) => ((r.body = b), r) };
  return r as typeof r & Response;
}

const views = new Views();
const EVIL = '<script>alert("x")</script>';

/** No message key may reach a page unresolved. */
const noKeys = (html: string) => expect(html).not.toMatch(/\b(pages|vocabulary|mail|site)\.[a-zA-Z]+/);

const proposal = {
  id: 'p-1',
  title: EVIL,
  status: 'responded',
  authorName: EVIL,
  endorsementCount: 12,
  endorsementThreshold: 10,
  endorsementDeadline: '2027-03-01T15:59:59.999Z',
  summary: EVIL,
  problem: 'x',
  cause: null,
  solution: null,
  expectedResults: null,
  ogpValues: { transparency: EVIL },
  assignments: [
    {
      agencyId: 'a1',
      role: 'lead',
      dueAt: '2027-05-01T00:00:00.000Z',
      answeredAt: '2027-04-01T00:00:00.000Z',
      status: 'answered',
      overdue: false,
      extensions: [],
    },
    {
      agencyId: 'a2',
      role: 'co',
      dueAt: '2027-05-01T00:00:00.000Z',
      answeredAt: null,
      status: 'open',
      overdue: true,
      extensions: [{ newDueAt: '2027-06-01', reason: EVIL, progress: EVIL }],
    },
    {
      agencyId: 'a3',
      role: 'co',
      dueAt: '2027-05-01T00:00:00.000Z',
      answeredAt: null,
      status: 'transferred',
      overdue: false,
      extensions: [],
    },
  ],
  responses: [
    {
      agencyId: 'a1',
      role: 'lead',
      recommendation: 'partially_adopt',
      publishedAt: '2027-04-01T00:00:00.000Z',
      onTime: false,
      correctsId: 'r0',
      correctedById: null,
      reasoning: EVIL,
      reasoningEn: EVIL,
      points: [{ question: '是否公開？', answer: EVIL }],
      followUp: EVIL,
      followUpOn: '2027-05-01',
    },
  ],
};

describe('pages', () => {
  it('find their templates from the project root', () => {
    const dir = findViewsDir();
    expect(relative(process.cwd(), dir)).toBe(join('apps', 'api', 'src', 'views'));
    expect(readdirSync(join(dir, 'layouts'))).toContain('page.eta');
  });

  it('/p/{id} escapes every value and translates every code', async () => {
    const agencies = { list: async () => [{ id: 'a1', nameZh: '環境部', nameEn: 'Ministry of Environment' }] };
    const queries = {
      detail: async () => proposal,
      timeline: async () => ({ items: [{ at: '2027-01-01T02:03:04.000Z', type: 'submitted' }] }),
    };
    const html = await new ProposalsPagesController(queries as never, agencies as never, views).show('p-1');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('環境部 Ministry of Environment（主政機關）：部分參採 <span class="muted">partially adopt</span>');
    expect(html).toContain('已移轉 transferred');
    expect(html).toContain('<strong>逾期 overdue</strong>');
    expect(html).toContain('<p class="muted">機關已回應 · responded</p>');
    noKeys(html);
  });

  it('/p/{id} of a missing proposal is a 404', async () => {
    const queries = { detail: async () => Promise.reject(new InvalidInputError('no')), timeline: async () => ({ items: [] }) };
    await expect(new ProposalsPagesController(queries as never, {} as never, views).show('x')).rejects.toMatchObject({ status: 404 });
  });

  describe('reset password', () => {
    const confirmed: [string, string][] = [];
    const accounts = {
      confirmPasswordReset: async (token: string, password: string) => {
        if (token === 'used') throw new RuleViolationError('the link has already been used');
        confirmed.push([token, password]);
      },
    };
    const pages = new AccountsPagesController(accounts as never, views);

    it('takes its limits from the API DTO', () => {
      const html = pages.resetForm(`a"${EVIL}`);
      expect(html).toContain('minlength="10" maxlength="200"');
      expect(html).toContain('value="a&quot;&lt;script&gt;');
      noKeys(html);
    });

    it('shows the form again with the reason when the DTO refuses the password (400)', async () => {
      const res = response();
      await pages.reset({ token: 'tok', password: 'short' }, res);
      expect(res.code).toBe(400);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain('value="tok"');
      expect(res.body).toMatch(/<title>錯誤 Error: /);
      expect(confirmed).toEqual([]);
    });

    it('sets the password (200) and shows a domain refusal (422)', async () => {
      const ok = response();
      await pages.reset({ token: 'tok', password: 'long enough password' }, ok);
      expect([ok.code, confirmed]).toEqual([200, [['tok', 'long enough password']]]);
      const used = response();
      await pages.reset({ token: 'used', password: 'long enough password' }, used);
      expect(used.code).toBe(422);
      expect(used.body).toContain('the link has already been used');
      noKeys(used.body);
    });

    it('refuses a form without a token (400)', async () => {
      const res = response();
      await pages.verify({}, res);
      expect(res.code).toBe(400);
    });
  });

  it('unsubscribe names the kind of mail, whatever the link says', () => {
    const prefs = { unsubscribe: async () => true };
    const page = new UnsubscribePagesController(prefs as never, views);
    expect(page.form({ scope: 'agency', user: 'u', sig: 's' })).toContain('機關指派、回應期限與移轉結果的通知');
    for (const scope of ['constructor', '__proto__', EVIL]) {
      const html = page.form({ scope, user: 'u', sig: 's' });
      expect(html).toContain('這個提案的電子郵件通知');
      expect(html).not.toContain('<script>');
      noKeys(html);
    }
  });
});
