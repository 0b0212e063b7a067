import { startApi, type Client, type TestApi } from './support/api.js';
import { director, minimalBpmn } from './support/process.js';

describe('Deputies and reassignment: who holds a task, and on whose behalf', () => {
  let api: TestApi;
  let changeDirector: Client;
  let helena: Client; // chair of the wellbeing management group
  let olli: Client; // member of the wellbeing and city management groups
  let irma: Client; // member of the integration management group
  let kalle: Client; // member of the change group
  let sanna: Client; // secretary of the change group

  beforeAll(async () => {
    api = await startApi();
    changeDirector = await director(api);
    [helena, olli, irma, kalle, sanna] = await Promise.all(
      ['helena.hyvinvointi', 'olli.ohjaus', 'irma.integraatio', 'kalle.kartoitus', 'sanna.selvitys'].map((u) => api.as(u)),
    );
    expect((await api.admin.post('/api/definitions', minimalBpmn('wellbeing-review', { body: 'hyvinvoinnin-johtoryhma' }))).status).toBe(201);
    expect((await api.admin.post('/api/definitions', minimalBpmn('change-review', { body: 'muutosryhma' }))).status).toBe(201);
  });
  afterAll(() => api.close());

  async function taskOf(definitionKey: string): Promise<{ id: string; instanceId: string }> {
    const res = await changeDirector.post('/api/instances', { definitionKey });
    expect(res.status).toBe(201);
    return { id: res.body.openTasks[0].id, instanceId: res.body.id };
  }
  const history = async (instanceId: string) =>
    (await changeDirector.get(`/api/instances/${instanceId}/history`)).body as Array<{ type: string; actor: string; details: any }>;
  const period = (fromMinutes: number, untilMinutes: number) => ({
    from: new Date(Date.now() + fromMinutes * 60_000).toISOString(),
    until: new Date(Date.now() + untilMinutes * 60_000).toISOString(),
  });

  it('lets a deputy see and complete the member’s body tasks during the period, on the record as deputy for the member', async () => {
    const task = await taskOf('wellbeing-review');
    expect((await irma.get(`/api/tasks/${task.id}`)).status).toBe(404);
    const named = await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'irma.integraatio', ...period(-1, 60) });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ member: 'helena.hyvinvointi', deputy: 'irma.integraatio', active: true, bodies: null });

    const me = await irma.get('/api/auth/me');
    expect(me.body.deputyFor).toEqual([{ username: 'helena.hyvinvointi', bodies: ['hyvinvoinnin-johtoryhma'] }]);
    expect(me.body.bodies).toEqual(['integraatiojohtoryhma']);
    const list = await irma.get('/api/tasks?body=hyvinvoinnin-johtoryhma');
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(task.id);
    expect((await irma.get(`/api/instances/${task.instanceId}`)).status).toBe(200);
    expect((await irma.post(`/api/tasks/${task.id}/complete`, { data: { reviewOutcome: 'approved' } })).status).toBe(200);

    const completed = (await history(task.instanceId)).find((h) => h.type === 'task.completed');
    expect(completed).toMatchObject({ actor: 'irma.integraatio', details: expect.objectContaining({ onBehalfOf: ['helena.hyvinvointi'] }) });
    const audit = await api.admin.get(`/api/audit?instance=${task.instanceId}&action=task.completed`);
    expect(audit.body.items[0]).toMatchObject({ actor: 'irma.integraatio', details: expect.objectContaining({ onBehalfOf: ['helena.hyvinvointi'] }) });
    // A member acting in their own body is nobody's deputy.
    const own = await taskOf('wellbeing-review');
    await olli.post(`/api/tasks/${own.id}/complete`, { data: {} });
    expect((await history(own.instanceId)).find((h) => h.type === 'task.completed')?.details.onBehalfOf).toBeUndefined();
  });

  it('ends a deputyship at once, and a future one gives nothing yet', async () => {
    const list = await helena.get('/api/users/helena.hyvinvointi/deputies');
    const active = list.body.find((d: { active: boolean }) => d.active);
    expect((await helena.request('DELETE', `/api/users/helena.hyvinvointi/deputies/${active.id}`)).status).toBe(204);
    const task = await taskOf('wellbeing-review');
    expect((await irma.get(`/api/tasks/${task.id}`)).status).toBe(404);
    const later = await api.admin.post('/api/users/olli.ohjaus/deputies', { deputy: 'kalle.kartoitus', ...period(60, 120), bodies: ['kaupungin-johtoryhma'] });
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ active: false, bodies: ['kaupungin-johtoryhma'], createdBy: 'admin' });
    expect((await kalle.get(`/api/tasks/${task.id}`)).status).toBe(404);
    expect((await kalle.get('/api/auth/me')).body.deputyFor).toEqual([]);
  });

  it('lets only the member or an admin name a deputy, and checks what is named', async () => {
    expect((await kalle.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'kalle.kartoitus', ...period(0, 60) })).status).toBe(404);
    expect((await kalle.get('/api/users/helena.hyvinvointi/deputies')).status).toBe(404);
    const bad = [
      await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'irma.integraatio', ...period(60, 0) }),
      await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'nobody.at.all', ...period(0, 60) }),
      await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'irma.integraatio', ...period(0, 60), bodies: ['muutosryhma'] }),
      await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'helena.hyvinvointi', ...period(0, 60) }),
      await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'irma.integraatio', from: 'tomorrow', until: 'later' }),
    ];
    for (const res of bad) expect(res.status).toBe(400);
    const audit = await api.admin.get('/api/audit?action=deputy.named&entity=user:helena.hyvinvointi');
    expect(audit.body.items[0]).toMatchObject({ actor: 'helena.hyvinvointi', after: expect.objectContaining({ deputy: 'irma.integraatio' }) });
  });

  it('lets a director reassign many tasks to another body at once, with the reason in each history', async () => {
    const tasks = await Promise.all([1, 2, 3].map(() => taskOf('change-review')));
    const reason = 'The change group is at full capacity this month';
    const res = await changeDirector.post('/api/tasks/reassign', { taskIds: tasks.map((t) => t.id), toBody: 'integraatiojohtoryhma', reason });
    expect(res.status).toBe(200);
    expect(res.body.reassigned).toBe(3);
    expect(res.body.tasks.every((t: { candidateBodies: string[] }) => t.candidateBodies.join() === 'integraatiojohtoryhma')).toBe(true);
    const theirs = await irma.get('/api/tasks?body=integraatiojohtoryhma');
    expect(theirs.body.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(tasks.map((t) => t.id)));
    for (const t of tasks) {
      expect((await kalle.get(`/api/tasks/${t.id}`)).status).toBe(404);
      const entry = (await history(t.instanceId)).find((h) => h.type === 'task.reassigned');
      expect(entry).toMatchObject({
        actor: 'maija.muutos',
        details: { fromBodies: ['muutosryhma'], toBodies: ['integraatiojohtoryhma'], reason, from: null, to: null },
      });
    }
    // The members of the body the tasks moved to are told, task by task, with the reason
    const told = (await irma.get('/api/notifications?limit=200')).body.items.filter((n: { kind: string }) => n.kind === 'assignment');
    expect(told.map((n: { taskId: string }) => n.taskId).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(told[0].message.fi).toContain(reason);
  });

  it('lets the chair of a task’s body assign and reassign it to a member, and nobody else', async () => {
    const task = await taskOf('wellbeing-review');
    const assigned = await helena.post(`/api/tasks/${task.id}/assign`, { username: 'olli.ohjaus', reason: 'Olli knows the case' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe('olli.ohjaus');
    expect((await history(task.instanceId)).find((h) => h.type === 'task.assigned')).toMatchObject({
      actor: 'helena.hyvinvointi',
      details: { from: null, to: 'olli.ohjaus', reason: 'Olli knows the case' },
    });
    // Olli is told; the chair who assigned it is not
    const assignmentsOf = async (c: Client) =>
      (await c.get('/api/notifications?limit=200')).body.items.filter((n: { kind: string; taskId: string }) => n.kind === 'assignment' && n.taskId === task.id);
    expect(await assignmentsOf(olli)).toEqual([
      expect.objectContaining({ message: expect.objectContaining({ en: 'The task "Review" was assigned to you: Olli knows the case' }) }),
    ]);
    expect(await assignmentsOf(helena)).toEqual([]);
    // Not a member of the task's body.
    expect((await helena.post(`/api/tasks/${task.id}/assign`, { username: 'kalle.kartoitus' })).status).toBe(400);
    // A member who is not the chair.
    expect((await olli.post('/api/tasks/reassign', { taskIds: [task.id], toBody: 'kaupungin-johtoryhma', reason: 'I would rather not' })).status).toBe(403);
    // A chair of another body does not even learn that the change group's task exists.
    const foreign = await taskOf('change-review');
    expect((await helena.post('/api/tasks/reassign', { taskIds: [foreign.id], toUser: 'olli.ohjaus', reason: 'Mine now' })).status).toBe(404);
    expect((await helena.post(`/api/tasks/${foreign.id}/assign`, { username: 'olli.ohjaus' })).status).toBe(404);
  });

  it('lets a deputy finish a task the member had claimed before going away', async () => {
    const ville = await api.as('ville.vaikutus');
    const task = await taskOf('wellbeing-review');
    expect((await helena.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect((await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'ville.vaikutus', ...period(-1, 30) })).status).toBe(201);
    // Another member of the body still may not take over the claim.
    expect((await olli.post(`/api/tasks/${task.id}/complete`, { data: {} })).status).toBe(409);
    const done = await ville.post(`/api/tasks/${task.id}/complete`, { data: { reviewOutcome: 'approved' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'completed', completedBy: 'ville.vaikutus', assignee: 'helena.hyvinvointi' });
    expect((await history(task.instanceId)).find((h) => h.type === 'task.completed')).toMatchObject({
      actor: 'ville.vaikutus',
      details: expect.objectContaining({ onBehalfOf: ['helena.hyvinvointi'] }),
    });
  });

  it('lets the deputy of a chair do what the chair does in the chair’s body, on the chair’s behalf', async () => {
    const paula = await api.as('paula.poytakirja');
    const task = await taskOf('wellbeing-review');
    expect((await paula.post(`/api/tasks/${task.id}/assign`, { username: 'olli.ohjaus' })).status).toBe(404);
    expect((await helena.post('/api/users/helena.hyvinvointi/deputies', { deputy: 'paula.poytakirja', ...period(-1, 30) })).status).toBe(201);
    const assigned = await paula.post(`/api/tasks/${task.id}/assign`, { username: 'olli.ohjaus', reason: 'Helena is away' });
    expect(assigned.status).toBe(200);
    expect((await history(task.instanceId)).find((h) => h.type === 'task.assigned')).toMatchObject({
      actor: 'paula.poytakirja',
      details: { from: null, to: 'olli.ohjaus', reason: 'Helena is away', onBehalfOf: ['helena.hyvinvointi'] },
    });
    // The city board's tasks stay out of the deputy's chair powers: she is its secretary, not its chair.
    const me = (await paula.get('/api/auth/me')).body;
    expect(me).toMatchObject({ bodies: ['kaupunginhallitus'], actingFor: ['hyvinvoinnin-johtoryhma', 'kaupunginhallitus'] });
  });

  it('reassigns all or nothing: one task that cannot move keeps every task where it was', async () => {
    const open = await taskOf('change-review');
    const closed = await taskOf('change-review');
    expect((await kalle.post(`/api/tasks/${closed.id}/complete`, { data: {} })).status).toBe(200);
    const res = await changeDirector.post('/api/tasks/reassign', { taskIds: [open.id, closed.id], toBody: 'kaupungin-johtoryhma', reason: 'Moving the lot' });
    expect(res.status).toBe(409);
    const still = await kalle.get(`/api/tasks/${open.id}`);
    expect(still.body.candidateBodies).toEqual(['muutosryhma']);
    expect((await changeDirector.post('/api/tasks/reassign', { taskIds: [open.id], reason: 'Nowhere' })).status).toBe(400);
    expect((await changeDirector.post('/api/tasks/reassign', { taskIds: [open.id], toBody: 'no-such-body', reason: 'Nowhere' })).status).toBe(400);
  });

  it('records the old and new assignee on claim, unclaim and assign', async () => {
    const task = await taskOf('change-review');
    expect((await kalle.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect((await sanna.post(`/api/tasks/${task.id}/claim`)).status).toBe(409);
    const moved = await changeDirector.post(`/api/tasks/${task.id}/assign`, { username: 'sanna.selvitys', reason: 'Kalle is on leave' });
    expect(moved.body.assignee).toBe('sanna.selvitys');
    expect((await sanna.post(`/api/tasks/${task.id}/unclaim`)).status).toBe(200);
    const entries = (await history(task.instanceId)).filter((h) => h.type.startsWith('task.') && h.type !== 'task.created');
    expect(entries.map((h) => [h.type, h.details.from, h.details.to])).toEqual([
      ['task.claimed', null, 'kalle.kartoitus'],
      ['task.assigned', 'kalle.kartoitus', 'sanna.selvitys'],
      ['task.unclaimed', 'sanna.selvitys', null],
    ]);
  });
});
