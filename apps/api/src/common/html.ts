import { escapeHtml } from '#mail';

/** A minimal bilingual HTML page (server-rendered; every value passed in is escaped by the caller). */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,'Noto Sans TC',sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.6;color:#1a1a1a}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.8em}button{padding:.5em 1em}input{padding:.4em;width:20em}.muted{color:#666}</style>
</head><body>${body}</body></html>`;
}

export { escapeHtml };
