import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../shared/index.js';
import { type ProposalAction, type ProposalStatus, transition } from './proposal-state.js';
import { Proposal } from './proposal.entity.js';

/*
 * The proposal row as later contexts touch it, inside their own transaction. Lock order everywhere: the
 * proposal first, then what hangs off it (the timeline's foreign key locks the proposal row too).
 */

/** Locks the proposal for update; null when it does not exist. */
export function lockProposal(em: EntityManager, id: string): Promise<Proposal | null> {
  return em.findOne(Proposal, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** Locks the proposal for update, or 404. */
export async function lockProposalOrFail(em: EntityManager, id: string): Promise<Proposal> {
  const p = await lockProposal(em, id);
  if (!p) throw new NotFoundError('proposal', id);
  return p;
}

/**
 * Moves a locked proposal by `action` (409 when the state machine refuses it), bumping its version, and keeps
 * the object in step. A move to the same status (re-assigning an assigned proposal) writes nothing.
 */
export async function moveProposal(
  em: EntityManager,
  p: Proposal,
  action: ProposalAction,
  now: Date,
  patch: Partial<Pick<Proposal, 'closedAt' | 'qualifiedAt' | 'endorsementCountCached'>> = {},
): Promise<ProposalStatus> {
  const to = transition(p.status, action);
  if (to === p.status && !Object.keys(patch).length) return to;
  await em.update(Proposal, { id: p.id }, { status: to, version: p.version + 1, updatedAt: now, ...patch });
  Object.assign(p, { status: to, version: p.version + 1, updatedAt: now, ...patch });
  return to;
}

/** Ids of the agencies the proposer suggested, lead first. */
export async function suggestedAgencyIds(em: EntityManager, proposalId: string): Promise<string[]> {
  const rows = (await em.query('SELECT agency_id AS id FROM proposal_agencies WHERE proposal_id = ? ORDER BY position', [proposalId])) as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}
