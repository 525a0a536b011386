import { type Actor, hasRole } from '../shared/index.js';
import { isPublicStatus } from './proposal-state.js';
import type { Proposal } from './proposal.entity.js';

/** Moderators (and admins) see and handle proposals before publication. */
export function isStaff(viewer: Actor | null): boolean {
  return !!viewer && hasRole(viewer.roles, 'moderator');
}

/** Published proposals are public (even once withdrawn or expired); others only to their author and moderators. */
export function canSee(p: Pick<Proposal, 'status' | 'authorId' | 'publishedAt'>, viewer: Actor | null): boolean {
  if (p.publishedAt && isPublicStatus(p.status)) return true;
  return !!viewer && (viewer.id === p.authorId || isStaff(viewer));
}
