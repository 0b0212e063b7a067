import type { INestApplicationContext } from '@nestjs/common';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { director } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

const PASSWORD = 'overdue-test-password';

/**
 * An escalation gives the task a new deadline (the grace period of the body it escalates to)
 * and clears the overdue mark of the old one. The task is still late: it stays in the
 * "only overdue" lists of tasks and cases, and says `overdue: true`.
 */
describe('Overdue lists keep escalated tasks', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let changeDirector: Client;
  let owner: Client;
  let upper: Client;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    changeDirector = await director(api);
    // The owner has a one-second grace period; the body it escalates to has ten days, so the
    // escalated task's new deadline is far off when the lists are read.
    for (const [code, escalatesTo, graceDuration] of [
      ['od-upper', null, 'P10D'],
      ['od-owner', 'od-upper', 'PT1S'],
    ] as const) {
      const res = await api.admin.post('/api/bodies', { code, name: { fi: code, en: code }, kind: 'working-group', escalatesTo, graceDuration });
      expect(res.status).toBe(201);
    }
    for (const code of ['od-owner', 'od-upper']) {
      const res = await api.admin.post('/api/users', { username: `${code}.member`, password: PASSWORD, displayName: code, roles: [], bodies: [{ code }] });
      expect(res.status).toBe(201);
    }
    owner = await api.anonymous.as('od-owner.member', PASSWORD);
    upper = await api.anonymous.as('od-upper.member', PASSWORD);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  async function start(key: string, due?: string) {
    const xml = bpmn(key).start().userTask('review', { name: 'Review', body: 'od-owner', due }).end().xml();
    expect([200, 201]).toContain((await api.admin.post('/api/definitions', xml)).status);
    const started = await changeDirector.post('/api/instances', { definitionKey: key });
    expect(started.status).toBe(201);
    return started.body as { id: string; openTasks: Array<{ id: string }> };
  }

  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((x) => x.id);

  it('lists an escalated task whose new deadline has not passed as overdue, in the task and case lists', async () => {
    const late = await start('od-late', 'PT1S');
    const onTime = await start('od-on-time', 'P30D');
    const taskId = late.openTasks[0].id;

    const escalated = await eventually(
      async () => {
        const t = (await upper.get(`/api/tasks/${taskId}`)).body;
        return t.escalationLevel === 1 ? t : undefined;
      },
      15000,
      'the escalation to od-upper',
    );
    // The new deadline is the upper body's ten days, and the old overdue mark is gone…
    expect(new Date(escalated.dueAt).getTime()).toBeGreaterThan(Date.now() + 9 * 24 * 3600 * 1000);
    expect(escalated.overdueAt).toBeNull();
    // …but the task is late all the same.
    expect(escalated.overdue).toBe(true);

    for (const client of [changeDirector, owner, upper]) {
      const overdue = await client.get('/api/tasks?overdue=true');
      expect(ids(overdue)).toContain(taskId);
      expect(overdue.body.items.find((t: { id: string }) => t.id === taskId).overdue).toBe(true);
      expect(ids(await client.get('/api/tasks?overdue=false'))).not.toContain(taskId);
    }
    // A task on time is in neither overdue list.
    const onTimeTask = onTime.openTasks[0].id;
    expect(ids(await changeDirector.get('/api/tasks?overdue=true'))).not.toContain(onTimeTask);
    expect(ids(await changeDirector.get('/api/tasks?overdue=false'))).toContain(onTimeTask);

    // The portfolio's "only overdue" filter and the case's own flag say the same.
    const cases = await changeDirector.get('/api/instances?overdue=true');
    expect(ids(cases)).toContain(late.id);
    expect(ids(cases)).not.toContain(onTime.id);
    const lateCase = cases.body.items.find((i: { id: string }) => i.id === late.id);
    expect(lateCase.overdue).toBe(true);
    expect(lateCase.openTasks[0].overdue).toBe(true);
    expect(ids(await changeDirector.get('/api/instances?overdue=false'))).not.toContain(late.id);
    expect((await changeDirector.get(`/api/instances/${late.id}`)).body.overdue).toBe(true);

    // Completed, it is overdue nowhere.
    expect((await upper.post(`/api/tasks/${taskId}/complete`, { data: {} })).status).toBe(200);
    expect(ids(await changeDirector.get('/api/tasks?overdue=true'))).not.toContain(taskId);
    const done = (await changeDirector.get(`/api/tasks/${taskId}`)).body;
    expect(done.overdue).toBe(false);
  });
});
