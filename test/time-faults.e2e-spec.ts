import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { director, memberOf } from './support/process.js';
import { freePort, RedisProcess, WorkerProcess } from './support/processes.js';
import { eventually } from './support/worker.js';

const PAUSE = bpmn('prepare-and-pause')
  .start()
  .userTask('prepare', { name: 'Prepare', body: 'muutosryhma' })
  .timer('pause', { duration: 'PT1S' })
  .userTask('review', { name: 'Review', body: 'muutosryhma' })
  .end()
  .xml();

describe('Time under faults: Redis outages and killed workers lose and duplicate nothing', () => {
  let redis: RedisProcess;
  let api: TestApi;
  let worker: WorkerProcess;
  let changeDirector: Client;
  let member: Client;

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    api = await startApi({ env: { REDIS_URL: redis.url } });
    worker = new WorkerProcess({
      DATABASE_URL: api.config.databaseUrl,
      REDIS_URL: redis.url,
      REDIS_QUEUE_PREFIX: api.config.queuePrefix,
      WORKER_SWEEP_SECONDS: '2',
    });
    await worker.start();
    changeDirector = await director(api);
    member = await memberOf(api, 'muutosryhma');
    expect((await api.admin.post('/api/definitions', PAUSE)).status).toBe(201);
  });

  afterAll(async () => {
    await worker?.kill();
    await api?.close();
    await redis?.stop();
  });

  async function startAndPrepare(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const started = await changeDirector.post('/api/instances', { definitionKey: 'prepare-and-pause' });
      const done = await member.post(`/api/tasks/${started.body.openTasks[0].id}/complete`, { data: {} });
      expect(done.status).toBe(200);
      ids.push(started.body.id);
    }
    return ids;
  }

  async function expectEachFiredOnce(ids: string[]): Promise<void> {
    for (const id of ids) {
      await eventually(
        async () => (await member.get(`/api/tasks?instanceId=${id}`)).body.items.some((t: { activityId: string }) => t.activityId === 'review'),
        30000,
        `the review task of ${id}`,
      );
    }
    for (const id of ids) {
      const history = (await changeDirector.get(`/api/instances/${id}/history`)).body;
      expect(history.filter((h: { type: string }) => h.type === 'timer.fired')).toHaveLength(1);
      const tasks = (await changeDirector.get(`/api/tasks?instanceId=${id}&state=all`)).body.items;
      expect(tasks.map((t: { activityId: string }) => t.activityId).sort()).toEqual(['prepare', 'review']);
    }
  }

  it('keeps accepting completions while Redis is down, and fires the timers when it returns', async () => {
    await redis.stop();
    const health = await api.anonymous.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toMatch(/problem\+json/);

    const ids = await startAndPrepare(5);
    await new Promise((r) => setTimeout(r, 1500));
    // Due, but nothing can fire without Redis.
    for (const id of ids) expect((await member.get(`/api/tasks?instanceId=${id}`)).body.items).toEqual([]);

    await redis.start();
    await expectEachFiredOnce(ids);
    expect((await api.anonymous.get('/api/health')).status).toBe(200);
  });

  it('re-enqueues timers a restarted Redis lost, without a worker restart', async () => {
    const ids = await startAndPrepare(3);
    // The relay has put the jobs into Redis; a Redis that restarts empty loses them.
    await new Promise((r) => setTimeout(r, 300));
    await redis.stop();
    await redis.start();
    await expectEachFiredOnce(ids);
  });

  it('fires every timer exactly once while the worker is killed and restarted', async () => {
    const ids = await startAndPrepare(15);
    for (let i = 0; i < 3; i += 1) {
      await new Promise((r) => setTimeout(r, 200 + Math.floor(Math.random() * 600)));
      await worker.kill();
      await worker.start();
    }
    await expectEachFiredOnce(ids);
  });
});
