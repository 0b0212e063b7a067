import type { EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { currentContext } from '@kaari/common/request-context.js';

export interface AuditInput {
  /** What happened, as `<entity>.<verb>`: `user.updated`, `task.reassigned`, `auth.signed-in`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  instanceId?: string | null;
  historyId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown> | null;
}

const COLUMNS = 11;

/**
 * Appends audit entries inside the caller's transaction, so an entry exists exactly when
 * its change committed. Unsealed here; the worker's sealer chains them. Who and the
 * correlation id come from the request (or job) context unless an actor is given.
 */
export async function appendAudit(em: EntityManager, entries: AuditInput[], actor?: Actor | null): Promise<void> {
  if (!entries.length) return;
  const context = currentContext();
  const who = actor ?? context?.actor ?? null;
  const values: unknown[] = [];
  const rows = entries.map((e, i) => {
    values.push(
      who?.username ?? 'system',
      who?.userId ?? null,
      e.action,
      e.entityType,
      e.entityId ?? null,
      e.instanceId ?? null,
      e.historyId ?? null,
      e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
      e.details ? JSON.stringify(e.details) : null,
      context?.correlationId ?? null,
    );
    return `(${Array.from({ length: COLUMNS }, (_, k) => `$${i * COLUMNS + k + 1}`).join(',')})`;
  });
  await em.query(
    `INSERT INTO audit_log (actor, actor_id, action, entity_type, entity_id, instance_id, history_id, before, after, details, correlation_id) VALUES ${rows.join(',')}`,
    values,
  );
}
