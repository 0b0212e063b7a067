import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The engine's own kind: a BPMN timer event. Other modules register theirs with TimerService.register. */
export const BPMN_TIMER = 'bpmn-timer';

export interface TimerRequest {
  instanceId: string;
  /** A kind TimerService has a handler for. */
  kind: string;
  key: string;
  dueAt: Date;
  taskId?: string | null;
  activityId?: string | null;
  ownerExecutionId?: string | null;
  payload?: Record<string, unknown> | null;
}

/**
 * Arms timers inside the caller's transaction: a `timers` row plus an outbox row that
 * the relay turns into a BullMQ delayed job after commit. If the transaction rolls
 * back, neither exists; if Redis is down, the outbox row waits for it.
 */
@Injectable()
export class TimerScheduler {
  private readonly kinds = new Set<string>();

  /** A kind TimerService fires (TimerService.register tells it); a timer of any other kind is never armed, as it could never fire. */
  allow(kind: string): void {
    this.kinds.add(kind);
  }

  async schedule(em: EntityManager, requests: TimerRequest[]): Promise<void> {
    if (!requests.length) return;
    const unknown = requests.find((r) => !this.kinds.has(r.kind));
    if (unknown) throw new Error(`no handler for timers of kind ${unknown.kind}: register it with TimerService.register`);
    // One statement for all of a step's timers, their outbox rows and the relay's wake-up: a step's cost is its
    // round trips (bench/, README "Performance"). Due times are JS dates, whole milliseconds, so the outbox's
    // dueAt is exactly what the sweep later reads from the row, and the job ids agree.
    await em.query(
      `WITH armed AS (
         INSERT INTO timers (id, instance_id, kind, key, task_id, activity_id, owner_execution_id, due_at, state, payload)
         SELECT t.id, t.instance_id, t.kind, t.key, t.task_id, t.activity_id, t.owner_execution_id, t.due_at, 'pending', t.payload
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[], $9::jsonb[])
           AS t(id, instance_id, kind, key, task_id, activity_id, owner_execution_id, due_at, payload)
         ON CONFLICT (instance_id, kind, key) DO NOTHING RETURNING id, due_at),
       queued AS (
         INSERT INTO outbox (topic, payload)
         SELECT 'timer', jsonb_build_object('timerId', armed.id, 'dueAt', to_char(armed.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM armed RETURNING 1)
       SELECT pg_notify('kaari_outbox', '') FROM (SELECT 1) AS once WHERE EXISTS (SELECT 1 FROM queued)`,
      [
        requests.map(() => randomUUID()),
        requests.map((r) => r.instanceId),
        requests.map((r) => r.kind),
        requests.map((r) => r.key),
        requests.map((r) => r.taskId ?? null),
        requests.map((r) => r.activityId ?? null),
        requests.map((r) => r.ownerExecutionId ?? null),
        requests.map((r) => r.dueAt),
        requests.map((r) => (r.payload ? JSON.stringify(r.payload) : null)),
      ],
    );
  }

  /** Moves a pending timer to a new time (a deadline extended or an escalated task's new deadline). */
  async reschedule(em: EntityManager, timerId: string, dueAt: Date): Promise<void> {
    await em.query(`UPDATE timers SET due_at = $2 WHERE id = $1 AND state = 'pending'`, [timerId, dueAt]);
    await this.enqueue(em, [{ timerId, dueAt }]);
  }

  private async enqueue(em: EntityManager, timers: Array<{ timerId: string; dueAt: Date }>): Promise<void> {
    if (!timers.length) return;
    // pg_notify in the same statement: the relay wakes after commit, not on a poll.
    await em.query(
      `WITH queued AS (INSERT INTO outbox (topic, payload) SELECT 'timer', p FROM unnest($1::jsonb[]) AS p RETURNING 1)
       SELECT pg_notify('kaari_outbox', '') FROM (SELECT 1) AS once WHERE EXISTS (SELECT 1 FROM queued)`,
      [timers.map((t) => JSON.stringify({ timerId: t.timerId, dueAt: t.dueAt.toISOString() }))],
    );
  }

  /**
   * Cancels, in one statement, the pending timers of tasks that are no longer open — completed
   * in this step, or cancelled (`closedTaskIds`, closed by the step just now) — and the BPMN
   * timers whose owning element the engine no longer waits on (its task completed, say). A
   * task's reminder, overdue mark and escalation live exactly as long as the task is open.
   */
  async cancelStale(em: EntityManager, instanceId: string, closedTaskIds: string[], postponed: string[]): Promise<void> {
    await em.query(
      `UPDATE timers SET state = 'cancelled' WHERE instance_id = $1 AND state = 'pending'
       AND (task_id = ANY($2) OR task_id IN (SELECT id FROM tasks WHERE instance_id = $1 AND state <> 'open')
            OR (kind = 'bpmn-timer' AND NOT (owner_execution_id = ANY($3))))`,
      [instanceId, closedTaskIds, postponed],
    );
  }

  /** Cancels the pending timers of tasks that closed without an engine step (a queued task completed ahead of its run). */
  async cancelForTasks(em: EntityManager, instanceId: string, taskIds: string[]): Promise<void> {
    await em.query(`UPDATE timers SET state = 'cancelled' WHERE instance_id = $1 AND state = 'pending' AND task_id = ANY($2)`, [instanceId, taskIds]);
  }

  async cancelForInstance(em: EntityManager, instanceId: string): Promise<void> {
    await em.query(`UPDATE timers SET state = 'cancelled' WHERE instance_id = $1 AND state = 'pending'`, [instanceId]);
  }
}
