/**
 * Errors the domain throws. The HTTP layer maps each kind to a status code
 * (invalid 400, unauthenticated 401, forbidden 403, not_found 404, conflict 409, rule 422);
 * the domain itself knows nothing of HTTP.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rule';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Extra fields for the error body beside `statusCode`, `error` and `message` (e.g. the quiet period that refused). */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string) {
    super('invalid', message);
  }
}
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Not signed in') {
    super('unauthenticated', message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super('not_found', id ? `${what} ${id} not found` : `${what} not found`);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}
export class RuleViolationError extends DomainError {
  constructor(message: string, detail?: Record<string, unknown>) {
    super('rule', message, detail);
  }
}

export { isDuplicateKeyError } from '#database';
