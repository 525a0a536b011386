/**
 * Terms for the proposal search index, the same for documents and queries:
 * - runs of CJK characters give every character and every pair of neighbours (氣候變遷 → 氣, 候, 變, 遷, 氣候, 候變, 變遷),
 *   so any Chinese substring of two or more characters is found through its pairs;
 * - Latin and digit runs give lower-cased words.
 * A query's terms must all be present; the candidates are then checked for the exact substring.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u3007]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
export const MAX_TERM_LENGTH = 32;

export function documentTerms(text: string): Set<string> {
  const terms = new Set<string>();
  const normalized = text.normalize('NFKC');
  for (const run of normalized.match(CJK) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      terms.add(chars[i]!);
      if (i + 1 < chars.length) terms.add(chars[i]! + chars[i + 1]!);
    }
  }
  for (const word of normalized.replace(CJK, ' ').toLowerCase().match(WORD) ?? []) {
    if (word.length >= 2) terms.add([...word].slice(0, MAX_TERM_LENGTH).join(''));
  }
  return terms;
}

/** The fewest terms that pin a query down: pairs for CJK runs (the single character if alone), words otherwise. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  const normalized = query.normalize('NFKC');
  for (const run of normalized.match(CJK) ?? []) {
    const chars = [...run];
    if (chars.length === 1) terms.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
  }
  for (const word of normalized.replace(CJK, ' ').toLowerCase().match(WORD) ?? []) {
    if (word.length >= 2) terms.add([...word].slice(0, MAX_TERM_LENGTH).join(''));
  }
  return [...terms];
}
