import { documentTerms, queryTerms } from './search-terms.js';

describe('search terms', () => {
  it('indexes Chinese by characters and pairs, Latin by lower-cased words', () => {
    expect([...documentTerms('氣候變遷 Open Data')].sort()).toEqual(
      ['data', 'open', '候', '候變', '氣', '氣候', '遷', '變', '變遷'].sort(),
    );
  });

  it('a Chinese substring query is made of pairs present in the document', () => {
    const doc = documentTerms('推動氣候變遷調適的公眾參與');
    for (const t of queryTerms('氣候')) expect(doc.has(t)).toBe(true);
    for (const t of queryTerms('變遷調適')) expect(doc.has(t)).toBe(true);
    expect(queryTerms('氣候')).toEqual(['氣候']);
    expect(queryTerms('水')).toEqual(['水']);
    expect(queryTerms('OPEN 資料')).toEqual(['資料', 'open']);
  });

  it('normalizes full-width letters', () => {
    expect(queryTerms('ＯＰＥＮ')).toEqual(['open']);
  });
});
