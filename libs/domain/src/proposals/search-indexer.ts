import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { documentTerms, queryTerms } from './search-terms.js';

const INSERT_CHUNK = 500;

/**
 * The proposal search index (proposal_search_terms). Title and summary are indexed; a query's
 * terms must all match, then the candidates are checked for the exact text with LIKE.
 */
@Injectable()
export class SearchIndexer {
  async index(em: EntityManager, proposalId: string, doc: { title: string; summary: string }): Promise<void> {
    await em.query('DELETE FROM proposal_search_terms WHERE proposal_id = ?', [proposalId]);
    const terms = [...documentTerms(`${doc.title}\n${doc.summary}`)];
    for (let i = 0; i < terms.length; i += INSERT_CHUNK) {
      const chunk = terms.slice(i, i + INSERT_CHUNK);
      await em.query(
        `INSERT IGNORE INTO proposal_search_terms (term, proposal_id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flatMap((t) => [t, proposalId]),
      );
    }
  }

  /** Narrows a query on `proposals` (aliased `alias`) to those matching `q`. False when `q` has nothing searchable. */
  applyQuery<T extends object>(qb: SelectQueryBuilder<T>, alias: string, q: string): boolean {
    const terms = queryTerms(q);
    if (!terms.length) return false;
    const like = `%${q.trim().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    qb.andWhere(
      `${alias}.id IN (SELECT st.proposal_id FROM proposal_search_terms st WHERE st.term IN (:...searchTerms)
        GROUP BY st.proposal_id HAVING COUNT(*) = :searchTermCount)`,
      { searchTerms: terms, searchTermCount: terms.length },
    );
    // Pairs found apart from each other are not the substring: check the text itself on the few candidates.
    qb.andWhere(`(${alias}.title LIKE :searchLike OR ${alias}.summary LIKE :searchLike)`, { searchLike: like });
    return true;
  }
}
