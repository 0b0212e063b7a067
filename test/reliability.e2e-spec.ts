import pg from 'pg';
import { Client } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { AppProcess, freePort, PostgresProcess, RedisProcess } from './support/processes.js';
import { eventually } from './support/worker.js';

const ADMIN_PASSWORD = 'reliability-admin-password';
const DEMO_PASSWORD = 'kaari-demo-2026';

const WORK = bpmn('steady-work')
  .start()
  .userTask('first', { name: 'First', body: 'muutosryhma' })
  .timer('pause', { duration: 'PT1S' })
  .userTask('second', { name: 'Second', body: 'muutosryhma' })
  .end()
  .xml();

/**
 * Real processes, killed for real: the api and the worker run as built, over a PostgreSQL
 * cluster and a Redis of this test's own, which it stops and starts.
 */
describe('Reliability: crashes and outages lose and duplicate nothing acknowledged', () => {
  let postgres: PostgresProcess;
  let redis: RedisProcess;
  let api: AppProcess;
  let worker: AppProcess;
  let baseUrl: string;
  let admin: Client;
  let db: pg.Pool;

  beforeAll(async () => {
    postgres = new PostgresProcess(await freePort());
    await postgres.init();
    redis = new RedisProcess(await freePort());
    await redis.start();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REDIS_QUEUE_PREFIX: 'kaari-reliability',
      PORT: String(port),
      API_HOST: '127.0.0.1',
      KAARI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KAARI_DEMO: 'true',
      API_WEB_DIR: 'none',
      WORKER_SWEEP_SECONDS: '2',
      API_SIGNIN_MAX_FAILURES_PER_ADDRESS: '100000',
    };
    api = new AppProcess('api', env);
    worker = new AppProcess('worker', env);
    await api.start();
    await worker.start();
    admin = await new Client(baseUrl).as('admin', ADMIN_PASSWORD);
    expect((await admin.post('/api/definitions', WORK)).status).toBe(201);
    db = new pg.Pool({ connectionString: postgres.url, max: 2 });
  }, 120000);

  afterAll(async () => {
    await db?.end();
    await worker?.kill();
    await api?.kill();
    await redis?.stop();
    await postgres?.destroy();
  });

  async function signIn(username: string): Promise<Client> {
    return eventually(() => new Client(baseUrl).as(username, DEMO_PASSWORD), 30000, `sign-in as ${username}`);
  }

  it('answers 503 problem+json while PostgreSQL is down, and recovers without a restart', async () => {
    const director = await signIn('maija.muutos');
    await postgres.stop();
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toMatch(/problem\+json/);
    const list = await director.get('/api/instances');
    expect(list.status).toBe(503);
    expect(list.headers.get('content-type')).toMatch(/problem\+json/);
    await postgres.start();
    await eventually(async () => (await director.get('/api/instances')).status === 200, 20000, 'the api to reach PostgreSQL again');
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    expect(api.running).toBe(true);
  });

  it('keeps every acknowledged completion exactly once while the api and the worker are SIGKILLed under load', async () => {
    const members = await db.query(
      `SELECT u.username FROM users u JOIN body_members m ON m.user_id = u.id WHERE m.body_code = 'muutosryhma' ORDER BY u.username LIMIT 1`,
    );
    const username = members.rows[0].username as string;
    let director = await signIn('maija.muutos');
    let member = await signIn(username);
    const INSTANCES = 24;
    const ids: string[] = [];
    for (let i = 0; i < INSTANCES; i += 1)
      ids.push((await director.post('/api/instances', { definitionKey: 'steady-work', businessKey: `load-${i}` }, { 'idempotency-key': `load-${i}` })).body.id);

    const acknowledged = new Set<string>();
    let stop = false;
    // Clients: keep completing whatever is open; requests that fail while the api is down are simply tried again.
    const load = (async () => {
      while (!stop) {
        try {
          const open = await member.get('/api/tasks?limit=200');
          if (open.status === 401) member = await signIn(username);
          for (const task of open.status === 200 ? open.body.items : []) {
            const done = await member.post(`/api/tasks/${task.id}/complete`, { data: { by: 'load' } });
            if (done.status === 200) acknowledged.add(task.id);
          }
        } catch {
          // The api is down this moment.
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    // Chaos: kill the api or the worker at random moments, several times, and start them again.
    for (let round = 0; round < 6; round += 1) {
      await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 900)));
      const victim = round % 2 === 0 ? api : worker;
      await victim.kill();
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 400)));
      await victim.start();
    }

    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM instances WHERE definition_key = 'steady-work' AND state = 'completed'`);
        return rows[0].n === INSTANCES;
      },
      60000,
      'every instance to complete',
    );
    stop = true;
    await load;

    // Every acknowledged completion is in the database, exactly once.
    const completed = await db.query(`SELECT id FROM tasks WHERE state = 'completed' AND id = ANY($1)`, [[...acknowledged]]);
    expect(completed.rowCount).toBe(acknowledged.size);
    const history = await db.query(`SELECT task_id, count(*)::int AS n FROM history WHERE type = 'task.completed' AND instance_id = ANY($1) GROUP BY task_id`, [
      ids,
    ]);
    expect(history.rows.every((r) => r.n === 1)).toBe(true);
    expect(history.rowCount).toBe(INSTANCES * 2);
    // No task duplicated: one 'first' and one 'second' per instance.
    const tasks = await db.query(`SELECT instance_id, activity_id, count(*)::int AS n FROM tasks WHERE instance_id = ANY($1) GROUP BY 1, 2`, [ids]);
    expect(tasks.rowCount).toBe(INSTANCES * 2);
    expect(tasks.rows.every((r) => r.n === 1)).toBe(true);
    // Every due timer fired exactly once.
    const timers = await db.query(`SELECT state, count(*)::int AS n FROM timers WHERE instance_id = ANY($1) AND kind = 'bpmn-timer' GROUP BY state`, [ids]);
    expect(timers.rows).toEqual([{ state: 'fired', n: INSTANCES }]);
    const fired = await db.query(`SELECT instance_id, count(*)::int AS n FROM history WHERE type = 'timer.fired' AND instance_id = ANY($1) GROUP BY 1`, [ids]);
    expect(fired.rowCount).toBe(INSTANCES);
    expect(fired.rows.every((r) => r.n === 1)).toBe(true);
    // Each instance went start → first → pause → second → end, a path its diagram allows.
    const paths = await db.query(
      `SELECT instance_id, string_agg(COALESCE(activity_id, type), '>' ORDER BY id) AS path FROM history
       WHERE instance_id = ANY($1) AND type IN ('task.completed', 'timer.fired', 'instance.completed') GROUP BY 1`,
      [ids],
    );
    for (const row of paths.rows) expect(row.path).toBe('first>pause>second>instance.completed');
    director = await signIn('maija.muutos');
    expect((await director.get('/api/instances?state=running&definitionKey=steady-work')).body.total).toBe(0);
  });
});
