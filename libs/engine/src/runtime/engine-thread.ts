import { parentPort, workerData } from 'node:worker_threads';
import { ProcessRunner, ProcessRunnerError, type StepKey, type StepResult, type TimerRef } from './process-runner.js';

/*
 * The body of one engine thread (engine-threads.ts owns the threads). It runs steps one at a
 * time, as the main thread hands them over, on a ProcessRunner that keeps this thread's warm
 * engines. If a step runs past its time limit, the main thread terminates this thread:
 * nothing here has to stop a runaway step by itself.
 */

/** A cold step carries the diagram and the stored state; a warm one relies on an engine this thread kept. */
export interface ColdStart {
  source: string;
  state: unknown;
}

export type StepRequest =
  | { kind: 'start'; id: number; source: string; variables: Record<string, unknown> }
  | { kind: 'signal'; id: number; key: StepKey; cold: ColdStart | null; executionId: string; data: Record<string, unknown> }
  | { kind: 'fire'; id: number; key: StepKey; cold: ColdStart | null; timer: TimerRef };

export type Instruction = { kind: 'keep'; step: number; instanceId: string; version: number } | { kind: 'forget'; instanceId: string };

export type StepReply =
  | { id: number; result: StepResult }
  | { id: number; error: { code: ProcessRunnerError['code']; message: string; activityId: string | null } }
  /** A warm step whose engine this thread no longer holds: send it again with the stored state. */
  | { id: number; needsState: true };

/** Posted once the engine is loaded; the main thread hands over no step before it. */
export type ThreadReady = { ready: true };

/** Where a long step is, posted while it runs: if it has to be stopped, the incident can name the activity. */
export type StepProgress = { progress: number; activityId: string };

const NEEDS_STATE = new Error('needs state');
/** Results whose engines the main thread may still ask to keep (once their transaction commits). */
const RECENT_LIMIT = 256;

let current = 0;
const runner = new ProcessRunner((workerData as { warmLimit: number }).warmLimit, (activityId) =>
  parentPort!.postMessage({ progress: current, activityId } satisfies StepProgress),
);
const recent = new Map<number, StepResult>();

function stored(cold: ColdStart | null): unknown {
  return cold ? cold.state : () => Promise.reject(NEEDS_STATE);
}

async function run(request: StepRequest): Promise<StepResult> {
  switch (request.kind) {
    case 'start':
      return runner.start(request.source, request.variables);
    case 'signal':
      return runner.signal(request.key, request.cold?.source ?? '', stored(request.cold), request.executionId, request.data);
    case 'fire':
      return runner.fireTimer(request.key, request.cold?.source ?? '', stored(request.cold), request.timer);
  }
}

async function take(request: StepRequest): Promise<StepReply> {
  current = request.id;
  try {
    const result = await run(request);
    recent.set(request.id, result);
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as number);
    return { id: request.id, result };
  } catch (error) {
    if (error === NEEDS_STATE) return { id: request.id, needsState: true };
    const known = error instanceof ProcessRunnerError ? error : null;
    return {
      id: request.id,
      error: { code: known?.code ?? 'ENGINE_FAILED', message: String((error as Error)?.message ?? error), activityId: known?.activityId ?? null },
    };
  }
}

parentPort!.on('message', (message: StepRequest | Instruction) => {
  if (message.kind === 'keep') {
    const result = recent.get(message.step);
    recent.delete(message.step);
    if (result) runner.keep(message.instanceId, message.version, result);
  } else if (message.kind === 'forget') {
    runner.forget(message.instanceId);
  } else {
    void take(message).then((reply) => {
      try {
        parentPort!.postMessage(reply);
      } catch (error) {
        // A result that cannot cross to the main thread (a value structured clone refuses) fails the step, not the thread.
        parentPort!.postMessage({
          id: message.id,
          error: { code: 'ENGINE_FAILED', message: `the step's result could not be passed on: ${(error as Error).message}`, activityId: null },
        } satisfies StepReply);
      }
    });
  }
});

parentPort!.postMessage({ ready: true } satisfies ThreadReady);
