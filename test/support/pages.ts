import { type Locale, type MessageKey, type MessageParams, type Vocabulary, t, term } from '#i18n';

/** As the view engine escapes text (Eta's autoEscape). */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A page's message by its key (libs/i18n), as the page shows it: tests look for keys, not for wording. */
export function pageText(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return escapeHtml(t(locale, key, params));
}

/** A coded word (`assignmentRole` `lead`) as a page shows it in `locale`. */
export function pageWord(locale: Locale, vocabulary: Vocabulary, code: string): string {
  return escapeHtml(term(locale, vocabulary, code));
}
