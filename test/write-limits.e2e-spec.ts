import { randomBytes } from 'node:crypto';
import { startApi, type TestApi, type Response } from './support/api.js';
import { createTestDatabase } from './support/database.js';
import { freePort, RedisProcess } from './support/processes.js';

const LIMIT = { API_WRITES_PER_MINUTE: '60', API_WRITE_BURST: '5' };
const write = (api: TestApi) => api.admin.post('/api/notifications/read-all');

function expectRefused(res: Response): void {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(res.body).toMatchObject({ status: 429, instance: '/api/notifications/read-all' });
}

describe('Write limits hold across api replicas, in Redis', () => {
  let database: { url: string; drop: () => Promise<void> };
  const apis: TestApi[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Two replicas of one installation: one database, one Redis, one key prefix.
    const env = { ...LIMIT, REDIS_QUEUE_PREFIX: `kaari-test-${randomBytes(4).toString('hex')}` };
    apis.push(await startApi({ database, env }));
    apis.push(await startApi({ database, env }));
  });

  afterAll(async () => {
    for (const api of apis) await api.close();
    await database?.drop();
  });

  it('refuses a user on the second api once the first used up the burst', async () => {
    const [first, second] = apis;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await write(first)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    expectRefused(await write(second));
    expectRefused(await write(first));
    // Reads are not limited, on either api.
    expect((await second.admin.get('/api/bodies')).status).toBe(200);
  });

  it('counts each user on their own', async () => {
    const director = await apis[1].as('maija.muutos');
    expect((await director.post('/api/notifications/read-all')).status).toBe(200);
  });
});

describe('Write limits while Redis is down', () => {
  let redis: RedisProcess;
  let api: TestApi;

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    api = await startApi({ env: { REDIS_URL: redis.url, API_WRITES_PER_MINUTE: '60', API_WRITE_BURST: '2' } });
  });

  afterAll(async () => {
    await api?.close();
    await redis?.stop();
  });

  it('keeps accepting writes (the limit fails open), and limits again once Redis is back', async () => {
    await redis.stop();
    const whileDown: number[] = [];
    for (let i = 0; i < 4; i += 1) whileDown.push((await write(api)).status);
    expect(whileDown).toEqual([200, 200, 200, 200]);

    await redis.start();
    // The client reconnects on its own; until it has, writes are still let through.
    const deadline = Date.now() + 10000;
    let last = 200;
    while (last !== 429 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      last = (await write(api)).status;
    }
    expect(last).toBe(429);
  });
});
