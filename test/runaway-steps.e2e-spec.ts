import { DataSource } from 'typeorm';
import { parseBpmn, serializeSource } from '../libs/engine/src/runtime/bpmn-libs.js';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn, type ProcessBuilder } from './support/bpmn.js';
import { director, memberOf } from './support/process.js';

const task = (id: string) => bpmn(id).start().userTask('go', { name: 'Go', body: 'muutosryhma' });
/** A task, then the end. */
const ends = (id: string) => task(id).end().xml();
/** Two gateways that loop, a → b → a, with no wait state: refused at deploy, so it reaches the engine only around the checks. */
const loop = (from: ProcessBuilder) => from.exclusiveGateway('a').exclusiveGateway('b').exclusiveGateway('a').xml();

describe('A runaway step that got past the deploy checks is stopped by the time limit', () => {
  let api: TestApi;
  let changeDirector: Client;
  let member: Client;

  beforeAll(async () => {
    api = await startApi({ env: { ENGINE_STEP_TIMEOUT_MS: '500', ENGINE_THREADS: '2' } });
    changeDirector = await director(api);
    member = await memberOf(api, 'muutosryhma');
    expect((await api.admin.post('/api/definitions', loop(task('loops-later')))).status).toBe(422);
    // Stored as a release with weaker checks would have stored it: a valid diagram, then its runnable form swapped.
    expect((await api.admin.post('/api/definitions', ends('loops-later'))).status).toBe(201);
    const looping = await serializeSource(await parseBpmn(loop(task('loops-later'))));
    await api.app.get(DataSource).query(`UPDATE definitions SET source_context = $1 WHERE key = 'loops-later'`, [looping]);
    expect((await api.admin.post('/api/definitions', ends('ends'))).status).toBe(201);
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
    const loopsAtOnce = loop(bpmn('loops-at-once').start());
    const looping = await serializeSource(await parseBpmn(loopsAtOnce));
    expect((await api.admin.post('/api/definitions', ends('loops-at-once'))).status).toBe(201);
    await api.app.get(DataSource).query(`UPDATE definitions SET source_context = $1 WHERE key = 'loops-at-once'`, [looping]);
    const before = (await changeDirector.get('/api/instances?definitionKey=loops-at-once')).body.total;

    const refused = await changeDirector.post('/api/instances', { definitionKey: 'loops-at-once' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/could not start: the step ran longer than the 500 ms allowed.*nothing was stored/);
    expect((await changeDirector.get('/api/instances?definitionKey=loops-at-once')).body.total).toBe(before);
  });
});
