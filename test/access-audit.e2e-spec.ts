import type { INestApplicationContext } from '@nestjs/common';
import { execFile } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { director, memberOf, minimalBpmn, openTask } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');

function runVerifier(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'dist/libs/access/src/audit-verify.js')],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('Audit trail: every change on an append-only, hash-chained record', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: pg.Client;
  let changeDirector: Client;
  let changeGroup: Client;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    db = new pg.Client({ connectionString: api.config.databaseUrl });
    await db.connect();
    changeDirector = await director(api);
    changeGroup = await memberOf(api, 'muutosryhma');
    expect((await api.admin.post('/api/definitions', minimalBpmn('audited-review', { body: 'muutosryhma' }))).status).toBe(201);
  });
  afterAll(async () => {
    await db.end();
    await worker.close();
    await api.close();
  });

  const sealed = () =>
    eventually(
      async () => {
        const res = await api.admin.get('/api/audit/verify');
        return res.body.unsealed === 0 && res.body.checked > 0 ? res.body : undefined;
      },
      15000,
      'the sealer',
    );

  it('records what a user does, with who, before and after, and the request’s correlation id', async () => {
    const started = await changeDirector.post(
      '/api/instances',
      { definitionKey: 'audited-review', businessKey: '8100-2026' },
      { 'x-correlation-id': 'audit-test-start-0001' },
    );
    expect(started.status).toBe(201);
    const task = await openTask(changeGroup, started.body.id, 'review');
    const done = await changeGroup.post(`/api/tasks/${task.id}/complete`, { data: { servicesMapped: 3 } }, { 'x-correlation-id': 'audit-test-complete-0001' });
    expect(done.status).toBe(200);
    const body = await api.admin.get('/api/bodies/muutosryhma');
    const renamed = await api.admin.put('/api/bodies/muutosryhma', {
      ...body.body,
      name: { ...body.body.name, en: 'Change team' },
      members: undefined,
      escalationChain: undefined,
    });
    expect(renamed.status).toBe(200);

    const completed = await api.admin.get(`/api/audit?instance=${started.body.id}&action=task.completed`);
    expect(completed.body.items).toEqual([
      expect.objectContaining({
        actor: expect.any(String),
        entityType: 'task',
        entityId: task.id,
        correlationId: 'audit-test-complete-0001',
        details: expect.objectContaining({ activityId: 'review', fields: ['servicesMapped'] }),
      }),
    ]);
    const oneRequest = await api.admin.get('/api/audit?correlationId=audit-test-complete-0001');
    expect(oneRequest.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['task.completed', 'instance.completed']));
    expect(oneRequest.body.items.every((e: { correlationId: string }) => e.correlationId === 'audit-test-complete-0001')).toBe(true);
    const start = await api.admin.get(`/api/audit?instance=${started.body.id}&action=instance.started`);
    expect(start.body.items[0]).toMatchObject({ correlationId: 'audit-test-start-0001', details: expect.objectContaining({ businessKey: '8100-2026' }) });
    const bodyChange = await api.admin.get('/api/audit?entity=body:muutosryhma&action=body.updated');
    expect(bodyChange.body.items[0]).toMatchObject({
      actor: 'admin',
      before: expect.objectContaining({ name: expect.objectContaining({ en: 'Change group' }) }),
      after: expect.objectContaining({ name: expect.objectContaining({ en: 'Change team' }) }),
    });
    const signIns = await api.admin.get('/api/audit?action=auth.signed-in&entity=user:admin');
    expect(signIns.body.total).toBeGreaterThan(0);
  });

  it('gives every history row of an instance its audit entry: the history reads from the same facts', async () => {
    const list = await changeDirector.get('/api/instances?q=8100-2026');
    const id = list.body.items[0].id;
    const history = await changeDirector.get(`/api/instances/${id}/history`);
    const audit = await api.admin.get(`/api/audit?instance=${id}&limit=500`);
    const byHistory = new Map(audit.body.items.map((a: { historyId: number }) => [a.historyId, a]));
    expect(history.body.length).toBeGreaterThanOrEqual(5);
    // Every task event names its task: no phantom entries.
    expect(history.body.filter((h: { type: string; taskId: string | null }) => h.type.startsWith('task.') && !h.taskId)).toEqual([]);
    for (const h of history.body) expect(byHistory.get(h.id)).toMatchObject({ action: h.type, actor: h.actor ?? 'system' });
  });

  it('seals entries into a chain the worker builds, and the chain verifies', async () => {
    const result = await sealed();
    expect(result).toMatchObject({ ok: true, unsealed: 0, head: { chainIndex: result.checked, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const entries = await api.admin.get('/api/audit?limit=5');
    expect(entries.body.items.every((e: { chainIndex: number | null; hash: string | null }) => e.chainIndex !== null && e.hash)).toBe(true);
  });

  it('records what the worker does (a deadline passing) as the system, with the job as correlation id', async () => {
    const xml = bpmn('audit-quick').start().userTask('review', { name: 'Quick review', body: 'kaupunginhallitus', due: 'PT1S' }).end().xml();
    expect((await api.admin.post('/api/definitions', xml)).status).toBe(201);
    const deployed = await api.admin.get('/api/audit?action=definition.deployed&entity=definition:audit-quick:1');
    expect(deployed.body.items[0]).toMatchObject({ actor: 'admin', after: expect.objectContaining({ key: 'audit-quick', version: 1 }) });
    const started = await changeDirector.post('/api/instances', { definitionKey: 'audit-quick' });
    const overdue = await eventually(
      async () => {
        const res = await api.admin.get(`/api/audit?instance=${started.body.id}&action=task.overdue`);
        return res.body.items[0];
      },
      15000,
      'the overdue mark',
    );
    expect(overdue).toMatchObject({ actor: 'system', correlationId: expect.stringMatching(/^timer-/) });
  });

  it('keeps one chain while many changes commit at once and two workers seal side by side', async () => {
    const second = await startWorker(api.config);
    try {
      const started = await Promise.all(
        Array.from({ length: 24 }, (_, i) => changeDirector.post('/api/instances', { definitionKey: 'audited-review', businessKey: `8200-${i}` })),
      );
      expect(started.every((r) => r.status === 201)).toBe(true);
      await Promise.all(started.map(async (r) => changeGroup.post(`/api/tasks/${r.body.openTasks[0].id}/complete`, { data: {} })));
      const result = await sealed();
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows;
      expect(result).toMatchObject({ ok: true, unsealed: 0, checked: n });
    } finally {
      await second.close();
    }
  });

  it('refuses to change or delete an entry, even for the database owner', async () => {
    await sealed();
    await expect(db.query(`UPDATE audit_log SET actor = 'someone-else' WHERE chain_index = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log WHERE chain_index = 2`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [unsealed] = (await db.query(`INSERT INTO audit_log (actor, action, entity_type) VALUES ('test', 'test.unsealed', 'test') RETURNING id`)).rows;
    await expect(db.query(`DELETE FROM audit_log WHERE id = $1`, [unsealed.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_log SET action = 'test.changed' WHERE id = $1`, [unsealed.id])).rejects.toThrow(/append-only/);
    expect((await api.admin.get('/api/audit/verify')).body.ok).toBe(true);
  });

  it('finds an instance history row edited or deleted behind the audit trail’s back', async () => {
    await sealed();
    const [row] = (await db.query(`SELECT * FROM history WHERE type = 'task.completed' ORDER BY id LIMIT 1`)).rows;
    await db.query(`UPDATE history SET details = '{"fields": ["somethingElse"]}' WHERE id = $1`, [row.id]);
    let verify = await api.admin.get('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: false, historyBrokenAt: { historyId: String(row.id), reason: expect.stringMatching(/details differ/) } });
    expect(verify.body.firstBrokenAt).toBeUndefined();
    await db.query(`UPDATE history SET details = $2, actor = 'someone-else' WHERE id = $1`, [row.id, row.details]);
    verify = await api.admin.get('/api/audit/verify');
    expect(verify.body.historyBrokenAt).toMatchObject({ historyId: String(row.id), reason: expect.stringMatching(/who/) });
    await db.query(`DELETE FROM history WHERE id = $1`, [row.id]);
    verify = await api.admin.get('/api/audit/verify');
    expect(verify.body.historyBrokenAt).toEqual({ historyId: String(row.id), reason: 'the history row is missing' });
    const cli = await runVerifier(api.config.databaseUrl);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`history row ${row.id} is not what the audit trail recorded`));
    await db.query(`INSERT INTO history (id, instance_id, type, activity_id, task_id, actor, details, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, [
      row.id,
      row.instance_id,
      row.type,
      row.activity_id,
      row.task_id,
      row.actor,
      row.details,
      row.at,
    ]);
    expect((await api.admin.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('finds the first broken link after a superuser edits or deletes a row with the trigger bypassed, over HTTP and on the command line', async () => {
    await sealed();
    const target = 3;
    const [original] = (await db.query(`SELECT details FROM audit_log WHERE chain_index = $1`, [target])).rows;
    // A superuser can switch triggers off; the chain still tells.
    await db.query(`SET session_replication_role = replica`);
    await db.query(`UPDATE audit_log SET details = '{"fields": ["forged"]}' WHERE chain_index = $1`, [target]);
    let verify = await api.admin.get('/api/audit/verify');
    expect(verify.body).toMatchObject({
      ok: false,
      checked: target - 1,
      firstBrokenAt: { chainIndex: target, reason: expect.stringMatching(/does not match its hash/) },
    });
    const cli = await runVerifier(api.config.databaseUrl);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`broken at entry ${target}\\b`));

    // Forging the hash too only moves the break to the next link.
    await db.query(`UPDATE audit_log SET details = $2, hash = repeat('a', 64) WHERE chain_index = $1`, [target, original.details]);
    verify = await api.admin.get('/api/audit/verify');
    expect(verify.body.firstBrokenAt.chainIndex).toBe(target);

    // Put it back as it was (the sealer's hash), and the chain holds again.
    await db.query(`UPDATE audit_log SET hash = (SELECT prev_hash FROM audit_log WHERE chain_index = $2) WHERE chain_index = $1`, [target, target + 1]);
    verify = await api.admin.get('/api/audit/verify');
    expect(verify.body.ok).toBe(true);

    await db.query(`DELETE FROM audit_log WHERE chain_index = $1`, [target + 2]);
    await db.query(`SET session_replication_role = origin`);
    verify = await api.admin.get('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: false, firstBrokenAt: { chainIndex: target + 2, reason: expect.stringMatching(/missing/) } });
    const again = await runVerifier(api.config.databaseUrl);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, firstBrokenAt: { chainIndex: target + 2 } });
  });

  it('lets only admins and auditors read the trail, with filters and paging', async () => {
    expect((await changeGroup.get('/api/audit')).status).toBe(403);
    expect((await changeDirector.get('/api/audit/verify')).status).toBe(403);
    const page1 = await api.admin.get('/api/audit?limit=2');
    const page2 = await api.admin.get('/api/audit?limit=2&offset=2');
    expect(page1.body.items).toHaveLength(2);
    expect(page2.body.items[0].id).toBeLessThan(page1.body.items[1].id);
    expect(page1.body.total).toBe(page2.body.total);
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const ranged = await api.admin.get(`/api/audit?actor=admin&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(ranged.body.items.every((e: { actor: string }) => e.actor === 'admin')).toBe(true);
    expect((await api.admin.get('/api/audit?instance=not-a-uuid')).status).toBe(400);
  });
});
