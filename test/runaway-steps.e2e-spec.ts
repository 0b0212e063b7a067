import { DataSource } from 'typeorm';
import { parseBpmn, serializeSource } from '../libs/engine/src/runtime/bpmn-libs.js';
import { startApi, type Client, type TestApi } from './support/api.js';
import { director, memberOf } from './support/process.js';

const diagram = (id: string, afterTask: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${id}" targetNamespace="t">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="go" name="Go" camunda:candidateGroups="muutosryhma" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="go" />
    ${afterTask}
  </bpmn:process>
</bpmn:definitions>`;
const ENDS = `<bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f2" sourceRef="go" targetRef="end" />`;
/** After the task, two gateways loop with no wait state: refused at deploy, so it reaches the engine only around the checks. */
const LOOPS = `<bpmn:exclusiveGateway id="a" /><bpmn:exclusiveGateway id="b" />
  <bpmn:sequenceFlow id="f2" sourceRef="go" targetRef="a" /><bpmn:sequenceFlow id="f3" sourceRef="a" targetRef="b" /><bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="a" />`;

describe('A runaway step that got past the deploy checks is stopped by the time limit', () => {
  let api: TestApi;
  let changeDirector: Client;
  let member: Client;

  beforeAll(async () => {
    api = await startApi({ env: { ENGINE_STEP_TIMEOUT_MS: '500', ENGINE_THREADS: '2' } });
    changeDirector = await director(api);
    member = await memberOf(api, 'muutosryhma');
    expect((await api.admin.post('/api/definitions', diagram('loops-later', LOOPS))).status).toBe(422);
    // Stored as a release with weaker checks would have stored it: a valid diagram, then its runnable form swapped.
    expect((await api.admin.post('/api/definitions', diagram('loops-later', ENDS))).status).toBe(201);
    const looping = await serializeSource(await parseBpmn(diagram('loops-later', LOOPS)));
    await api.app.get(DataSource).query(`UPDATE definitions SET source_context = $1 WHERE key = 'loops-later'`, [looping]);
    expect((await api.admin.post('/api/definitions', diagram('ends', ENDS))).status).toBe(201);
  });
  afterAll(() => api?.close());

  it('fails the step with the reason, opens an incident, and every other case keeps moving', async () => {
    const runaway = (await changeDirector.post('/api/instances', { definitionKey: 'loops-later' })).body;
    const others = await Promise.all([1, 2, 3].map(async () => (await changeDirector.post('/api/instances', { definitionKey: 'ends' })).body));

    // When the task is completed into the loop, while members complete other cases' tasks
    const [refused, ...completed] = await Promise.all([
      member.post(`/api/tasks/${runaway.openTasks[0].id}/complete`, { data: {} }),
      ...others.map((o) => member.post(`/api/tasks/${o.openTasks[0].id}/complete`, { data: {} })),
    ]);

    // Then the runaway completion is refused with the reason, and nothing of it was kept
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body.detail).toMatch(/ran longer than the 500 ms allowed/);
    const failed = (await changeDirector.get(`/api/instances/${runaway.id}`)).body;
    expect(failed).toMatchObject({ state: 'failed', incident: { kind: 'task', message: expect.stringMatching(/ran longer than the 500 ms allowed/) } });
    // The incident names where the loop was when it was stopped
    expect(['a', 'b']).toContain(failed.incident.activityId);
    expect((await member.get(`/api/tasks/${runaway.openTasks[0].id}`)).body.state).toBe('open');
    expect((await api.admin.get('/api/incidents')).body.map((i: { instanceId: string }) => i.instanceId)).toContain(runaway.id);

    // And the other cases went on to their end
    expect(completed.map((c) => c.status)).toEqual([200, 200, 200]);
    for (const o of others) expect((await changeDirector.get(`/api/instances/${o.id}`)).body.state).toBe('completed');
    expect((await api.anonymous.get('/api/health')).status).toBe(200);
  });

  it('lets an admin retry (failing the same way, as a new incident) and then cancel it', async () => {
    const runaway = (await changeDirector.post('/api/instances', { definitionKey: 'loops-later' })).body;
    expect((await member.post(`/api/tasks/${runaway.openTasks[0].id}/complete`, { data: {} })).status).toBe(409);

    const retried = await api.admin.post(`/api/instances/${runaway.id}/retry`);
    expect(retried.status).toBe(409);
    expect(retried.body.detail).toMatch(/ran longer than the 500 ms allowed/);
    const history = (await changeDirector.get(`/api/instances/${runaway.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(history.filter((t: string) => t === 'incident.opened')).toHaveLength(2);

    const cancelled = await changeDirector.post(`/api/instances/${runaway.id}/cancel`, { reason: 'The diagram loops; replaced by a fixed version' });
    expect(cancelled.body.state).toBe('cancelled');
    expect((await api.admin.get('/api/incidents')).body.map((i: { instanceId: string }) => i.instanceId)).not.toContain(runaway.id);
  });

  it('refuses a start that runs away, storing nothing', async () => {
    const loopsAtOnce = diagram('loops-at-once', LOOPS).replace('targetRef="go" />', 'targetRef="a" />');
    const looping = await serializeSource(await parseBpmn(loopsAtOnce));
    expect((await api.admin.post('/api/definitions', diagram('loops-at-once', ENDS))).status).toBe(201);
    await api.app.get(DataSource).query(`UPDATE definitions SET source_context = $1 WHERE key = 'loops-at-once'`, [looping]);
    const before = (await changeDirector.get('/api/instances?definitionKey=loops-at-once')).body.total;

    const refused = await changeDirector.post('/api/instances', { definitionKey: 'loops-at-once' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/could not start: the step ran longer than the 500 ms allowed.*nothing was stored/);
    expect((await changeDirector.get('/api/instances?definitionKey=loops-at-once')).body.total).toBe(before);
  });
});
