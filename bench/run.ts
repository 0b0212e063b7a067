import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runEngine } from './engine.js';
import { runFootprint } from './footprint.js';
import { runHttp } from './http.js';
import { runInbox } from './inbox.js';
import { runRaw } from './raw.js';
import { freshDatabase, log, machine, printTable } from './support.js';
import { runTimers } from './timers.js';

const DIAGRAM = 'processes/cross-sector-measure.bpmn';
const ALL = ['raw', 'engine', 'http', 'timers', 'inbox', 'footprint'];
const sections = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ALL);
const scale = Number(process.env.BENCH_SCALE ?? '1');
const n = (full: number, min = 1) => Math.max(min, Math.round(full * scale));

const started = Date.now();
const results: Record<string, unknown> = { machine: machine(), scale };
/** The 1-minute load average as each section starts, and at the end: how busy the machine was during the run. */
const load: Record<string, number> = {};
const section = async (name: string, what: string, run: () => Promise<unknown>) => {
  if (!sections.has(name)) return;
  load[name] = Math.round(os.loadavg()[0] * 100) / 100;
  log(`${name}: ${what} …`);
  const t0 = Date.now();
  results[name] = run ? await run() : null;
  log(`  ${name} done in ${Math.round((Date.now() - t0) / 1000)} s: ${JSON.stringify(results[name])}`);
};

await section('raw', 'bpmn-engine in memory', () => runRaw(DIAGRAM, n(1000, 20)));
await section('engine', 'durable, in-process, 8 concurrent', async () => runEngine(await freshDatabase('kaari_bench_engine'), n(600, 20), 8));
if (sections.has('http') && sections.has('raw')) {
  // The machine's load can change within minutes (other work on it): measure the baseline again next to http.
  log('raw again, next to http …');
  results.rawBeforeHttp = await runRaw(DIAGRAM, n(400, 20));
}
await section('http', 'built api (2 processes) + worker, 32 clients', async () => runHttp(await freshDatabase('kaari_bench_http'), n(600, 40), 32, 2));
await section('timers', 'pending timers, deadlines, a burst', async () =>
  runTimers(await freshDatabase('kaari_bench_timers'), n(100000), n(1000), n(10000), 2),
);
await section('inbox', 'task lists over seeded tasks', async () => runInbox(await freshDatabase('kaari_bench_inbox'), n(1000000, 1000), 200));
await section('footprint', 'stored bytes per open instance, process memory', async () =>
  runFootprint(await freshDatabase('kaari_bench_footprint'), n(100000, 10), 2),
);

if (!sections.has('raw') && (sections.has('engine') || sections.has('http'))) {
  log('raw (for the ratios) …');
  results.raw = await runRaw(DIAGRAM, n(1000, 20));
}
const perSecond = (x: unknown) => (x as { instancesPerSecond: number } | undefined)?.instancesPerSecond;
const ratio = (x: unknown, base: unknown) => (perSecond(base) && perSecond(x) ? Math.round((perSecond(x)! / perSecond(base)!) * 100) / 100 : null);
// Each ratio against the raw run measured just before it.
results.engineToRaw = ratio(results.engine, results.raw);
results.httpToRaw = ratio(results.http, results.rawBeforeHttp ?? results.raw);
results.seconds = Math.round((Date.now() - started) / 1000);
load.end = Math.round(os.loadavg()[0] * 100) / 100;
results.loadAverage1mBySection = load;

printTable(results);
const full = ALL.every((s) => sections.has(s)) && scale === 1;
await mkdir('bench/results', { recursive: true });
const file = path.join('bench/results', full ? 'latest.json' : 'partial.json');
await writeFile(file, JSON.stringify(results, null, 2) + '\n');
log(`written to ${file}`);
