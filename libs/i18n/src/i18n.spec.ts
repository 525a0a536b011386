import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, toLocale } from './locale.js';
import { CATALOGUES, type MessageTree, argumentsOf, t } from './translate.js';
import { assignmentRole, inLocale, recommendation, reviewReason, term } from './vocabulary.js';

function leaves(tree: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (message: string, locale: string) =>
  [...argumentsOf(new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).getAst()).entries()]
    .map(([n, k]) => `${n}:${k}`)
    .sort();

describe('locale files', () => {
  const [zh, en] = LOCALES.map((l) => leaves(CATALOGUES[l]));

  it('have the same keys in every locale', () => {
    expect([...en!.keys()].filter((k) => !zh!.has(k))).toEqual([]);
    expect([...zh!.keys()].filter((k) => !en!.has(k))).toEqual([]);
  });

  it('give each message the same placeholders in every locale, and every message parses', () => {
    const differ = [...zh!].filter(([k, m]) => en!.has(k) && placeholders(m, 'zh-TW').join() !== placeholders(en!.get(k)!, 'en').join());
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it('have no empty message', () => {
    for (const l of LOCALES) expect([...leaves(CATALOGUES[l])].filter(([, m]) => !m.trim()).map(([k]) => `${l} ${k}`)).toEqual([]);
  });

  it('detects a missing key and a differing placeholder', () => {
    const a = leaves({ x: { y: 'a {n}' }, z: 'b' });
    const b = leaves({ x: { y: 'a {m}' } });
    expect([...a.keys()].filter((k) => !b.has(k))).toEqual(['z']);
    expect(placeholders(a.get('x.y')!, 'en')).not.toEqual(placeholders(b.get('x.y')!, 'en'));
  });
});

describe('t', () => {
  it('fills placeholders, zh-TW by default and for unknown locales', () => {
    expect(t('zh-TW', 'mail.greeting', { displayName: '王' })).toBe('王 您好：');
    expect(t('fr', 'mail.greeting', { displayName: '王' })).toBe('王 您好：');
    expect(t('en', 'mail.greeting', { displayName: 'Ann' })).toBe('Hello Ann,');
  });

  it('inserts values as written: no number grouping, no markup', () => {
    expect(t('en', 'mail.proposal.qualified.subject', { title: '<b>x</b> {y}' })).toBe('Proposal qualified: <b>x</b> {y}');
    expect(t('en', 'mail.assignment.overdueDigest.subject', { count: 12345 })).toBe('Weekly digest: 12345 overdue responses');
  });

  it('selects on codes and booleans, and takes the other branch when a value is missing', () => {
    const p = { agency: 'M', title: 'T', recommendation: 'adopt' };
    expect(t('en', 'mail.response.published.body', { ...p, correction: true, onBehalf: 'endorser' })).toBe(
      'M has corrected its response to the proposal "T", which you endorsed: adopt.',
    );
    expect(t('en', 'mail.response.published.body', { ...p, correction: false, onBehalf: 'author' })).toBe(
      'M has published its response to your proposal "T": adopt.',
    );
    expect(t('en', 'mail.response.published.body', {})).toBe(' has published its response to the proposal "": .');
  });

  it('answers an unknown key with the key', () => {
    expect(t('en', 'no.such.key' as never)).toBe('no.such.key');
  });
});

describe('vocabulary', () => {
  it('translates codes, and falls back to the given text, then to the code', () => {
    expect(assignmentRole('zh-TW', 'lead')).toBe('主政機關');
    expect(recommendation('en', 'partially_adopt')).toBe('partially adopt');
    expect(reviewReason('en', 'out_of_scope')).toBe('out of the call’s scope');
    expect(assignmentRole('en', undefined, 'lead agency')).toBe('lead agency');
    expect(term('en', 'proposalStatus', 'no_such_status')).toBe('no_such_status');
    expect(term('en', 'proposalStatus', 'constructor')).toBe('constructor');
    expect(assignmentRole('en', null)).toBe('');
  });

  it('picks an agency name in the locale, or the other one when it is missing', () => {
    expect(inLocale('en', '環境部', 'Ministry of Environment')).toBe('Ministry of Environment');
    expect(inLocale('zh-TW', '環境部', 'Ministry of Environment')).toBe('環境部');
    expect(inLocale('en', '環境部', undefined)).toBe('環境部');
    expect(toLocale('en')).toBe('en');
  });
});
