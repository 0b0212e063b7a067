import os from 'node:os';
import pg from 'pg';

export interface Figures {
  [key: string]: number | string | null | Figures;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function latencies(values: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  return { p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s[s.length - 1] ?? NaN) };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    /** 1, 5 and 15 minute load averages when the run started: other work on the machine makes figures noisy. */
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

type Row = [string, string, string];

const fmt = (v: unknown, unit = '') => ((typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'string' ? `${v}${unit}` : '—');
const get = (o: unknown, p: string): any => p.split('.').reduce((x: any, k) => (x == null ? undefined : x[k]), o);

/** The human-readable summary of a run: one line per figure, with the target beside it. */
export function printTable(r: Record<string, unknown>): void {
  const rows: Row[] = [];
  const add = (figure: string, value: string, target = '') => rows.push([figure, value, target]);
  if (r.raw) add('raw: bpmn-engine in memory', fmt(get(r, 'raw.instancesPerSecond'), ' inst/s'), 'baseline');
  if (r.engine) {
    add('engine: durable, in-process', `${fmt(get(r, 'engine.instancesPerSecond'), ' inst/s')} (${fmt(r.engineToRaw, '× raw')})`, '≥ 0.5× raw');
    add('  completion p50 / p99', `${fmt(get(r, 'engine.completionMs.p50'))} / ${fmt(get(r, 'engine.completionMs.p99'), ' ms')}`);
  }
  if (r.http) {
    if (r.rawBeforeHttp) add('raw again, just before http', fmt(get(r, 'rawBeforeHttp.instancesPerSecond'), ' inst/s'), 'baseline of httpToRaw');
    add('http: api + worker, 32 clients', `${fmt(get(r, 'http.instancesPerSecond'), ' inst/s')} (${fmt(r.httpToRaw, '× raw')})`, '≥ 0.3× raw');
    add('  task completion p50 / p99', `${fmt(get(r, 'http.completionMs.p50'))} / ${fmt(get(r, 'http.completionMs.p99'), ' ms')}`, 'p99 ≤ 50 ms');
    add('  … with 1 client (no queueing)', `${fmt(get(r, 'http.singleClientCompletionMs.p50'))} / ${fmt(get(r, 'http.singleClientCompletionMs.p99'), ' ms')}`);
  }
  if (r.timers) {
    add('timers: pending in BullMQ', fmt(get(r, 'timers.pending')), '100,000');
    add(
      '  deadline lateness p50 / p99 / max',
      `${fmt(get(r, 'timers.deadlines.latenessMs.p50'))} / ${fmt(get(r, 'timers.deadlines.latenessMs.p99'))} / ${fmt(get(r, 'timers.deadlines.latenessMs.max'), ' ms')}`,
      'p99 ≤ 250 ms',
    );
    add(`  ${fmt(get(r, 'timers.simultaneous.count'))} due at once: all fired after`, fmt(get(r, 'timers.simultaneous.allFiredSeconds'), ' s'), '≤ 30 s');
  }
  if (r.inbox) {
    add(`inbox: tasks in the database`, fmt(get(r, 'inbox.tasks')), '1,000,000');
    add('  any signed-in GET (/api/auth/me) p50 / p95', `${fmt(get(r, 'inbox.signedInRequestMs.p50'))} / ${fmt(get(r, 'inbox.signedInRequestMs.p95'), ' ms')}`);
    add('  member task list p50 / p95', `${fmt(get(r, 'inbox.memberTaskListMs.p50'))} / ${fmt(get(r, 'inbox.memberTaskListMs.p95'), ' ms')}`, 'p95 ≤ 20 ms');
    add(
      '  director overdue list p50 / p95',
      `${fmt(get(r, 'inbox.directorOverdueListMs.p50'))} / ${fmt(get(r, 'inbox.directorOverdueListMs.p95'), ' ms')}`,
      'p95 ≤ 20 ms',
    );
  }
  if (r.footprint) {
    add('footprint: stored per open instance', fmt(get(r, 'footprint.perInstance.storedBytes'), ' B'), '≤ 10 KB');
    add('  of which engine state', fmt(get(r, 'footprint.perInstance.engineStateBytes'), ' B'));
    add(`  with indexes (${fmt(get(r, 'footprint.openInstances'))} cloned)`, fmt(get(r, 'footprint.perInstance.withIndexesBytes'), ' B'));
    const memory = (get(r, 'footprint.memory') ?? {}) as Record<string, { rssMiB: number }>;
    add(
      `  RSS with ${fmt(get(r, 'footprint.openInstances'))} open`,
      Object.entries(memory)
        .map(([k, v]) => `${k} ${v.rssMiB}`)
        .join(', ') + ' MiB',
    );
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const m = r.machine as { cpu: string; cores: number; loadAverage: number[] };
  const { scale, seconds } = r as { scale: number; seconds: number };
  console.log(`\nKaari benchmark — ${m.cpu}, ${m.cores} cores, load ${m.loadAverage.join(' ')} at start, scale ${scale}, ${seconds} s`);
  console.log(`1-minute load average as each section started: ${JSON.stringify(r.loadAverage1mBySection ?? {})}\n`);
  for (const row of rows) console.log(`${row[0].padEnd(w[0])}  ${row[1].padStart(w[1])}  ${row[2]}`);
  console.log('');
}

/** A fresh, empty database for one benchmark section. */
export async function freshDatabase(
  name: string,
  adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

export const log = (line: string) => process.stderr.write(line + '\n');

/** Runs `count` jobs with at most `concurrency` at once. */
export async function pool<T>(count: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await job(i);
      }
    }),
  );
  return results;
}
