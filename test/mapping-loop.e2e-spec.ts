import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { FOUR_SERVICES, RETURNED_REVIEW, serviceRow } from './support/governance.js';
import { director, memberOf, openTask } from './support/process.js';

/**
 * Mapping and its review, looping back while the review returns it: the shipped process's loop,
 * with the review as a task a member completes (in the shipped process the group's meeting
 * decides it; how the return is decided does not change what the second mapping starts from).
 */
const PROCESS = 'mapping-loop';
const LOOP = bpmn(PROCESS)
  .start()
  .userTask('mapping', { body: 'muutosryhma', form: 'kaari:service-mapping' })
  .userTask('review', { body: 'hyvinvoinnin-johtoryhma', form: 'kaari:steering-review' })
  .exclusiveGateway('reviewed')
  .when("${environment.variables.reviewOutcome == 'returned'}")
  .userTask('mapping')
  .from('reviewed')
  .when("${environment.variables.reviewOutcome != 'returned'}")
  .end()
  .xml();

describe('A repeated mapping continues from the record: nothing entered earlier is lost', () => {
  let api: TestApi;
  let changeDirector: Client;
  let changeGroup: Client;
  let wellbeingGroup: Client;

  beforeAll(async () => {
    api = await startApi();
    changeDirector = await director(api);
    changeGroup = await memberOf(api, 'muutosryhma');
    wellbeingGroup = await memberOf(api, 'hyvinvoinnin-johtoryhma', 'chair');
    expect((await api.admin.post('/api/definitions', LOOP)).status).toBe(201);
  });
  afterAll(() => api.close());

  async function complete(client: Client, instanceId: string, activityId: string, data: Record<string, unknown>) {
    const task = await openTask(client, instanceId, activityId);
    return client.post(`/api/tasks/${task.id}/complete`, { data });
  }

  /** The steering group returns the mapping: a member of the wellbeing management group completes the review with its reasons. */
  async function returnMapping(instanceId: string, reasons: string) {
    const res = await complete(wellbeingGroup, instanceId, 'review', { ...RETURNED_REVIEW, returnReasons: reasons });
    expect(res.status).toBe(200);
    await openTask(changeGroup, instanceId, 'mapping');
  }

  it('keeps the four services when a returned mapping is completed with one added and one removed, and puts both edits in the history', async () => {
    const started = await changeDirector.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Harrastamisen Suomen malli Turussa' } });
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect((await complete(changeGroup, id, 'mapping', { services: FOUR_SERVICES })).status).toBe(200);
    expect((await changeGroup.get(`/api/instances/${id}/services`)).body).toMatchObject({ count: 4, totalEuros: 1695000 });

    await returnMapping(id, 'Seurakunnan nuorisotyö puuttuu.');

    // The second round opens on the record: the inventory, each row with the id the form names it by.
    const before = await changeGroup.get(`/api/instances/${id}/services`);
    expect(before.body.count).toBe(4);
    const scouts = before.body.services.find((s: { service: string }) => s.service === 'Partiolippukunta');
    expect(scouts.id).toEqual(expect.any(String));

    // One service added, one removed explicitly; the other three are not sent at all.
    const parish = serviceRow({
      service: 'Seurakunnan nuorisotyö',
      providerType: 'parish',
      providerName: 'Turun seurakuntayhtymä',
      euros: 120000,
      users: null,
    });
    const second = await complete(changeGroup, id, 'mapping', {
      services: [parish],
      removedServices: [scouts.id],
      notes: 'Seurakunta lisätty, partio siirtyy omaan hankkeeseen.',
    });
    expect(second.status).toBe(200);

    const after = await changeGroup.get(`/api/instances/${id}/services`);
    expect(after.body.count).toBe(4);
    expect(after.body.totalEuros).toBe(1695000 - 60000 + 120000);
    expect(after.body.services.map((s: { service: string }) => s.service)).toEqual([
      'Perusopetuksen iltapäivätoiminta',
      'Nuorisotalo Kupittaa',
      'Perheneuvola',
      'Seurakunnan nuorisotyö',
    ]);
    expect(after.body.services.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4]);
    const instance = await changeDirector.get(`/api/instances/${id}`);
    expect(instance.body.variables).toMatchObject({ servicesMapped: 4, mappedEuros: 1755000 });

    const history = (await changeDirector.get(`/api/instances/${id}/history`)).body as Array<{ type: string; details: Record<string, unknown>; actor: string }>;
    const edits = history.filter((h) => h.type.startsWith('service.'));
    // The first round added four; the second added one and removed one.
    expect(edits.filter((h) => h.type === 'service.added').map((h) => h.details.service)).toEqual([
      ...FOUR_SERVICES.map((s) => s.service),
      'Seurakunnan nuorisotyö',
    ]);
    expect(edits.filter((h) => h.type === 'service.removed')).toEqual([
      expect.objectContaining({ details: { service: 'Partiolippukunta', providerName: 'Turun Partio', euros: 60000 }, actor: expect.any(String) }),
    ]);

    // The second mapping's document is the whole inventory as it then stood, not the one row sent.
    const docs = await changeDirector.get(`/api/instances/${id}/documents?formKey=kaari:service-mapping`);
    const latest = docs.body.at(-1);
    expect(latest.data.services).toHaveLength(4);
    expect(latest.data).not.toHaveProperty('removedServices');
  });

  it('changes a row named by its id or by its name and provider, never duplicating it, and refuses a row it does not know', async () => {
    const started = await changeDirector.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Liikuntapaikkojen aukiolo' } });
    const id = started.body.id;
    expect((await complete(changeGroup, id, 'mapping', { services: FOUR_SERVICES })).status).toBe(200);
    await returnMapping(id, 'Kustannukset tarkistettava.');
    const current = (await changeGroup.get(`/api/instances/${id}/services`)).body.services;

    const unknown = await complete(changeGroup, id, 'mapping', { services: [{ ...FOUR_SERVICES[0], id: '00000000-0000-4000-8000-000000000000' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/services/0/id', code: 'unknown-service' })]);
    expect((await changeGroup.get(`/api/instances/${id}/services`)).body.count).toBe(4);

    // The whole list sent again as a client without ids would send it: the same four, one of them dearer.
    const resent = FOUR_SERVICES.map((s, i) => (i === 1 ? { ...s, euros: 480000 } : s));
    expect(current[1].service).toBe('Nuorisotalo Kupittaa');
    const res = await complete(changeGroup, id, 'mapping', { services: resent });
    expect(res.status).toBe(200);
    const after = (await changeGroup.get(`/api/instances/${id}/services`)).body;
    expect(after).toMatchObject({ count: 4, totalEuros: 1695000 + 30000 });
    expect(after.services[1]).toMatchObject({ id: current[1].id, euros: 480000 });
    const changed = (await changeDirector.get(`/api/instances/${id}/history`)).body.filter((h: { type: string }) => h.type === 'service.changed');
    expect(changed).toEqual([expect.objectContaining({ details: expect.objectContaining({ service: 'Nuorisotalo Kupittaa', fields: ['euros'] }) })]);
  });
});
