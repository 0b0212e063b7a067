import type { INestApplicationContext } from '@nestjs/common';
import { startApi, type Client, type TestApi } from './support/api.js';
import { director, memberOf } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

/** A gateway with no default flow: any value but 'a' or 'b' leaves the engine no way on. */
function dead(id: string, before: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs-${id}" targetNamespace="t">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${before}
    <bpmn:exclusiveGateway id="route" />
    <bpmn:endEvent id="end-a" />
    <bpmn:endEvent id="end-b" />
    <bpmn:sequenceFlow id="fa" sourceRef="route" targetRef="end-a"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${environment.variables.choice == 'a'}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="fb" sourceRef="route" targetRef="end-b"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${environment.variables.choice == 'b'}</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;
}

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
    const deployed = await api.admin.post(
      '/api/definitions',
      dead('dead-end', `<bpmn:userTask id="choose" name="Choose" camunda:candidateGroups="muutosryhma" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="choose" /><bpmn:sequenceFlow id="f2" sourceRef="choose" targetRef="route" />`),
    );
    expect(deployed.status).toBe(201);
    const started = await changeDirector.post('/api/instances', { definitionKey: 'dead-end' });
    const task = started.body.openTasks[0];

    const refused = await member.post(`/api/tasks/${task.id}/complete`, { data: { choice: 'c' } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/no conditional flow taken/);
    expect(refused.body.detail).not.toMatch(/\.js:\d+|node_modules/);

    const failed = (await changeDirector.get(`/api/instances/${started.body.id}`)).body;
    expect(failed.state).toBe('failed');
    expect(failed.incident).toMatchObject({ kind: 'task', activityId: 'route', message: expect.stringMatching(/no conditional flow/) });
    // Nothing of the failed step was kept: the task is still open, its data not stored.
    expect((await changeDirector.get(`/api/tasks/${task.id}`)).body).toMatchObject({ state: 'open', data: null });

    const list = await api.admin.get('/api/incidents');
    expect(list.body.map((i: { instanceId: string }) => i.instanceId)).toContain(started.body.id);
    expect((await member.get('/api/incidents')).status).toBe(403);

    // A retry runs the same completion again; it fails the same way and says so.
    const retried = await api.admin.post(`/api/instances/${started.body.id}/retry`);
    expect(retried.status).toBe(409);
    expect((await changeDirector.get(`/api/instances/${started.body.id}`)).body.state).toBe('failed');
    const history = (await changeDirector.get(`/api/instances/${started.body.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(history.filter((t: string) => t === 'incident.opened')).toHaveLength(2);
    expect(history).toContain('incident.retried');

    const cancelled = await changeDirector.post(`/api/instances/${started.body.id}/cancel`, { reason: 'Diagram error; restarted on a fixed version' });
    expect(cancelled.body.state).toBe('cancelled');
    expect((await api.admin.get('/api/incidents')).body.map((i: { instanceId: string }) => i.instanceId)).not.toContain(started.body.id);
  });

  it('opens an incident when a timer’s step fails, and a retry fires the timer again', async () => {
    await api.admin.post(
      '/api/definitions',
      dead('dead-timer', `<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" /><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="route" />`),
    );
    const started = await changeDirector.post('/api/instances', { definitionKey: 'dead-timer', variables: { choice: 'none' } });
    const failed = await eventually(async () => {
      const i = (await changeDirector.get(`/api/instances/${started.body.id}`)).body;
      return i.state === 'failed' ? i : undefined;
    }, 10000, 'the incident');
    expect(failed.incident).toMatchObject({ kind: 'timer', message: expect.stringMatching(/no conditional flow/) });
    const retried = await api.admin.post(`/api/instances/${started.body.id}/retry`);
    expect(retried.body).toMatchObject({ retried: 'timer', outcome: 'incident' });
    const history = (await changeDirector.get(`/api/instances/${started.body.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(history.filter((t: string) => t === 'incident.opened')).toHaveLength(2);
  });
});
