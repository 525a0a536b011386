import { DEFAULT_LOCALE, toLocale } from './locale.js';
import { MailTemplates, type MailContent, type MailTemplateName } from './templates/catalogue.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const SITE_NAME: Record<string, string> = { 'zh-TW': '開放政府參與平臺', en: 'Open Participation' };
const UNSUBSCRIBE: Record<string, (url: string) => string> = {
  'zh-TW': (url) => `不想再收到這類通知？取消訂閱：${url}`,
  en: (url) => `No more of these emails? Unsubscribe: ${url}`,
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Makes the (already escaped) web addresses in a line of text clickable. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

export function isMailTemplate(name: string): name is MailTemplateName {
  return Object.hasOwn(MailTemplates, name);
}

/** Renders a stored mail (template + params + locale) to text and escaped HTML. */
export function renderMail(template: string, locale: string, params: Record<string, unknown>): RenderedMail {
  if (!isMailTemplate(template)) throw new Error(`Unknown mail template "${template}"`);
  const lang = toLocale(locale);
  const render = (MailTemplates[template][lang] ?? MailTemplates[template][DEFAULT_LOCALE]) as (p: unknown) => MailContent;
  const rendered = render(params);
  // Mail with an unsubscribe link shows it, in the template's own words or in these.
  const c: MailContent =
    !rendered.footer && typeof params.unsubscribeUrl === 'string' ? { ...rendered, footer: UNSUBSCRIBE[lang]!(params.unsubscribeUrl) } : rendered;
  const site = SITE_NAME[lang]!;
  const text = [
    ...c.paragraphs,
    ...(c.action ? [`${c.action.label}: ${c.action.url}`] : []),
    ...(c.footer ? [c.footer] : []),
    `— ${site}`,
  ].join('\n\n');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head>
<body style="font-family:system-ui,'Noto Sans TC',sans-serif;line-height:1.6;color:#1a1a1a;max-width:36em">
${c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${c.action ? `<p><a href="${escapeHtml(c.action.url)}" style="display:inline-block;padding:.5em 1em;background:#0b5fff;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(c.action.label)}</a></p>\n<p style="font-size:.85em;color:#555">${escapeHtml(c.action.url)}</p>` : ''}
${c.footer ? `<p style="font-size:.85em;color:#555">${linkify(escapeHtml(c.footer))}</p>` : ''}
<p style="font-size:.85em;color:#555">— ${escapeHtml(site)}</p>
</body></html>`;
  return { subject: `[${site}] ${c.subject}`, text, html };
}
