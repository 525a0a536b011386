import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { PUBLISHED_STATUSES } from './proposal-state.js';
import { documentTerms, queryTerms } from './search-terms.js';

/** At most this many terms narrow a query: enough to make the candidates few, the LIKE check does the rest. */
const MAX_QUERY_TERMS = 4;

/** The first, the last and evenly spread terms between them. */
function narrowingTerms(terms: string[]): string[] {
  if (terms.length <= MAX_QUERY_TERMS) return terms;
  const step = (terms.length - 1) / (MAX_QUERY_TERMS - 1);
  return [...new Set(Array.from({ length: MAX_QUERY_TERMS }, (_, i) => terms[Math.round(i * step)]!))];
}

const INSERT_CHUNK = 500;

/**
 * The proposal search index (proposal_search_terms). Title and summary are indexed; a query's
 * terms must all match, then the candidates are checked for the exact text with LIKE.
 */
@Injectable()
export class SearchIndexer {
  /**
   * Indexes a proposal's title and summary, inside the caller's transaction. A new proposal only inserts; an
   * edit deletes the terms it lost and inserts the ones it gained, each by primary key (term, proposal_id). A
   * DELETE by proposal_id would take gap locks on that index, and concurrent submissions, whose new ids land in
   * the same gap, would deadlock on them.
   */
  async index(em: EntityManager, proposalId: string, doc: { title: string; summary: string }, isNew = false): Promise<void> {
    const terms = documentTerms(`${doc.title}\n${doc.summary}`);
    const existing = isNew
      ? new Set<string>()
      : new Set(
          ((await em.query('SELECT term FROM proposal_search_terms WHERE proposal_id = ?', [proposalId])) as { term: string }[]).map(
            (r) => r.term,
          ),
        );
    const removed = [...existing].filter((t) => !terms.has(t));
    const added = [...terms].filter((t) => !existing.has(t));
    for (let i = 0; i < removed.length; i += INSERT_CHUNK) {
      const chunk = removed.slice(i, i + INSERT_CHUNK);
      await em.query(
        `DELETE FROM proposal_search_terms WHERE (term, proposal_id) IN (${chunk.map(() => '(?, ?)').join(', ')})`,
        chunk.flatMap((t) => [t, proposalId]),
      );
    }
    for (let i = 0; i < added.length; i += INSERT_CHUNK) {
      const chunk = added.slice(i, i + INSERT_CHUNK);
      await em.query(
        `INSERT IGNORE INTO proposal_search_terms (term, proposal_id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flatMap((t) => [t, proposalId]),
      );
    }
  }

  /** Narrows a query on `proposals` (aliased `alias`) to those matching `q`. False when `q` has nothing searchable. */
  applyQuery<T extends object>(qb: SelectQueryBuilder<T>, alias: string, q: string): boolean {
    const terms = narrowingTerms(queryTerms(q));
    if (!terms.length) return false;
    // Intersect the terms' posting lists by joining on the primary key (term, proposal_id): one index
    // lookup per candidate and term, never a scan. The derived table is materialized once.
    const joins = terms
      .slice(1)
      .map(
        (_, i) =>
          `JOIN proposal_search_terms st${i + 1} ON st${i + 1}.term = :searchTerm${i + 1} AND st${i + 1}.proposal_id = st0.proposal_id`,
      );
    qb.andWhere(
      `${alias}.id IN (SELECT hit.proposal_id FROM (SELECT st0.proposal_id FROM proposal_search_terms st0 ${joins.join(' ')} WHERE st0.term = :searchTerm0) hit)`,
      Object.fromEntries(terms.map((t, i) => [`searchTerm${i}`, t])),
    );
    // Pairs found apart from each other are not the substring: check the text itself on the candidates.
    const like = `%${q.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    qb.andWhere(`(${alias}.title LIKE :searchLike OR ${alias}.summary LIKE :searchLike)`, { searchLike: like });
    return true;
  }

  /** Published proposals sharing at least half of the title's search terms, the most shared first. */
  async similarIds(em: EntityManager, title: string, limit: number): Promise<string[]> {
    const terms = queryTerms(title);
    if (!terms.length) return [];
    const rows = (await em.query(
      `SELECT p.id FROM proposals p
         JOIN (SELECT proposal_id, COUNT(*) AS hits FROM proposal_search_terms WHERE term IN (?) GROUP BY proposal_id) m
           ON m.proposal_id = p.id
        WHERE p.published_at IS NOT NULL AND p.status IN (?) AND m.hits * 2 >= ?
        ORDER BY m.hits DESC, p.published_at DESC LIMIT ${Number(limit)}`,
      [terms, PUBLISHED_STATUSES, terms.length],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
