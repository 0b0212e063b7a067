import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from './actor.js';

/**
 * Who is acting and under which correlation id, for the code a request or a job runs.
 * The api opens a context per request, the worker per job; the audit trail reads it, so
 * services need not pass a correlation id through every signature.
 */
export interface RequestContext {
  correlationId: string | null;
  actor?: Actor;
  /** The client address (for sign-in throttling and the audit trail). */
  address?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
