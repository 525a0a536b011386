import { IntlMessageFormat } from 'intl-messageformat';
import en from '../locales/en.json' with { type: 'json' };
import zhTW from '../locales/zh-TW.json' with { type: 'json' };
import { type Locale, toLocale } from './locale.js';

/** A locale file: nested objects whose leaves are ICU messages. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** The shape of a locale file (zh-TW's; a unit test keeps en.json the same). */
export type Messages = typeof zhTW;

/** Every message key, as a dotted path (`mail.greeting`), checked by the compiler against zh-TW.json. */
export type MessageKey = Leaves<Messages>;
type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T &
  string];

export type MessageValue = string | number | boolean | null | undefined;
export type MessageParams = Record<string, MessageValue>;

export const CATALOGUES: Record<Locale, MessageTree> = { 'zh-TW': zhTW, en };

type Ast = ReturnType<IntlMessageFormat['getAst']>;
type ArgKind = 'text' | 'select' | 'plural';
interface Compiled {
  format: IntlMessageFormat;
  args: Map<string, ArgKind>;
}

const compiled = new Map<string, Compiled | null>();

export function lookup(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The placeholders of a message (`{title}`, `{role, select, …}`), with what kind of value each takes. */
export function argumentsOf(ast: Ast, into = new Map<string, ArgKind>()): Map<string, ArgKind> {
  for (const el of ast as { type: number; value?: unknown; options?: Record<string, { value: Ast }>; children?: Ast }[]) {
    // Element types of the ICU parser: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag.
    if (el.type >= 1 && el.type <= 4) into.set(String(el.value), into.get(String(el.value)) ?? 'text');
    if (el.type === 5 || el.type === 6) into.set(String(el.value), el.type === 5 ? 'select' : 'plural');
    for (const option of Object.values(el.options ?? {})) argumentsOf(option.value, into);
    if (el.children) argumentsOf(el.children, into);
  }
  return into;
}

function compile(locale: Locale, key: string): Compiled | null {
  const id = `${locale}\u0000${key}`;
  let c = compiled.get(id);
  if (c === undefined) {
    const message = lookup(CATALOGUES[locale], key);
    // Messages are plain text (mail text parts, escaped by the renderer or the view engine): no rich-text tags.
    const format = message === undefined ? null : new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
    c = format ? { format, args: argumentsOf(format.getAst()) } : null;
    compiled.set(id, c);
  }
  return c;
}

/**
 * The message `key` in `locale` (zh-TW for anything else), its placeholders filled from `params`. A key
 * missing from the locale falls back to zh-TW, then to the key itself; a missing parameter renders empty
 * (a `select` takes its `other` branch), so a stored mail with older parameters still renders.
 */
export function t(locale: Locale | string, key: MessageKey, params: MessageParams = {}): string {
  const lang = toLocale(locale);
  const c = compile(lang, key) ?? compile('zh-TW', key);
  if (!c) return key;
  const values: Record<string, string | number> = {};
  for (const [name, kind] of c.args) {
    const v = params[name];
    if (kind === 'plural') values[name] = typeof v === 'number' ? v : Number(v ?? 0) || 0;
    else values[name] = v === null || v === undefined ? (kind === 'select' ? 'other' : '') : typeof v === 'number' ? v : String(v);
  }
  return String(c.format.format(values));
}

/** Whether `key` names a message in `locale`. */
export function hasMessage(locale: Locale, key: string): boolean {
  return lookup(CATALOGUES[locale], key) !== undefined;
}
