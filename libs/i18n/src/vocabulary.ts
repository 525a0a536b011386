import type { Locale } from './locale.js';
import { type MessageKey, type Messages, hasMessage, t } from './translate.js';

/**
 * The coded words of the domain, translated here and nowhere else: the domain passes codes (`'lead'`,
 * `'not_adopt'`), pages and mail templates call `term()`.
 */
export type Vocabulary = keyof Messages['vocabulary'];
export type Term<V extends Vocabulary> = keyof Messages['vocabulary'][V] & string;

/**
 * The word for `code` in `locale`. An unknown or missing code gives `fallback` (e.g. the pre-translated
 * text an old stored mail carries), else the code itself, so nothing ever renders as a bare key.
 */
export function term<V extends Vocabulary>(
  locale: Locale,
  vocabulary: V,
  code: Term<V> | (string & {}) | null | undefined,
  fallback?: string | null,
): string {
  const key = `vocabulary.${vocabulary}.${code ?? ''}`;
  if (code && hasMessage(locale, key)) return t(locale, key as MessageKey);
  return fallback ?? code ?? '';
}

export const proposalStatus = (locale: Locale, code: string) => term(locale, 'proposalStatus', code);
export const userRole = (locale: Locale, code: string) => term(locale, 'userRole', code);
export const assignmentRole = (locale: Locale, code: string | null | undefined, fallback?: string | null) =>
  term(locale, 'assignmentRole', code, fallback);
export const assignmentStatus = (locale: Locale, code: string) => term(locale, 'assignmentStatus', code);
export const recommendation = (locale: Locale, code: string | null | undefined, fallback?: string | null) =>
  term(locale, 'recommendation', code, fallback);
export const reviewReason = (locale: Locale, code: string | null | undefined, fallback?: string | null) =>
  term(locale, 'reviewReason', code, fallback);
export const timelineEvent = (locale: Locale, code: string) => term(locale, 'timelineEvent', code);

/** Agency names are data in both languages (the agencies table): the one for `locale`. */
export function inLocale(locale: Locale, zh: string | null | undefined, en: string | null | undefined): string {
  return (locale === 'en' ? en || zh : zh || en) ?? '';
}
