import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actingFor, holdsClaimOf, isDirector, isSystem, type Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { conflict, forbidden, notFound, type DomainErrorCode } from '@kaari/common/errors.js';
import { isUuid } from '@kaari/common/ids.js';
import type { InstanceEntity, TaskKind, TaskState } from '@kaari/persistence/entities.js';
import { DefinitionService } from '../definitions/definition.service.js';
import { IncidentService } from '../instances/incident.service.js';
import { InstanceService, StepFailedError, type BeforeCommit } from '../instances/instance.service.js';
import { StepWriter, type HistoryEntry } from '../instances/step-writer.js';
import { isOverdue } from '../instances/due-date.js';
import { checkVariables } from '../instances/variables.js';
import { isQueuedExecution, StepRunner, type StepResult } from '../runtime/process-runner.js';
import { TimerScheduler } from '../time/timer-scheduler.js';
import { notByHand, refused, type Holder, type TaskAuthority, type TaskRef } from './task-authority.js';
import { TaskWriter } from './task-writer.js';

export interface TaskView {
  id: string;
  instanceId: string;
  activityId: string;
  name: string | null;
  candidateBodies: string[];
  formKey: string | null;
  /** `user`: work for the members of its bodies; `system`: a wait the system ends (a manual task), never anyone's work. */
  kind: TaskKind;
  state: TaskState;
  assignee: string | null;
  dueAt: string | null;
  dueDate: string | null;
  overdue: boolean;
  createdAt: string;
  endedAt: string | null;
  completedBy: string | null;
  data: Record<string, unknown> | null;
  definitionKey: string;
  businessKey: string | null;
  /** 0 while the task is with its own body; n after n escalations up the chain. */
  escalationLevel: number;
  /** The body whose deadline now runs: the owner, or the last body the task escalated to. */
  deadlineBody: string | null;
  overdueAt: string | null;
}

export interface TaskFilter {
  body?: string;
  state?: 'open' | 'completed' | 'all';
  overdue?: boolean;
  instanceId?: string;
  limit?: number;
  offset?: number;
}

/** Hooks other modules use to check or enrich a completion (forms, gates) without the engine knowing them. */
export abstract class TaskCompletionPolicy {
  /**
   * Runs in the completion transaction with the instance locked; throws to refuse. May return
   * the data to merge into the variables instead of `data`, when the module keeps the document itself.
   * Work handed to `beforeCommit` runs after the engine step and its writes, last in the
   * transaction: the place for a lock other instances queue for (a gap-free number), so it is
   * held for a few statements rather than for the whole step.
   */
  abstract check(
    task: TaskView,
    data: Record<string, unknown>,
    em: EntityManager,
    actor: Actor,
    beforeCommit: BeforeCommit,
  ): Promise<Record<string, unknown> | void>;
}

/** A task list's `total` counts at most this many tasks; beyond it the answer says `totalCapped: true` ("1000+"). */
export const TASK_TOTAL_CAP = 1000;

/** Steering bodies' tasks: listing, claiming and completing. */
@Injectable()
export class TaskService {
  private policies: TaskCompletionPolicy[] = [];
  private authorities: TaskAuthority[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly definitions: DefinitionService,
    private readonly instances: InstanceService,
    private readonly incidents: IncidentService,
    private readonly runner: StepRunner,
    private readonly writer: StepWriter,
    private readonly clock: Clock,
    private readonly timers: TimerScheduler,
    private readonly taskWriter: TaskWriter,
  ) {}

  addPolicy(policy: TaskCompletionPolicy): void {
    this.policies.push(policy);
  }

  addAuthority(authority: TaskAuthority): void {
    this.authorities.push(authority);
  }

  /** Refuses, with `code` (403 for the caller themselves, 409 for someone they name), a holder an authority refuses. */
  async assertMayHold(em: EntityManager, task: TaskRef, holder: Holder, code: DomainErrorCode, path: string | null = null): Promise<void> {
    for (const authority of this.authorities) {
      const refusal = await authority.mayHold(em, task, holder);
      if (refusal) throw refused(code, refusal, path);
    }
  }

  async assertMayMove(em: EntityManager, task: TaskRef, bodies: string[]): Promise<void> {
    for (const authority of this.authorities) {
      const refusal = await authority.mayMove(em, task, bodies);
      if (refusal) throw refused('CONFLICT', refusal, 'toBody');
    }
  }

  /** Directors and admins see every task; a member sees the tasks of their bodies. */
  private visibility(actor: Actor, params: unknown[]): string {
    if (isDirector(actor)) return 'TRUE';
    params.push(actor.bodies);
    return `t.candidate_bodies && $${params.length}::text[]`;
  }

  /** Work: a system wait is nobody's, so no list shows it (the instance shows it as its state). */
  async list(actor: Actor, filter: TaskFilter): Promise<{ items: TaskView[]; total: number; totalCapped: boolean }> {
    const now = this.clock.now();
    const params: unknown[] = [];
    const where = [this.visibility(actor, params), `t.kind = 'user'`];
    const state = filter.state ?? 'open';
    if (state !== 'all') {
      params.push(state);
      where.push(`t.state = $${params.length}`);
    }
    if (filter.body) {
      params.push([filter.body]);
      where.push(`t.candidate_bodies && $${params.length}::text[]`);
    }
    if (filter.instanceId) {
      if (!isUuid(filter.instanceId)) return { items: [], total: 0, totalCapped: false };
      params.push(filter.instanceId);
      where.push(`t.instance_id = $${params.length}`);
    }
    if (filter.overdue !== undefined) {
      params.push(now);
      where.push(
        filter.overdue
          ? `(t.state = 'open' AND (t.due_at < $${params.length} OR t.escalation_level > 0))`
          : `NOT (t.state = 'open' AND ((t.due_at IS NOT NULL AND t.due_at < $${params.length}) OR t.escalation_level > 0))`,
      );
    }
    const whereSql = where.join(' AND ');
    const limit = Math.min(filter.limit ?? 100, 500);
    const offset = filter.offset ?? 0;
    // The total is exact up to TASK_TOTAL_CAP: counting every open task of a busy body row by row is what made
    // a long inbox slow (bench/, README "Performance"). Count and page run side by side on two connections.
    const [[{ total }], rows] = await Promise.all([
      this.db.query(`SELECT count(*)::int AS total FROM (SELECT 1 FROM tasks t WHERE ${whereSql} LIMIT ${TASK_TOTAL_CAP + 1}) capped`, params),
      this.db.query(
        `SELECT t.*, i.definition_key, i.business_key FROM tasks t JOIN instances i ON i.id = t.instance_id
         WHERE ${whereSql} ORDER BY t.due_at ASC NULLS LAST, t.created_at ASC, t.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
    ]);
    return { items: rows.map((r: TaskRow) => this.view(r, now)), total: Math.min(total, TASK_TOTAL_CAP), totalCapped: total > TASK_TOTAL_CAP };
  }

  /** The open system wait of an instance at `activityId`, for the module that ends it (in its transaction, the instance locked). */
  async openWait(em: EntityManager, instanceId: string, activityId: string): Promise<TaskView | undefined> {
    const rows = await em.query(
      `SELECT t.*, i.definition_key, i.business_key FROM tasks t JOIN instances i ON i.id = t.instance_id
       WHERE t.instance_id = $1 AND t.activity_id = $2 AND t.kind = 'system' AND t.state = 'open' ORDER BY t.created_at, t.id LIMIT 1`,
      [instanceId, activityId],
    );
    return rows.length ? this.view(rows[0], this.clock.now()) : undefined;
  }

  /** A task by id, for a module acting in its own transaction with its own rules of who may see it. */
  async byId(em: EntityManager, id: string): Promise<TaskView | null> {
    if (!isUuid(id)) return null;
    const rows = await em.query(`SELECT t.*, i.definition_key, i.business_key FROM tasks t JOIN instances i ON i.id = t.instance_id WHERE t.id = $1`, [id]);
    return rows.length ? this.view(rows[0], this.clock.now()) : null;
  }

  async get(actor: Actor, id: string): Promise<TaskView> {
    const task = await this.find(this.db.manager, actor, id);
    return task;
  }

  private async find(em: EntityManager, actor: Actor, id: string): Promise<TaskView> {
    return (await this.read(em, actor, id)).task;
  }

  /** The task as the caller may see it, with the engine execution id a completion signals. */
  private async read(em: EntityManager, actor: Actor, id: string): Promise<{ task: TaskView; executionId: string }> {
    // 404, not 403, for a task of another body: its existence is not the caller's business.
    if (!isUuid(id)) throw notFound(`Task ${id}`);
    const params: unknown[] = [id];
    const rows = await em.query(
      `SELECT t.*, i.definition_key, i.business_key FROM tasks t JOIN instances i ON i.id = t.instance_id
       WHERE t.id = $1 AND ${this.visibility(actor, params)}`,
      params,
    );
    if (!rows.length) throw notFound(`Task ${id}`);
    return { task: this.view(rows[0], this.clock.now()), executionId: rows[0].execution_id };
  }

  private assertMember(actor: Actor, task: TaskView): void {
    if (!task.candidateBodies.some((b) => actor.bodies.includes(b))) {
      throw forbidden(`Only members of ${task.candidateBodies.join(', ')} act on this task`, 'not-a-member-of-body', {
        bodies: task.candidateBodies.join(','),
      });
    }
  }

  async claim(actor: Actor, id: string): Promise<TaskView> {
    return this.reassign(actor, id, 'claim');
  }

  async unclaim(actor: Actor, id: string): Promise<TaskView> {
    return this.reassign(actor, id, 'unclaim');
  }

  private async reassign(actor: Actor, id: string, action: 'claim' | 'unclaim'): Promise<TaskView> {
    await this.db.transaction(async (em) => {
      const task = await this.find(em, actor, id);
      if (task.kind !== 'user') throw notByHand(task.kind, id);
      this.assertMember(actor, task);
      await this.instances.lock(em, task.instanceId);
      const [current] = await this.taskWriter.lock(em, [id]);
      if (current.state !== 'open') throw conflict(`The task is already ${current.state}`, 'task-state', { state: current.state });
      if (action === 'claim') {
        if (current.assignee === actor.username) return;
        if (current.assignee) throw refused('CONFLICT', { code: 'claimed', message: `The task is claimed by ${current.assignee}` });
        await this.assertMayHold(em, task, actor, 'FORBIDDEN');
      } else {
        if (!current.assignee) return;
        if (!holdsClaimOf(actor, current.assignee))
          throw conflict(`The task is claimed by ${current.assignee}, not you`, 'claimed', { assignee: current.assignee });
      }
      const assignee = action === 'claim' ? actor.username : null;
      await this.taskWriter.handOver(
        em,
        actor,
        current,
        { assignee },
        { type: `task.${action}ed`, details: { from: current.assignee, to: assignee, ...onBehalfOf(actor, task.candidateBodies) } },
      );
    });
    return this.get(actor, id);
  }

  /**
   * Completes a task: one transaction that locks the instance, runs the engine step and writes
   * everything it caused. `asRecorded` is an admin's retry of a completion that failed: it runs
   * as the member who made it, who was a member then.
   */
  async complete(actor: Actor, id: string, rawData: unknown, options: { asRecorded?: boolean } = {}): Promise<TaskView> {
    const data = checkVariables(rawData ?? {}, 'data');
    let instanceId: string | null = null;
    const step = await this.db
      .transaction(async (em) => {
        const visible = await this.find(em, options.asRecorded ? { ...actor, roles: ['system'] } : actor, id);
        if (visible.kind !== 'user' && !isSystem(actor)) throw notByHand(visible.kind, id);
        if (!options.asRecorded) this.assertMember(actor, visible);
        const instance = await this.instances.lock(em, visible.instanceId);
        instanceId = instance.id;
        const result = await this.completeLocked(em, instance, id, data, actor);
        return { instanceId: instance.id, version: instance.version, result };
      })
      .catch(async (error) => {
        if (error instanceof StepFailedError && instanceId) {
          await this.incidents.open(instanceId, { kind: 'task', message: error.reason, activityId: error.activityId, taskId: id, data, actor }, actor);
        }
        throw error;
      });
    // Committed: the engine that took the step can serve the instance's next event.
    if (step.result) this.runner.keep(step.instanceId, step.version, step.result);
    return this.get(actor, id);
  }

  /**
   * Completes a task of an instance the caller has locked, in the caller's transaction: the
   * body of `complete`, and how the system completes waits of its own (an appeal period that ran out).
   * Returns the engine step it took, or null for a task whose token still queues behind an earlier
   * run of its activity: the engine takes that task's data when its run starts (InstanceService.applyStep).
   * `details` go into the task's `task.completed` history entry (a meeting names its §, chair and secretary).
   */
  async completeLocked(
    em: EntityManager,
    instance: InstanceEntity,
    id: string,
    data: Record<string, unknown>,
    actor: Actor,
    details: Record<string, unknown> = {},
  ): Promise<StepResult | null> {
    // Re-read under the lock: a concurrent completion may have won.
    const { task, executionId } = await this.read(em, actor, id);
    if (task.instanceId !== instance.id) throw notFound(`Task ${id}`);
    if (task.state !== 'open') throw conflict(`The task is already ${task.state}`, 'task-state', { state: task.state });
    if (task.kind !== 'user' && !isSystem(actor)) throw notByHand(task.kind, id);
    // A deputy may finish what the member they stand in for had claimed.
    if (task.assignee && !holdsClaimOf(actor, task.assignee))
      throw refused('CONFLICT', { code: 'claimed', message: `The task is claimed by ${task.assignee}` });
    if (instance.state !== 'running') throw conflict(`The instance is ${instance.state}`, 'instance-state', { state: instance.state });
    // The system acts for a body's procedure (a meeting's decision, a period that ended), not as one of its members.
    if (!isSystem(actor)) await this.assertMayHold(em, task, actor, 'FORBIDDEN');
    let variables = data;
    const last: Array<() => Promise<void>> = [];
    for (const policy of this.policies) {
      const replaced = await policy.check(task, variables, em, actor, (work) => last.push(work));
      if (replaced) variables = checkVariables(replaced, 'data');
    }
    const source = await this.definitions.sourceContext(instance.definitionId);
    const queued = isQueuedExecution(executionId);
    const result = queued
      ? null
      : await this.instances.run(() =>
          this.runner.signal(
            { instanceId: instance.id, version: instance.version },
            source,
            this.instances.engineState(em, instance.id),
            executionId,
            variables,
          ),
        );
    const now = this.clock.now();
    await em.query(`UPDATE tasks SET state = 'completed', data = $2, completed_by = $3, ended_at = $4, assignee = COALESCE(assignee, $3) WHERE id = $1`, [
      id,
      JSON.stringify(variables),
      actor.username,
      now,
    ]);
    const completed: HistoryEntry = {
      type: 'task.completed',
      activityId: task.activityId,
      taskId: id,
      details: { fields: Object.keys(data), ...onBehalfOf(actor, task.candidateBodies), ...details },
    };
    let step: StepResult | null = null;
    if (result) {
      step = await this.instances.applyStep(em, instance, source, result, actor, [completed]);
    } else {
      // Its deadline timers go with it, as with any task that closes.
      await this.writer.history(em, instance.id, actor, [completed]);
      await this.timers.cancelForTasks(em, instance.id, [id]);
    }
    for (const work of last) await work();
    return step;
  }

  private view(r: TaskRow, now: Date): TaskView {
    return {
      id: r.id,
      instanceId: r.instance_id,
      activityId: r.activity_id,
      name: r.name,
      candidateBodies: r.candidate_bodies,
      formKey: r.form_key,
      kind: r.kind,
      state: r.state,
      assignee: r.assignee,
      dueAt: r.due_at?.toISOString() ?? null,
      dueDate: r.due_date_expression,
      overdue: r.state === 'open' && isOverdue(r.due_at, r.escalation_level, now),
      createdAt: r.created_at.toISOString(),
      endedAt: r.ended_at?.toISOString() ?? null,
      completedBy: r.completed_by,
      data: r.data,
      definitionKey: r.definition_key,
      businessKey: r.business_key,
      escalationLevel: r.escalation_level,
      deadlineBody: r.deadline_body,
      overdueAt: r.overdue_at?.toISOString() ?? null,
    };
  }
}

/** "completed by X as deputy for Y": the members a deputy stood in for, when not acting as a member themselves. */
function onBehalfOf(actor: Actor, bodies: string[]): { onBehalfOf?: string[] } {
  const members = actingFor(actor, bodies);
  return members.length ? { onBehalfOf: members } : {};
}

interface TaskRow {
  id: string;
  instance_id: string;
  execution_id: string;
  activity_id: string;
  name: string | null;
  candidate_bodies: string[];
  form_key: string | null;
  kind: TaskKind;
  state: TaskState;
  assignee: string | null;
  due_at: Date | null;
  due_date_expression: string | null;
  data: Record<string, unknown> | null;
  completed_by: string | null;
  created_at: Date;
  ended_at: Date | null;
  definition_key: string;
  business_key: string | null;
  escalation_level: number;
  deadline_body: string | null;
  overdue_at: Date | null;
}
