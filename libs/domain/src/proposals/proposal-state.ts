import { ConflictError } from '../shared/index.js';

/** The proposal life cycle of the contract, in one place: its statuses, moves and the predicates built on them. */
export const PROPOSAL_STATUSES = [
  'pending_review',
  'returned',
  'rejected',
  'endorsing',
  'qualified',
  'expired',
  'withdrawn',
  'assigned',
  'responded',
  'decided',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export type ProposalAction =
  'publish' | 'return' | 'reject' | 'resubmit' | 'withdraw' | 'qualify' | 'expire' | 'assign' | 'respond' | 'decide';

const TRANSITIONS: Record<ProposalStatus, Partial<Record<ProposalAction, ProposalStatus>>> = {
  pending_review: { publish: 'endorsing', return: 'returned', reject: 'rejected', withdraw: 'withdrawn' },
  returned: { resubmit: 'pending_review', withdraw: 'withdrawn' },
  rejected: {},
  endorsing: { qualify: 'qualified', expire: 'expired', withdraw: 'withdrawn' },
  qualified: { assign: 'assigned' },
  assigned: { assign: 'assigned', respond: 'responded' },
  responded: { decide: 'decided' },
  expired: {},
  withdrawn: {},
  decided: {},
};

export class InvalidTransitionError extends ConflictError {
  constructor(
    readonly from: ProposalStatus,
    readonly action: ProposalAction,
  ) {
    super(`a proposal that is ${from} cannot be ${PAST[action]}`);
  }
}

const PAST: Record<ProposalAction, string> = {
  publish: 'published',
  return: 'returned',
  reject: 'rejected',
  resubmit: 'resubmitted',
  withdraw: 'withdrawn',
  qualify: 'qualified',
  expire: 'expired',
  assign: 'assigned',
  respond: 'answered',
  decide: 'decided',
};

export function canTransition(from: ProposalStatus, action: ProposalAction): boolean {
  return TRANSITIONS[from][action] !== undefined;
}

/** The status after `action`, or an InvalidTransitionError (409) naming the refused move. */
export function transition(from: ProposalStatus, action: ProposalAction): ProposalStatus {
  const to = TRANSITIONS[from][action];
  if (!to) throw new InvalidTransitionError(from, action);
  return to;
}

/** Statuses from which `action` is allowed, for conditional UPDATEs (… WHERE status IN (…)). */
export function statusesAllowing(action: ProposalAction): ProposalStatus[] {
  return PROPOSAL_STATUSES.filter((s) => canTransition(s, action));
}

/** Statuses where `test` holds, for SQL conditions built from a predicate below. */
export function statusesWhere(test: (s: ProposalStatus) => boolean): ProposalStatus[] {
  return PROPOSAL_STATUSES.filter(test);
}

function reachableFrom(start: ProposalStatus): Set<ProposalStatus> {
  const seen = new Set<ProposalStatus>([start]);
  for (const s of seen) for (const to of Object.values(TRANSITIONS[s])) seen.add(to);
  return seen;
}

const AFTER_PUBLICATION = reachableFrom(transition('pending_review', 'publish'));

/** Public: every status a proposal can reach once published (even withdrawn or expired); rejection is not public. */
export const isPublicStatus = (s: ProposalStatus): boolean => AFTER_PUBLICATION.has(s);

/**
 * Statuses a proposal can have once `action` has happened to it (the life cycle has no way back), for SQL that
 * need not look where it cannot find anything: only these have assignments after `assign`, a decision after `decide`.
 */
export function statusesSince(action: ProposalAction): ProposalStatus[] {
  const since = new Set<ProposalStatus>();
  for (const s of PROPOSAL_STATUSES) {
    const to = TRANSITIONS[s][action];
    if (to) for (const r of reachableFrom(to)) since.add(r);
  }
  return PROPOSAL_STATUSES.filter((s) => since.has(s));
}

/** The statuses the public sees. */
export const PUBLISHED_STATUSES: readonly ProposalStatus[] = statusesWhere(isPublicStatus);

/** Open for endorsement: the statuses that can still qualify. */
export const isEndorsing = (s: ProposalStatus): boolean => canTransition(s, 'qualify');

/** The author may still edit: waiting for review (it can be published) or returned (it can be resubmitted). */
export const isEditable = (s: ProposalStatus): boolean => canTransition(s, 'publish') || canTransition(s, 'resubmit');

/**
 * Agencies answer — and are reminded and counted overdue — while the proposal waits for responses or for the
 * task force's decision; once decided, nobody is waited for.
 */
export const isAnswering = (s: ProposalStatus): boolean => canTransition(s, 'respond') || canTransition(s, 'decide');

/** Qualified and held by no agency yet: the moderators' triage list. */
export const isAwaitingRouting = (s: ProposalStatus): boolean => canTransition(s, 'assign') && !canTransition(s, 'respond');
