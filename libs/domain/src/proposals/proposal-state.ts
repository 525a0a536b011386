import { ConflictError } from '../common/domain-errors.js';

/** The proposal life cycle of the contract, in one place. */
export const PROPOSAL_STATUSES = [
  'pending_review', 'returned', 'rejected', 'endorsing', 'qualified', 'expired', 'withdrawn', 'assigned', 'responded', 'decided',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export type ProposalAction =
  | 'publish' | 'return' | 'reject' | 'resubmit' | 'withdraw' | 'qualify' | 'expire' | 'assign' | 'respond' | 'decide';

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

/** Statuses the public sees (everything after review, except rejection). */
export const PUBLISHED_STATUSES: readonly ProposalStatus[] = ['endorsing', 'qualified', 'expired', 'withdrawn', 'assigned', 'responded', 'decided'];

export class InvalidTransitionError extends ConflictError {
  constructor(
    readonly from: ProposalStatus,
    readonly action: ProposalAction,
  ) {
    super(`a proposal that is ${from} cannot be ${PAST[action]}`);
  }
}

const PAST: Record<ProposalAction, string> = {
  publish: 'published', return: 'returned', reject: 'rejected', resubmit: 'resubmitted', withdraw: 'withdrawn',
  qualify: 'qualified', expire: 'expired', assign: 'assigned', respond: 'answered', decide: 'decided',
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
