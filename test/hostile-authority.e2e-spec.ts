import { startApi, type Client, type Response, type TestApi } from './support/api.js';
import { decision, review, screening, serviceRow } from './support/governance.js';
import { deployWithoutMeetings, director, minimalBpmn, openTask } from './support/process.js';

/** The shipped process with its review and board decision completed through their forms: the authority rules of such a diagram (meetings: meetings.e2e-spec.ts). */
const FORMS_PROCESS = 'cross-sector-forms';

/**
 * Who may take, move and complete what: a hostile director, admin or member against the
 * appeal period (a wait only the system ends), the city board's decision (the board's own, to
 * be made by those of its members who decide) and a colleague's claimed task.
 */
describe('Authority: system waits, decisions of a body, claimed tasks', () => {
  let api: TestApi;
  let maija: Client; // the change director, chair of muutosjohtaja
  let kalle: Client; // member of the change group
  let sanna: Client; // secretary of the change group
  let helena: Client; // chair of the wellbeing management group
  let heikki: Client; // member of the city board
  let paula: Client; // secretary of the city board
  let everyone: Client[];

  beforeAll(async () => {
    api = await startApi();
    await deployWithoutMeetings(api, FORMS_PROCESS);
    maija = await director(api);
    [kalle, sanna, helena, heikki, paula] = await Promise.all(
      ['kalle.kartoitus', 'sanna.selvitys', 'helena.hyvinvointi', 'heikki.hallitus', 'paula.poytakirja'].map((u) => api.as(u)),
    );
    const users = (await api.admin.get('/api/users')).body as Array<{ username: string }>;
    everyone = [api.admin, ...(await Promise.all(users.filter((u) => u.username !== 'admin').map((u) => api.as(u.username))))];
  });
  afterAll(() => api.close());

  const expectProblem = (res: Response, status: number, code?: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    if (code) expect(res.body.errors).toEqual([expect.objectContaining({ code })]);
  };
  const decisionsOf = async (instanceId: string) =>
    (await maija.get(`/api/instances/${instanceId}/decisions`)).body as Array<{ id: string; body: string; status: string; sectionLabel: string }>;
  const instance = async (id: string) => (await maija.get(`/api/instances/${id}`)).body;

  /** The Turku 2023 process up to the city board's decision: mapping, review, screening (children not affected). */
  async function caseBeforeTheBoard(): Promise<string> {
    const started = await maija.post('/api/instances', { definitionKey: FORMS_PROCESS, variables: { title: 'Nuorisotalojen aukioloajat' } });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const steps: Array<[Client, string, Record<string, unknown>]> = [
      [kalle, 'mapping', { services: [serviceRow()] }],
      [helena, 'review', review()],
      [kalle, 'screening', screening('no')],
    ];
    for (const [client, activity, data] of steps) {
      const task = await openTask(client, id, activity);
      expect((await client.post(`/api/tasks/${task.id}/complete`, { data })).status).toBe(200);
    }
    return id;
  }

  describe('the appeal period after the city board’s decision', () => {
    let id: string;
    let wait: { id: string; activityId: string; kind: string };

    beforeAll(async () => {
      id = await caseBeforeTheBoard();
      const board = await openTask(heikki, id, 'decision');
      expect((await heikki.post(`/api/tasks/${board.id}/complete`, { data: decision() })).status).toBe(200);
      wait = (await instance(id)).openTasks.find((t: { activityId: string }) => t.activityId === 'appeal-period');
    });

    it('shows the wait as the case’s state, but in nobody’s task list', async () => {
      expect(wait).toMatchObject({ activityId: 'appeal-period', kind: 'system', candidateBodies: [], assignee: null });
      for (const client of everyone) {
        for (const path of [`/api/tasks?instanceId=${id}`, '/api/tasks', '/api/tasks?state=all', '/api/tasks?overdue=false']) {
          const res = await client.get(path);
          expect(res.status).toBe(200);
          expect(res.body.items.map((t: { id: string }) => t.id)).not.toContain(wait.id);
        }
      }
    });

    it('refuses a director who moves it to herself and completes it as final, and anyone else who tries', async () => {
      const attack = { taskIds: [wait.id], toBody: 'muutosjohtaja', toUser: 'maija.muutos', reason: 'Kiireellinen täytäntöönpano' };
      expectProblem(await maija.post('/api/tasks/reassign', attack), 409, 'system-wait');
      expectProblem(await maija.post(`/api/tasks/${wait.id}/complete`, { data: { appealOutcome: 'final' } }), 409, 'system-wait');
      expectProblem(await maija.post(`/api/tasks/${wait.id}/assign`, { username: 'maija.muutos' }), 409, 'system-wait');
      expectProblem(await maija.post(`/api/tasks/${wait.id}/claim`), 409, 'system-wait');
      expectProblem(await maija.post(`/api/tasks/${wait.id}/unclaim`), 409, 'system-wait');
      expectProblem(await api.admin.post('/api/tasks/reassign', { ...attack, toUser: undefined }), 409, 'system-wait');
      expectProblem(await api.admin.post(`/api/tasks/${wait.id}/complete`, { data: { appealOutcome: 'final' } }), 409, 'system-wait');
      expectProblem(await api.admin.post(`/api/tasks/${wait.id}/assign`, { username: 'heikki.hallitus' }), 409, 'system-wait');
      // Members do not see a wait no body owns: as for any task they may not see.
      for (const client of [heikki, paula, kalle]) {
        expectProblem(await client.post(`/api/tasks/${wait.id}/complete`, { data: { appealOutcome: 'final' } }), 404);
        expectProblem(await client.post(`/api/tasks/${wait.id}/assign`, { username: 'heikki.hallitus' }), 404);
      }

      // Nothing moved: the wait is where it was, the decision in its appeal period, no enforcement.
      expect((await maija.get(`/api/tasks/${wait.id}`)).body).toMatchObject({ state: 'open', kind: 'system', candidateBodies: [], assignee: null });
      expect((await instance(id)).openTasks.map((t: { activityId: string }) => t.activityId)).toEqual(['appeal-period']);
      const [record] = await decisionsOf(id);
      expect(record.status).toBe('appeal-period');
      const history = (await maija.get(`/api/instances/${id}/history`)).body as Array<{ type: string; taskId: string | null }>;
      expect(history.filter((h) => h.taskId === wait.id).map((h) => h.type)).toEqual(['task.created']);
    });

    it('still takes a resident’s request for review, which brings the matter back to the board', async () => {
      const [record] = await decisionsOf(id);
      const requested = await maija.post(`/api/decisions/${record.id}/review-requests`, {
        requester: 'Asukas Aino Virtanen',
        grounds: 'Lasten kuuleminen jäi tekemättä.',
      });
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({ status: 'under-review', reviewRequests: [expect.objectContaining({ requester: 'Asukas Aino Virtanen' })] });
      expect((await instance(id)).openTasks.map((t: { activityId: string }) => t.activityId)).toEqual(['decision']);
      expect((await maija.get(`/api/tasks/${wait.id}`)).body).toMatchObject({
        state: 'completed',
        completedBy: 'system',
        data: { appealOutcome: 'review-requested' },
      });
    });
  });

  describe('the city board’s decision task', () => {
    let id: string;
    let task: { id: string };

    beforeAll(async () => {
      id = await caseBeforeTheBoard();
      task = await openTask(heikki, id, 'decision');
    });

    it('stays with the board: a director cannot move it to her own office or to herself', async () => {
      expectProblem(
        await maija.post('/api/tasks/reassign', { taskIds: [task.id], toBody: 'muutosjohtaja', toUser: 'maija.muutos', reason: 'Päätän itse' }),
        409,
        'decision-stays-with-body',
      );
      expectProblem(
        await maija.post('/api/tasks/reassign', { taskIds: [task.id], toBody: 'muutosjohtaja', reason: 'Päätän itse' }),
        409,
        'decision-stays-with-body',
      );
      expectProblem(
        await api.admin.post('/api/tasks/reassign', { taskIds: [task.id], toBody: 'kaupungin-johtoryhma', reason: 'Nopeammin' }),
        409,
        'decision-stays-with-body',
      );
      expectProblem(await maija.post('/api/tasks/reassign', { taskIds: [task.id], toUser: 'maija.muutos', reason: 'Päätän itse' }), 400, 'not-a-member');
      expectProblem(await maija.post(`/api/tasks/${task.id}/assign`, { username: 'maija.muutos' }), 400, 'not-a-member');
      // Nor to the board's secretary, who keeps the minutes but does not decide.
      expectProblem(await maija.post(`/api/tasks/${task.id}/assign`, { username: 'paula.poytakirja' }), 409, 'not-a-decider');
      expect((await maija.get(`/api/tasks/${task.id}`)).body).toMatchObject({ candidateBodies: ['kaupunginhallitus'], assignee: null, state: 'open' });
    });

    it('is decided by none but the board’s deciding members: not the director, the admin or the secretary', async () => {
      expectProblem(await maija.post(`/api/tasks/${task.id}/complete`, { data: decision() }), 403);
      expectProblem(await api.admin.post(`/api/tasks/${task.id}/complete`, { data: decision() }), 403);
      expectProblem(await paula.post(`/api/tasks/${task.id}/complete`, { data: decision() }), 403, 'not-a-decider');
      expectProblem(await paula.post(`/api/tasks/${task.id}/claim`), 403, 'not-a-decider');
      expect(await decisionsOf(id)).toEqual([]);
      expect((await maija.get('/api/decisions?body=muutosjohtaja')).body.items).toEqual([]);

      // What a director may do: give it to a member of the board who decides.
      const given = await maija.post(`/api/tasks/${task.id}/assign`, { username: 'heikki.hallitus', reason: 'Heikki esittelee asian' });
      expect(given.status).toBe(200);
      expect(given.body).toMatchObject({ assignee: 'heikki.hallitus', candidateBodies: ['kaupunginhallitus'] });
      expect((await heikki.post(`/api/tasks/${task.id}/complete`, { data: decision() })).status).toBe(200);
      const records = await decisionsOf(id);
      expect(records).toEqual([expect.objectContaining({ body: 'kaupunginhallitus', status: 'appeal-period' })]);
      expect((await maija.get('/api/decisions?body=muutosjohtaja')).body.items).toEqual([]);
    });
  });

  describe('a colleague’s claimed task', () => {
    const PASSWORD = 'kilpailu-tuulinen-kesa-91';
    let chair: Client;
    let holder: Client;
    let racers: Client[];

    beforeAll(async () => {
      expect((await api.admin.post('/api/bodies', { code: 'kilpailu', name: { fi: 'Kilpailuryhmä', en: 'Race group' }, kind: 'working-group' })).status).toBe(
        201,
      );
      const people = [
        { username: 'k.chair', role: 'chair' },
        { username: 'k.holder', role: 'member' },
        ...Array.from({ length: 32 }, (_, i) => ({ username: `k.racer${i}`, role: i % 4 === 0 ? 'secretary' : i % 4 === 1 ? 'vice-chair' : 'member' })),
      ];
      for (const p of people) {
        const res = await api.admin.post('/api/users', {
          username: p.username,
          password: PASSWORD,
          displayName: p.username,
          roles: [],
          bodies: [{ code: 'kilpailu', role: p.role }],
        });
        expect(res.status).toBe(201);
      }
      [chair, holder, ...racers] = await Promise.all(people.map((p) => api.anonymous.as(p.username, PASSWORD)));
      expect((await api.admin.post('/api/definitions', minimalBpmn('race-review', { body: 'kilpailu' }))).status).toBe(201);
    });

    const claimedTask = async (by: Client) => {
      const started = await maija.post('/api/instances', { definitionKey: 'race-review' });
      const task = started.body.openTasks[0];
      expect((await by.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
      return { id: task.id as string, instanceId: started.body.id as string };
    };

    it('refuses a secretary who assigns a colleague’s claimed task to herself and completes it', async () => {
      const started = await maija.post('/api/instances', { definitionKey: FORMS_PROCESS, variables: { title: 'Kerhotilat' } });
      const mapping = await openTask(kalle, started.body.id, 'mapping');
      expect((await kalle.post(`/api/tasks/${mapping.id}/claim`)).status).toBe(200);
      expectProblem(await sanna.post(`/api/tasks/${mapping.id}/assign`, { username: 'sanna.selvitys' }), 409, 'claimed');
      expectProblem(await sanna.post(`/api/tasks/${mapping.id}/complete`, { data: { services: [serviceRow()] } }), 409, 'claimed');
      expect((await kalle.get(`/api/tasks/${mapping.id}`)).body).toMatchObject({ assignee: 'kalle.kartoitus', state: 'open' });
      // The director may move it, and the holder still finishes what is theirs.
      expect((await maija.post(`/api/tasks/${mapping.id}/assign`, { username: 'sanna.selvitys', reason: 'Kalle on lomalla' })).status).toBe(200);
      expect((await sanna.post(`/api/tasks/${mapping.id}/complete`, { data: { services: [serviceRow()] } })).status).toBe(200);
    });

    it('lets none of 32 members racing for a colleague’s claimed task take it', async () => {
      const task = await claimedTask(holder);
      const results = await Promise.all(racers.map((r, i) => r.post(`/api/tasks/${task.id}/assign`, { username: `k.racer${i}` })));
      expect(results.map((r) => r.status)).toEqual(racers.map(() => 409));
      expect((await holder.get(`/api/tasks/${task.id}`)).body).toMatchObject({ assignee: 'k.holder', state: 'open' });
      const history = (await maija.get(`/api/instances/${task.instanceId}/history`)).body as Array<{ type: string }>;
      expect(history.filter((h) => h.type === 'task.assigned')).toEqual([]);
    });

    it('lets exactly the chair through when the chair races 31 members for it', async () => {
      const task = await claimedTask(holder);
      const field = [...racers.slice(0, 31).map((r, i) => ({ client: r, username: `k.racer${i}` })), { client: chair, username: 'k.chair' }];
      const results = await Promise.all(field.map((f) => f.client.post(`/api/tasks/${task.id}/assign`, { username: f.username })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.at(-1)!.status).toBe(200);
      expect(results.filter((r) => r.status === 409)).toHaveLength(31);
      expect((await holder.get(`/api/tasks/${task.id}`)).body).toMatchObject({ assignee: 'k.chair' });
    });
  });
});
