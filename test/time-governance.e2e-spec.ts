import { readFile } from 'node:fs/promises';
import { startApi, type Client, type TestApi } from './support/api.js';
import { review, serviceRow } from './support/governance.js';
import { director, memberOf, openTask } from './support/process.js';
import { freePort, RedisProcess, WorkerProcess } from './support/processes.js';
import { eventually } from './support/worker.js';

/**
 * Issue 3's "done when": walking the governance process with short deadlines, an ignored
 * review escalates from the wellbeing management group to the next body of the Turku chain
 * by itself — across a restart of the worker and of Redis in between.
 */
describe('An ignored steering-group review escalates up the Turku 2023 chain by itself', () => {
  let redis: RedisProcess;
  let api: TestApi;
  let worker: WorkerProcess;

  beforeAll(async () => {
    redis = new RedisProcess(await freePort());
    await redis.start();
    api = await startApi({ env: { REDIS_URL: redis.url, KAARI_REMINDER_LEAD: 'PT1S' } });
    worker = new WorkerProcess({
      DATABASE_URL: api.config.databaseUrl,
      REDIS_URL: redis.url,
      REDIS_QUEUE_PREFIX: api.config.queuePrefix,
      WORKER_SWEEP_SECONDS: '2',
    });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.kill();
    await api?.close();
    await redis?.stop();
  });

  it('escalates from the wellbeing management group to the city management group, notifies both, and the history tells it', async () => {
    // The seeded process, with the review due in two seconds and the wellbeing group's grace one second; the review
    // as a task its members complete (not at a meeting), so the body above can act on it by hand once it escalates.
    const xml = (await readFile('processes/cross-sector-measure.bpmn', 'utf8'))
      .replaceAll(' kaari:handledAt="meeting"', '')
      .replace(/(<bpmn:userTask id="review"[^>]*camunda:dueDate=")P10D(")/, '$1PT2S$2');
    expect(xml).toContain('camunda:dueDate="PT2S"');
    expect((await api.admin.post('/api/definitions', xml)).status).toBe(201);
    const wellbeing = (await api.admin.get('/api/bodies/hyvinvoinnin-johtoryhma')).body;
    expect(wellbeing.escalatesTo).toBe('kaupungin-johtoryhma');
    const { code, name, kind, escalatesTo } = wellbeing;
    expect((await api.admin.put('/api/bodies/hyvinvoinnin-johtoryhma', { code, name, kind, escalatesTo, graceDuration: 'PT1S' })).status).toBe(200);
    expect(
      (
        await api.admin.post('/api/users', {
          username: 'kalle.kaupunki',
          password: 'city-management-2026',
          displayName: 'Kalle Kaupunki',
          roles: [],
          bodies: [{ code: 'kaupungin-johtoryhma', role: 'member' }],
        })
      ).status,
    ).toBe(201);

    const changeDirector = await director(api);
    const changeGroup = await memberOf(api, 'muutosryhma');
    const wellbeingMember: Client = await memberOf(api, 'hyvinvoinnin-johtoryhma');
    const cityManagement = await api.anonymous.as('kalle.kaupunki', 'city-management-2026');

    const started = await changeDirector.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Nuorisotalojen verkosto' } });
    expect(started.status).toBe(201);
    const mapping = await openTask(changeGroup, started.body.id, 'mapping');
    expect((await changeGroup.post(`/api/tasks/${mapping.id}/complete`, { data: { services: [serviceRow()] } })).status).toBe(200);
    const reviewTask = await openTask(wellbeingMember, started.body.id, 'review');

    // The worker and Redis go down while the review's deadline runs, and come back.
    await worker.kill();
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await redis.start();
    await worker.start();

    const escalated = await eventually(
      async () => {
        const t = (await cityManagement.get(`/api/tasks/${reviewTask.id}`)).body;
        return t.escalationLevel === 1 ? t : undefined;
      },
      30000,
      'the review to escalate',
    );
    expect(escalated.candidateBodies).toEqual(['hyvinvoinnin-johtoryhma', 'kaupungin-johtoryhma']);

    const history = (await changeDirector.get(`/api/instances/${started.body.id}/history`)).body;
    const types = history.map((h: { type: string }) => h.type);
    expect(types).toEqual(expect.arrayContaining(['task.reminded', 'task.overdue', 'task.escalated']));
    const escalation = history.find((h: { type: string }) => h.type === 'task.escalated');
    expect(escalation).toMatchObject({ actor: 'system', activityId: 'review', details: { from: 'hyvinvoinnin-johtoryhma', to: 'kaupungin-johtoryhma' } });
    expect(escalation.details.reason).toMatch(/grace period/);

    for (const member of [wellbeingMember, cityManagement]) {
      const notes = (await member.get('/api/notifications')).body.items;
      expect(notes.some((n: { kind: string; taskId: string }) => n.kind === 'escalation' && n.taskId === reviewTask.id)).toBe(true);
    }

    // The body above can act on it, and the process goes on.
    expect((await cityManagement.post(`/api/tasks/${reviewTask.id}/complete`, { data: review() })).status).toBe(200);
    expect((await openTask(changeGroup, started.body.id, 'screening')).activityId).toBe('screening');
  });
});
