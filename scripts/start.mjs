#!/usr/bin/env node
// `npm start`: build what is not built, then run api, worker and the web app (served by the api) together.
// Migrations and seeds run when the api starts. Ctrl-C stops all of them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const serverOut = 'dist/apps/api/src/main.js';
const serverSrc = Math.max(newest('apps/api/src'), newest('apps/worker/src'), newest('libs'));
if (!existsSync(serverOut) || statSync(serverOut).mtimeMs < serverSrc) run('npm', ['run', 'build:server']);
const webOut = 'apps/web/dist/index.html';
if (existsSync('apps/web/index.html') && (!existsSync(webOut) || statSync(webOut).mtimeMs < newest('apps/web/src'))) run('npm', ['run', 'build:web']);

const env = { ...process.env, TZ: process.env.TZ ?? 'UTC', KAARI_DEMO: process.env.KAARI_DEMO ?? 'true' };
const children = [];
function start(name, file, extra = {}) {
  const child = spawn(process.execPath, [file], { stdio: 'inherit', env: { ...env, ...extra } });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? code}); stopping Kaari`);
    stop(code ?? 1);
  });
  children.push(child);
}
let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The worker first: the api ends its start-up by printing the generated admin password (on the
// first start), and those lines should be the last on the screen, not lost among the worker's.
start('worker', 'dist/apps/worker/src/main.js');
setTimeout(() => start('api', 'dist/apps/api/src/main.js'), 1500);
