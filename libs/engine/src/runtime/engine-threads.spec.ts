import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseBpmn, serializeSource } from './bpmn-libs.js';
import { EngineThreads } from './engine-threads.js';
import type { ProcessRunnerError } from './process-runner.js';

// The threads run engine-thread.ts from its sources (engine-thread.source.mjs): no build needed.
const definitions = (process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions id="d" xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <process id="p" isExecutable="true">${process}</process>
</definitions>`;
const source = async (process: string) => serializeSource(await parseBpmn(definitions(process)));

/** Loops between two gateways with no wait state: the deploy check refuses it, so it can only be stored by going around it. */
const LOOP = `<startEvent id="start" /><exclusiveGateway id="a" /><exclusiveGateway id="b" />
  <sequenceFlow id="f1" sourceRef="start" targetRef="a" /><sequenceFlow id="f2" sourceRef="a" targetRef="b" /><sequenceFlow id="f3" sourceRef="b" targetRef="a" />`;
const TWO_TASKS = `<startEvent id="s" /><userTask id="t1" /><userTask id="t2" /><endEvent id="e" />
  <sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><sequenceFlow id="f2" sourceRef="t1" targetRef="t2" /><sequenceFlow id="f3" sourceRef="t2" targetRef="e" />`;

describe('EngineThreads: steps in worker threads with a time limit', () => {
  let threads: EngineThreads;
  const stopped: string[] = [];
  afterEach(() => threads?.close());

  const pool = (options: Partial<ConstructorParameters<typeof EngineThreads>[0]> = {}) =>
    (threads = new EngineThreads({ threads: 1, stepTimeoutMs: 1000, memoryMb: 256, warmLimit: 10, onStopped: (e) => stopped.push(e.reason), ...options }));

  it('stops a runaway step at the time limit while the calling thread keeps working, and runs the next step on a fresh thread', async () => {
    pool({ stepTimeoutMs: 200 });
    const loop = await source(LOOP);
    // Given a thread that has already run a step (booted and warm, so the 200 ms go to the loop itself)
    await threads.start(await source(TWO_TASKS), { n: 0 });
    // Given a step that never reaches a wait state, and a timer on the calling thread
    let ticks = 0;
    const ticking = setInterval(() => (ticks += 1), 5);
    // When it runs, Then it fails for running past the time limit
    const error = (await threads.start(loop, {}).catch((e) => e)) as ProcessRunnerError;
    clearInterval(ticking);
    expect(error).toMatchObject({
      code: 'RUNAWAY',
      message: expect.stringMatching(/ran longer than the 200 ms allowed/),
      activityId: expect.stringMatching(/^(start|a|b)$/),
    });
    expect(stopped.at(-1)).toMatch(/ran longer/);
    // And the calling thread's event loop kept turning meanwhile
    expect(ticks).toBeGreaterThan(3);
    // And the next step runs as if nothing happened
    const fine = await threads.start(await source(TWO_TASKS), { n: 1 });
    expect(fine.waits.map((w) => w.activityId)).toEqual(['t1']);
  });

  it('takes a step on a kept engine without reading the stored state, and reads it when the version moved on', async () => {
    pool();
    const diagram = await source(TWO_TASKS);
    const started = await threads.start(diagram, { n: 1 });
    threads.keep('i', 1, started);
    let reads = 0;
    const stored = async () => {
      reads += 1;
      return started.state;
    };
    // A stale version: another process moved the instance on, so the stored state is read.
    const cold = await threads.signal({ instanceId: 'i', version: 5 }, diagram, stored, started.waits[0].executionId, { n: 2 });
    expect(reads).toBe(1);
    expect(cold.waits.map((w) => w.activityId)).toEqual(['t2']);
    threads.keep('i', 6, cold);
    // The version the engine holds: no read, same outcome as a recover.
    const warm = await threads.signal({ instanceId: 'i', version: 6 }, diagram, stored, cold.waits[0].executionId, { n: 3 });
    expect(reads).toBe(1);
    expect(warm).toMatchObject({ status: 'completed', variables: { n: 3 } });
  });

  it('recovers from the stored state a step whose kept engine was lost with a stopped thread', async () => {
    pool({ stepTimeoutMs: 200 });
    const diagram = await source(TWO_TASKS);
    const started = await threads.start(diagram, { n: 1 });
    threads.keep('i', 1, started);
    // The only thread is stopped by a runaway step, taking the kept engine with it
    await expect(threads.start(await source(LOOP), {})).rejects.toMatchObject({ code: 'RUNAWAY' });
    let reads = 0;
    const next = await threads.signal({ instanceId: 'i', version: 1 }, diagram, async () => ((reads += 1), started.state), started.waits[0].executionId, {
      n: 2,
    });
    expect(reads).toBe(1);
    expect(next.waits.map((w) => w.activityId)).toEqual(['t2']);
  });

  it('runs many instances side by side on several threads, each to its own result', async () => {
    pool({ threads: 2, stepTimeoutMs: 10_000 });
    const diagram = await source(TWO_TASKS);
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => threads.start(diagram, { n })));
    const seconds = await Promise.all(
      results.map((r, n) => {
        threads.keep(`i${n}`, 1, r);
        return threads.signal({ instanceId: `i${n}`, version: 1 }, diagram, r.state, r.waits[0].executionId, { m: n * 2 });
      }),
    );
    seconds.forEach((r, n) =>
      expect(r).toMatchObject({ status: 'running', variables: { n, m: n * 2 }, waits: [expect.objectContaining({ activityId: 't2' })] }),
    );
  });

  it('reports a signal to nothing waiting as such, not as a failure of the thread', async () => {
    pool();
    const diagram = await source(TWO_TASKS);
    const started = await threads.start(diagram, {});
    await expect(threads.signal({ instanceId: 'i', version: 1 }, diagram, started.state, 'no-such-execution', {})).rejects.toMatchObject({
      code: 'UNKNOWN_EXECUTION',
    });
  });

  it('fails the steps waiting for a thread that cannot start, and tries again with the next step', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kaari-thread-'));
    const broken = path.join(dir, 'broken-thread.mjs');
    writeFileSync(broken, `throw new Error('the engine library is missing');`);
    pool({ script: pathToFileURL(broken) });
    const diagram = await source(TWO_TASKS);
    const failed = await Promise.allSettled([threads.start(diagram, {}), threads.start(diagram, {})]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({
      code: 'ENGINE_FAILED',
      message: expect.stringMatching(/could not be started: the engine library is missing|exited while starting/),
    });
    await expect(threads.start(diagram, {})).rejects.toMatchObject({ code: 'ENGINE_FAILED' });
    rmSync(dir, { recursive: true });
  });

  it('stops a step that needs more memory than a thread may have, and the next step runs on a fresh thread', async () => {
    // A thread that eats memory on its first step and is itself again after a restart, as a runaway engine step would be
    const dir = mkdtempSync(path.join(tmpdir(), 'kaari-thread-'));
    const greedy = path.join(dir, 'greedy-thread.mjs');
    const marker = path.join(dir, 'ate');
    writeFileSync(
      greedy,
      `import { existsSync, writeFileSync } from 'node:fs';
       import { parentPort } from 'node:worker_threads';
       parentPort.on('message', (m) => {
         if (!existsSync(${JSON.stringify(marker)})) {
           writeFileSync(${JSON.stringify(marker)}, '');
           const hoard = [];
           for (;;) hoard.push(new Array(100000).fill(m.id));
         }
         parentPort.postMessage({ id: m.id, error: { code: 'UNKNOWN_EXECUTION', message: 'fresh thread answered', activityId: null } });
       });
       parentPort.postMessage({ ready: true });`,
    );
    pool({ script: pathToFileURL(greedy), memoryMb: 64, stepTimeoutMs: 60_000 });
    await expect(threads.start('{}', {})).rejects.toMatchObject({ code: 'RUNAWAY', message: expect.stringMatching(/needed more than the 64 MB allowed/) });
    expect(stopped.at(-1)).toMatch(/64 MB/);
    await expect(threads.start('{}', {})).rejects.toMatchObject({ message: 'fresh thread answered' });
    rmSync(dir, { recursive: true });
  });

  it('fails steps handed to it after it closed', async () => {
    pool();
    await threads.close();
    await expect(threads.start(await source(TWO_TASKS), {})).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
  });
});
