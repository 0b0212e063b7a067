import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');

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

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A Redis server of a test's own, on its own port, which the test may stop and start. */
export class RedisProcess {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const { Redis } = await import('ioredis');
    await waitFor(
      async () => {
        const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        r.on('error', () => undefined);
        try {
          await r.connect();
          return (await r.ping()) === 'PONG';
        } finally {
          r.disconnect();
        }
      },
      10000,
      'redis-server',
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.child = null;
  }
}

/** A built app (dist/apps/<app>) as a real process that a test can SIGKILL and start again. */
export class AppProcess {
  private child: ChildProcess | null = null;
  /** Everything the process printed to stdout (its JSON log lines), for tests that ask which process did what. */
  stdout = '';
  /** And to stderr (its warn and error lines). */
  stderr = '';
  constructor(
    private readonly app: 'api' | 'worker',
    private readonly env: Record<string, string>,
    private readonly readyLine = app === 'api' ? 'api.listening' : 'worker.ready',
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, [path.join(ROOT, `dist/apps/${this.app}/src/main.js`)], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.app} did not start`)), 30000);
      child.stdout.on('data', (chunk: Buffer) => {
        this.stdout += chunk.toString();
        if (chunk.toString().includes(this.readyLine)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.app} exited with ${code}`));
      });
    });
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.child = null;
  }
}

/** The worker, as the time tests use it. */
export class WorkerProcess extends AppProcess {
  constructor(env: Record<string, string>) {
    super('worker', env);
  }
}

/** A PostgreSQL cluster of a test's own (initdb in a temporary folder), which the test may stop and start. */
export class PostgresProcess {
  private dir: string | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/kaari`;
  }

  private bin(name: string): string {
    const versions = readdirSync('/usr/lib/postgresql').sort();
    return `/usr/lib/postgresql/${versions[versions.length - 1]}/bin/${name}`;
  }

  private asPostgres(args: string[]): void {
    // PostgreSQL refuses to run as root, which the CI user is.
    const run =
      process.getuid?.() === 0
        ? spawnSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'ignore' })
        : spawnSync(args[0], args.slice(1), { stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`${path.basename(args[0])} failed (${run.status})`);
  }

  async init(): Promise<void> {
    this.dir = mkdtempSync(path.join(tmpdir(), 'kaari-pg-'));
    if (process.getuid?.() === 0) spawnSync('chown', ['postgres', this.dir]);
    this.asPostgres([this.bin('initdb'), '-D', `${this.dir}/data`, '-A', 'trust', '-U', 'postgres']);
    await this.start();
  }

  async start(): Promise<void> {
    this.asPostgres([
      this.bin('pg_ctl'),
      '-D',
      `${this.dir}/data`,
      '-w',
      '-l',
      `${this.dir}/log`,
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  async stop(): Promise<void> {
    if (this.dir) this.asPostgres([this.bin('pg_ctl'), '-D', `${this.dir}/data`, '-w', '-m', 'fast', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
