import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { log } from './support.js';

/** Where the built api and worker are: bench/ compiles to dist/bench, next to dist/apps. */
const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'bench-admin-password-2026';
export const DEMO_PASSWORD = 'kaari-demo-2026';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let formsDir: string | null = null;

/**
 * The processes the benchmarks deploy: the shipped ones, with the review and the board decision
 * completed through their forms rather than decided at meetings (`kaari:handledAt` taken out),
 * so a run measures the same steps as the figures before meetings and each step is one request.
 */
export function benchProcessesDir(): string {
  if (formsDir) return formsDir;
  const dir = mkdtempSync(path.join(tmpdir(), 'kaari-bench-processes-'));
  cpSync(path.join(ROOT, 'processes'), dir, { recursive: true });
  const file = path.join(dir, 'cross-sector-measure.bpmn');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll(' kaari:handledAt="meeting"', ''));
  formsDir = dir;
  return dir;
}

/** The environment every process of one section shares: its own database and its own queue prefix. */
export function sectionEnv(databaseUrl: string, name: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    KAARI_PROCESSES_DIR: benchProcessesDir(),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_QUEUE_PREFIX: `kaari-bench-${name}-${randomBytes(3).toString('hex')}`,
    KAARI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KAARI_DEMO: 'true',
    API_WEB_DIR: 'none',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    TZ: 'UTC',
  };
}

/** A built api or worker run as a child process, the way production runs it. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly role: 'api' | 'worker',
    private readonly env: Record<string, string>,
    private readonly nodeArgs: string[] = [],
  ) {}

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** Starts the process; a worker is ready when it logs worker.ready, an api when /api/health answers 200. */
  async start(readyMs = 60000): Promise<void> {
    const main = this.role === 'api' ? 'dist/apps/api/src/main.js' : 'dist/apps/worker/src/main.js';
    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the api and worker processes.
    const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...extra, ...this.nodeArgs, path.join(ROOT, main)], {
      cwd: ROOT,
      // The worker logs worker.ready at info; the api is asked over HTTP.
      env: { ...process.env, ...this.env, ...(this.role === 'worker' ? { LOG_LEVEL: 'info' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const deadline = Date.now() + readyMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`${this.role} exited with ${child.exitCode ?? child.signalCode}:\n${this.output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`${this.role} did not start:\n${this.output.slice(-3000)}`);
      if (this.role === 'worker' ? this.output.includes('worker.ready') : (await health(Number(this.env.PORT)).catch(() => 0)) === 200) return;
      await sleep(100);
    }
  }

  /** Waits until the process has logged `text` (e.g. timers.swept); returns false on timeout. */
  async waitForOutput(text: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (Date.now() > deadline) return false;
      await sleep(50);
    }
    return true;
  }

  /** This process and, for a clustered api, its forked children. */
  pids(): number[] {
    if (!this.pid) return [];
    return [this.pid, ...childPids(this.pid)];
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    this.child = null;
  }
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Resident memory of a process, from /proc/<pid>/status: now (VmRSS) and its peak (VmHWM), in MiB. */
export async function memoryOf(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
}

async function health(port: number): Promise<number> {
  return (await request(port, 'GET', '/api/health')).status;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface HttpResponse<T = any> {
  status: number;
  body: T;
}

/** One HTTP request over a keep-alive connection (node:http: cheaper per request than fetch on a 2-core box). */
export function request<T = any>(port: number, method: string, urlPath: string, body?: unknown, token?: string): Promise<HttpResponse<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = {};
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        if (/json/.test(res.headers['content-type'] ?? '') && text) parsed = JSON.parse(text);
        resolve({ status: res.statusCode ?? 0, body: parsed as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Signs in; returns the bearer token. */
export async function signIn(port: number, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await request(port, 'POST', '/api/auth/token', { username, password });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/** The demo users of the Turku 2023 seed: the director, and one member per body. */
export async function demoUsers(): Promise<{ director: string; memberOf: Record<string, string> }> {
  const seed = JSON.parse(await readFile(path.join(ROOT, 'processes/organisations/turku-2023.json'), 'utf8')) as {
    demoUsers: Array<{ username: string; roles: string[]; bodies: Array<{ code: string; role?: string }> }>;
  };
  const director = seed.demoUsers.find((u) => u.roles.includes('director'))!.username;
  const memberOf: Record<string, string> = {};
  // Someone who decides, where the body has one: a secretary keeps the minutes but cannot complete a decision.
  for (const u of seed.demoUsers) for (const b of u.bodies) if (b.role !== 'secretary') memberOf[b.code] ??= u.username;
  for (const u of seed.demoUsers) for (const b of u.bodies) memberOf[b.code] ??= u.username;
  if (!memberOf['muutosjohtaja']) memberOf['muutosjohtaja'] = director;
  log(`  demo users: director ${director}, members ${JSON.stringify(memberOf)}`);
  return { director, memberOf };
}
