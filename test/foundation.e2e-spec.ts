import { startApi, type Client, type TestApi } from './support/api.js';
import { createTestDatabase } from './support/database.js';
import { assessment, decision, RETURNED_REVIEW, review, screening, serviceRow } from './support/governance.js';
import { asMeetingDecision, decideAtMeeting } from './support/meeting.js';
import { director, memberOf, minimalBpmn, openTask } from './support/process.js';

const PROCESS = 'cross-sector-measure';

describe('Foundation: a governance process end to end through the HTTP API', () => {
  let api: TestApi;
  let changeDirector: Client;
  let changeGroup: Client;
  let wellbeingGroup: Client;

  beforeAll(async () => {
    api = await startApi();
    changeDirector = await director(api);
    changeGroup = await memberOf(api, 'muutosryhma');
    wellbeingGroup = await memberOf(api, 'hyvinvoinnin-johtoryhma');
  });
  afterAll(() => api.close());

  async function launch(businessKey: string) {
    const res = await changeDirector.post('/api/instances', { definitionKey: PROCESS, businessKey, variables: { title: `Measure ${businessKey}` } });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** The body of the step decides it at a meeting, as its form would have recorded it. */
  const decide = (instanceId: string, activityId: string, form: Record<string, unknown>) =>
    decideAtMeeting(api, changeDirector, instanceId, activityId, asMeetingDecision(form));

  async function complete(client: Client, instanceId: string, activityId: string, data: Record<string, unknown> = {}) {
    const task = await openTask(client, instanceId, activityId);
    const res = await client.post(`/api/tasks/${task.id}/complete`, { data });
    if (res.status !== 200) throw new Error(`completing ${activityId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  it('reports health of PostgreSQL and Redis', async () => {
    const res = await api.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'up', postgres: 'up', redis: 'up' });
  });

  it('deploys the processes in processes/ at start-up', async () => {
    const res = await api.admin.get('/api/definitions');
    expect(res.status).toBe(200);
    const measure = res.body.find((d: { key: string }) => d.key === PROCESS);
    expect(measure).toMatchObject({ version: 1 });
    expect(measure.userTasks.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['mapping', 'review', 'screening', 'assessment', 'decision']));
  });

  it('runs a measure from mapping through review, screening and the city board decision, on the record', async () => {
    const instance = await launch('4703-2023');
    expect(instance.state).toBe('running');
    expect(instance.openTasks).toHaveLength(1);
    const mapping = instance.openTasks[0];
    expect(mapping).toMatchObject({ activityId: 'mapping', candidateBodies: ['muutosryhma'], overdue: false });
    // P14D from creation.
    const dueIn = new Date(mapping.dueAt).getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(13.9 * 86400_000);
    expect(dueIn).toBeLessThan(14.1 * 86400_000);

    await complete(changeGroup, instance.id, 'mapping', { services: [serviceRow()] });
    await decide(instance.id, 'review', RETURNED_REVIEW);
    // Returned: back to mapping for the change group.
    await complete(changeGroup, instance.id, 'mapping', { services: [serviceRow(), serviceRow({ service: 'Partiolippukunta', providerType: 'ngo' })] });
    await decide(instance.id, 'review', review());
    await complete(changeGroup, instance.id, 'screening', screening('no'));
    await decide(instance.id, 'decision', decision());

    // Decided: the process now waits out the appeal period (governance.e2e-spec.ts runs it to its end).
    const done = await changeDirector.get(`/api/instances/${instance.id}`);
    expect(done.body).toMatchObject({ state: 'running', openTasks: [expect.objectContaining({ activityId: 'appeal-period' })], businessKey: '4703-2023' });
    expect(done.body.variables).toMatchObject({ title: 'Measure 4703-2023', servicesMapped: 2, reviewOutcome: 'approved', decisionOutcome: 'approved' });

    const history = await changeDirector.get(`/api/instances/${instance.id}/history`);
    const completions = history.body.filter((h: { type: string }) => h.type === 'task.completed');
    expect(completions.map((h: { activityId: string }) => h.activityId)).toEqual(['mapping', 'review', 'mapping', 'review', 'screening', 'decision']);
    expect(completions.every((h: { actor: string; at: string }) => h.actor && !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect(history.body[0]).toMatchObject({ type: 'instance.started', actor: expect.any(String) });
    // Moving on is not cancelling: nothing was cancelled on the straight path.
    expect(history.body.filter((h: { type: string }) => h.type === 'task.cancelled')).toEqual([]);
    expect(Object.keys(done.body.variables)).not.toEqual(expect.arrayContaining(['fields']));
    expect(done.body.variables).not.toHaveProperty('content');
    expect(history.body.map((h: { type: string }) => h.type)).toContain('decision.recorded');
  });

  it('runs the full child impact assessment when children are affected, and loops a tabled decision', async () => {
    const instance = await launch('5001-2023');
    await complete(changeGroup, instance.id, 'mapping', { services: [serviceRow()] });
    await decide(instance.id, 'review', review());
    await complete(changeGroup, instance.id, 'screening', screening('directly'));
    await complete(changeGroup, instance.id, 'assessment', assessment());
    await decide(instance.id, 'decision', decision({ decisionOutcome: 'tabled' }));
    await decide(instance.id, 'decision', decision({ decisionOutcome: 'rejected' }));
    const done = await changeDirector.get(`/api/instances/${instance.id}`);
    expect(done.body.state).toBe('completed');
  });

  it('shows a body only its own tasks, and answers 404 for another body’s task', async () => {
    const instance = await launch('5002-2023');
    const task = instance.openTasks[0];
    const mine = await changeGroup.get('/api/tasks');
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(task.id);
    const theirs = await wellbeingGroup.get('/api/tasks');
    expect(theirs.body.items.map((t: { id: string }) => t.id)).not.toContain(task.id);
    expect((await wellbeingGroup.get(`/api/tasks/${task.id}`)).status).toBe(404);
    const refused = await wellbeingGroup.post(`/api/tasks/${task.id}/complete`, { data: {} });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('lets exactly one of many concurrent completions of a task win', async () => {
    const instance = await launch('5003-2023');
    const task = instance.openTasks[0];
    const results = await Promise.all(
      Array.from({ length: 8 }, () => changeGroup.post(`/api/tasks/${task.id}/complete`, { data: { services: [serviceRow()] } })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const history = await changeDirector.get(`/api/instances/${instance.id}/history`);
    expect(history.body.filter((h: { type: string }) => h.type === 'task.completed')).toHaveLength(1);
    // One review opened, a matter for the wellbeing management group's meeting.
    const after = await changeDirector.get(`/api/instances/${instance.id}`);
    expect(after.body.openTasks.filter((t: { activityId: string }) => t.activityId === 'review')).toHaveLength(1);
  });

  it('claims and unclaims, and keeps a task claimed by someone else from others', async () => {
    const instance = await launch('5004-2023');
    const task = instance.openTasks[0];
    const claimed = await changeGroup.post(`/api/tasks/${task.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toBeTruthy();
    const again = await changeGroup.post(`/api/tasks/${task.id}/claim`);
    expect(again.status).toBe(200);
    const released = await changeGroup.post(`/api/tasks/${task.id}/unclaim`);
    expect(released.body.assignee).toBeNull();
    const history = await changeDirector.get(`/api/instances/${instance.id}/history`);
    expect(history.body.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['task.claimed', 'task.unclaimed']));
  });

  it('lets exactly one of many members claiming a task at once have it', async () => {
    const instance = await launch('5005-2023');
    const task = instance.openTasks[0];
    const body = (await api.admin.get('/api/bodies/muutosryhma')).body;
    const claimers = await Promise.all(body.members.slice(0, 3).map((m: { username: string }) => api.as(m.username)));
    expect(claimers.length).toBeGreaterThan(1);
    const results = await Promise.all(claimers.flatMap((c) => [c.post(`/api/tasks/${task.id}/claim`), c.post(`/api/tasks/${task.id}/claim`)]));
    const winners = new Set(results.filter((r) => r.status === 200).map((r) => r.body.assignee));
    expect(winners.size).toBe(1);
    expect(results.filter((r) => r.status === 409).length).toBeGreaterThan(0);
    const claims = (await changeDirector.get(`/api/instances/${instance.id}/history`)).body.filter((h: { type: string }) => h.type === 'task.claimed');
    expect(claims).toHaveLength(1);
  });

  it('returns the same instance for a repeated start with the same Idempotency-Key', async () => {
    const body = { definitionKey: PROCESS, businessKey: '6000-2023', variables: { title: 'Measure 6000-2023' } };
    const headers = { 'idempotency-key': 'launch-6000-2023' };
    const results = await Promise.all(Array.from({ length: 5 }, () => changeDirector.post('/api/instances', body, headers)));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const list = await changeDirector.get('/api/instances?q=6000-2023');
    expect(list.body.total).toBe(1);
  });

  it('deploys an uploaded diagram as a new version, keeps running instances on theirs, and stores the same content once', async () => {
    const v1 = await api.admin.post('/api/definitions', minimalBpmn('quick-review'));
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ key: 'quick-review', version: 1, created: true });
    const same = await api.admin.post('/api/definitions', minimalBpmn('quick-review'));
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ version: 1, created: false });

    const started = await changeDirector.post('/api/instances', { definitionKey: 'quick-review' });
    expect(started.body.definitionVersion).toBe(1);

    const v2 = await api.admin.post('/api/definitions', minimalBpmn('quick-review', { name: 'Quick review, second edition' }));
    expect(v2.body).toMatchObject({ version: 2, created: true });
    const next = await changeDirector.post('/api/instances', { definitionKey: 'quick-review' });
    expect(next.body.definitionVersion).toBe(2);

    // The instance started on version 1 finishes on version 1.
    await complete(wellbeingGroup, started.body.id, 'review');
    const done = await changeDirector.get(`/api/instances/${started.body.id}`);
    expect(done.body).toMatchObject({ state: 'completed', definitionVersion: 1 });

    const xml = await api.admin.get('/api/definitions/quick-review/versions/1');
    expect(xml.status).toBe(200);
    expect(xml.body).toContain('<bpmn:process id="quick-review"');
  });

  it('accepts a diagram as a multipart file upload', async () => {
    const form = new FormData();
    form.append('file', new Blob([minimalBpmn('uploaded-review')], { type: 'application/xml' }), 'uploaded.bpmn');
    const res = await fetch(`${api.baseUrl}/api/definitions`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${api.admin.token}` },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ key: 'uploaded-review', version: 1 });
  });

  it('refuses a diagram with problems, element by element, and stores nothing', async () => {
    const bad = minimalBpmn('bad-one', {
      body: 'no-such-body',
      extra: '<bpmn:scriptTask id="sneaky" scriptFormat="javascript"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask>',
    });
    const res = await api.admin.post('/api/definitions', bad);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['review', 'sneaky']));
    expect((await api.admin.get('/api/definitions/bad-one')).status).toBe(404);
  });

  it('lints a diagram without deploying it, for the modeler', async () => {
    const good = await api.admin.post('/api/definitions/validate', minimalBpmn('lint-me'));
    expect(good.body).toEqual({ ok: true, processId: 'lint-me', problems: [] });
    const bad = await api.admin.post('/api/definitions/validate', minimalBpmn('lint-me', { body: 'nobody' }));
    expect(bad.status).toBe(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.problems).toEqual([expect.objectContaining({ elementId: 'review', code: 'unknown-body' })]);
    expect((await api.admin.get('/api/definitions/lint-me')).status).toBe(404);
  });

  it('answers bad input with a 4xx problem and changes nothing', async () => {
    const before = await changeDirector.get('/api/instances');
    const cases = [
      await changeDirector.post('/api/instances', { definitionKey: PROCESS, surprise: 1 }),
      await changeDirector.post('/api/instances', { definitionKey: 'no-such-process' }),
      await changeDirector.post('/api/instances', { definitionKey: PROCESS, variables: { __proto__x: 1, 'bad name': 2 } }),
      await changeDirector.post('/api/instances', { definitionKey: PROCESS, variables: [] }),
      await changeDirector.request('POST', '/api/instances', '{"definitionKey": ', { 'content-type': 'application/json' }),
      await changeDirector.get('/api/tasks?state=sideways'),
      await changeDirector.get('/api/instances/not-a-uuid'),
    ];
    for (const res of cases) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toEqual(expect.any(String));
    }
    const after = await changeDirector.get('/api/instances');
    expect(after.body.total).toBe(before.body.total);
  });

  it('needs a sign-in, and keeps the director’s actions from members', async () => {
    expect((await api.anonymous.get('/api/tasks')).status).toBe(401);
    expect((await api.anonymous.post('/api/auth/token', { username: 'admin', password: 'wrong-password' })).status).toBe(401);
    const res = await changeGroup.post('/api/instances', { definitionKey: PROCESS });
    expect(res.status).toBe(403);
  });

  it('lets only members of the task’s body act on it: a director who sees it gets 403', async () => {
    const instance = await launch('7100-2023');
    const task = instance.openTasks[0];
    expect((await changeDirector.get(`/api/tasks/${task.id}`)).status).toBe(200);
    const refused = await changeDirector.post(`/api/tasks/${task.id}/complete`, { data: {} });
    expect(refused.status).toBe(403);
    expect((await changeDirector.post(`/api/tasks/${task.id}/claim`)).status).toBe(403);
    expect((await changeDirector.get(`/api/tasks/${task.id}`)).body.state).toBe('open');
  });

  it('carries an instance across a restart of the api between two steps', async () => {
    const database = await createTestDatabase();
    try {
      const before = await startApi({ database });
      const director1 = await director(before);
      expect((await before.admin.post('/api/definitions', minimalBpmn('quick-restart', { body: 'muutosryhma' }))).status).toBe(201);
      const started = await director1.post('/api/instances', { definitionKey: 'quick-restart' });
      expect(started.status).toBe(201);
      await before.app.close();

      const after = await startApi({ database });
      try {
        const member = await memberOf(after, 'muutosryhma');
        const task = await openTask(member, started.body.id, 'review');
        expect(task.id).toBe(started.body.openTasks[0].id);
        expect((await member.post(`/api/tasks/${task.id}/complete`, { data: {} })).status).toBe(200);
        const director2 = await director(after);
        const done = (await director2.get(`/api/instances/${started.body.id}`)).body;
        expect(done.state).toBe('completed');
        const types = (await director2.get(`/api/instances/${started.body.id}/history`)).body.map((h: { type: string }) => h.type);
        expect(types[0]).toBe('instance.started');
        expect(types.at(-1)).toBe('instance.completed');
      } finally {
        await after.app.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('cancels a running instance with a reason, closing its tasks', async () => {
    const instance = await launch('7000-2023');
    const res = await changeDirector.post(`/api/instances/${instance.id}/cancel`, { reason: 'Merged into 4703-2023' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'cancelled', endReason: 'Merged into 4703-2023', openTasks: [] });
    const again = await changeDirector.post(`/api/instances/${instance.id}/cancel`, { reason: 'twice' });
    expect(again.status).toBe(409);
  });
});
