import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { startApi, type Client, type TestApi } from './support/api.js';
import { director, minimalBpmn } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

const PASSWORD = 'Visibility-Probe-2026';

describe('Visibility: nobody sees another body’s task data through any list, filter, id or history', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let changeDirector: Client;
  let kalle: Client; // change group
  let olli: Client; // wellbeing and city management groups
  let paula: Client; // city board secretary
  let owner: Client;
  let top: Client;
  let instance: { id: string; businessKey: string };
  let task: { id: string };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    changeDirector = await director(api);
    [kalle, olli, paula] = await Promise.all(['kalle.kartoitus', 'olli.ohjaus', 'paula.poytakirja'].map((u) => api.as(u)));
    expect((await api.admin.post('/api/definitions', minimalBpmn('vis-change', { body: 'muutosryhma' }))).status).toBe(201);
    for (const [code, escalatesTo] of [
      ['v-top', null],
      ['v-owner', 'v-top'],
    ] as const) {
      expect(
        (await api.admin.post('/api/bodies', { code, name: { fi: code, en: code }, kind: 'working-group', escalatesTo, graceDuration: 'PT1S' })).status,
      ).toBe(201);
      expect(
        (await api.admin.post('/api/users', { username: `${code}.member`, password: PASSWORD, displayName: code, roles: [], bodies: [{ code }] })).status,
      ).toBe(201);
    }
    [owner, top] = await Promise.all(['v-owner.member', 'v-top.member'].map((u) => api.anonymous.as(u, PASSWORD)));
    const quick = minimalBpmn('vis-quick', { body: 'v-owner', due: 'PT1S' });
    expect((await api.admin.post('/api/definitions', quick)).status).toBe(201);
    const started = await changeDirector.post('/api/instances', {
      definitionKey: 'vis-change',
      businessKey: 'VIS-A-2026',
      variables: { secret: 'budget line 42' },
    });
    instance = started.body;
    task = started.body.openTasks[0];
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);

  it('keeps the task out of every list and filter of a member of another body', async () => {
    for (const client of [olli, paula]) {
      for (const query of ['', '?state=all', '?body=muutosryhma', `?instanceId=${instance.id}`, '?overdue=false', '?state=open&body=muutosryhma&limit=500']) {
        const res = await client.get(`/api/tasks${query}`);
        expect(res.status).toBe(200);
        expect(ids(res)).not.toContain(task.id);
      }
      for (const query of ['', '?q=VIS-A', '?q=budget', '?body=muutosryhma', '?definitionKey=vis-change', '?state=running']) {
        const res = await client.get(`/api/instances${query}`);
        expect(res.status).toBe(200);
        expect(ids(res)).not.toContain(instance.id);
      }
    }
    expect((await olli.get(`/api/tasks?instanceId=${instance.id}`)).body.total).toBe(0);
    expect((await olli.get('/api/instances?q=VIS-A')).body.total).toBe(0);
  });

  it('answers 404 for the task’s and the instance’s ids, their history and documents, exactly as for ids that do not exist', async () => {
    const unknownTask = randomUUID();
    const unknownInstance = randomUUID();
    const probes: Array<[string, string, unknown?]> = [
      ['GET', `/api/tasks/${task.id}`],
      ['POST', `/api/tasks/${task.id}/claim`],
      ['POST', `/api/tasks/${task.id}/unclaim`],
      ['POST', `/api/tasks/${task.id}/complete`, { data: {} }],
      ['POST', `/api/tasks/${task.id}/assign`, { username: 'olli.ohjaus' }],
      ['POST', '/api/tasks/reassign', { taskIds: [task.id], toUser: 'olli.ohjaus', reason: 'probing' }],
      ['GET', `/api/instances/${instance.id}`],
      ['GET', `/api/instances/${instance.id}/history`],
      ['GET', `/api/instances/${instance.id}/case`],
      ['GET', `/api/instances/${instance.id}/documents`],
      ['GET', `/api/instances/${instance.id}/services`],
      ['GET', `/api/instances/${instance.id}/decisions`],
    ];
    for (const [method, path, body] of probes) {
      const theirs = await olli.request(method, path, body);
      const none = await olli.request(method, path.replace(task.id, unknownTask).replace(instance.id, unknownInstance), body);
      expect({ path, status: theirs.status }).toEqual({ path, status: 404 });
      expect(none.status).toBe(404);
      expect(JSON.stringify(theirs.body)).not.toMatch(/budget line 42|muutosryhma|VIS-A-2026/);
      expect(theirs.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('shows the task to its own body and every instance to the director', async () => {
    expect((await kalle.get(`/api/tasks/${task.id}`)).status).toBe(200);
    expect(ids(await kalle.get('/api/tasks'))).toContain(task.id);
    expect((await kalle.get(`/api/instances/${instance.id}/history`)).status).toBe(200);
    expect(ids(await changeDirector.get('/api/instances?q=VIS-A'))).toEqual([instance.id]);
    expect(ids(await changeDirector.get(`/api/tasks?instanceId=${instance.id}`))).toEqual([task.id]);
  });

  it('keeps the administrative views from members: audit, users, organisation, another user’s deputies', async () => {
    for (const path of ['/api/audit', `/api/audit?instance=${instance.id}`, '/api/audit/verify', '/api/users', '/api/organisation/export']) {
      expect({ path, status: (await kalle.get(path)).status }).toEqual({ path, status: 403 });
    }
    expect((await kalle.get('/api/users/olli.ohjaus/deputies')).status).toBe(404);
    expect((await kalle.post('/api/organisation/import?dryRun=true', { bodies: [] })).status).toBe(403);
  });

  it('lets an auditor read and verify the trail, and nothing else', async () => {
    expect(
      (await api.admin.post('/api/users', { username: 'aino.auditoija', password: PASSWORD, displayName: 'Aino Auditoija', roles: ['auditor'], bodies: [] }))
        .status,
    ).toBe(201);
    const auditor = await api.anonymous.as('aino.auditoija', PASSWORD);
    expect((await auditor.get('/api/audit')).status).toBe(200);
    expect((await auditor.get('/api/audit/verify')).status).toBe(200);
    const trail = await auditor.get(`/api/audit?instance=${instance.id}`);
    expect(trail.body.items.length).toBeGreaterThan(0);
    expect(ids(await auditor.get('/api/tasks?state=all'))).toEqual([]);
    expect((await auditor.get(`/api/instances/${instance.id}`)).status).toBe(404);
    expect((await auditor.get(`/api/tasks/${task.id}`)).status).toBe(404);
    for (const [method, path] of [
      ['GET', '/api/users'],
      ['GET', '/api/organisation/export'],
      ['POST', '/api/instances'],
      ['POST', '/api/definitions'],
    ] as const) {
      expect({ path, status: (await auditor.request(method, path, method === 'POST' ? { definitionKey: 'vis-change' } : undefined)).status }).toEqual({
        path,
        status: 403,
      });
    }
  });

  it('shows a task to the body it escalated to, only from the escalation on, and keeps each user’s notifications their own', async () => {
    const started = await changeDirector.post('/api/instances', { definitionKey: 'vis-quick' });
    const quickTask = started.body.openTasks[0];
    expect((await top.get(`/api/tasks/${quickTask.id}`)).status).toBe(404);
    expect((await top.get(`/api/instances/${started.body.id}`)).status).toBe(404);
    const escalated = await eventually(
      async () => {
        const res = await top.get(`/api/tasks/${quickTask.id}`);
        return res.status === 200 ? res.body : undefined;
      },
      20000,
      'the escalation',
    );
    expect(escalated.candidateBodies).toEqual(['v-owner', 'v-top']);
    expect(ids(await top.get('/api/tasks?body=v-top'))).toContain(quickTask.id);
    expect((await top.get(`/api/instances/${started.body.id}/history`)).status).toBe(200);
    expect((await owner.get(`/api/tasks/${quickTask.id}`)).status).toBe(200);

    const mine = await eventually(
      async () => (await owner.get('/api/notifications')).body.items.find((n: { kind: string }) => n.kind === 'overdue'),
      10000,
      'the overdue notification',
    );
    expect((await top.post(`/api/notifications/${mine.id}/read`)).status).toBe(404);
    expect((await top.post(`/api/tasks/${quickTask.id}/complete`, { data: {} })).status).toBe(200);
  });
});
