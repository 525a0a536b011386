import { readFileSync } from 'node:fs';
import { renderMail } from './mail-renderer.js';

/**
 * The wording of every template, fixed before the words moved to libs/i18n: `__golden__/rendered.json` was
 * rendered by the old catalogue (pre-translated parameters). Mail rendered from codes must read the same, and
 * so must mail still queued with the old parameters.
 */
const golden = JSON.parse(readFileSync(new URL('./templates/__golden__/rendered.json', import.meta.url), 'utf8')) as Record<
  string,
  { subject: string; text: string; html?: string }
>;

const ROLE = { lead: { zh: '主政機關', en: 'lead agency' }, co: { zh: '協辦機關', en: 'co-agency' } } as const;
const REC = { adopt: { zh: '參採', en: 'adopt' }, partially_adopt: { zh: '部分參採', en: 'partially adopt' }, not_adopt: { zh: '不參採', en: 'not adopt' } } as const;
const REASON = { duplicate: { zh: '與既有提案重複', en: 'duplicate of an existing proposal' }, out_of_scope: { zh: '非屬本徵集範圍', en: 'out of the call’s scope' } } as const;

const base = { displayName: '王<小明> & "Ann"', title: '開放 <b>資料</b> & 透明', url: 'https://x.test/p/1?a=1&b="2"' };
const unsub = { unsubscribeUrl: 'https://x.test/unsubscribe?proposal=1&user=u&sig=s' };
const agency = { agencyZh: '環境部', agencyEn: 'Ministry of Environment' };
const items = [
  { title: '提案一', agencyZh: '環境部', agencyEn: 'Ministry of Environment', role: 'lead' as const, due: '2027-01-01', daysOverdue: 3 },
  { title: 'Second "one"', agencyZh: '交通部', agencyEn: 'Ministry of Transportation', role: 'co' as const, due: '2027-02-01', daysOverdue: 12 },
];

/** Each case: name, template, params as the domain passes them now (codes), and as rows queued before carry them (pre-translated pairs). */
const CASES: [string, string, Record<string, unknown>, Record<string, unknown>][] = [];
const add = (name: string, template: string, codes: Record<string, unknown>, old: Record<string, unknown> = codes) => CASES.push([name, template, codes, old]);
add('verify', 'account.verify-email', { displayName: 'Ann <x>', url: 'https://x.test/verify-email?token=a"b', hours: 48 });
add('reset', 'account.password-reset', { displayName: 'Ann', url: 'https://x.test/reset-password?token=t', minutes: 60 });
add('received', 'proposal.received', { ...base, ...unsub });
add('published', 'proposal.published', { ...base, ...unsub, threshold: 5000, deadline: '2027-03-01' });
for (const [code, r] of Object.entries(REASON)) {
  add(`returned-${code}`, 'proposal.returned', { ...base, ...unsub, reasonCode: code, reason: '請補充 <細節>。' }, { ...base, ...unsub, reasonLabelZh: r.zh, reasonLabelEn: r.en, reason: '請補充 <細節>。' });
  add(`rejected-${code}`, 'proposal.rejected', { ...base, reasonCode: code, reason: '重複' }, { ...base, reasonLabelZh: r.zh, reasonLabelEn: r.en, reason: '重複' });
}
add('qualified-author', 'proposal.qualified', { ...base, ...unsub, threshold: 5000 });
add('qualified-plain', 'proposal.qualified', { ...base, threshold: 3 });
add('expired', 'proposal.expired', { ...base, ...unsub, count: 12, threshold: 5000 });
for (const [code, r] of Object.entries(REC)) {
  for (const onBehalf of ['author', 'endorser'] as const) {
    for (const correction of [false, true]) {
      const common = { ...base, ...unsub, ...agency, correction, onBehalf };
      add(`responded-${code}-${onBehalf}-${correction}`, 'proposal.responded', { ...common, recommendation: code }, { ...common, recommendationZh: r.zh, recommendationEn: r.en });
    }
  }
}
add('responded-no-unsub', 'proposal.responded', { ...base, ...agency, correction: false, onBehalf: 'author', recommendation: 'adopt' }, { ...base, ...agency, correction: false, onBehalf: 'author', recommendationZh: '參採', recommendationEn: 'adopt' });
for (const [code, r] of Object.entries(ROLE)) {
  const common = { ...base, ...unsub, ...agency, due: '2027-01-01' };
  add(`new-${code}`, 'assignment.new', { ...common, role: code }, { ...common, roleZh: r.zh, roleEn: r.en });
  add(`reminder-${code}`, 'assignment.reminder', { ...common, role: code, daysLeft: 3 }, { ...common, roleZh: r.zh, roleEn: r.en, daysLeft: 3 });
  add(`overdue-${code}`, 'assignment.overdue', { ...common, role: code, daysLeft: 0 }, { ...common, roleZh: r.zh, roleEn: r.en, daysLeft: 0 });
}
add('transfer-requested', 'transfer.requested', { ...base, ...unsub, fromZh: '環境部', fromEn: 'Ministry of Environment', toZh: '交通部', toEn: 'Ministry of Transportation', reason: '非本部業務 <x>' });
add('transfer-refused', 'transfer.refused', { ...base, ...unsub, toZh: '交通部', toEn: 'Ministry of Transportation', note: '仍屬貴部', due: '2027-01-01' });
add('transfer-refused-no-note', 'transfer.refused', { ...base, toZh: '交通部', toEn: 'Ministry of Transportation', note: '', due: '2027-01-01' });
const lines = (lang: 'zh' | 'en') =>
  items.map((r) =>
    lang === 'zh'
      ? `・「${r.title}」— ${r.agencyZh}（${ROLE[r.role].zh}），期限 ${r.due}，已逾期 ${r.daysOverdue} 天`
      : `- "${r.title}" — ${r.agencyEn} (${ROLE[r.role].en}), due ${r.due}, ${r.daysOverdue} days overdue`,
  );
const digest = { displayName: 'Mod', url: 'https://x.test/api/v1/scoreboard/agencies', ...unsub, count: 7 };
add('digest-more', 'assignment.overdue-digest', { ...digest, items, more: 5 }, { ...digest, linesZh: lines('zh'), linesEn: lines('en'), more: 5 });
add('digest-all', 'assignment.overdue-digest', { ...digest, count: 2, items, more: 0 }, { ...digest, count: 2, linesZh: lines('zh'), linesEn: lines('en'), more: 0 });

describe('mail wording', () => {
  const rows = CASES.flatMap(([name, template, codes, old]) => ['zh-TW', 'en'].map((locale) => [`${name} ${locale}`, template, locale, codes, old] as const));

  it('covers every case of the golden file', () => {
    expect(rows.map(([key]) => key).sort()).toEqual(Object.keys(golden).sort());
  });

  it.each(rows)('%s reads as before when rendered from codes', (key, template, locale, codes) => {
    const m = renderMail(template, locale, codes);
    const before = golden[key]!;
    expect({ subject: m.subject, text: m.text }).toEqual({ subject: before.subject, text: before.text });
    if (before.html) expect(m.html).toBe(before.html);
  });

  it.each(rows)('%s still renders from the parameters of mail queued before', (key, template, locale, _codes, old) => {
    const m = renderMail(template, locale, old);
    expect({ subject: m.subject, text: m.text }).toEqual({ subject: golden[key]!.subject, text: golden[key]!.text });
  });

  it('renders a row with its codes missing without throwing, leaving the words out', () => {
    const m = renderMail('assignment.new', 'en', { displayName: 'A', title: 'T', url: 'https://x.test/p/1', due: '2027-01-01' });
    expect(m.subject).toBe('[Open Participation] Proposal assigned to your agency (): T');
    expect(renderMail('assignment.overdue-digest', 'zh-TW', { displayName: 'A', url: 'u', count: 1, more: 0 }).text).toContain('目前共有 1 件指派已逾回應期限：');
    expect(renderMail('proposal.responded', 'zh-TW', { displayName: 'A', title: 'T', url: 'u', agencyZh: '環境部' }).text).toContain('環境部已公開對您附議的提案「T」的評估回應：。');
  });
});
