import { type EntityManager, In } from 'typeorm';
import { Agency } from './agency.entity.js';

/** Agency reads for other contexts, inside their transaction. */

export function findAgency(em: EntityManager, id: string): Promise<Agency | null> {
  return em.findOneBy(Agency, { id });
}

export function findAgencyOrFail(em: EntityManager, id: string): Promise<Agency> {
  return em.findOneByOrFail(Agency, { id });
}

/** Which of these ids name an agency. */
export async function existingAgencyIds(em: EntityManager, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = await em.find(Agency, { where: { id: In(ids) }, select: { id: true } });
  return new Set(found.map((a) => a.id));
}
