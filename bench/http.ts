import { freePort, demoUsers, request, sectionEnv, ServiceProcess, signIn } from './processes.js';
import { SIGNALS, START_VARIABLES } from './raw.js';
import { latencies, log } from './support.js';

interface OpenTask {
  id: string;
  activityId: string;
  candidateBodies: string[];
}

/**
 * The same diagram and signals through the HTTP API: the built api as child processes
 * (node:cluster, API_PROCESSES) plus one worker, and `clients` concurrent clients each
 * looping: start an instance as the director, then complete each open task as a member of
 * its body until the instance has ended. Returns completed instances per second and the
 * latency of a task completion (POST /api/tasks/:id/complete) as the client sees it.
 */
export async function runHttp(databaseUrl: string, runs: number, clients: number, apiProcesses: number) {
  const port = await freePort();
  const env = { ...sectionEnv(databaseUrl, 'http'), PORT: String(port), API_PROCESSES: String(apiProcesses) };
  // The worker migrates the fresh database first, so the api processes do not race to.
  const worker = new ServiceProcess('worker', env);
  await worker.start();
  const api = new ServiceProcess('api', env);
  await api.start();
  try {
    const { director, memberOf } = await demoUsers();
    const tokens: Record<string, string> = {};
    const directorToken = await signIn(port, director);
    for (const [body, username] of Object.entries(memberOf)) tokens[body] = await signIn(port, username);

    const completions: number[] = [];
    const byTask: Record<string, number[]> = { start: [] };
    const failures: Record<string, number> = {};
    const fail = (what: string, res: { status: number; body: unknown }) => {
      const key = `${what} ${res.status}`;
      failures[key] = (failures[key] ?? 0) + 1;
      if (failures[key] === 1) log(`  ${key}: ${JSON.stringify(res.body).slice(0, 400)}`);
    };
    let measuring = false;
    let completed = 0;
    const once = async (): Promise<boolean> => {
      const s0 = performance.now();
      const started = await request(port, 'POST', '/api/instances', { definitionKey: 'cross-sector-measure', variables: START_VARIABLES }, directorToken);
      if (measuring) byTask.start.push(performance.now() - s0);
      if (started.status !== 201 && started.status !== 200) return (fail('start', started), false);
      let instance = started.body as { id: string; state: string; openTasks: OpenTask[] };
      for (let steps = 0; instance.state === 'running' && instance.openTasks.length; steps += 1) {
        if (steps > 20) return (fail('runaway', { status: 0, body: instance.id }), false);
        const task = instance.openTasks[0];
        const token = tokens[task.candidateBodies.find((b) => tokens[b]) ?? ''];
        if (!token) return (fail(`no member for ${task.candidateBodies.join(', ')}`, { status: 0, body: task }), false);
        const t0 = performance.now();
        const done = await request(port, 'POST', `/api/tasks/${task.id}/complete`, { data: SIGNALS[task.activityId] ?? {} }, token);
        if (measuring) {
          completions.push(performance.now() - t0);
          (byTask[task.activityId] ??= []).push(performance.now() - t0);
        }
        if (done.status !== 200 && done.status !== 201) return (fail(`complete ${task.activityId}`, done), false);
        const next = await request(port, 'GET', `/api/instances/${instance.id}`, undefined, directorToken);
        if (next.status !== 200) return (fail('get instance', next), false);
        instance = next.body;
      }
      if (instance.state !== 'completed') return (fail(`ended ${instance.state}`, { status: 0, body: instance.id }), false);
      return true;
    };

    // Warm-up: JIT, connection pools, the definition caches of every api process.
    let next = 0;
    const loop = (limit: number) => async () => {
      while (next < limit) {
        next += 1;
        if (await once()) completed += 1;
      }
    };
    await Promise.all(Array.from({ length: clients }, loop(Math.min(clients * 2, runs))));
    next = 0;
    completed = 0;
    measuring = true;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: clients }, loop(runs)));
    const seconds = (performance.now() - t0) / 1000;
    const loaded = { completions: [...completions], byTask: { ...byTask }, completed };
    // The same with one client: the service time of a completion when nothing queues in front of it.
    completions.length = 0;
    for (const k of Object.keys(byTask)) byTask[k] = [];
    next = 0;
    await loop(Math.max(5, Math.round(runs / 20)))();
    const single = latencies(completions);
    completions.splice(0, completions.length, ...loaded.completions);
    Object.assign(byTask, loaded.byTask);
    return {
      instancesPerSecond: Math.round((loaded.completed / seconds) * 10) / 10,
      runs,
      completed: loaded.completed,
      clients,
      apiProcesses,
      workers: 1,
      completionMs: latencies(completions),
      /** p50 and p99 per request kind: where the time goes. */
      byStepMs: Object.fromEntries(Object.entries(byTask).map(([k, v]) => [k, (({ p50, p99 }) => ({ p50, p99 }))(latencies(v))])),
      failures,
      /** One client alone, one request at a time: no queueing. */
      singleClientCompletionMs: single,
    };
  } finally {
    await api.stop();
    await worker.stop();
  }
}
