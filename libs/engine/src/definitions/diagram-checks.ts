import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@kaari/common/errors.js';
import type { DiagramCheckMessage, DiagramCheckReply } from './diagram-check-thread.js';
import type { DiagramCheck, DiagramCheckRequest } from './diagram-check.js';

export interface DiagramChecksOptions {
  /** A check still running after this long is stopped (its thread terminated and replaced). */
  timeoutMs: number;
  /** Heap the thread may use; a check that needs more is stopped the same way. */
  memoryMb: number;
}

interface Job {
  message: DiagramCheckMessage;
  resolve(result: DiagramCheck): void;
  reject(error: Error): void;
}

/**
 * Parses and validates uploaded diagrams in a worker thread, one at a time: a 2 MB diagram of
 * thousands of elements takes seconds of CPU to parse, and on the event loop every request,
 * the health check too, would wait for it. The thread is started on first use, holds the
 * process open only while it has work, and is replaced when a check overruns its limits;
 * such a diagram is refused with 422.
 */
export class DiagramChecks {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: DiagramChecksOptions) {}

  check(request: DiagramCheckRequest): Promise<DiagramCheck> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new DomainError('UNAVAILABLE', 'The server is shutting down'));
      this.queue.push({ message: { ...request, id: this.nextId++ }, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    for (const job of [...(this.running ? [this.running.job] : []), ...this.queue.splice(0)])
      job.reject(new DomainError('UNAVAILABLE', 'The server is shutting down'));
    if (this.running) clearTimeout(this.running.timer);
    this.running = null;
    await worker?.terminate();
  }

  private pump(): void {
    if (this.running || this.closed || !this.queue.length) return;
    let worker: Worker;
    try {
      worker = this.worker ?? this.spawn();
    } catch (error) {
      for (const job of this.queue.splice(0)) job.reject(error as Error);
      return;
    }
    worker.ref();
    const job = this.queue.shift()!;
    const timer = setTimeout(() => this.stop(job, `the diagram could not be checked within ${this.options.timeoutMs / 1000} s`), this.options.timeoutMs);
    this.running = { job, timer };
    worker.postMessage(job.message);
  }

  private spawn(): Worker {
    const worker = new Worker(threadScript(), { resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb } });
    worker.on('message', (reply: DiagramCheckReply) => {
      if (worker !== this.worker || this.running?.job.message.id !== reply.id) return;
      const { job, timer } = this.running;
      clearTimeout(timer);
      this.running = null;
      if (!this.queue.length) worker.unref();
      if ('result' in reply) job.resolve(reply.result);
      else
        job.reject(
          new DomainError('INVALID_BPMN', 'The diagram could not be checked', [{ path: null, code: 'xml-invalid', message: reply.error.slice(0, 300) }]),
        );
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker || !this.running) return;
      const reason =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `checking the diagram needed more than the ${this.options.memoryMb} MB allowed`
          : `the diagram check failed: ${error.message}`;
      this.stop(this.running.job, reason);
    });
    worker.on('exit', () => {
      if (worker !== this.worker) return;
      this.worker = null;
      if (this.running) this.stop(this.running.job, 'the diagram check thread exited');
    });
    this.worker = worker;
    return worker;
  }

  /** Ends the check under way by replacing the thread: nothing else can stop a parse. */
  private stop(job: Job, reason: string): void {
    if (this.running?.job !== job) return;
    clearTimeout(this.running.timer);
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
    }
    job.reject(new DomainError('INVALID_BPMN', `The diagram cannot be deployed: ${reason}`, [{ path: null, code: 'too-complex', message: reason }]));
    this.pump();
  }
}

/** Beside this file in the build; from TypeScript sources (jest), a bootstrap that runs diagram-check-thread.ts through tsx. */
function threadScript(): URL {
  const built = new URL('./diagram-check-thread.js', import.meta.url);
  return existsSync(built) ? built : new URL('./diagram-check-thread.source.mjs', import.meta.url);
}
