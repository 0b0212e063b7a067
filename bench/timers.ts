import pg from 'pg';
import { prepareDatabase } from '../libs/persistence/src/data-source.js';
import { freePort, sectionEnv, ServiceProcess, sleep } from './processes.js';
import { latencies, log } from './support.js';

/**
 * Seeds `count` open deadline timers the way TimerScheduler arms them — a running instance,
 * its open task with a deadline, a pending `task-overdue` timer row and its outbox row — due at
 * `dueAt(i)` (SQL expression of the row number `g`), then wakes the relay. Returns the batch tag.
 */
async function armDeadlines(db: pg.Client, tag: string, count: number, dueSql: string): Promise<void> {
  await db.query('BEGIN');
  await db.query(
    `CREATE TEMP TABLE arm ON COMMIT DROP AS
     SELECT g, gen_random_uuid() AS instance_id, gen_random_uuid() AS task_id, gen_random_uuid() AS timer_id, ${dueSql} AS due_at
     FROM generate_series(1, $1::int) g`,
    [count],
  );
  await db.query(
    `INSERT INTO instances (id, definition_id, definition_key, definition_version, business_key, state, engine_version, started_by, started_at, updated_at)
     SELECT a.instance_id, d.id, d.key, d.version, $1 || '-' || a.g, 'running', 'bench', 'bench', now(), now()
     FROM arm a, (SELECT id, key, version FROM definitions ORDER BY version DESC LIMIT 1) d`,
    [tag],
  );
  await db.query(
    `INSERT INTO tasks (id, instance_id, execution_id, activity_id, name, candidate_bodies, form_key, state, due_at, due_date_expression, created_at, deadline_body)
     SELECT task_id, instance_id, 'mapping_bench', 'mapping', 'Palveluiden ja resurssien kartoitus', ARRAY['muutosryhma'], 'kaari:service-mapping', 'open', due_at, 'P14D', now(), 'muutosryhma'
     FROM arm`,
  );
  await db.query(
    `INSERT INTO timers (id, instance_id, kind, key, task_id, activity_id, due_at, state)
     SELECT timer_id, instance_id, 'task-overdue', task_id || ':0', task_id, 'mapping', due_at, 'pending' FROM arm`,
  );
  await db.query(
    `INSERT INTO outbox (topic, payload)
     SELECT 'timer', jsonb_build_object('timerId', timer_id, 'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM arm ORDER BY g`,
  );
  await db.query(`SELECT pg_notify('kaari_outbox', '')`);
  await db.query('COMMIT');
}

/** Waits until every timer of the batch has fired (or `timeoutMs` passed); returns lateness figures from the timers table. */
async function waitFired(db: pg.Client, tag: string, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const where = `t.kind = 'task-overdue' AND i.business_key LIKE $1`;
  for (;;) {
    const [{ fired }] = (
      await db.query(`SELECT count(*)::int AS fired FROM timers t JOIN instances i ON i.id = t.instance_id WHERE ${where} AND t.state = 'fired'`, [`${tag}-%`])
    ).rows;
    if (fired >= count || Date.now() > deadline) break;
    await sleep(250);
  }
  const rows: Array<{ late: number }> = (
    await db.query(
      `SELECT extract(epoch FROM (t.fired_at - t.due_at)) * 1000 AS late FROM timers t JOIN instances i ON i.id = t.instance_id WHERE ${where} AND t.state = 'fired'`,
      [`${tag}-%`],
    )
  ).rows;
  const [span] = (
    await db.query(
      `SELECT extract(epoch FROM (max(t.fired_at) - min(t.due_at))) AS all_fired_s, extract(epoch FROM (min(t.fired_at) - min(t.due_at))) AS first_s
       FROM timers t JOIN instances i ON i.id = t.instance_id WHERE ${where} AND t.state = 'fired'`,
      [`${tag}-%`],
    )
  ).rows;
  return {
    fired: rows.length,
    latenessMs: latencies(rows.map((r) => Number(r.late))),
    allFiredSeconds: Math.round(Number(span.all_fired_s) * 100) / 100,
    firstFiredSeconds: Math.round(Number(span.first_s) * 100) / 100,
  };
}

/**
 * Timers: `pending` far-future timers seeded by SQL and put into BullMQ by the workers'
 * start-up sweep; then `deadlines` real deadline timers due within a few seconds (lateness =
 * fired_at − due_at); then `burst` timers due at the same moment (how long until all fired).
 */
export async function runTimers(databaseUrl: string, pending: number, deadlines: number, burst: number, workers = 2) {
  await prepareDatabase(databaseUrl);
  const env = { ...sectionEnv(databaseUrl, 'timers'), PORT: String(await freePort()), API_PROCESSES: '1' };
  // The api seeds the organisation (bodies, members to notify) and deploys the diagram, then goes.
  const seeder = new ServiceProcess('api', env);
  await seeder.start();
  await seeder.stop();

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const workerProcesses: ServiceProcess[] = [];
  try {
    let t0 = performance.now();
    // The far-off backlog belongs to one running instance: a timer names an instance that exists (timers_instance_id_fkey).
    const [backlog] = (
      await db.query(
        `INSERT INTO instances (id, definition_id, definition_key, definition_version, business_key, state, engine_version, started_by, started_at, updated_at)
         SELECT gen_random_uuid(), d.id, d.key, d.version, 'bench-pending', 'running', 'bench', 'bench', now(), now()
         FROM (SELECT id, key, version FROM definitions ORDER BY version DESC LIMIT 1) d RETURNING id`,
      )
    ).rows;
    await db.query(
      `INSERT INTO timers (id, instance_id, kind, key, due_at, state)
       SELECT gen_random_uuid(), $2, 'task-overdue', 'bench-pending-' || g, now() + interval '60 days' + g * interval '1 minute', 'pending'
       FROM generate_series(1, $1::int) g`,
      [pending, backlog.id],
    );
    await db.query('VACUUM ANALYZE timers');
    const seedSeconds = (performance.now() - t0) / 1000;
    log(`  seeded ${pending} pending timers in ${seedSeconds.toFixed(1)} s`);

    t0 = performance.now();
    for (let i = 0; i < workers; i += 1) {
      const w = new ServiceProcess('worker', env);
      workerProcesses.push(w);
      await w.start();
    }
    await Promise.all(workerProcesses.map((w) => w.waitForOutput('timers.swept', 300000)));
    const sweepSeconds = (performance.now() - t0) / 1000;
    log(`  workers started and swept ${pending} timers into BullMQ in ${sweepSeconds.toFixed(1)} s`);

    // Deadlines due 2–12 s from now, spread evenly (about 100 a second: lateness, not a burst): the relay moves them, the workers fire them.
    await armDeadlines(db, 'deadline', deadlines, `now() + interval '2 seconds' + (g::float8 / $1::int) * interval '10 seconds'`);
    const lateness = await waitFired(db, 'deadline', deadlines, 60000);
    log(`  ${deadlines} deadlines: ${JSON.stringify(lateness)}`);

    // A burst: all due at one moment, armed 5 s ahead (seeding and relaying 10,000 rows takes a moment).
    await armDeadlines(db, 'burst', burst, `date_trunc('second', now()) + interval '6 seconds'`);
    const simultaneous = await waitFired(db, 'burst', burst, 180000);
    log(`  ${burst} at once: ${JSON.stringify(simultaneous)}`);

    return {
      pending,
      workers,
      workerConcurrency: Number((env as Record<string, string>).WORKER_CONCURRENCY ?? 8),
      pendingSeedSeconds: Math.round(seedSeconds * 10) / 10,
      startupSweepSeconds: Math.round(sweepSeconds * 10) / 10,
      deadlines: { count: deadlines, fired: lateness.fired, latenessMs: lateness.latenessMs },
      simultaneous: {
        count: burst,
        fired: simultaneous.fired,
        allFiredSeconds: simultaneous.allFiredSeconds,
        firstFiredSeconds: simultaneous.firstFiredSeconds,
        latenessMs: simultaneous.latenessMs,
      },
    };
  } finally {
    for (const w of workerProcesses) await w.stop();
    await db.end();
  }
}
