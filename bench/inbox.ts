import pg from 'pg';
import { prepareDatabase } from '../libs/persistence/src/data-source.js';
import { demoUsers, freePort, request, sectionEnv, ServiceProcess, signIn } from './processes.js';
import { latencies, log } from './support.js';

/** Ten more bodies beside the ten of the Turku 2023 seed: about twenty bodies own the tasks. */
const EXTRA_BODIES = Array.from({ length: 10 }, (_, i) => `bench-lautakunta-${i + 1}`);

/**
 * Seeds `tasks` tasks over `tasks / 5` instances by SQL: 30 % of the instances running with
 * one open task (a quarter of them overdue), the rest completed; every task owned by one of
 * ~20 bodies, skewed so that the change group owns the most (as in a city where one working
 * group prepares most matters), 5 % escalated to a second body.
 */
export async function seedInbox(db: pg.Client, tasks: number): Promise<{ instances: number; open: number; overdue: number; memberOpen: number }> {
  const instances = Math.max(1, Math.round(tasks / 5));
  const bodies: string[] = (await db.query(`SELECT code FROM bodies ORDER BY code`)).rows.map((r: { code: string }) => r.code);
  for (const code of EXTRA_BODIES) {
    await db.query(`INSERT INTO bodies (code, name, kind) VALUES ($1, $2, 'committee') ON CONFLICT (code) DO NOTHING`, [
      code,
      JSON.stringify({ fi: code, en: code }),
    ]);
  }
  // The change group first: index 1 of the skewed pick is the most loaded body.
  const all = ['muutosryhma', ...bodies.filter((b) => b !== 'muutosryhma'), ...EXTRA_BODIES];
  await db.query('BEGIN');
  await db.query(
    `CREATE TEMP TABLE seed_i ON COMMIT DROP AS
     SELECT g, gen_random_uuid() AS id, random() < 0.3 AS running, now() - random() * interval '730 days' AS started
     FROM generate_series(1, $1::int) g`,
    [instances],
  );
  await db.query(
    `INSERT INTO instances (id, definition_id, definition_key, definition_version, business_key, state, engine_version, started_by, started_at, updated_at, ended_at, variables)
     SELECT s.id, d.id, d.key, d.version, 'bench-' || s.g, CASE WHEN s.running THEN 'running' ELSE 'completed' END, 'bench', 'maija.muutos',
            s.started, s.started, CASE WHEN s.running THEN NULL ELSE s.started + interval '90 days' END, jsonb_build_object('title', 'Toimenpide ' || s.g)
     FROM seed_i s, (SELECT id, key, version FROM definitions ORDER BY version DESC LIMIT 1) d`,
  );
  await db.query(
    `INSERT INTO tasks (id, instance_id, execution_id, activity_id, name, candidate_bodies, form_key, state, due_at, due_date_expression,
                        data, completed_by, created_at, ended_at, escalation_level, deadline_body)
     SELECT gen_random_uuid(), s.id, 'bench_' || k, a.activity, a.activity, c.bodies, 'kaari:' || a.activity,
            CASE WHEN s.running AND k = 5 THEN 'open' ELSE 'completed' END,
            c.created + interval '14 days', 'P14D',
            CASE WHEN s.running AND k = 5 THEN NULL ELSE '{"ok":true}'::jsonb END,
            CASE WHEN s.running AND k = 5 THEN NULL ELSE 'bench.member' END,
            c.created, CASE WHEN s.running AND k = 5 THEN NULL ELSE c.created + interval '3 days' END,
            cardinality(c.bodies) - 1, c.bodies[cardinality(c.bodies)]
     FROM seed_i s
     CROSS JOIN generate_series(1, 5) k
     CROSS JOIN LATERAL (SELECT (ARRAY['mapping','review','screening','assessment','decision'])[k] AS activity) a
     CROSS JOIN LATERAL (
       SELECT CASE WHEN random() < 0.05 THEN ARRAY[b.code, 'muutosjohtaja'] ELSE ARRAY[b.code] END AS bodies,
              -- Open tasks were created up to 18.7 days ago with 14 days to go: a quarter are overdue.
              CASE WHEN s.running AND k = 5 THEN now() - random() * interval '18.7 days' ELSE s.started + k * interval '15 days' END AS created
       FROM (SELECT ($1::text[])[1 + floor(cardinality($1::text[]) * power(random(), 2.5) + 0 * k)::int] AS code) b
     ) c`,
    [all],
  );
  await db.query('COMMIT');
  await db.query('VACUUM ANALYZE instances');
  await db.query('VACUUM ANALYZE tasks');
  const [counts] = (
    await db.query(
      `SELECT count(*) FILTER (WHERE state = 'open')::int AS open, count(*) FILTER (WHERE state = 'open' AND due_at < now())::int AS overdue,
              count(*) FILTER (WHERE state = 'open' AND candidate_bodies && ARRAY['muutosryhma'])::int AS member_open FROM tasks`,
    )
  ).rows;
  return { instances, open: counts.open, overdue: counts.overdue, memberOpen: counts.member_open };
}

/** p50/p95 of `GET path` as one client, after a warm-up. */
export async function timeGets(port: number, token: string, path: string, samples: number) {
  const times: number[] = [];
  let last: any = null;
  for (let i = 0; i < samples + 20; i += 1) {
    const t0 = performance.now();
    const res = await request(port, 'GET', path, undefined, token);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    if (i >= 20) times.push(performance.now() - t0);
    last = res.body;
  }
  const { p50, p95, p99 } = latencies(times);
  return { p50, p95, p99, items: last?.items?.length ?? null, total: last?.total ?? null, totalCapped: last?.totalCapped ?? false };
}

/**
 * Inbox: `tasks` tasks in the database, then the latency of a member's task list and of the
 * director's overdue list through the api (one client, sequential requests).
 */
export async function runInbox(databaseUrl: string, tasks: number, samples: number) {
  await prepareDatabase(databaseUrl);
  const port = await freePort();
  const env = { ...sectionEnv(databaseUrl, 'inbox'), PORT: String(port), API_PROCESSES: '2' };
  const api = new ServiceProcess('api', env);
  await api.start();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const t0 = performance.now();
    const seeded = await seedInbox(db, tasks);
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`  seeded ${tasks} tasks in ${seedSeconds} s: ${JSON.stringify(seeded)}`);
    const { director, memberOf } = await demoUsers();
    const member = await signIn(port, memberOf['muutosryhma']);
    const boss = await signIn(port, director);
    // The floor of any signed-in request (token, user, bodies and deputies looked up; Nest; JSON): GET /api/auth/me.
    const signedInRequest = await timeGets(port, member, '/api/auth/me', samples);
    const memberList = await timeGets(port, member, '/api/tasks', samples);
    const overdueList = await timeGets(port, boss, '/api/tasks?overdue=true', samples);
    const memberOverdue = await timeGets(port, member, '/api/tasks?overdue=true', samples);
    return {
      tasks,
      ...seeded,
      seedSeconds,
      signedInRequestMs: signedInRequest,
      memberTaskListMs: memberList,
      directorOverdueListMs: overdueList,
      memberOverdueListMs: memberOverdue,
    };
  } finally {
    await db.end();
    await api.stop();
  }
}
