import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { KaariLogger } from '@kaari/common/logger.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';
import type { InstanceEntity, TimerEntity } from '@kaari/persistence/entities.js';
import { DefinitionService } from '../definitions/definition.service.js';
import { IncidentService } from '../instances/incident.service.js';
import { InstanceService, StepFailedError } from '../instances/instance.service.js';
import { StepRunner, type StepResult } from '../runtime/process-runner.js';
import { BPMN_TIMER, TimerScheduler } from './timer-scheduler.js';

export interface TimerContext {
  em: EntityManager;
  timer: TimerEntity;
  instance: InstanceEntity;
  now: Date;
  /** Set by a handler that took an engine step, so the engine can be kept warm after the commit. */
  step?: StepResult;
}

export type TimerHandler = (ctx: TimerContext) => Promise<void>;
export type FireOutcome = 'fired' | 'stale' | 'early' | 'missing' | 'incident';

/** A job may arrive a little before its row's time (clock skew between hosts); within this it still fires. */
const EARLY_TOLERANCE_MS = 250;

/**
 * Fires a due timer: one transaction that locks the instance, then the timer row, and
 * does nothing unless the row is still pending — so a duplicate, stale or late job is
 * harmless, and two workers never fire one timer twice.
 */
@Injectable()
export class TimerService {
  private readonly handlers = new Map<string, TimerHandler>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly instances: InstanceService,
    private readonly incidents: IncidentService,
    private readonly definitions: DefinitionService,
    private readonly runner: StepRunner,
    private readonly scheduler: TimerScheduler,
    private readonly logger: KaariLogger,
  ) {
    this.register(BPMN_TIMER, (ctx) => this.fireBpmnTimer(ctx));
  }

  /**
   * Other modules add kinds of their own (a task's reminder, overdue mark and escalation, the appeal
   * periods of decisions): the handler runs in the firing's transaction, with the instance locked.
   * Only a registered kind is armed (TimerScheduler.schedule refuses any other).
   */
  register(kind: string, handler: TimerHandler): void {
    if (this.handlers.has(kind)) throw new Error(`timers of kind ${kind} already have a handler`);
    this.handlers.set(kind, handler);
    this.scheduler.allow(kind);
  }

  /**
   * Fires a timer. A step the diagram cannot take opens an incident at once (running it
   * again would fail the same way); any other error is thrown for the queue to retry with
   * backoff, and the processor opens an incident when the retries run out.
   */
  async fire(timerId: string, options: { force?: boolean } = {}): Promise<FireOutcome> {
    const [peek] = await this.db.query(`SELECT instance_id, activity_id FROM timers WHERE id = $1`, [timerId]);
    if (!peek) return 'missing';
    let fired: TimerContext | null = null;
    const outcome = await this.db
      .transaction(async (em): Promise<FireOutcome> => {
        // Instance first, then timer: the same lock order as task completion, so the two cannot deadlock.
        const instance = await this.instances.lock(em, peek.instance_id);
        const now = this.clock.now();
        // Check and mark in one statement (a burst of timers is round trips); only a timer that is not fired says why.
        const [timer] = await updateReturning<TimerEntity>(
          em,
          `UPDATE timers SET state = 'fired', fired_at = $2
           WHERE id = $1 AND state = 'pending' AND ($3::boolean OR due_at <= $2::timestamptz + make_interval(secs => $4::float8 / 1000))
           RETURNING id, instance_id AS "instanceId", kind, key, task_id AS "taskId", activity_id AS "activityId",
                     owner_execution_id AS "ownerExecutionId", due_at AS "dueAt", state, payload`,
          [timerId, now, options.force === true, EARLY_TOLERANCE_MS],
        );
        if (!timer) {
          const [left] = await em.query<TimerEntity[]>(`SELECT id, state, due_at AS "dueAt" FROM timers WHERE id = $1 FOR UPDATE`, [timerId]);
          if (!left || left.state !== 'pending') return 'stale';
          // Not due by this clock (a worker whose clock runs ahead promoted the job, or the row was moved): the
          // processor delays the job itself; the outbox row only re-queues a job for this time if Redis lost it.
          await this.scheduler.reschedule(em, left.id, left.dueAt);
          return 'early';
        }
        if (instance.state !== 'running') return 'stale';
        const handler = this.handlers.get(timer.kind);
        if (!handler) throw new Error(`no handler for timers of kind ${timer.kind}`);
        fired = { em, timer, instance, now };
        await handler(fired);
        return 'fired';
      })
      .catch(async (error): Promise<FireOutcome> => {
        if (!(error instanceof StepFailedError)) throw error;
        await this.incidents.open(
          peek.instance_id,
          { kind: 'timer', message: error.reason, activityId: error.activityId ?? peek.activity_id, timerId },
          SYSTEM_ACTOR,
        );
        return 'incident';
      });
    const step = (fired as TimerContext | null)?.step;
    if (step) this.runner.keep(peek.instance_id, (fired as unknown as TimerContext).instance.version, step);
    this.logger.event('info', 'timer.' + outcome, { timerId, instanceId: peek.instance_id }, 'TimerService');
    return outcome;
  }

  private async fireBpmnTimer(ctx: TimerContext): Promise<void> {
    const { em, timer, instance } = ctx;
    const source = await this.definitions.sourceContext(instance.definitionId);
    const result = await this.instances.run(() =>
      this.runner.fireTimer({ instanceId: instance.id, version: instance.version }, source, this.instances.engineState(em, instance.id), {
        activityId: timer.activityId!,
        executionId: timer.key,
        ownerExecutionId: timer.ownerExecutionId!,
      }),
    );
    ctx.step = await this.instances.applyStep(em, instance, source, result, SYSTEM_ACTOR, [
      { type: 'timer.fired', activityId: timer.activityId, details: { timerId: timer.id, dueAt: timer.dueAt.toISOString() } },
    ]);
  }

  /** The queue gave up on a timer after its retries: the instance gets an incident an admin can retry. */
  async giveUp(timerId: string, message: string): Promise<void> {
    const [timer] = await this.db.query(`SELECT instance_id, activity_id, state FROM timers WHERE id = $1`, [timerId]);
    if (!timer || timer.state !== 'pending') return;
    await this.incidents.open(timer.instance_id, { kind: 'timer', message, activityId: timer.activity_id, timerId }, SYSTEM_ACTOR);
  }

  /** Pending timers (optionally only those due before a time), in id order for paging, for the worker's sweeps. */
  async pending(afterId: string | null, limit: number, dueBefore: Date | null = null): Promise<Array<{ id: string; dueAt: Date }>> {
    const rows = await this.db.query(
      `SELECT id, due_at FROM timers WHERE state = 'pending' AND ($1::uuid IS NULL OR id > $1::uuid)
       AND ($3::timestamptz IS NULL OR due_at < $3) ORDER BY id LIMIT $2`,
      [afterId, limit, dueBefore],
    );
    return rows.map((r: { id: string; due_at: Date }) => ({ id: r.id, dueAt: r.due_at }));
  }
}
