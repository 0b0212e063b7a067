import type { INestApplicationContext } from '@nestjs/common';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn, type ProcessBuilder } from './support/bpmn.js';
import { director, memberOf } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

/** What comes first, then a gateway with no default flow: any choice but 'a' or 'b' leaves the engine no way on. */
const deadEnd = (before: ProcessBuilder) =>
  before
    .exclusiveGateway('route')
    .when("${environment.variables.choice == 'a'}")
    .end('end-a')
    .from('route')
    .when("${environment.variables.choice == 'b'}")
    .end('end-b')
    .xml();

describe('Incidents: a step that fails does not vanish', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let changeDirector: Client;
  let member: Client;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    changeDirector = await director(api);
    member = await memberOf(api, 'muutosryhma');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('opens an incident when a completion leads nowhere, lists it for admins, retries it and lets it be cancelled', async () => {
    // Given a case waiting at a task whose completion leads to a gateway with no way on for the choice 'c'
    const deployed = await api.admin.post('/api/definitions', deadEnd(bpmn('dead-end').start().userTask('choose', { name: 'Choose', body: 'muutosryhma' })));
    expect(deployed.status).toBe(201);
    const started = await changeDirector.post('/api/instances', { definitionKey: 'dead-end' });
    const task = started.body.openTasks[0];

    // When a member chooses 'c'
    const refused = await member.post(`/api/tasks/${task.id}/complete`, { data: { choice: 'c' } });
    // Then the completion is refused with the engine's reason, the case fails with an incident at the gateway, and admins see it
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/no conditional flow taken/);
    expect(refused.body.detail).not.toMatch(/\.js:\d+|node_modules/);

    const failed = (await changeDirector.get(`/api/instances/${started.body.id}`)).body;
    expect(failed.state).toBe('failed');
    expect(failed.incident).toMatchObject({ kind: 'task', activityId: 'route', message: expect.stringMatching(/no conditional flow/) });
    // And what the case shows of it keeps nothing of the refused data or of the member's roles
    expect(failed.incident.data).toBeUndefined();
    expect(failed.incident.actor?.roles ?? []).toEqual([]);
    // Nothing of the failed step was kept: the task is still open, its data not stored.
    expect((await changeDirector.get(`/api/tasks/${task.id}`)).body).toMatchObject({ state: 'open', data: null });

    const list = await api.admin.get('/api/incidents');
    expect(list.body.map((i: { instanceId: string }) => i.instanceId)).toContain(started.body.id);
    expect((await member.get('/api/incidents')).status).toBe(403);

    // When an admin retries it, the same completion runs again: it fails the same way and says so
    const retried = await api.admin.post(`/api/instances/${started.body.id}/retry`);
    expect(retried.status).toBe(409);
    expect((await changeDirector.get(`/api/instances/${started.body.id}`)).body.state).toBe('failed');
    const history = (await changeDirector.get(`/api/instances/${started.body.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(history.filter((t: string) => t === 'incident.opened')).toHaveLength(2);
    expect(history).toContain('incident.retried');

    // When the director cancels the case, its incident is gone from the list
    const cancelled = await changeDirector.post(`/api/instances/${started.body.id}/cancel`, { reason: 'Diagram error; restarted on a fixed version' });
    expect(cancelled.body.state).toBe('cancelled');
    expect((await api.admin.get('/api/incidents')).body.map((i: { instanceId: string }) => i.instanceId)).not.toContain(started.body.id);
  });

  it('opens an incident when a timer’s step fails, and a retry fires the timer again', async () => {
    // Given a case that waits a second, then reaches a gateway with no way on for its choice
    await api.admin.post('/api/definitions', deadEnd(bpmn('dead-timer').start().timer('wait', { duration: 'PT1S' })));
    const started = await changeDirector.post('/api/instances', { definitionKey: 'dead-timer', variables: { choice: 'none' } });
    // When the timer fires, the case fails with an incident of the timer
    const failed = await eventually(
      async () => {
        const i = (await changeDirector.get(`/api/instances/${started.body.id}`)).body;
        return i.state === 'failed' ? i : undefined;
      },
      10000,
      'the incident',
    );
    expect(failed.incident).toMatchObject({ kind: 'timer', message: expect.stringMatching(/no conditional flow/) });
    // Then a retry fires the timer again, and fails the same way
    const retried = await api.admin.post(`/api/instances/${started.body.id}/retry`);
    expect(retried.body).toMatchObject({ retried: 'timer', outcome: 'incident' });
    const history = (await changeDirector.get(`/api/instances/${started.body.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(history.filter((t: string) => t === 'incident.opened')).toHaveLength(2);
  });
});
