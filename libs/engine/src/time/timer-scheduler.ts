import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TimerKind } from '@kaari/persistence/entities.js';

export interface TimerRequest {
  instanceId: string;
  kind: TimerKind;
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
  async schedule(em: EntityManager, requests: TimerRequest[]): Promise<void> {
    for (const r of requests) {
      const rows: Array<{ id: string; due_at: Date }> = await em.query(
        `INSERT INTO timers (id, instance_id, kind, key, task_id, activity_id, owner_execution_id, due_at, state, payload)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'pending',$9)
         ON CONFLICT (instance_id, kind, key) DO NOTHING RETURNING id, due_at`,
        [randomUUID(), r.instanceId, r.kind, r.key, r.taskId ?? null, r.activityId ?? null, r.ownerExecutionId ?? null, r.dueAt, r.payload ? JSON.stringify(r.payload) : null],
      );
      if (rows.length) await this.enqueue(em, rows[0].id, rows[0].due_at);
    }
  }

  /** Moves a pending timer to a new time (a deadline extended or an escalated task's new deadline). */
  async reschedule(em: EntityManager, timerId: string, dueAt: Date): Promise<void> {
    await em.query(`UPDATE timers SET due_at = $2 WHERE id = $1 AND state = 'pending'`, [timerId, dueAt]);
    await this.enqueue(em, timerId, dueAt);
  }

  private async enqueue(em: EntityManager, timerId: string, dueAt: Date): Promise<void> {
    await em.query(`INSERT INTO outbox (topic, payload) VALUES ('timer', $1)`, [JSON.stringify({ timerId, dueAt: dueAt.toISOString() })]);
    await em.query(`SELECT pg_notify('kaari_outbox', '')`);
  }

  /** Cancels the pending timers of tasks that closed. */
  async cancelForTasks(em: EntityManager, taskIds: string[]): Promise<void> {
    if (!taskIds.length) return;
    await em.query(`UPDATE timers SET state = 'cancelled' WHERE task_id = ANY($1) AND state = 'pending'`, [taskIds]);
  }

  /** Cancels BPMN timers whose owning element the engine no longer waits on (its task completed, say). */
  async cancelStaleBpmnTimers(em: EntityManager, instanceId: string, postponed: string[]): Promise<void> {
    await em.query(
      `UPDATE timers SET state = 'cancelled' WHERE instance_id = $1 AND kind = 'bpmn-timer' AND state = 'pending'
       AND NOT (owner_execution_id = ANY($2))`,
      [instanceId, postponed],
    );
  }

  async cancelForInstance(em: EntityManager, instanceId: string): Promise<void> {
    await em.query(`UPDATE timers SET state = 'cancelled' WHERE instance_id = $1 AND state = 'pending'`, [instanceId]);
  }
}
