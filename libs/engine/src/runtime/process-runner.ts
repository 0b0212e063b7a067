import { EventEmitter } from 'node:events';
import { createSafeExpressions } from '../expressions/safe-expressions.js';
import { camundaModdle, deserializeSource, elements, Engine, ENGINE_VERSION, type SerializedSource } from './bpmn-libs.js';

/** A user task the engine is waiting on, as Kaari stores it. */
export interface WaitingTask {
  executionId: string;
  activityId: string;
  name: string | null;
  candidateGroups: string[];
  dueDate: string | null;
  formKey: string | null;
}

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
  /** Execution ids of everything still postponed (tasks, timers, catch events). */
  postponed: string[];
  timers: ArmedTimer[];
  trail: TrailEntry[];
  error: string | null;
}

export class ProcessRunnerError extends Error {
  constructor(
    readonly code: 'UNKNOWN_EXECUTION' | 'RUNAWAY' | 'ENGINE_FAILED',
    message: string,
  ) {
    super(message);
  }
}

/** A diagram that enters this many activities in one step is looping without a wait state. */
const MAX_ACTIVITIES_PER_STEP = 2000;
const WAIT_TYPES = new Set(['bpmn:UserTask', 'bpmn:ManualTask']);
const TRAIL_TYPES = /Gateway$|Event$|Task$|^bpmn:SubProcess$/;

function splitList(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Runs one event of one instance through a fresh bpmn-engine: recover from the stored
 * state, apply the event, run to the next wait, report what changed. It holds nothing
 * between calls, so any api or worker process can run any instance's next step.
 */
export class ProcessRunner {
  static readonly engineVersion = ENGINE_VERSION;

  private build(sourceContextJson: string, trail: TrailEntry[], timers: ArmedTimer[], guard: { entered: number }) {
    const sourceContext: SerializedSource = deserializeSource(sourceContextJson);
    const timerHost = new elements.Timers({
      // Arms nothing: time is carried by the worker's delayed jobs.
      setTimeout: () => ({ kaari: 'external' }),
      clearTimeout: () => undefined,
    } as never);
    const engine = new Engine({
      name: 'kaari',
      sourceContext: sourceContext as never,
      moddleOptions: { camunda: camundaModdle },
      expressions: createSafeExpressions() as never,
      timers: timerHost as never,
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
    listener.on('activity.enter', () => {
      guard.entered += 1;
      if (guard.entered > MAX_ACTIVITIES_PER_STEP) {
        throw new ProcessRunnerError('RUNAWAY', `more than ${MAX_ACTIVITIES_PER_STEP} activities entered in one step: a loop without a wait state`);
      }
    });
    listener.on('activity.end', (api: any) => {
      if (TRAIL_TYPES.test(api.type)) trail.push({ type: 'activity.completed', activityId: api.id, executionId: api.executionId, activityType: api.type });
    });
    listener.on('activity.timer', (api: any) => {
      const c = api.content ?? {};
      timers.push({
        executionId: c.executionId ?? api.executionId,
        ownerExecutionId: c.parent?.executionId ?? api.executionId,
        activityId: api.id,
        expireAt: new Date(c.expireAt).toISOString(),
        repeat: typeof c.repeat === 'number' ? c.repeat : null,
      });
    });
    return { engine, listener };
  }

  private async collect(engine: any, execution: any, trail: TrailEntry[], timers: ArmedTimer[]): Promise<StepResult> {
    const postponedApis: any[] = execution.getPostponed();
    const waits: WaitingTask[] = [];
    for (const api of postponedApis) {
      if (!WAIT_TYPES.has(api.type)) continue;
      const behaviour = api.owner?.behaviour ?? {};
      waits.push({
        executionId: api.executionId,
        activityId: api.id,
        name: api.name ?? behaviour.name ?? null,
        candidateGroups: splitList(behaviour.candidateGroups),
        dueDate: typeof behaviour.dueDate === 'string' ? behaviour.dueDate : null,
        formKey: typeof behaviour.formKey === 'string' ? behaviour.formKey : null,
      });
    }
    const definition = execution.definitions?.[0];
    const processes: any[] = definition?.getProcesses?.() ?? [];
    const variables = { ...(processes[0]?.environment?.variables ?? {}) };
    const completed = engine.state === 'idle' && postponedApis.length === 0;
    const state: any = await engine.getState();
    for (const d of state.definitions ?? []) delete d.source;
    return {
      status: completed ? 'completed' : 'running',
      state: completed ? null : state,
      variables,
      waits,
      // After a loop back, getPostponed() can list sequence flows without an execution id.
      postponed: postponedApis.map((a) => a.executionId).filter((id): id is string => typeof id === 'string'),
      timers,
      trail,
      error: null,
    };
  }

  /** Starts a new instance and runs it to its first wait. */
  async start(sourceContextJson: string, variables: Record<string, unknown>): Promise<StepResult> {
    const trail: TrailEntry[] = [];
    const timers: ArmedTimer[] = [];
    const { engine, listener } = this.build(sourceContextJson, trail, timers, { entered: 0 });
    const execution = await engine.execute({ listener, variables });
    return this.collect(engine, execution, trail, timers);
  }

  private async recover(sourceContextJson: string, state: unknown, trail: TrailEntry[], timers: ArmedTimer[]) {
    const guard = { entered: 0 };
    const { engine, listener } = this.build(sourceContextJson, trail, timers, guard);
    engine.recover(structuredClone(state) as never);
    // Resuming re-emits the waits and timers already there; they are stored idempotently,
    // and a timer whose time passed fires now, so its effects belong to this step.
    const execution = await engine.resume({ listener });
    guard.entered = 0;
    return { engine, execution };
  }

  /** Completes the waiting activity `executionId` with `data`, and runs to the next wait. */
  async signal(sourceContextJson: string, state: unknown, executionId: string, data: Record<string, unknown>): Promise<StepResult> {
    const trail: TrailEntry[] = [];
    const timers: ArmedTimer[] = [];
    const { engine, execution } = await this.recover(sourceContextJson, state, trail, timers);
    const target = execution.getPostponed().find((a: any) => a.executionId === executionId);
    // bpmn-engine ignores a signal to an unknown id without a word, so check first.
    if (!target) throw new ProcessRunnerError('UNKNOWN_EXECUTION', `nothing is waiting at ${executionId}`);
    execution.signal({ id: target.id, executionId, data });
    return this.collect(engine, execution, trail, timers);
  }

  /**
   * Fires the timer `timerExecutionId`. bpmn-engine fires a recovered timer at once when its
   * time has passed; if the job came a moment early by the engine's clock, cancelling the
   * timer activity fires it all the same.
   */
  async fireTimer(sourceContextJson: string, state: unknown, timer: { activityId: string; executionId: string; ownerExecutionId: string }): Promise<StepResult> {
    const trail: TrailEntry[] = [];
    const timers: ArmedTimer[] = [];
    const { engine, execution } = await this.recover(sourceContextJson, state, trail, timers);
    const stillArmed = execution.getPostponed().some((a: any) => a.executionId === timer.ownerExecutionId);
    if (stillArmed) execution.cancelActivity({ id: timer.activityId, executionId: timer.executionId });
    return this.collect(engine, execution, trail, timers);
  }
}

/** Scripts never run: a diagram is data. A script that always fails keeps a JS condition false (ENGINE-NOTES.md). */
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
