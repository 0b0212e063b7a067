import { Queue } from 'bullmq';
import pg from 'pg';
import { Client, type Response } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { createTestDatabase } from './support/database.js';
import { screening } from './support/governance.js';
import { AppProcess, freePort, RedisProcess } from './support/processes.js';
import { eventually } from './support/worker.js';

const ADMIN_PASSWORD = 'scale-out-admin-password';
const DEMO_PASSWORD = 'kaari-demo-2026';
const PASSWORD = 'scale-out-test-password';
const PREFIX = 'kaari-scale-out';

const BRANCHES = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];

// Six parallel tasks of one instance, joined: completions of one instance from both apis, in any order.
const fan = bpmn('scale-fan').start().parallelGateway('split');
for (const b of BRANCHES)
  fan
    .from('split')
    .userTask(b, { name: `Branch ${b}`, body: 'scale-group' })
    .parallelGateway('join');

const DIAGRAMS = [
  bpmn('scale-two-steps')
    .start()
    .userTask('first', { name: 'First', body: 'scale-group' })
    .userTask('second', { name: 'Second', body: 'scale-group' })
    .end()
    .xml(),
  fan.userTask('after', { name: 'After the join', body: 'scale-group' }).end().xml(),
  bpmn('scale-decision')
    .start()
    .userTask('screening', { body: 'scale-group', form: 'kaari:child-impact-screening' })
    .userTask('decision', { body: 'scale-board', form: 'kaari:council-decision' })
    .end()
    .xml(),
  bpmn('scale-later').start().timer('wait', { duration: 'PT6S' }).userTask('then', { name: 'Then', body: 'scale-group' }).end().xml(),
  // A one-second pause, then a task due two seconds later: a reminder after one (KAARI_REMINDER_LEAD), overdue after two.
  bpmn('scale-timed').start().timer('pause', { duration: 'PT1S' }).userTask('review', { name: 'Review', body: 'scale-group', due: 'PT2S' }).end().xml(),
];

interface Task {
  id: string;
  activityId: string;
  state: string;
  instanceId: string;
}

/** Counts the JSON log lines of one event (`timer.fired`) a process printed. */
const logged = (proc: AppProcess, event: string) => proc.stdout.split('\n').filter((line) => line.includes(`"msg":"${event}"`)).length;

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * Scale-out as `npm run start:api` / `start:worker` describe it: two api processes and two
 * workers, built and run for real, over one PostgreSQL database and one Redis. Whatever the
 * clients race through both apis, and whatever the workers race on, happens exactly once.
 */
describe('Scale-out: two apis and two workers over one database and one Redis', () => {
  let redis: RedisProcess;
  let database: { url: string; drop: () => Promise<void> };
  let apis: AppProcess[];
  let workers: AppProcess[];
  let urls: string[];
  let db: pg.Pool;
  let timerQueue: Queue;
  /** One client per api for each person, with the token the other api issued: both apis share the signing key. */
  let director: Client[];
  let member: Client[];
  let colleague: Client[];
  let chair: Client[];

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    database = await createTestDatabase();
    const ports = [await freePort(), await freePort()];
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_QUEUE_PREFIX: PREFIX,
      API_HOST: '127.0.0.1',
      KAARI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KAARI_DEMO: 'true',
      API_WEB_DIR: 'none',
      KAARI_REMINDER_LEAD: 'PT1S',
      WORKER_SWEEP_SECONDS: '2',
    };
    apis = ports.map((port) => new AppProcess('api', { ...env, PORT: String(port) }));
    workers = [new AppProcess('worker', env), new AppProcess('worker', env)];
    // Started side by side over a database nobody has seeded yet, as a rolling start would.
    await Promise.all([...apis, ...workers].map((p) => p.start()));
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    timerQueue = new Queue('timers', { connection: { url: redis.url }, prefix: PREFIX });

    const adminA = await new Client(urls[0]).as('admin', ADMIN_PASSWORD);
    const adminB = new Client(urls[1], adminA.token);
    expect((await adminB.post('/api/bodies', { code: 'scale-group', name: { fi: 'Skaalaryhmä', en: 'Scale group' }, kind: 'working-group' })).status).toBe(201);
    expect((await adminA.post('/api/bodies', { code: 'scale-board', name: { fi: 'Skaalalautakunta', en: 'Scale board' }, kind: 'board' })).status).toBe(201);
    for (const [username, bodies] of [
      ['scale.member', [{ code: 'scale-group' }]],
      ['scale.colleague', [{ code: 'scale-group' }]],
      ['scale.chair', [{ code: 'scale-board', role: 'chair' }]],
    ] as const) {
      const created = await adminB.post('/api/users', { username, password: PASSWORD, displayName: username, roles: [], bodies });
      expect(created.status).toBe(201);
    }
    for (const [i, xml] of DIAGRAMS.entries()) expect((await (i % 2 ? adminA : adminB).post('/api/definitions', xml)).status).toBe(201);

    const both = async (username: string, password: string) => {
      const a = await new Client(urls[1]).as(username, password);
      return [new Client(urls[0], a.token), a];
    };
    director = await both('maija.muutos', DEMO_PASSWORD);
    member = await both('scale.member', PASSWORD);
    colleague = await both('scale.colleague', PASSWORD);
    chair = await both('scale.chair', PASSWORD);
  }, 120000);

  afterAll(async () => {
    await timerQueue?.close();
    await db?.end();
    for (const p of [...(workers ?? []), ...(apis ?? [])]) await p.kill();
    await database?.drop();
    await redis?.stop();
  });

  /** Starts `n` instances at once, alternating the apis. */
  async function startMany(definitionKey: string, n: number): Promise<string[]> {
    const started = await Promise.all(range(n).map((i) => director[i % 2].post('/api/instances', { definitionKey, businessKey: `${definitionKey}-${i}` })));
    for (const s of started) expect(s.status).toBe(201);
    return started.map((s) => s.body.id);
  }

  async function openTasks(instanceId: string): Promise<Task[]> {
    return (await member[0].get(`/api/tasks?instanceId=${instanceId}`)).body.items;
  }

  async function allTasks(instanceId: string): Promise<Task[]> {
    return (await director[1].get(`/api/tasks?instanceId=${instanceId}&state=all`)).body.items;
  }

  async function history(instanceId: string): Promise<Array<{ type: string; activityId: string | null; taskId: string | null }>> {
    return (await director[0].get(`/api/instances/${instanceId}/history`)).body;
  }

  const count = (events: Array<{ type: string }>, type: string) => events.filter((e) => e.type === type).length;

  it('applies a task completed 12 times at once, through both apis, exactly once', async () => {
    const ids = await startMany('scale-two-steps', 8);
    const firsts = await Promise.all(ids.map(async (id) => (await openTasks(id))[0]));
    const attempts: Array<Promise<Response & { taskId: string }>> = [];
    for (const task of firsts) {
      for (let n = 0; n < 12; n += 1)
        attempts.push(member[n % 2].post(`/api/tasks/${task.id}/complete`, { data: { attempt: n } }).then((r) => ({ ...r, taskId: task.id })));
    }
    const results = await Promise.all(attempts);

    for (const task of firsts) {
      const mine = results.filter((r) => r.taskId === task.id);
      expect(mine.filter((r) => r.status === 200)).toHaveLength(1);
      const refused = mine.filter((r) => r.status !== 200);
      expect(refused.map((r) => r.status)).toEqual(Array(11).fill(409));
      for (const r of refused) expect(r.headers.get('content-type')).toMatch(/problem\+json/);
    }
    for (const id of ids) {
      const events = await history(id);
      expect(count(events, 'task.completed')).toBe(1);
      expect(count(events, 'task.created')).toBe(2);
      const tasks = await allTasks(id);
      expect(tasks.map((t) => `${t.activityId}:${t.state}`).sort()).toEqual(['first:completed', 'second:open']);
      const instance = (await director[0].get(`/api/instances/${id}`)).body;
      // One start and one completion: the version column counts events.
      expect(instance).toMatchObject({ state: 'running', version: 2 });
    }
    const { rows } = await db.query(
      `SELECT (SELECT count(*)::int FROM history WHERE type = 'task.completed' AND instance_id = ANY($1)) AS completed,
              (SELECT count(*)::int FROM tasks WHERE instance_id = ANY($1)) AS tasks,
              (SELECT count(*)::int FROM audit_log WHERE action = 'task.completed' AND instance_id = ANY($1)) AS audited`,
      [ids],
    );
    expect(rows[0]).toEqual({ completed: 8, tasks: 16, audited: 8 });
  });

  it('applies every completion of many tasks, racing through alternating apis, once, and joins once', async () => {
    const ids = await startMany('scale-fan', 4);
    const branches = (await Promise.all(ids.map(openTasks))).flat();
    expect(branches).toHaveLength(ids.length * BRANCHES.length);
    // Two people race for every branch, one through each api: one of each pair wins.
    const results = await Promise.all(
      branches.flatMap((t, i) => [
        member[i % 2].post(`/api/tasks/${t.id}/complete`, { data: { [t.activityId]: 'done' } }),
        colleague[(i + 1) % 2].post(`/api/tasks/${t.id}/complete`, { data: { [t.activityId]: 'done' } }),
      ]),
    );
    for (let i = 0; i < branches.length; i += 1) expect([results[2 * i].status, results[2 * i + 1].status].sort()).toEqual([200, 409]);

    const afters = await Promise.all(
      ids.map(async (id) => {
        const open = await openTasks(id);
        expect(open.map((t) => t.activityId)).toEqual(['after']);
        return open[0];
      }),
    );
    const done = await Promise.all(afters.map((t, i) => colleague[i % 2].post(`/api/tasks/${t.id}/complete`, { data: {} })));
    for (const d of done) expect(d.status).toBe(200);

    for (const id of ids) {
      const instance = (await director[1].get(`/api/instances/${id}`)).body;
      // Start, six branches, the task after the join: eight events, every variable of every branch kept.
      expect(instance).toMatchObject({ state: 'completed', version: 8 });
      for (const b of BRANCHES) expect(instance.variables[b]).toBe('done');
      const events = await history(id);
      expect(count(events, 'task.completed')).toBe(BRANCHES.length + 1);
      expect(count(events, 'instance.completed')).toBe(1);
      const tasks = await allTasks(id);
      expect(tasks.map((t) => `${t.activityId}:${t.state}`).sort()).toEqual([...BRANCHES, 'after'].map((a) => `${a}:completed`).sort());
    }
    const { rows } = await db.query(
      `SELECT task_id, count(*)::int AS n FROM history WHERE type = 'task.completed' AND instance_id = ANY($1) GROUP BY task_id`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length * (BRANCHES.length + 1));
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('gives every start repeated at once with one Idempotency-Key, through both apis, one instance and one diary number', async () => {
    const keys = range(5).map((i) => `scale-key-${i}`);
    const results = await Promise.all(
      keys.flatMap((key) =>
        range(8).map((n) =>
          director[n % 2]
            .post('/api/instances', { definitionKey: 'scale-two-steps', businessKey: key }, { 'idempotency-key': key })
            .then((r) => ({ ...r, key })),
        ),
      ),
    );
    for (const key of keys) {
      const mine = results.filter((r) => r.key === key);
      expect(mine.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(mine.map((r) => r.body.id)).size).toBe(1);
      expect(new Set(mine.map((r) => r.body.variables.diaryNumber)).size).toBe(1);
      const id = mine[0].body.id;
      expect((await openTasks(id)).map((t) => t.activityId)).toEqual(['first']);
      expect(count(await history(id), 'instance.started')).toBe(1);
    }
    const { rows } = await db.query(
      `SELECT i.idempotency_key AS key, count(*)::int AS instances, count(c.instance_id)::int AS cases, count(t.id)::int AS tasks
       FROM instances i LEFT JOIN cases c ON c.instance_id = i.id LEFT JOIN tasks t ON t.instance_id = i.id
       WHERE i.idempotency_key = ANY($1) GROUP BY 1 ORDER BY 1`,
      [keys],
    );
    expect(rows).toEqual(keys.map((key) => ({ key, instances: 1, cases: 1, tasks: 1 })));
  });

  it('numbers the decisions of a body, each completed twice at once through both apis, gap-free and once each', async () => {
    const ids = await startMany('scale-decision', 10);
    const screened = await Promise.all(
      ids.map(async (id, i) => member[i % 2].post(`/api/tasks/${(await openTasks(id))[0].id}/complete`, { data: screening('no') })),
    );
    for (const s of screened) expect(s.status).toBe(200);
    const decisions = await Promise.all(ids.map(async (id) => (await chair[0].get(`/api/tasks?instanceId=${id}`)).body.items[0] as Task));
    const data = { meetingDate: '2031-05-20', decisionOutcome: 'rejected', proposal: 'Esitys.', decisionText: 'Hylättiin.' };
    const results = await Promise.all(
      decisions.flatMap((t) => [chair[0].post(`/api/tasks/${t.id}/complete`, { data }), chair[1].post(`/api/tasks/${t.id}/complete`, { data })]),
    );
    for (let i = 0; i < decisions.length; i += 1) expect([results[2 * i].status, results[2 * i + 1].status].sort()).toEqual([200, 409]);

    const listed = (await director[0].get('/api/decisions?body=scale-board&year=2031')).body;
    expect(listed.total).toBe(10);
    expect(listed.items.map((d: { section: number }) => d.section)).toEqual(range(10));
    expect(new Set(listed.items.map((d: { instanceId: string }) => d.instanceId))).toEqual(new Set(ids));
    for (const id of ids) {
      const mine = (await director[1].get(`/api/instances/${id}/decisions`)).body;
      expect(mine).toHaveLength(1);
      expect(count(await history(id), 'decision.recorded')).toBe(1);
      expect((await director[0].get(`/api/instances/${id}`)).body.state).toBe('completed');
    }
    const { rows } = await db.query(`SELECT last_value FROM number_series WHERE series = 'section:scale-board' AND year = 2031`);
    expect(rows).toEqual([{ last_value: 10 }]);
  });

  it('keeps the diary numbers of every case both apis opened gap-free and unique', async () => {
    const ids = await startMany('scale-two-steps', 20);
    const numbers = await Promise.all(ids.map(async (id) => (await director[0].get(`/api/instances/${id}/case`)).body.diaryNumber as string));
    expect(new Set(numbers).size).toBe(ids.length);
    // Every case of this database, from every test above: one per instance, numbered 1..n in its year.
    const { rows } = await db.query(
      `SELECT c.diary_year AS year, count(*)::int AS n, min(c.diary_sequence) AS first, max(c.diary_sequence) AS last, count(DISTINCT c.diary_sequence)::int AS distinct,
              (SELECT count(*)::int FROM instances) AS instances, (SELECT last_value FROM number_series WHERE series = 'diary' AND year = c.diary_year) AS counter
       FROM cases c GROUP BY c.diary_year`,
    );
    expect(rows).toHaveLength(1);
    const [year] = rows;
    expect(year).toEqual({
      year: year.year,
      n: year.instances,
      first: 1,
      last: year.instances,
      distinct: year.instances,
      instances: year.instances,
      counter: year.instances,
    });
  });

  it('fires every timer once with both workers racing on it, and notifies once', async () => {
    const ids = await startMany('scale-timed', 20);
    // Every BPMN timer queued twice more under other job ids: whichever worker takes a copy, it fires once.
    const armed = await eventually(
      async () => {
        const { rows } = await db.query(`SELECT id, due_at FROM timers WHERE kind = 'bpmn-timer' AND instance_id = ANY($1)`, [ids]);
        return rows.length === ids.length && rows;
      },
      10000,
      'the pause timers',
    );
    await timerQueue.addBulk(
      armed.flatMap((t: { id: string; due_at: Date }) =>
        [1, 2].map((copy) => ({
          name: 'fire',
          data: { timerId: t.id },
          opts: { jobId: `copy-${copy}-${t.id}`, delay: Math.max(0, t.due_at.getTime() - Date.now()) },
        })),
      ),
    );

    // Each instance: the pause fires, the task comes, is reminded, then overdue.
    for (const id of ids) await eventually(async () => count(await history(id), 'task.overdue') === 1, 20000, `the overdue mark in ${id}`);
    // Nothing left to run anywhere: no timer pending, no job waiting or delayed in Redis.
    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM timers WHERE state = 'pending' AND instance_id = ANY($1)`, [ids]);
        const jobs = await timerQueue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
        return rows[0].n === 0 && Object.values(jobs).every((n) => n === 0);
      },
      15000,
      'the queues to drain',
    );

    for (const id of ids) {
      const events = await history(id);
      expect(events.filter((e) => e.type === 'timer.fired').map((e) => e.activityId)).toEqual(['pause']);
      expect(count(events, 'task.created')).toBe(1);
      expect(count(events, 'task.reminded')).toBe(1);
      expect(count(events, 'task.overdue')).toBe(1);
      expect((await allTasks(id)).map((t) => t.activityId)).toEqual(['review']);
    }
    // Each member of the body heard once of each task's reminder and once of its overdue mark.
    for (const client of [member[0], colleague[1]]) {
      const mine = (await client.get('/api/notifications?limit=200')).body.items.filter((n: { instanceId: string }) => ids.includes(n.instanceId));
      expect(mine.filter((n: { kind: string }) => n.kind === 'reminder')).toHaveLength(ids.length);
      expect(mine.filter((n: { kind: string }) => n.kind === 'overdue')).toHaveLength(ids.length);
      expect(new Set(mine.map((n: { kind: string; taskId: string }) => `${n.kind}:${n.taskId}`)).size).toBe(2 * ids.length);
    }
    const { rows } = await db.query(`SELECT kind, state, count(*)::int AS n FROM timers WHERE instance_id = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`, [ids]);
    expect(rows).toEqual([
      { kind: 'bpmn-timer', state: 'fired', n: 20 },
      { kind: 'task-overdue', state: 'fired', n: 20 },
      { kind: 'task-reminder', state: 'fired', n: 20 },
    ]);
    // Both workers fired timers, and the copies they raced on were refused as stale: 60 firings in all.
    expect(workers.map((w) => logged(w, 'timer.fired')).every((n) => n > 0)).toBe(true);
    expect(logged(workers[0], 'timer.fired') + logged(workers[1], 'timer.fired')).toBe(60);
    expect(logged(workers[0], 'timer.stale') + logged(workers[1], 'timer.stale')).toBe(2 * ids.length);
  });

  it('fires a timer whose job reached a worker before it was due, once and on time', async () => {
    const ids = await startMany('scale-later', 6);
    // The relay queued one delayed job per timer. A worker on a host whose clock runs ahead promotes delayed
    // jobs early by that clock, and any worker may then take them: the test promotes them all, as it would.
    const armed: Array<{ id: string; due_at: Date }> = (
      await db.query(`SELECT id, due_at FROM timers WHERE kind = 'bpmn-timer' AND instance_id = ANY($1)`, [ids])
    ).rows;
    expect(armed).toHaveLength(ids.length);
    const jobIds = armed.map((t) => `timer-${t.id}-${t.due_at.getTime()}`);
    await eventually(
      async () => (await Promise.all(jobIds.map((id) => timerQueue.getJobState(id)))).every((state) => state === 'delayed'),
      10000,
      'the delayed jobs',
    );
    await Promise.all(jobIds.map(async (id) => (await timerQueue.getJob(id))!.promote()));

    for (const id of ids) await eventually(async () => (await openTasks(id)).length === 1, 20000, `the task after the wait in ${id}`);
    // The workers did take them early, and fired each once, when it was due.
    expect(logged(workers[0], 'timer.early') + logged(workers[1], 'timer.early')).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) expect(count(await history(id), 'timer.fired')).toBe(1);
    const { rows } = await db.query(
      `SELECT h.instance_id, t.due_at, h.at FROM history h JOIN timers t ON t.instance_id = h.instance_id AND t.kind = 'bpmn-timer'
       WHERE h.type = 'timer.fired' AND h.instance_id = ANY($1)`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    // Not before its time (within the quarter second a job may run ahead of its row).
    for (const r of rows) expect(r.at.getTime()).toBeGreaterThanOrEqual(r.due_at.getTime() - 250);
  });
});
