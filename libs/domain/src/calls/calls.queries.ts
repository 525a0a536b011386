import type { EntityManager } from 'typeorm';
import { Call } from './call.entity.js';

/** Call reads for other contexts, inside their transaction. */

export function findCall(em: EntityManager, id: string): Promise<Call | null> {
  return em.findOneBy(Call, { id });
}

export function findCallOrFail(em: EntityManager, id: string): Promise<Call> {
  return em.findOneByOrFail(Call, { id });
}
