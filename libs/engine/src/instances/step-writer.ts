import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { currentContext } from '@kaari/common/request-context.js';
import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import type { InstanceEntity } from '@kaari/persistence/entities.js';
import { queuedExecutionId, type StepResult, type WaitingTask } from '../runtime/process-runner.js';
import { EngineEvents, type TaskRecord } from '../engine-events.js';
import { BPMN_TIMER, TimerScheduler, type TimerRequest } from '../time/timer-scheduler.js';
import { computeDueAt } from './due-date.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';

/** A task completed while its token queued, whose run has now started: the engine is to be signalled with its data. */
export interface ReadyCompletion {
  taskId: string;
  executionId: string;
  data: Record<string, unknown>;
}

export interface HistoryEntry {
  type: string;
  activityId?: string | null;
  taskId?: string | null;
  details?: Record<string, unknown> | null;
}

/**
 * Writes what one engine step produced, inside the step's transaction: the instance
 * row (version bumped), task rows, and history. Task rows are keyed by the engine's
 * execution id, so a wait re-emitted on resume never creates a second task.
 */
@Injectable()
export class StepWriter {
  constructor(
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly timers: TimerScheduler,
    private readonly events: EngineEvents,
  ) {}

  async history(em: EntityManager, instanceId: string, actor: Actor, entries: HistoryEntry[]): Promise<void> {
    if (!entries.length) return;
    const now = this.clock.now();
    const values: unknown[] = [];
    const rows = entries.map((e, i) => {
      values.push(instanceId, e.type, e.activityId ?? null, e.taskId ?? null, actor.username, e.details ? JSON.stringify(e.details) : null, now);
      const o = i * 7;
      return `($${o + 1},$${o + 2},$${o + 3},$${o + 4},$${o + 5},$${o + 6},$${o + 7})`;
    });
    // Every history row gets its audit entry in the same statement (see the README's audit trail).
    values.push(actor.userId, currentContext()?.correlationId ?? null);
    const n = values.length;
    await em.query(
      `WITH h AS (INSERT INTO history (instance_id, type, activity_id, task_id, actor, details, at) VALUES ${rows.join(',')} RETURNING *)
       INSERT INTO audit_log (at, actor, actor_id, action, entity_type, entity_id, instance_id, history_id, details, correlation_id)
       SELECT at, COALESCE(actor, 'system'), $${n - 1}::uuid, type, CASE WHEN task_id IS NULL THEN 'instance' ELSE 'task' END,
              COALESCE(task_id::text, instance_id::text), instance_id, id,
              jsonb_strip_nulls(jsonb_build_object('activityId', activity_id)) || COALESCE(details, '{}'::jsonb), $${n}
       FROM h ORDER BY id`,
      values,
    );
  }

  /**
   * Writes the step. Returns the tasks completed while their token queued whose run this step
   * started (InstanceService.applyStep signals them); usually none.
   */
  async apply(em: EntityManager, instance: InstanceEntity, result: StepResult, actor: Actor, extra: HistoryEntry[] = []): Promise<ReadyCompletion[]> {
    const now = this.clock.now();
    const entries: HistoryEntry[] = [...extra];
    for (const t of result.trail) {
      if (t.activityType === 'bpmn:UserTask' || t.activityType === 'bpmn:ManualTask') continue;
      entries.push({ type: 'activity.completed', activityId: t.activityId, details: { activityType: t.activityType } });
    }

    const ready = await this.adoptQueued(em, instance.id, result.waits);
    // Tasks the engine no longer waits on (interrupted by a boundary event, or the instance ended) close here.
    const closed = await updateReturning<{ id: string; activity_id: string }>(
      em,
      `UPDATE tasks SET state = 'cancelled', ended_at = $3 WHERE instance_id = $1 AND state = 'open' AND NOT (execution_id = ANY($2))
       RETURNING id, activity_id`,
      [instance.id, [...result.postponed, ...result.queued.map((q) => q.executionId)], now],
    );
    for (const t of closed) entries.push({ type: 'task.cancelled', activityId: t.activity_id, taskId: t.id, details: { reason: 'the process moved on' } });
    await this.timers.cancelStale(
      em,
      instance.id,
      closed.map((t) => t.id),
      result.postponed,
    );
    const timerRequests: TimerRequest[] = result.timers.map((t) => ({
      instanceId: instance.id,
      kind: BPMN_TIMER,
      key: t.executionId,
      activityId: t.activityId,
      ownerExecutionId: t.ownerExecutionId,
      dueAt: new Date(t.expireAt),
      payload: { repeat: t.repeat },
    }));

    // A token queued behind an earlier run of its task is a task of its own at once, with its own deadline.
    for (const wait of [...result.waits, ...result.queued]) {
      const dueAt = computeDueAt(wait.dueDate, now, result.variables, this.calendar);
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO tasks (id, instance_id, execution_id, activity_id, name, candidate_bodies, form_key, state, due_at, due_date_expression, created_at, deadline_body, kind)
         VALUES ($1,$2,$3,$4,$5,$6,$7,'open',$8,$9,$10,$11,$12) ON CONFLICT (instance_id, execution_id) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          instance.id,
          wait.executionId,
          wait.activityId,
          wait.name,
          wait.candidateGroups,
          wait.formKey,
          dueAt,
          wait.dueDate,
          now,
          wait.candidateGroups[0] ?? null,
          wait.kind,
        ],
      );
      if (inserted.length) {
        const task: TaskRecord = {
          id: inserted[0].id,
          instanceId: instance.id,
          activityId: wait.activityId,
          name: wait.name,
          candidateBodies: wait.candidateGroups,
          formKey: wait.formKey,
          kind: wait.kind,
          state: 'open',
          assignee: null,
          deadlineBody: wait.candidateGroups[0] ?? null,
          dueAt,
          escalationLevel: 0,
          createdAt: now,
        };
        // Its deadline's timers, say, armed by whoever keeps deadlines, in the step's one timer statement below.
        await this.events.emit('task.created', { em, instance, task, actor, arm: (timers) => timerRequests.push(...timers) });
        entries.push({
          type: 'task.created',
          activityId: wait.activityId,
          taskId: inserted[0].id,
          details: { name: wait.name, candidateBodies: wait.candidateGroups, dueAt: dueAt?.toISOString() ?? null },
        });
      }
    }

    await this.timers.schedule(em, timerRequests);

    const ended = result.status !== 'running';
    if (ended) await this.timers.cancelForInstance(em, instance.id);
    if (result.status === 'completed') entries.push({ type: 'instance.completed' });
    await em.query(
      // Merged, not replaced: the engine's variables only grow, and a few (the diary number) are set beside it.
      `UPDATE instances SET state = $2, engine_state = $3, variables = variables || $4::jsonb, version = version + 1, updated_at = $5,
         ended_at = CASE WHEN $6 THEN $5 ELSE ended_at END WHERE id = $1`,
      [instance.id, result.status, result.state === null ? null : JSON.stringify(result.state), JSON.stringify(result.variables), now, ended],
    );
    instance.version += 1;
    await this.history(em, instance.id, actor, entries);
    return ready;
  }

  /**
   * A token that queued at a busy task and now runs: the task made for it when it queued becomes
   * the run's task (its execution id changes, nothing else). One that was completed meanwhile is ready.
   */
  private async adoptQueued(em: EntityManager, instanceId: string, waits: WaitingTask[]): Promise<ReadyCompletion[]> {
    const started = waits.filter((w) => w.token);
    if (!started.length) return [];
    const rows = await updateReturning<{ id: string; execution_id: string; state: string; data: Record<string, unknown> | null }>(
      em,
      `UPDATE tasks t SET execution_id = w.execution_id FROM unnest($2::text[], $3::text[]) AS w(queued_id, execution_id)
       WHERE t.instance_id = $1 AND t.execution_id = w.queued_id RETURNING t.id, t.execution_id, t.state, t.data`,
      [instanceId, started.map((w) => queuedExecutionId(w.token!)), started.map((w) => w.executionId)],
    );
    return rows.filter((r) => r.state === 'completed').map((r) => ({ taskId: r.id, executionId: r.execution_id, data: r.data ?? {} }));
  }
}
