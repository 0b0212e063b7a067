import { EventEmitter } from 'node:events';
import type { TaskKind } from '@kaari/persistence/entities.js';
import { HANDLED_AT_MEETING } from '../definitions/kaari-moddle.js';
import { createSafeExpressions } from '../expressions/safe-expressions.js';
import { MODDLE_EXTENSIONS, deserializeSource, elements, Engine, ENGINE_VERSION, type SerializedSource } from './bpmn-libs.js';

/** A user task the engine is waiting on, as Kaari stores it. */
export interface WaitingTask {
  executionId: string;
  activityId: string;
  /** A manual task is a wait the system ends (a period, an event it registers), never anyone's work. */
  kind: TaskKind;
  name: string | null;
  candidateGroups: string[];
  dueDate: string | null;
  formKey: string | null;
  /**
   * For a queued token (see `StepResult.queued`), and for a run that started from one: the
   * sequence id of the flow that brought it. The task Kaari made for the token at once is
   * then the task of its run. Null for any other run.
   */
  token?: string | null;
}

/**
 * The execution id Kaari gives a token queued at a wait activity (see `StepResult.queued`)
 * until the engine starts its run, when its task takes the run's execution id.
 */
export const queuedExecutionId = (token: string) => `queued:${token}`;
export const isQueuedExecution = (executionId: string) => executionId.startsWith('queued:');

/** A timer the engine armed; fired later by the worker (BullMQ), never by an in-process setTimeout. */
export interface ArmedTimer {
  executionId: string;
  /** The boundary or catch event that owns the timer; while the engine waits on it, the timer is live. */
  ownerExecutionId: string;
  activityId: string;
  expireAt: string;
  repeat: number | null;
}

export interface TrailEntry {
  type: 'activity.completed' | 'activity.discarded';
  activityId: string;
  executionId: string;
  activityType: string;
}

export interface StepResult {
  status: 'running' | 'completed' | 'failed';
  /** Engine state to persist, without the embedded diagram (rebuilt from the stored source context). */
  state: unknown;
  variables: Record<string, unknown>;
  waits: WaitingTask[];
  /**
   * Tokens waiting at a user or manual task that is already running for an earlier token.
   * bpmn-engine runs one execution of an activity at a time and queues the next token (each
   * firing of a non-interrupting timeCycle boundary timer towards the same task, say); Kaari
   * makes each its own task at once, keyed by `queuedExecutionId(token)`.
   */
  queued: WaitingTask[];
  /** Execution ids of everything still postponed (tasks, timers, catch events). */
  postponed: string[];
  timers: ArmedTimer[];
  trail: TrailEntry[];
  error: string | null;
  failedActivityId?: string | null;
}

export class ProcessRunnerError extends Error {
  constructor(
    /** SHUTTING_DOWN is the process's, not the diagram's: the step is worth taking again elsewhere. */
    readonly code: 'UNKNOWN_EXECUTION' | 'RUNAWAY' | 'ENGINE_FAILED' | 'SHUTTING_DOWN',
    message: string,
    /** Where a stopped step was last seen, when known. */
    readonly activityId: string | null = null,
  ) {
    super(message);
  }
}

/** A diagram that enters this many activities in one step is looping without a wait state. */
const MAX_ACTIVITIES_PER_STEP = 2000;
const LONG_STEP = 25;
const ENGINE_INTERNALS = ['fields', 'content', 'properties'];
const WAIT_TYPES = new Set(['bpmn:UserTask', 'bpmn:ManualTask']);
const TRAIL_TYPES = /Gateway$|Event$|Task$|^bpmn:SubProcess$/;

function splitList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** What one step's listener collects; reset before every step of a warm engine. */
interface StepLog {
  trail: TrailEntry[];
  timers: ArmedTimer[];
  entered: number;
  /** bpmn-engine reports a failed step (no flow taken, a bad expression) as an event, not a throw. */
  error: { message: string; activityId: string | null } | null;
}

/** A live engine and where its events go. */
interface Session {
  engine: any;
  execution: any;
  listener: EventEmitter;
  log: StepLog;
  /** Tokens queued at a busy task when the step began (see StepResult.queued). */
  queuedBefore: Set<string>;
}

/**
 * A saved engine state, or a function that reads it (called only when no warm engine holds the instance).
 * The state is opaque here, so the type is just `unknown`; a function is told apart with `typeof`.
 */
export type StoredState = unknown;

/** Identifies the stored state a step starts from: the instance and its version column, read under the row lock. */
export interface StepKey {
  instanceId: string;
  version: number;
}

/**
 * What the engine's services call to take a step. ProcessRunner takes it on the calling
 * thread; EngineThreads (engine-threads.ts) hands it to worker threads with a time limit.
 */
export abstract class StepRunner {
  /** Starts a new instance and runs it to its first wait. */
  abstract start(sourceContextJson: string, variables: Record<string, unknown>): Promise<StepResult>;
  /** Completes the waiting activity `executionId` with `data`, and runs to the next wait. */
  abstract signal(key: StepKey, sourceContextJson: string, state: StoredState, executionId: string, data: Record<string, unknown>): Promise<StepResult>;
  /** Fires the timer `timerExecutionId` of the instance. */
  abstract fireTimer(key: StepKey, sourceContextJson: string, state: StoredState, timer: TimerRef): Promise<StepResult>;
  /** After the step's transaction committed at `version`, keeps its engine warm for the next event. */
  abstract keep(instanceId: string, version: number, result: StepResult): void;
  /** Forgets a warm engine (its instance was cancelled or failed outside a step). */
  abstract forget(instanceId: string): void;
}

export interface TimerRef {
  activityId: string;
  executionId: string;
  ownerExecutionId: string;
}

/**
 * Runs one event of one instance: recover bpmn-engine from the stored state, apply the
 * event, run to the next wait, report what changed. Nothing is held between events
 * except, as an optimisation, recently used engines: after a step's transaction commits
 * the caller may `keep` its engine, and the next event reuses it only when the instance's
 * version column says it is exactly the state that engine holds. Any other process, a
 * rolled-back transaction or an eviction simply means a recover from PostgreSQL.
 */
export class ProcessRunner extends StepRunner {
  static readonly engineVersion = ENGINE_VERSION;
  private readonly warm = new Map<string, { version: number; session: Session }>();

  /**
   * `onLong` hears the first activity a step enters and then, every LONG_STEP activities, the one
   * it entered last: a step that long is probably looping, and whoever stops it can then say where.
   */
  constructor(
    private readonly warmLimit = 200,
    private readonly onLong?: (activityId: string) => void,
  ) {
    super();
  }

  private build(sourceContextJson: string): Session {
    const log: StepLog = { trail: [], timers: [], entered: 0, error: null };
    const sourceContext: SerializedSource = deserializeSource(sourceContextJson);
    const timerHost = new elements.Timers({
      // Arms nothing: time is carried by the worker's delayed jobs.
      setTimeout: () => ({ kaari: 'external' }),
      clearTimeout: () => undefined,
    } as never);
    const engine = new Engine({
      name: 'kaari',
      sourceContext: sourceContext as never,
      moddleOptions: MODDLE_EXTENSIONS,
      expressions: createSafeExpressions(),
      timers: timerHost,
      scripts: refusingScripts as never,
      extensions: {
        kaariTaskData(activity: any) {
          if (!WAIT_TYPES.has(activity.type)) return;
          // Task completion data becomes instance variables, so gateways can branch on it.
          activity.on('end', (api: any) => {
            const data = api.content?.output?.data;
            if (data && typeof data === 'object' && !Array.isArray(data)) {
              Object.assign(activity.environment.variables, data);
            }
          });
        },
      } as never,
    });
    const listener = new EventEmitter();
    const session: Session = { engine, execution: null, listener, log, queuedBefore: new Set() };
    listener.on('activity.enter', (api: any) => {
      session.log.entered += 1;
      if (session.log.entered === 1 || session.log.entered % LONG_STEP === 0) this.onLong?.(api.id);
      if (session.log.entered > MAX_ACTIVITIES_PER_STEP) {
        throw new ProcessRunnerError('RUNAWAY', `more than ${MAX_ACTIVITIES_PER_STEP} activities entered in one step: a loop without a wait state`, api.id);
      }
    });
    listener.on('activity.end', (api: any) => {
      if (TRAIL_TYPES.test(api.type))
        session.log.trail.push({ type: 'activity.completed', activityId: api.id, executionId: api.executionId, activityType: api.type });
    });
    listener.on('activity.error', (api: any) => {
      session.log.error ??= { message: String(api.content?.error?.message ?? 'the activity failed'), activityId: api.id ?? null };
    });
    engine.on('error', (error: Error) => {
      session.log.error ??= { message: String(error?.message ?? error), activityId: null };
    });
    listener.on('activity.timer', (api: any) => {
      const c = api.content ?? {};
      session.log.timers.push({
        executionId: c.executionId ?? api.executionId,
        ownerExecutionId: c.parent?.executionId ?? api.executionId,
        activityId: api.id,
        expireAt: new Date(c.expireAt).toISOString(),
        repeat: typeof c.repeat === 'number' ? c.repeat : null,
      });
    });
    return session;
  }

  private async collect(session: Session): Promise<StepResult> {
    const { engine, execution, log } = session;
    if (log.error || engine.state === 'error') {
      const message = log.error?.message ?? 'the engine stopped with an error';
      return {
        status: 'failed',
        state: null,
        variables: {},
        waits: [],
        queued: [],
        postponed: [],
        timers: [],
        trail: log.trail,
        error: message,
        failedActivityId: log.error?.activityId ?? null,
      };
    }
    const postponedApis: any[] = execution.getPostponed();
    const waits: WaitingTask[] = [];
    for (const api of postponedApis) {
      if (!WAIT_TYPES.has(api.type)) continue;
      // Only a run whose token had queued names it: its task exists already, under the queued id.
      const token = api.content?.inbound?.[0]?.sequenceId;
      waits.push(waitingTask(api.owner ?? api, api.executionId, session.queuedBefore.has(token) ? token : null));
    }
    const definition = execution.definitions?.[0];
    const processes: any[] = definition?.getProcesses?.() ?? [];
    const queued = queuedTokens(execution).map(({ activity, token }) => waitingTask(activity, queuedExecutionId(token), token));
    const variables = { ...(processes[0]?.environment?.variables ?? {}) };
    // bpmn-elements merges its own start message into the variables; those are not the instance's.
    for (const internal of ENGINE_INTERNALS) delete variables[internal];
    const completed = engine.state === 'idle' && postponedApis.length === 0;
    const state: any = await engine.getState();
    for (const d of state.definitions ?? []) delete d.source;
    const result: StepResult = {
      status: completed ? 'completed' : 'running',
      state: completed ? null : state,
      variables,
      waits,
      queued,
      // After a loop back, getPostponed() can list sequence flows without an execution id.
      postponed: postponedApis.map((a) => a.executionId).filter((id): id is string => typeof id === 'string'),
      timers: log.timers,
      trail: log.trail,
      error: null,
    };
    if (!completed) warmSessions.set(result, session);
    return result;
  }

  /** The engine holding exactly the stored state `key`, or a fresh one recovered from it (read only then). */
  private async session(key: StepKey, sourceContextJson: string, stored: StoredState): Promise<Session> {
    const cached = this.warm.get(key.instanceId);
    // Taken out whatever happens: a step mutates the engine, so it is only put back after a commit.
    this.warm.delete(key.instanceId);
    if (cached && cached.version === key.version) {
      cached.session.log = { trail: [], timers: [], entered: 0, error: null };
      cached.session.queuedBefore = new Set(queuedTokens(cached.session.execution).map((q) => q.token));
      return cached.session;
    }
    // The state before the build: a caller without it (a thread that was handed no state) fails cheaply here.
    const state = typeof stored === 'function' ? await stored() : structuredClone(stored);
    const session = this.build(sourceContextJson);
    // Read from the stored state, before resuming (which may already start a queued run).
    session.queuedBefore = queuedInState(state);
    session.engine.recover(state as never);
    // Resuming re-emits the waits and timers already there; they are stored idempotently,
    // and a timer whose time passed fires now, so its effects belong to this step.
    session.execution = await session.engine.resume({ listener: session.listener });
    session.log.entered = 0;
    return session;
  }

  keep(instanceId: string, version: number, result: StepResult): void {
    const session = warmSessions.get(result);
    if (!session || this.warmLimit <= 0) return;
    this.warm.delete(instanceId);
    this.warm.set(instanceId, { version, session });
    if (this.warm.size > this.warmLimit) this.warm.delete(this.warm.keys().next().value as string);
  }

  forget(instanceId: string): void {
    this.warm.delete(instanceId);
  }

  async start(sourceContextJson: string, variables: Record<string, unknown>): Promise<StepResult> {
    const session = this.build(sourceContextJson);
    session.execution = await session.engine.execute({ listener: session.listener, variables });
    return this.collect(session);
  }

  async signal(key: StepKey, sourceContextJson: string, state: StoredState, executionId: string, data: Record<string, unknown>): Promise<StepResult> {
    const session = await this.session(key, sourceContextJson, state);
    const target = session.execution.getPostponed().find((a: any) => a.executionId === executionId);
    // bpmn-engine ignores a signal to an unknown id without a word, so check first.
    if (!target) throw new ProcessRunnerError('UNKNOWN_EXECUTION', `nothing is waiting at ${executionId}`);
    session.execution.signal({ id: target.id, executionId, data });
    return this.collect(session);
  }

  /**
   * Fires the timer `timerExecutionId`. A recovered engine fires a timer at once when its
   * time has passed; otherwise (a warm engine, or a job a moment early by the engine's
   * clock) cancelling the timer activity fires it all the same.
   */
  async fireTimer(key: StepKey, sourceContextJson: string, state: StoredState, timer: TimerRef): Promise<StepResult> {
    const session = await this.session(key, sourceContextJson, state);
    const stillArmed = session.execution.getPostponed().some((a: any) => a.executionId === timer.ownerExecutionId);
    if (stillArmed) session.execution.cancelActivity({ id: timer.activityId, executionId: timer.executionId });
    return this.collect(session);
  }
}

/** Tokens waiting in the inbound queue of a user or manual task that is running for an earlier one. */
function queuedTokens(execution: any): Array<{ activity: any; token: string }> {
  const out: Array<{ activity: any; token: string }> = [];
  const process = execution?.definitions?.[0]?.getProcesses?.()?.[0];
  for (const activity of process?.getActivities?.() ?? []) {
    if (!WAIT_TYPES.has(activity.type)) continue;
    for (const message of activity.broker?.getQueue?.('inbound-q')?.messages ?? []) {
      const token = message.fields?.routingKey === 'flow.take' ? message.content?.sequenceId : undefined;
      if (typeof token === 'string') out.push({ activity, token });
    }
  }
  return out;
}

/** The same tokens, read from a saved engine state. */
function queuedInState(state: any): Set<string> {
  const out = new Set<string>();
  for (const child of state?.definitions?.[0]?.execution?.processes?.[0]?.execution?.children ?? []) {
    if (!WAIT_TYPES.has(child?.type)) continue;
    for (const queue of child.broker?.queues ?? []) {
      if (queue?.name !== 'inbound-q') continue;
      for (const message of queue.messages ?? []) {
        if (message?.fields?.routingKey === 'flow.take' && typeof message.content?.sequenceId === 'string') out.add(message.content.sequenceId);
      }
    }
  }
  return out;
}

/** A user or manual task as Kaari stores it: its activity's attributes, and the run (or queued token) it stands for. */
function waitingTask(activity: any, executionId: string, token: unknown): WaitingTask {
  const behaviour = activity.behaviour ?? {};
  return {
    executionId,
    activityId: activity.id,
    kind: activity.type === 'bpmn:ManualTask' ? 'system' : behaviour.handledAt === HANDLED_AT_MEETING ? 'meeting' : 'user',
    name: activity.name ?? behaviour.name ?? null,
    candidateGroups: splitList(behaviour.candidateGroups),
    dueDate: typeof behaviour.dueDate === 'string' ? behaviour.dueDate : null,
    formKey: typeof behaviour.formKey === 'string' ? behaviour.formKey : null,
    token: typeof token === 'string' ? token : null,
  };
}

/** The live engine behind a step result, until the caller keeps or drops the result. */
const warmSessions = new WeakMap<StepResult, Session>();

/** Scripts never run: a diagram is data. A script that always fails keeps a JS condition false (docs/engine.md). */
const refusingScripts = {
  register() {
    return undefined;
  },
  getScript(language: string | undefined, identifier: { id?: string }) {
    // No language: a plain expression condition, evaluated by the safe expression handler.
    if (!language) return undefined;
    return {
      execute(_context: unknown, callback: (err: Error) => void) {
        callback(new Error(`scripts are not run by Kaari (${identifier?.id ?? 'unknown element'})`));
      },
    };
  },
};
