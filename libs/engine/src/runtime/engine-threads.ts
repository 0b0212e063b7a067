import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ColdStart, Instruction, StepProgress, StepReply, StepRequest, ThreadReady } from './engine-thread.js';
import { ProcessRunnerError, StepRunner, type StepKey, type StepResult, type StoredState, type TimerRef } from './process-runner.js';

export interface EngineThreadsOptions {
  /** Worker threads that take steps; each takes one step at a time. */
  threads: number;
  /** A step still running after this long is stopped: its thread is terminated and replaced. */
  stepTimeoutMs: number;
  /** Heap a thread may use; a step that needs more is stopped the same way. */
  memoryMb: number;
  /** Warm engines kept across all threads. */
  warmLimit: number;
  /** The thread's script; by default engine-thread.js beside this file (tests point it at a broken one). */
  script?: URL;
  /** Told when a thread was stopped or failed, for the log. */
  onStopped?: (event: { reason: string; activityId: string | null; threadIndex: number }) => void;
}

interface Job {
  request: StepRequest;
  /** A warm request's way to be sent again with the stored state, when its thread holds no engine for it. */
  cold?: () => Promise<StepRequest>;
  resolve: (result: StepResult) => void;
  reject: (error: Error) => void;
}

/**
 * Runs bpmn-engine steps in worker threads, so that no diagram can hold the api's or the
 * worker's event loop: a step that runs past `stepTimeoutMs` (a loop with no wait state that
 * slipped past the deploy checks) or past `memoryMb` is stopped by terminating its thread,
 * and fails like any other step the diagram cannot take — the caller rolls back and opens an
 * incident. Threads hold warm engines as ProcessRunner does; a step goes to the thread that
 * holds its instance's engine, any other to the least busy thread.
 */
export class EngineThreads extends StepRunner {
  private readonly threads: EngineThread[];
  /** Which thread holds a warm engine for an instance, and at which instance version. */
  private readonly warm = new Map<string, { thread: EngineThread; generation: number; version: number }>();
  /** Where each result's engine lives, until the caller keeps it. */
  private readonly origins = new WeakMap<StepResult, { thread: EngineThread; generation: number; step: number }>();
  private nextId = 1;

  constructor(private readonly options: EngineThreadsOptions) {
    super();
    const script = options.script ?? threadScript();
    this.threads = Array.from({ length: Math.max(1, options.threads) }, (_, index) => new EngineThread(index, script, options, this));
  }

  start(source: string, variables: Record<string, unknown>): Promise<StepResult> {
    return this.leastBusy().run({ kind: 'start', id: this.nextId++, source, variables });
  }

  signal(key: StepKey, source: string, state: StoredState, executionId: string, data: Record<string, unknown>): Promise<StepResult> {
    return this.step(key, source, state, (cold) => ({ kind: 'signal', id: this.nextId++, key, cold, executionId, data }));
  }

  fireTimer(key: StepKey, source: string, state: StoredState, timer: TimerRef): Promise<StepResult> {
    return this.step(key, source, state, (cold) => ({ kind: 'fire', id: this.nextId++, key, cold, timer }));
  }

  keep(instanceId: string, version: number, result: StepResult): void {
    const origin = this.origins.get(result);
    this.origins.delete(result);
    if (!origin || origin.generation !== origin.thread.generation || this.options.warmLimit <= 0) return;
    this.forget(instanceId);
    this.warm.set(instanceId, { thread: origin.thread, generation: origin.generation, version });
    origin.thread.instruct({ kind: 'keep', step: origin.step, instanceId, version });
    if (this.warm.size > this.options.warmLimit) this.forget(this.warm.keys().next().value as string);
  }

  forget(instanceId: string): void {
    const held = this.warm.get(instanceId);
    if (!held) return;
    this.warm.delete(instanceId);
    if (held.generation === held.thread.generation) held.thread.instruct({ kind: 'forget', instanceId });
  }

  /** Stops every thread; steps under way or queued fail. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }

  /** Called by a thread when a step succeeded: its engine may be kept once the caller commits. */
  remember(result: StepResult, thread: EngineThread, step: number): void {
    this.origins.set(result, { thread, generation: thread.generation, step });
  }

  stopped(event: { reason: string; activityId: string | null }, threadIndex: number): void {
    this.options.onStopped?.({ ...event, threadIndex });
  }

  private async step(key: StepKey, source: string, stored: StoredState, request: (cold: ColdStart | null) => StepRequest): Promise<StepResult> {
    const held = this.warm.get(key.instanceId);
    const cold = async () => request({ source, state: typeof stored === 'function' ? await (stored as () => Promise<unknown>)() : stored });
    if (held && held.version === key.version && held.generation === held.thread.generation) {
      // Taken out whatever happens, as in ProcessRunner: it is put back only after a commit.
      this.warm.delete(key.instanceId);
      return held.thread.run(request(null), cold);
    }
    this.forget(key.instanceId);
    return this.leastBusy().run(await cold());
  }

  private leastBusy(): EngineThread {
    return this.threads.reduce((best, t) => (t.load < best.load ? t : best));
  }
}

/** One worker thread and the steps waiting for it. Replaced, not repaired, when a step overruns or it fails. */
class EngineThread {
  /** Bumped whenever the worker is replaced: the engines an older one kept are gone. */
  generation = 0;
  private worker: Worker | null = null;
  /** The worker has loaded the engine: a step's time limit starts only then, so booting never counts against it. */
  private ready = false;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout; lastActivity?: string } | null = null;
  private closed = false;

  constructor(
    private readonly index: number,
    private readonly script: URL,
    private readonly options: EngineThreadsOptions,
    private readonly pool: EngineThreads,
  ) {}

  get load(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  run(request: StepRequest, cold?: () => Promise<StepRequest>): Promise<StepResult> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new ProcessRunnerError('SHUTTING_DOWN', 'the engine is shutting down'));
      this.queue.push({ request, cold, resolve, reject });
      this.pump();
    });
  }

  /** Keep or forget an engine; a replaced thread holds none, so there is nothing to tell it. */
  instruct(message: Instruction): void {
    this.worker?.postMessage(message);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.failAll(new ProcessRunnerError('SHUTTING_DOWN', 'the engine is shutting down'));
    await worker?.terminate();
  }

  private pump(): void {
    if (this.running || this.closed || !this.queue.length) return;
    if (!this.worker) {
      try {
        this.spawn();
      } catch (error) {
        return this.failAll(new ProcessRunnerError('ENGINE_FAILED', `the engine could not be started: ${(error as Error).message}`));
      }
    }
    const worker = this.worker!;
    // Referenced only while there is work, so an idle pool never keeps a process alive.
    worker.ref();
    if (!this.ready) return;
    const job = this.queue.shift()!;
    const timer = setTimeout(
      () => this.fail(job, 'RUNAWAY', `the step ran longer than the ${this.options.stepTimeoutMs} ms allowed and was stopped`),
      this.options.stepTimeoutMs,
    );
    this.running = { job, timer };
    try {
      worker.postMessage(job.request);
    } catch (error) {
      clearTimeout(timer);
      this.running = null;
      job.reject(new ProcessRunnerError('ENGINE_FAILED', `the step could not be handed to the engine: ${(error as Error).message}`));
      this.pump();
    }
  }

  private spawn(): void {
    const worker = new Worker(this.script, {
      workerData: { warmLimit: this.options.warmLimit },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
    });
    // A thread that never says it is ready (it hangs loading the engine) fails what waits for it, rather than holding it forever.
    const boot = setTimeout(() => {
      if (worker === this.worker && !this.ready)
        this.failAll(new ProcessRunnerError('ENGINE_FAILED', `the engine did not start within ${BOOT_TIMEOUT_MS / 1000} s`));
    }, BOOT_TIMEOUT_MS);
    boot.unref();
    worker.on('message', (reply: StepReply | ThreadReady | StepProgress) => {
      if ('ready' in reply) clearTimeout(boot);
      this.reply(worker, reply);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      if (!this.ready) return this.failAll(new ProcessRunnerError('ENGINE_FAILED', `the engine could not be started: ${error.message}`));
      if (!this.running) return this.replace();
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
        this.fail(this.running.job, 'RUNAWAY', `the step needed more than the ${this.options.memoryMb} MB allowed and was stopped`);
      else this.fail(this.running.job, 'ENGINE_FAILED', `the engine failed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      clearTimeout(boot);
      if (worker !== this.worker) return;
      if (!this.ready) this.failAll(new ProcessRunnerError('ENGINE_FAILED', `the engine thread exited while starting (code ${code})`));
      else if (this.running) this.fail(this.running.job, 'ENGINE_FAILED', `the engine thread exited (code ${code})`);
      else this.replace();
    });
    this.worker = worker;
    this.ready = false;
  }

  private reply(worker: Worker, reply: StepReply | ThreadReady | StepProgress): void {
    if (worker !== this.worker) return;
    if ('ready' in reply) {
      this.ready = true;
      return this.pump();
    }
    if ('progress' in reply) {
      if (this.running?.job.request.id === reply.progress) this.running.lastActivity = reply.activityId;
      return;
    }
    if (this.running?.job.request.id !== reply.id) return;
    const { job, timer } = this.running;
    clearTimeout(timer);
    this.running = null;
    if (!this.queue.length) worker.unref();
    if ('result' in reply) {
      this.pool.remember(reply.result, this, reply.id);
      job.resolve(reply.result);
    } else if ('needsState' in reply && job.cold) {
      // The engine this step counted on is gone (the thread was replaced): send it again, cold, first in line.
      job.cold().then((request) => {
        this.queue.unshift({ request, resolve: job.resolve, reject: job.reject });
        this.pump();
      }, job.reject);
    } else if ('error' in reply) {
      job.reject(new ProcessRunnerError(reply.error.code, reply.error.message, reply.error.activityId));
    } else {
      job.reject(new ProcessRunnerError('ENGINE_FAILED', 'the engine asked for a state it had been given'));
    }
    this.pump();
  }

  /** Fails the step under way and replaces the thread: whatever it was doing can never be trusted to end. */
  private fail(job: Job, code: 'RUNAWAY' | 'ENGINE_FAILED', reason: string): void {
    if (this.running?.job !== job) return;
    clearTimeout(this.running.timer);
    const activityId = this.running.lastActivity ?? null;
    this.running = null;
    this.replace();
    this.pool.stopped({ reason, activityId }, this.index);
    job.reject(new ProcessRunnerError(code, reason, activityId));
    this.pump();
  }

  /** Fails the step under way and every queued one (shutting down, or a thread that cannot even start). */
  private failAll(error: ProcessRunnerError): void {
    if (this.running) clearTimeout(this.running.timer);
    const jobs = [...(this.running ? [this.running.job] : []), ...this.queue.splice(0)];
    this.running = null;
    this.replace();
    for (const job of jobs) job.reject(error);
  }

  private replace(): void {
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    this.generation += 1;
    if (worker) {
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      if (!this.closed) void worker.terminate();
    }
  }
}

const BOOT_TIMEOUT_MS = 30_000;

/** The thread's script: beside this file in the build; from TypeScript sources (jest), a bootstrap that runs engine-thread.ts through tsx. */
function threadScript(): URL {
  const built = new URL('./engine-thread.js', import.meta.url);
  return existsSync(built) ? built : new URL('./engine-thread.source.mjs', import.meta.url);
}
