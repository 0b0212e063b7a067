import pg from 'pg';
import { prepareDatabase } from '../libs/persistence/src/data-source.js';
import { timeGets } from './inbox.js';
import { demoUsers, freePort, memoryOf, request, sectionEnv, ServiceProcess, signIn } from './processes.js';
import { SIGNALS, START_VARIABLES } from './raw.js';
import { log } from './support.js';

async function columns(db: pg.Client, table: string): Promise<string[]> {
  const rows = (
    await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'public' ORDER BY ordinal_position`, [table])
  ).rows;
  return rows.map((r: { column_name: string }) => r.column_name);
}

/** INSERT INTO table SELECT every column of `fromSql`, with some columns replaced by expressions. */
async function cloneRows(db: pg.Client, table: string, fromSql: string, replace: Record<string, string>, params: unknown[]): Promise<number> {
  const cols = await columns(db, table);
  const select = cols.map((c) => (c in replace ? `${replace[c]} AS "${c}"` : `src."${c}"`)).join(', ');
  const res = await db.query(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${select} ${fromSql}`, params);
  return res.rowCount ?? 0;
}

const relationBytes = async (db: pg.Client, tables: string[]) =>
  Number((await db.query(`SELECT sum(pg_total_relation_size(t::regclass))::bigint AS b FROM unnest($1::text[]) t`, [tables])).rows[0].b);

/**
 * Footprint: what one open instance waiting at a user task stores (its engine state, task
 * rows and timers), then the memory of the api processes and the worker with `count` such
 * instances (one real instance's rows cloned by SQL), after exercising the list endpoints.
 */
export async function runFootprint(databaseUrl: string, count: number, apiProcesses: number) {
  await prepareDatabase(databaseUrl);
  const port = await freePort();
  const env = { ...sectionEnv(databaseUrl, 'footprint'), PORT: String(port), API_PROCESSES: String(apiProcesses) };
  const api = new ServiceProcess('api', env);
  await api.start();
  let worker: ServiceProcess | null = null;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { director, memberOf } = await demoUsers();
    const boss = await signIn(port, director);
    const member = await signIn(port, memberOf['muutosryhma']);
    const started = await request(port, 'POST', '/api/instances', { definitionKey: 'cross-sector-measure', variables: START_VARIABLES }, boss);
    if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    const id = started.body.id as string;
    const [one] = (
      await db.query(
        `SELECT pg_column_size(i.engine_state) AS engine_state, octet_length(i.engine_state::text) AS engine_state_json,
                pg_column_size(i.*) AS instance_row,
                (SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM tasks t WHERE t.instance_id = i.id) AS task_rows,
                (SELECT count(*) FROM tasks t WHERE t.instance_id = i.id) AS tasks,
                (SELECT coalesce(sum(pg_column_size(tm.*)), 0) FROM timers tm WHERE tm.instance_id = i.id AND tm.state = 'pending') AS timer_rows,
                (SELECT count(*) FROM timers tm WHERE tm.instance_id = i.id AND tm.state = 'pending') AS timers
         FROM instances i WHERE i.id = $1`,
        [id],
      )
    ).rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
    const perInstanceBytes = one.instance_row + one.task_rows + one.timer_rows;
    log(`  one open instance: ${JSON.stringify(one)}`);

    // Clone the instance, its task and its timers to `count` open instances.
    const tables = ['instances', 'tasks', 'timers'];
    await db.query('VACUUM ANALYZE');
    const before = await relationBytes(db, tables);
    const [task] = (await db.query(`SELECT id FROM tasks WHERE instance_id = $1 AND state = 'open'`, [id])).rows;
    await db.query('BEGIN');
    await db.query(
      `CREATE TEMP TABLE copies ON COMMIT DROP AS SELECT g, gen_random_uuid() AS id, gen_random_uuid() AS task_id FROM generate_series(1, $1::int) g`,
      [count - 1],
    );
    await cloneRows(
      db,
      'instances',
      `FROM instances src, copies c WHERE src.id = $1`,
      { id: 'c.id', business_key: `'bench-' || c.g`, idempotency_key: 'NULL' },
      [id],
    );
    await cloneRows(
      db,
      'tasks',
      `FROM tasks src, copies c WHERE src.instance_id = $1`,
      { id: `CASE WHEN src.id = $2::uuid THEN c.task_id ELSE gen_random_uuid() END`, instance_id: 'c.id' },
      [id, task.id],
    );
    await cloneRows(
      db,
      'timers',
      `FROM timers src, copies c WHERE src.instance_id = $1`,
      {
        id: 'gen_random_uuid()',
        instance_id: 'c.id',
        task_id: `CASE WHEN src.task_id = $2::uuid THEN c.task_id ELSE src.task_id END`,
        key: `replace(src.key, $2::text, c.task_id::text)`,
      },
      [id, task.id],
    );
    await db.query('COMMIT');
    await db.query('VACUUM ANALYZE');
    const after = await relationBytes(db, tables);
    const withIndexesPerInstance = Math.round((after - before) / (count - 1));
    log(`  cloned to ${count} open instances: ${withIndexesPerInstance} bytes each with indexes`);

    // The worker starts now: its start-up sweep puts every pending timer of the clones into BullMQ.
    worker = new ServiceProcess('worker', env);
    await worker.start();
    await worker.waitForOutput('timers.swept', 300000);

    // Exercise the list endpoints and complete a few cloned tasks (cold engines, recovered from the cloned state).
    const lists = {
      memberTaskListMs: await timeGets(port, member, '/api/tasks', 50),
      directorInstanceListMs: await timeGets(port, boss, '/api/instances?state=running', 50),
      memberInstanceListMs: await timeGets(port, member, '/api/instances', 20),
    };
    const tasks: Array<{ id: string }> = (await db.query(`SELECT id FROM tasks WHERE state = 'open' AND instance_id <> $1 ORDER BY random() LIMIT 50`, [id]))
      .rows;
    const completions: Record<number, number> = {};
    for (const t of tasks) {
      const res = await request(port, 'POST', `/api/tasks/${t.id}/complete`, { data: SIGNALS.mapping }, member);
      completions[res.status] = (completions[res.status] ?? 0) + 1;
    }
    const memory: Record<string, { rssMiB: number; peakMiB: number }> = {};
    const apiPids = api.pids();
    for (const [i, pid] of apiPids.entries()) memory[i === 0 && apiPids.length > 1 ? 'apiPrimary' : `api${apiPids.length > 1 ? i : ''}`] = await memoryOf(pid);
    memory.worker = await memoryOf(worker.pid);
    log(`  memory: ${JSON.stringify(memory)}`);
    return {
      openInstances: count,
      perInstance: {
        engineStateBytes: one.engine_state,
        engineStateJsonBytes: one.engine_state_json,
        instanceRowBytes: one.instance_row,
        taskRows: one.tasks,
        taskRowBytes: one.task_rows,
        pendingTimers: one.timers,
        timerRowBytes: one.timer_rows,
        storedBytes: perInstanceBytes,
        withIndexesBytes: withIndexesPerInstance,
      },
      lists,
      /** Cloned instances' tasks completed through the api (engines recovered cold from the cloned state), by HTTP status. */
      completions,
      memory,
    };
  } finally {
    await db.end();
    await worker?.stop();
    await api.stop();
  }
}
