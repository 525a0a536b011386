import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable, Module } from '@nestjs/common';
import { Eta } from 'eta';
import { DEFAULT_LOCALE, type Locale, type MessageKey, type MessageParams, type Vocabulary, hasMessage, t, term } from '#i18n';

/** Where the templates live, relative to the project root. */
const VIEWS = 'apps/api/src/views';

/**
 * The templates are read from the source tree both when running from TypeScript (tests) and from dist/
 * (tsc copies no .eta files): walk up from this module to the project root, the folder that holds them.
 */
export function findViewsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, VIEWS))) return join(dir, VIEWS);
    if (dirname(dir) === dir) throw new Error(`views not found: no ${VIEWS} above ${from}`);
  }
}

/** The words every template can use. Pages are bilingual: zh-TW first, English beside it. */
export interface PageWords {
  lang: Locale;
  /** The message in the page's language. */
  t(key: MessageKey, params?: MessageParams): string;
  /** The same message in English, shown beside it. */
  alt(key: MessageKey, params?: MessageParams): string;
  /** Both, separated by a space: a label ("驗證 Verify"). */
  both(key: MessageKey, params?: MessageParams): string;
  /** Both, one after the other: sentences ("已驗證。Verified."). */
  sentences(key: MessageKey, params?: MessageParams): string;
  /** A coded word in both languages ("主政機關 lead agency"); an unknown code as it is. */
  term(vocabulary: Vocabulary, code: string): string;
  /** A coded word in the page's language only. */
  word(vocabulary: Vocabulary, code: string): string;
  /** The date part of an ISO time. */
  day(iso: string | null | undefined): string;
}

export function pageWords(lang: Locale = DEFAULT_LOCALE, other: Locale = 'en'): PageWords {
  return {
    lang,
    t: (key, params) => t(lang, key, params),
    alt: (key, params) => t(other, key, params),
    both: (key, params) => `${t(lang, key, params)} ${t(other, key, params)}`,
    sentences: (key, params) => `${t(lang, key, params)}${t(other, key, params)}`,
    term: (vocabulary, code) =>
      hasMessage(lang, `vocabulary.${vocabulary}.${code}`) ? `${term(lang, vocabulary, code)} ${term(other, vocabulary, code)}` : code,
    word: (vocabulary, code) => term(lang, vocabulary, code),
    day: (iso) => (iso ? iso.slice(0, 10) : ''),
  };
}

/**
 * The view engine: Eta, which escapes every `<%= %>` by default (`<%~ %>` is raw and used only for the
 * layout's body and included partials). Templates are compiled once and cached.
 */
@Injectable()
export class Views {
  private readonly eta = new Eta({ views: findViewsDir(), cache: true, autoEscape: true });

  /** Renders `views/<name>.eta` with the page words and `data` (as `it`). */
  render(name: string, data: object = {}): string {
    return this.eta.render(name, { ...pageWords(), ...data });
  }
}

@Module({ providers: [Views], exports: [Views] })
export class ViewsModule {}
