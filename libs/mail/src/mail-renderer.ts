import { t, toLocale } from '#i18n';
import { type MailContent, type MailTemplateName, MailTemplates } from './templates/index.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

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

/**
 * Renders a stored mail (template + params + locale) to text and escaped HTML. Rows queued long ago render
 * too: a template takes a missing code's older pre-translated text, or leaves the word out, rather than throw.
 */
export function renderMail(template: string, locale: string, params: Record<string, unknown>): RenderedMail {
  if (!isMailTemplate(template)) throw new Error(`Unknown mail template "${template}"`);
  const lang = toLocale(locale);
  const c: MailContent = (MailTemplates[template] as (p: unknown, l: typeof lang) => MailContent)(params, lang);
  // The one unsubscribe footer: every mail that carries an unsubscribe link shows it, in the template's kind of words.
  const footer =
    typeof params.unsubscribeUrl === 'string'
      ? t(lang, `mail.unsubscribe.${c.unsubscribe ?? 'default'}`, { url: params.unsubscribeUrl })
      : undefined;
  const site = t(lang, 'site.name');
  const text = [
    ...c.paragraphs,
    ...(c.action ? [`${c.action.label}: ${c.action.url}`] : []),
    ...(footer ? [footer] : []),
    `— ${site}`,
  ].join('\n\n');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head>
<body style="font-family:system-ui,'Noto Sans TC',sans-serif;line-height:1.6;color:#1a1a1a;max-width:36em">
${c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${c.action ? `<p><a href="${escapeHtml(c.action.url)}" style="display:inline-block;padding:.5em 1em;background:#0b5fff;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(c.action.label)}</a></p>\n<p style="font-size:.85em;color:#555">${escapeHtml(c.action.url)}</p>` : ''}
${footer ? `<p style="font-size:.85em;color:#555">${linkify(escapeHtml(footer))}</p>` : ''}
<p style="font-size:.85em;color:#555">— ${escapeHtml(site)}</p>
</body></html>`;
  return { subject: `[${site}] ${c.subject}`, text, html };
}
