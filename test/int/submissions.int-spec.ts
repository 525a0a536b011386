import { type Actor, ProposalsService, type ProposalContent, documentTerms, queryTerms } from '#domain';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import { insertCall, insertUsers } from '../support/factories/index.js';

/**
 * Proposals submitted and edited at the same time do not block each other in the search index: a new proposal
 * has no terms to delete, and an edit touches only its own terms by primary key (no gap locks, no deadlocks).
 */
describe('concurrent submissions and edits', () => {
  let d: DomainApp;
  let callId: string;
  let authors: Actor[];

  const content = (i: number, extra = ''): ProposalContent => ({
    title: `開放資料第${i}號提案 ${extra}`.trim(),
    summary: `第${i}號：公開各機關的預算執行資料與會議紀錄，open data ${i}`,
    problem: '資訊分散。',
    solution: '建置平臺。',
  });

  /** Runs `work` for each item, `parallel` at a time; returns how many rejected and why. */
  async function inParallel<T>(items: T[], parallel: number, work: (item: T) => Promise<unknown>): Promise<string[]> {
    const errors: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < items.length) {
          const item = items[next++]!;
          await work(item).catch((err: Error) => errors.push(err.message));
        }
      }),
    );
    return errors;
  }

  beforeAll(async () => {
    d = await createDomainApp();
    callId = await insertCall(d.ds);
    authors = (await insertUsers(d.ds, 60)).map((u) => ({ id: u.id, roles: ['citizen'] }));
  });
  afterAll(async () => {
    await d?.close();
  });

  it('60 submissions, 4 at a time, then 60 edits, 4 at a time, all succeed and the index follows the edits', async () => {
    const proposals = d.get(ProposalsService);
    const ids: string[] = [];
    const submitErrors = await inParallel(
      authors.map((a, i) => [a, i] as const),
      4,
      async ([a, i]) => ids.push((await proposals.submit(a, callId, content(i))).id),
    );
    expect(submitErrors).toEqual([]);
    expect(ids).toHaveLength(60);

    const byAuthor = new Map(authors.map((a, i) => [a.id, i]));
    const rows = (await d.ds.query('SELECT id, author_id AS authorId FROM proposals WHERE id IN (?)', [ids])) as {
      id: string;
      authorId: string;
    }[];
    const editErrors = await inParallel(rows, 4, async (r) => {
      const i = byAuthor.get(r.authorId)!;
      await proposals.edit(authors[i]!, r.id, content(i, '氣候調適'));
    });
    expect(editErrors).toEqual([]);

    // Every proposal is found by its new words and its terms are exactly those of the new text.
    const [{ n }] = (await d.ds.query('SELECT COUNT(DISTINCT proposal_id) AS n FROM proposal_search_terms WHERE term IN (?)', [
      queryTerms('氣候調適'),
    ])) as { n: number | string }[];
    expect(Number(n)).toBe(60);
    const [first] = rows;
    const i = byAuthor.get(first!.authorId)!;
    const stored = (
      (await d.ds.query('SELECT term FROM proposal_search_terms WHERE proposal_id = ? ', [first!.id])) as { term: string }[]
    ).map((r) => r.term);
    const c = content(i, '氣候調適');
    expect(stored.sort()).toEqual([...documentTerms(`${c.title}\n${c.summary}`)].sort());
  });
});
