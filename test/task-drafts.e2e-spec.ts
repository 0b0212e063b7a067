import { DataSource } from 'typeorm';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { serviceRow } from './support/governance.js';
import { director, openTask } from './support/process.js';

/**
 * Drafts: a half-filled form kept on the server per task and user — across sign-out and another
 * device — and discarded in the transaction that completes the task.
 */
const PROCESS = 'task-drafts';
const DIAGRAM = bpmn(PROCESS).start().userTask('mapping', { body: 'muutosryhma', form: 'kaari:service-mapping' }).end().xml();

describe('Drafts of a task’s form', () => {
  let api: TestApi;
  let kalle: Client;
  let ville: Client;
  let outsider: Client;
  let taskId: string;

  beforeAll(async () => {
    api = await startApi();
    expect((await api.admin.post('/api/definitions', DIAGRAM)).status).toBe(201);
    const started = await (await director(api)).post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Luonnokset' } });
    expect(started.status).toBe(201);
    kalle = await api.as('kalle.kartoitus');
    ville = await api.as('ville.vaikutus');
    outsider = await api.as('heikki.hallitus');
    taskId = (await openTask(kalle, started.body.id, 'mapping')).id;
  });
  afterAll(() => api.close());

  const draft = async (client: Client) => {
    const res = await client.get(`/api/tasks/${taskId}/draft`);
    expect(res.status).toBe(200);
    return res.body as { taskId: string; data: Record<string, unknown> | null; updatedAt: string | null };
  };

  it('keeps each user’s own draft across sign-out and another device, and refuses what is no draft', async () => {
    expect(await draft(kalle)).toEqual({ taskId, data: null, updatedAt: null });
    const half = { services: [{ service: 'Nuorisotalo Kupittaa', euros: 450000 }], dataSources: 'Talousarvio 2026' };
    const saved = await kalle.put(`/api/tasks/${taskId}/draft`, { data: half });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ taskId, data: half, updatedAt: expect.any(String) });

    // Signed out, then back in on another device (a new token): the draft is there.
    expect((await kalle.post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await kalle.get(`/api/tasks/${taskId}/draft`)).status).toBe(401);
    kalle = await api.as('kalle.kartoitus');
    expect((await draft(kalle)).data).toEqual(half);

    // Another member of the body has a draft of their own, and never sees Kalle's.
    expect((await draft(ville)).data).toBeNull();
    expect((await ville.put(`/api/tasks/${taskId}/draft`, { data: { notes: 'Villen muistiinpanot' } })).status).toBe(200);
    expect((await draft(kalle)).data).toEqual(half);
    // Someone who does not see the task: as for a task that does not exist.
    expect((await outsider.get(`/api/tasks/${taskId}/draft`)).status).toBe(404);
    expect((await outsider.put(`/api/tasks/${taskId}/draft`, { data: {} })).status).toBe(404);
    // A draft is an object of form data.
    expect((await kalle.put(`/api/tasks/${taskId}/draft`, { data: 'text' })).status).toBe(400);
    expect((await kalle.put(`/api/tasks/${taskId}/draft`, {})).status).toBe(400);

    // Discarded by hand: gone, and the other member's stays.
    expect((await ville.request('DELETE', `/api/tasks/${taskId}/draft`)).status).toBe(204);
    expect((await draft(ville)).data).toBeNull();
    expect((await ville.put(`/api/tasks/${taskId}/draft`, { data: { notes: 'uudelleen' } })).status).toBe(200);
  });

  it('keeps the drafts through a refused completion and discards every draft of the task when it completes', async () => {
    const refused = await kalle.post(`/api/tasks/${taskId}/complete`, { data: { services: [] } });
    expect(refused.status).toBe(422);
    expect((await draft(kalle)).data).not.toBeNull();
    expect((await draft(ville)).data).not.toBeNull();

    const done = await kalle.post(`/api/tasks/${taskId}/complete`, { data: { services: [serviceRow()] } });
    expect(done.status).toBe(200);
    expect((await draft(kalle)).data).toBeNull();
    expect((await draft(ville)).data).toBeNull();
    const rows = await api.app.get(DataSource).query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM task_drafts WHERE task_id = $1`, [taskId]);
    expect(rows[0].n).toBe(0);
    // A completed task takes no new draft.
    const late = await kalle.put(`/api/tasks/${taskId}/draft`, { data: { notes: 'myöhässä' } });
    expect(late.status).toBe(409);
    expect(late.body.errors[0]).toMatchObject({ code: 'task-state', params: { state: 'completed' } });
  });
});
