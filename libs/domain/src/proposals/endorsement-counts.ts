import type { EntityManager } from 'typeorm';

/** Each endorsement bumps one of this many counter rows of its proposal, chosen at random. */
export const COUNTER_SHARDS = 16;

/** Exact committed endorsement counts, summed from the shards. */
export async function endorsementCounts(em: EntityManager, proposalIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(proposalIds.map((id) => [id, 0]));
  if (!proposalIds.length) return counts;
  const rows = (await em.query(
    'SELECT proposal_id AS id, SUM(n) AS n FROM proposal_endorsement_counts WHERE proposal_id IN (?) GROUP BY proposal_id',
    [proposalIds],
  )) as { id: string; n: string | number }[];
  for (const r of rows) counts.set(r.id, Number(r.n));
  return counts;
}

export async function endorsementCount(em: EntityManager, proposalId: string): Promise<number> {
  return (await endorsementCounts(em, [proposalId])).get(proposalId) ?? 0;
}
