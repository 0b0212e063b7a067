/**
 * Domain errors carry a code; only apps/api maps codes to HTTP (see problem.filter.ts),
 * with an exhaustive switch so a new code fails to compile until it is mapped.
 */
export type DomainErrorCode =
  | 'BAD_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_BPMN'
  | 'INVALID_FORM_DATA'
  /** An Idempotency-Key repeated with a different request (422). */
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'TOO_MANY_REQUESTS'
  | 'UNAVAILABLE'
  /** An upload or body past a byte limit (413). */
  | 'TOO_LARGE'
  /** An upload past a count limit: rows, problems, what it unpacks to (422). */
  | 'LIMIT_EXCEEDED';

export interface ProblemItem {
  /** The element, field or pointer the problem is about. */
  path: string | null;
  code: string;
  message: string;
  /** The values the message names (a limit, what it counts, its setting), for clients that word it themselves. */
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly problems: ProblemItem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, problems: ProblemItem[] = []) => new DomainError('BAD_INPUT', message, problems);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);

/**
 * A refusal the client words itself: one problem item (path null) with a stable `code` and the
 * `params` its words need. The English message is for logs and API users, never for the UI.
 */
export const codedError = (kind: DomainErrorCode, code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError(kind, message, [{ path: null, code, message, ...(params ? { params } : {}) }]);
export const conflict = (message: string, code?: string, params?: Record<string, string | number>) =>
  code ? codedError('CONFLICT', code, message, params) : new DomainError('CONFLICT', message);
export const forbidden = (message: string, code?: string, params?: Record<string, string | number>) =>
  code ? codedError('FORBIDDEN', code, message, params) : new DomainError('FORBIDDEN', message);
