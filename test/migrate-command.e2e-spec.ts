import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS } from '../libs/persistence/src/migrations/index.js';
import { ADMIN_URL } from './support/database-names.mjs';

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');

/** Runs the built `npm run migrate` script as an operator does, and returns its exit code and JSON log lines. */
async function migrate(env: Record<string, string>): Promise<{ code: number | null; lines: Array<Record<string, any>> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/libs/persistence/src/migrate.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { code, lines };
}

describe('npm run migrate (issue 12, finding 10)', () => {
  // A database that does not exist yet: the script creates it, as it does for an operator's first run.
  const name = `kaari_t_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);

  afterAll(async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });

  it('migrates a fresh, empty database and exits; a second run is a no-op', async () => {
    const first = await migrate({ DATABASE_URL: url });
    expect(first.code).toBe(0);
    const done = first.lines.find((l) => l.msg === 'migrations.done');
    expect(done).toMatchObject({ level: 'info', app: 'migrate', database: name, count: MIGRATIONS.length });
    expect(done!.ran).toEqual(MIGRATIONS.map((m) => m.name));
    // Structured and without the connection string.
    for (const line of first.lines) expect(JSON.stringify(line)).not.toContain('postgres://');

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const applied = await db.query(`SELECT name FROM migrations ORDER BY id`);
      expect(applied.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
      const tables = await db.query(
        `SELECT to_regclass('instances') AS i, to_regclass('tasks') AS t, to_regclass('timers') AS tm, to_regclass('audit_log') AS a`,
      );
      expect(Object.values(tables.rows[0]).every((v) => v !== null)).toBe(true);
    } finally {
      await db.end();
    }

    const second = await migrate({ DATABASE_URL: url });
    expect(second.code).toBe(0);
    expect(second.lines.find((l) => l.msg === 'migrations.done')).toMatchObject({ ran: [], count: 0 });
  });

  it('exits 1 with a structured error when the configuration is invalid, touching nothing', async () => {
    const bad = await migrate({ DATABASE_URL: 'not a url' });
    expect(bad.code).toBe(1);
    expect(bad.lines.find((l) => l.msg === 'migrations.failed')).toMatchObject({ level: 'error', error: expect.stringMatching(/DATABASE_URL/) });
  });
});
