import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, type FindOptionsSelect } from 'typeorm';
import { isDirector, type Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { badInput, conflict, DomainError, forbidden, notFound } from '@kaari/common/errors.js';
import { isUuid } from '@kaari/common/ids.js';
import { InstanceEntity, type InstanceState, type TaskKind } from '@kaari/persistence/entities.js';
import { DefinitionService } from '../definitions/definition.service.js';
import { ProcessRunner, ProcessRunnerError, StepRunner, type StepResult } from '../runtime/process-runner.js';
import { TimerScheduler } from '../time/timer-scheduler.js';
import { publicIncident, type Incident } from './incident.service.js';
import { StepWriter, type HistoryEntry } from './step-writer.js';
import { isOverdue } from './due-date.js';
import { checkVariables } from './variables.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';

export interface StartInput {
  definitionKey: string;
  businessKey?: string | null;
  variables?: Record<string, unknown>;
}

export interface TaskSummary {
  id: string;
  activityId: string;
  name: string | null;
  candidateBodies: string[];
  assignee: string | null;
  dueAt: string | null;
  overdue: boolean;
  formKey: string | null;
  escalationLevel: number;
  /** `system`: a wait the system ends (a manual task), shown as the case's state, nobody's work. */
  kind: TaskKind;
}

export interface InstanceView {
  id: string;
  definitionKey: string;
  definitionVersion: number;
  businessKey: string | null;
  state: InstanceState;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  version: number;
  variables: Record<string, unknown>;
  activeSteps: Array<{ activityId: string; name: string | null }>;
  openTasks: TaskSummary[];
  overdue: boolean;
  incident: { message: string; at: string } | null;
}

export interface InstanceFilter {
  state?: InstanceState;
  definitionKey?: string;
  body?: string;
  overdue?: boolean;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface StartContext {
  instanceId: string;
  definitionKey: string;
  definitionVersion: number;
  startFormKey: string | null;
  businessKey: string | null;
  actor: Actor;
}

/** Hands work to the end of a step's transaction, after the engine step and its writes (see the policies). */
export type BeforeCommit = (work: () => Promise<void>) => void;

/** Hooks other modules use to check or enrich a start (the start form, the case's diary number) inside its transaction. */
export abstract class InstanceStartPolicy {
  /**
   * Throws to refuse the start; may return the variables to start with instead of `variables`.
   * Work handed to `beforeCommit` runs after the engine step and the instance's rows are
   * written, last in the transaction: the place for a lock every start queues for (the year's
   * diary number), so it is held for a few statements rather than for the whole step.
   */
  abstract check(
    start: StartContext,
    variables: Record<string, unknown>,
    em: EntityManager,
    beforeCommit: BeforeCommit,
  ): Promise<Record<string, unknown> | void>;
}

/** Starts, reads and cancels process instances; every event is one transaction under the instance's row lock. */
@Injectable()
export class InstanceService {
  private startPolicies: InstanceStartPolicy[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly definitions: DefinitionService,
    private readonly runner: StepRunner,
    private readonly writer: StepWriter,
    private readonly clock: Clock,
    private readonly timers: TimerScheduler,
  ) {}

  addStartPolicy(policy: InstanceStartPolicy): void {
    this.startPolicies.push(policy);
  }

  /**
   * Starts an instance of the latest version of a process. With an idempotency key, a
   * repeated request by the same user returns the instance the first one created; the same
   * key with another request (its `requestHash` differs) is refused and starts nothing.
   */
  async start(actor: Actor, input: StartInput, idempotency?: IdempotentRequest): Promise<{ instance: InstanceView; created: boolean }> {
    const idempotencyKey = idempotency?.key;
    if (!isDirector(actor)) throw forbidden('Only a change director starts processes', 'director-only');
    const variables = checkVariables(input.variables ?? {}, 'variables');
    const definition = await this.definitions.get(input.definitionKey).catch((e) => {
      throw e instanceof DomainError && e.code === 'NOT_FOUND' ? badInput(`No process ${input.definitionKey} is deployed`) : e;
    });
    const source = await this.definitions.sourceContext(definition.id);
    const outcome = await this.db.transaction(async (em) => {
      if (idempotencyKey) {
        await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`start:${actor.username}:${idempotencyKey}`]);
        const existing = await em.findOne(InstanceEntity, {
          where: { startedBy: actor.username, idempotencyKey },
          select: { id: true, version: true, idempotencyHash: true },
        });
        if (existing) {
          // A key stored before request hashes were kept (null) is answered as it was then.
          if (existing.idempotencyHash !== null && existing.idempotencyHash !== idempotency.requestHash) throw idempotencyKeyReused();
          return { id: existing.id, created: false, version: existing.version, result: null };
        }
      }
      const id = randomUUID();
      let startVariables = variables;
      const last: Array<() => Promise<void>> = [];
      for (const policy of this.startPolicies) {
        const context = {
          instanceId: id,
          definitionKey: definition.key,
          definitionVersion: definition.version,
          startFormKey: definition.summary.startFormKey ?? null,
          businessKey: input.businessKey ?? null,
          actor,
        };
        const replaced = await policy.check(context, startVariables, em, (work) => last.push(work));
        if (replaced) startVariables = checkVariables(replaced, 'variables');
      }
      const result = await this.run(() => this.runner.start(source, startVariables)).catch((error) => {
        // Nothing was stored, so there is no instance to hold an incident: the director hears why.
        throw error instanceof StepFailedError
          ? conflict(`The process could not start: ${firstLine(error.reason)}; nothing was stored`, 'start-failed')
          : error;
      });
      const [instance] = await em.query<InstanceEntity[]>(
        `INSERT INTO instances (id, definition_id, definition_key, definition_version, business_key, state, variables, engine_version, started_by, idempotency_key, idempotency_hash, started_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,'running',$6,$7,$8,$9,$10,$11,$11) RETURNING id, version`,
        [
          id,
          definition.id,
          definition.key,
          definition.version,
          input.businessKey ?? null,
          JSON.stringify(startVariables),
          ProcessRunner.engineVersion,
          actor.username,
          idempotencyKey ?? null,
          idempotency?.requestHash ?? null,
          this.clock.now(),
        ],
      );
      await this.writer.apply(em, instance, result, actor, [
        { type: 'instance.started', details: { definitionKey: definition.key, definitionVersion: definition.version, businessKey: input.businessKey ?? null } },
      ]);
      for (const work of last) await work();
      return { id: instance.id, created: true, version: instance.version, result };
    });
    if (outcome.result) this.runner.keep(outcome.id, outcome.version, outcome.result);
    return { instance: await this.get(actor, outcome.id), created: outcome.created };
  }

  /** Runs an engine step, turning a runaway or broken diagram into a client-visible error instead of a crash. */
  async run(step: () => Promise<StepResult>): Promise<StepResult> {
    let result: StepResult;
    try {
      result = await step();
    } catch (error) {
      if (error instanceof ProcessRunnerError && error.code === 'UNKNOWN_EXECUTION') throw conflict(error.message);
      // Not the diagram's fault: no incident; the caller (or the queue) tries again.
      if (error instanceof ProcessRunnerError && error.code === 'SHUTTING_DOWN')
        throw new DomainError('UNAVAILABLE', 'The server is restarting; try again shortly', [], 5);
      if (error instanceof DomainError) throw error;
      // Only the first line: bpmn-engine wraps errors with long stacks that are no client's business.
      throw new StepFailedError(String((error as Error)?.message ?? error), error instanceof ProcessRunnerError ? error.activityId : null);
    }
    if (result.status === 'failed') throw new StepFailedError(result.error ?? 'the step failed', result.failedActivityId ?? null);
    return result;
  }

  /**
   * Writes what an engine step produced (StepWriter.apply) and then takes the steps it made
   * ready: a task completed while its token still queued behind an earlier run of its activity
   * (see StepResult.queued) is signalled with its data as soon as its run starts, in the same
   * transaction. Returns the last step, the one whose engine may be kept warm.
   */
  async applyStep(
    em: EntityManager,
    instance: InstanceEntity,
    source: string,
    result: StepResult,
    actor: Actor,
    extra: HistoryEntry[] = [],
  ): Promise<StepResult> {
    let step = result;
    const ready = await this.writer.apply(em, instance, step, actor, extra);
    while (ready.length) {
      const next = ready.shift()!;
      step = await this.run(() =>
        this.runner.signal({ instanceId: instance.id, version: instance.version }, source, this.engineState(em, instance.id), next.executionId, next.data),
      );
      ready.push(...(await this.writer.apply(em, instance, step, actor)));
    }
    return step;
  }

  /**
   * Sets variables beside the engine's (a case's diary number), in the caller's transaction with
   * the instance locked; the engine's own variables never remove them (StepWriter merges).
   */
  async setVariables(em: EntityManager, id: string, values: Record<string, unknown>): Promise<void> {
    await em.query(`UPDATE instances SET variables = variables || $2::jsonb WHERE id = $1`, [id, JSON.stringify(values)]);
  }

  /** Loads an instance row under `FOR UPDATE`: the lock serialises every event of one instance. */
  async lock(em: EntityManager, id: string): Promise<InstanceEntity> {
    // Without the engine state: a warm engine makes it unnecessary, and it is ~10 KB of JSON to parse.
    const instance = await em.findOne(InstanceEntity, { where: { id }, select: LOCKED_COLUMNS, lock: { mode: 'pessimistic_write' } });
    if (!instance) throw notFound(`Instance ${id}`);
    return instance;
  }

  /** The stored engine state of an instance the caller has locked, read only when no warm engine holds it. */
  engineState(em: EntityManager, id: string): () => Promise<unknown> {
    return async () => {
      const [row] = await em.query(`SELECT engine_state FROM instances WHERE id = $1`, [id]);
      return row?.engine_state ?? null;
    };
  }

  /** A member sees the instances their bodies have (or had) tasks in; directors and admins see all. */
  private visibility(actor: Actor, alias: string, params: unknown[]): string {
    if (isDirector(actor)) return 'TRUE';
    params.push(actor.bodies);
    return `EXISTS (SELECT 1 FROM tasks vt WHERE vt.instance_id = ${alias}.id AND vt.candidate_bodies && $${params.length}::text[])`;
  }

  async get(actor: Actor, id: string): Promise<InstanceView> {
    if (!isUuid(id)) throw notFound(`Instance ${id}`);
    const params: unknown[] = [id];
    const rows: InstanceRow[] = await this.db.query(`SELECT i.* FROM instances i WHERE i.id = $1 AND ${this.visibility(actor, 'i', params)}`, params);
    if (!rows.length) throw notFound(`Instance ${id}`);
    const tasks = await this.openTasks([id]);
    return this.view(rows[0], tasks.get(id) ?? []);
  }

  async list(actor: Actor, filter: InstanceFilter): Promise<{ items: InstanceView[]; total: number }> {
    const params: unknown[] = [];
    const where = [this.visibility(actor, 'i', params)];
    if (filter.state) {
      params.push(filter.state);
      where.push(`i.state = $${params.length}`);
    }
    if (filter.definitionKey) {
      params.push(filter.definitionKey);
      where.push(`i.definition_key = $${params.length}`);
    }
    if (filter.body) {
      params.push([filter.body]);
      where.push(`EXISTS (SELECT 1 FROM tasks bt WHERE bt.instance_id = i.id AND bt.state = 'open' AND bt.candidate_bodies && $${params.length}::text[])`);
    }
    if (filter.overdue !== undefined) {
      params.push(this.clock.now());
      where.push(
        `${filter.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM tasks ot WHERE ot.instance_id = i.id AND ot.state = 'open' AND (ot.due_at < $${params.length} OR ot.escalation_level > 0))`,
      );
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(i.business_key ILIKE $${params.length} OR i.variables::text ILIKE $${params.length} OR i.definition_key ILIKE $${params.length})`);
    }
    const limit = Math.min(filter.limit ?? 50, 200);
    const offset = filter.offset ?? 0;
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM instances i WHERE ${whereSql}`, params);
    const rows: InstanceRow[] = await this.db.query(
      `SELECT i.* FROM instances i WHERE ${whereSql} ORDER BY i.started_at DESC, i.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const tasks = await this.openTasks(rows.map((r) => r.id));
    return { items: rows.map((r) => this.view(r, tasks.get(r.id) ?? [])), total };
  }

  async history(actor: Actor, id: string): Promise<Array<Record<string, unknown>>> {
    await this.get(actor, id);
    const rows = await this.db.query(
      `SELECT id, type, activity_id AS "activityId", task_id AS "taskId", actor, details, at FROM history WHERE instance_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r: { id: string; at: Date }) => ({ ...r, id: Number(r.id), at: r.at.toISOString() }));
  }

  async cancel(actor: Actor, id: string, reason: string): Promise<InstanceView> {
    if (!isDirector(actor)) throw forbidden('Only a change director cancels processes', 'director-only');
    if (!isUuid(id)) throw notFound(`Instance ${id}`);
    await this.db.transaction(async (em) => {
      const instance = await this.lock(em, id);
      if (instance.state !== 'running' && instance.state !== 'failed')
        throw conflict(`The instance is already ${instance.state}`, 'instance-state', { state: instance.state });
      const now = this.clock.now();
      const closed = await updateReturning<{ id: string; activity_id: string }>(
        em,
        `UPDATE tasks SET state = 'cancelled', ended_at = $2 WHERE instance_id = $1 AND state = 'open' RETURNING id, activity_id`,
        [id, now],
      );
      await em.query(
        `UPDATE instances SET state = 'cancelled', engine_state = NULL, end_reason = $2, ended_at = $3, updated_at = $3, version = version + 1 WHERE id = $1`,
        [id, reason, now],
      );
      await this.timers.cancelForInstance(em, id);
      this.runner.forget(id);
      await this.writer.history(em, id, actor, [
        ...closed.map((t) => ({ type: 'task.cancelled', activityId: t.activity_id, taskId: t.id, details: { reason } })),
        { type: 'instance.cancelled', details: { reason } },
      ]);
    });
    return this.get(actor, id);
  }

  private async openTasks(ids: string[]): Promise<Map<string, TaskSummary[]>> {
    const out = new Map<string, TaskSummary[]>();
    if (!ids.length) return out;
    const now = this.clock.now();
    const rows = await this.db.query(
      `SELECT id, instance_id, activity_id, name, candidate_bodies, assignee, due_at, form_key, escalation_level, kind FROM tasks
       WHERE instance_id = ANY($1) AND state = 'open' ORDER BY due_at NULLS LAST, created_at`,
      [ids],
    );
    for (const r of rows) {
      const list = out.get(r.instance_id) ?? [];
      list.push({
        id: r.id,
        activityId: r.activity_id,
        name: r.name,
        candidateBodies: r.candidate_bodies,
        assignee: r.assignee,
        dueAt: r.due_at?.toISOString() ?? null,
        overdue: isOverdue(r.due_at, r.escalation_level, now),
        formKey: r.form_key,
        escalationLevel: r.escalation_level,
        kind: r.kind,
      });
      out.set(r.instance_id, list);
    }
    return out;
  }

  private view(r: InstanceRow, tasks: TaskSummary[]): InstanceView {
    return {
      id: r.id,
      definitionKey: r.definition_key,
      definitionVersion: r.definition_version,
      businessKey: r.business_key,
      state: r.state,
      startedBy: r.started_by,
      startedAt: r.started_at.toISOString(),
      endedAt: r.ended_at?.toISOString() ?? null,
      endReason: r.end_reason,
      version: r.version,
      variables: r.variables,
      activeSteps: tasks.map((t) => ({ activityId: t.activityId, name: t.name })),
      openTasks: tasks,
      overdue: tasks.some((t) => t.overdue),
      // Whoever sees the case sees why it stopped, never the data or the roles kept for the retry.
      incident: r.incident ? publicIncident(r.incident as Incident) : null,
    };
  }
}

interface InstanceRow {
  id: string;
  definition_key: string;
  definition_version: number;
  business_key: string | null;
  state: InstanceState;
  started_by: string;
  started_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  version: number;
  variables: Record<string, unknown>;
  incident: { message: string; at: string } | null;
}

/** A start's Idempotency-Key and the hash of the request it came with (the api hashes method, route and body). */
export interface IdempotentRequest {
  key: string;
  requestHash: string;
}

function idempotencyKeyReused(): DomainError {
  const message = 'This Idempotency-Key was already used for a different request; a new request needs a new key';
  return new DomainError('IDEMPOTENCY_KEY_REUSED', message, [{ path: 'Idempotency-Key', code: 'idempotency-key-reused', message }]);
}

/** The diagram could not take a step (no flow taken, a bad expression at run time): an incident, not a crash. */
export class StepFailedError extends DomainError {
  constructor(
    readonly reason: string,
    readonly activityId: string | null,
  ) {
    const message = `The process could not take this step: ${firstLine(reason)}; an incident was opened for an administrator`;
    super('CONFLICT', message, [{ path: null, code: 'step-failed', message, ...(activityId ? { params: { activityId } } : {}) }]);
  }
}

/** Only the first line: bpmn-engine wraps errors with long stacks that are no client's business. */
function firstLine(reason: string): string {
  return reason
    .split('\n')[0]
    .replace(/^Unhandled error\. \(/, '')
    .slice(0, 300);
}

const LOCKED_COLUMNS: FindOptionsSelect<InstanceEntity> = {
  id: true,
  definitionId: true,
  definitionKey: true,
  definitionVersion: true,
  businessKey: true,
  state: true,
  variables: true,
  version: true,
  engineVersion: true,
  startedBy: true,
  idempotencyKey: true,
  incident: true,
  endReason: true,
  startedAt: true,
  updatedAt: true,
  endedAt: true,
};
