import ExcelJS from 'exceljs';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { assessment, decision, screening, serviceRow } from './support/governance.js';
import { openMeeting } from './support/meeting.js';
import { director, memberOf, openTask } from './support/process.js';

const PROCESS = 'cross-sector-measure';

/** Start → screening → decision: a diagram that skips the full assessment, to show the server's gate holds anyway. */
const SHORTCUT = bpmn('shortcut-decision')
  .start()
  .userTask('screening', { body: 'muutosryhma', form: 'kaari:child-impact-screening' })
  .userTask('decision', { body: 'kaupunginhallitus', form: 'kaari:council-decision' })
  .end()
  .xml();

describe('Governance content: forms, the service inventory, the child impact gate and the children’s budget', () => {
  let api: TestApi;
  let changeDirector: Client;
  let changeGroup: Client;
  let wellbeingGroup: Client;
  let cityBoard: Client;

  beforeAll(async () => {
    api = await startApi();
    changeDirector = await director(api);
    changeGroup = await memberOf(api, 'muutosryhma');
    wellbeingGroup = await memberOf(api, 'hyvinvoinnin-johtoryhma');
    cityBoard = await memberOf(api, 'kaupunginhallitus', 'member'); // a member who decides (the secretary keeps the minutes)
    expect((await api.admin.post('/api/definitions', SHORTCUT)).status).toBe(201);
  });
  afterAll(() => api.close());

  async function launch(definitionKey = PROCESS, variables: Record<string, unknown> = { title: 'Nuorisotalojen yhdistäminen' }) {
    const res = await changeDirector.post('/api/instances', { definitionKey, variables });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function complete(client: Client, instanceId: string, activityId: string, data: Record<string, unknown>) {
    const task = await openTask(client, instanceId, activityId);
    return client.post(`/api/tasks/${task.id}/complete`, { data });
  }

  async function upload(instanceId: string, content: Buffer | string, name: string, client = changeGroup) {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    const res = await fetch(`${api.baseUrl}/api/instances/${instanceId}/services/import`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${client.token}` },
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('lists the forms and serves each as a JSON Schema with labels, to anyone signed in', async () => {
    const list = await wellbeingGroup.get('/api/forms');
    expect(list.status).toBe(200);
    expect(list.body.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining([
        'kaari:measure-start',
        'kaari:service-mapping',
        'kaari:steering-review',
        'kaari:child-impact-screening',
        'kaari:child-impact-assessment',
        'kaari:council-decision',
      ]),
    );
    const form = await wellbeingGroup.get('/api/forms/kaari:child-impact-assessment');
    expect(form.status).toBe(200);
    expect(form.body.title).toEqual({ fi: 'Lapsivaikutusten arviointi', en: 'Child impact assessment', sv: 'Barnkonsekvensbedömning' });
    expect(form.body.schema.properties.hearing['x-labels']).toEqual({ fi: 'Lasten kuuleminen', en: 'Hearing of children', sv: 'Hörande av barn' });
    expect(form.body.schema.properties.affectedGroups['x-enumLabels']['low-income'].fi).toBe('Pienituloisten perheiden lapset');
    expect((await wellbeingGroup.get('/api/forms/steering-review')).body.key).toBe('kaari:steering-review');
    expect((await wellbeingGroup.get('/api/forms/kaari:nothing')).status).toBe(404);
    expect((await api.anonymous.get('/api/forms')).status).toBe(401);
  });

  it('refuses a diagram that names a form Kaari does not have', async () => {
    const typo = SHORTCUT.replaceAll('shortcut-decision', 'typo-form').replace('kaari:council-decision', 'kaari:council-decisoin');
    const res = await api.admin.post('/api/definitions', typo);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'decision', code: 'unknown-form' })]);
    const lint = await api.admin.post('/api/definitions/validate', typo);
    expect(lint.body.problems).toEqual([expect.objectContaining({ elementId: 'decision', code: 'unknown-form' })]);
  });

  it('validates the start form, and makes every instance a case with a diary number and classification', async () => {
    const bad = await changeDirector.post('/api/instances', { definitionKey: PROCESS, variables: { classification: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/classification', '/title']);
    const instance = await launch(PROCESS, { title: 'Harrastustakuu', classification: '12 00 00' });
    expect(instance.variables).toMatchObject({ title: 'Harrastustakuu', classification: '12 00 00', diaryNumber: expect.stringMatching(/^\d{4}-\d{4}$/) });
    const other = await launch();
    expect(other.variables.classification).toBe('00 01 05');
    const kase = await changeGroup.get(`/api/instances/${other.id}/case`);
    expect(kase.body).toMatchObject({
      instanceId: other.id,
      diaryNumber: other.variables.diaryNumber,
      classification: '00 01 05',
      title: 'Nuorisotalojen yhdistäminen',
    });
    expect(kase.body.childImpact).toMatchObject({ open: false, basis: null });
    expect((await changeDirector.get(`/api/instances?q=${other.variables.diaryNumber}`)).body.items.map((i: { id: string }) => i.id)).toEqual([other.id]);
  });

  it('refuses task data that does not fit its form, field by field, and changes nothing', async () => {
    const instance = await launch();
    const empty = await complete(changeGroup, instance.id, 'mapping', {});
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: '/services', code: 'minItems' })]);
    const bad = await complete(changeGroup, instance.id, 'mapping', {
      services: [serviceRow(), serviceRow({ euros: 'paljon', providerType: 'kunta', ageGroups: [] })],
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/services/1/euros', '/services/1/providerType', '/services/1/ageGroups']),
    );
    expect((await changeGroup.get(`/api/instances/${instance.id}/services`)).body.count).toBe(0);

    expect((await complete(changeGroup, instance.id, 'mapping', { services: [serviceRow()], dataSources: 'Talousarvio 2026' })).status).toBe(200);
    // The review is the wellbeing management group's, at its meeting: a return needs its reasons there too.
    const reviewTask = (await changeDirector.get(`/api/instances/${instance.id}`)).body.openTasks[0];
    const { secretary, meeting } = await openMeeting(api, 'hyvinvoinnin-johtoryhma', [reviewTask.id]);
    const returned = await secretary.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, { outcome: 'returned' });
    expect(returned.status).toBe(400);
    expect(returned.body.errors).toEqual([expect.objectContaining({ code: 'reasons-required' })]);
    expect((await secretary.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, { outcome: 'approved-as-proposed' })).status).toBe(200);
    const unsigned = await complete(changeGroup, instance.id, 'screening', screening('directly', { signOff: undefined, scope: undefined }));
    expect(unsigned.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/scope', '/signOff']);
    expect((await complete(changeGroup, instance.id, 'screening', screening('directly'))).status).toBe(200);
    const thin = await complete(changeGroup, instance.id, 'assessment', assessment({ crcArticles: [3, 6], mitigation: undefined, hearing: { heard: false } }));
    expect(thin.status).toBe(422);
    expect(thin.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/crcArticles', '/mitigation', '/hearing/reasonNotHeard']));
    expect((await complete(changeGroup, instance.id, 'assessment', assessment())).status).toBe(200);

    // Only what gateways need reaches the variables; the documents stay with the case.
    const after = await changeDirector.get(`/api/instances/${instance.id}`);
    expect(after.body.variables).toMatchObject({ servicesMapped: 1, reviewOutcome: 'approved', childrenAffected: 'directly', childImpactAssessed: true });
    expect(after.body.variables.services).toBeUndefined();
    expect(after.body.variables.alternatives).toBeUndefined();
    const docs = await changeDirector.get(`/api/instances/${instance.id}/documents?formKey=kaari:child-impact-assessment`);
    expect(docs.body).toEqual([
      expect.objectContaining({
        formKey: 'kaari:child-impact-assessment',
        data: expect.objectContaining({ diaryNumber: instance.variables.diaryNumber, impacts: expect.any(Array) }),
      }),
    ]);
    expect((await changeGroup.get(`/api/instances/${instance.id}/case`)).body.childImpact).toMatchObject({ open: true, basis: 'assessment' });
  });

  it('refuses the council decision until the child impact assessment is signed off, whatever the diagram', async () => {
    const affected = await launch('shortcut-decision');
    expect((await complete(changeGroup, affected.id, 'screening', screening('uncertain'))).status).toBe(200);
    const refused = await complete(cityBoard, affected.id, 'decision', decision());
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/child impact assessment has not been signed off/);
    expect((await changeDirector.get(`/api/instances/${affected.id}/decisions`)).body).toEqual([]);

    const notAffected = await launch('shortcut-decision');
    expect((await complete(changeGroup, notAffected.id, 'screening', screening('no'))).status).toBe(200);
    const decided = await complete(cityBoard, notAffected.id, 'decision', decision({ decisionOutcome: 'rejected' }));
    expect(decided.status).toBe(200);
    const [record] = (await changeDirector.get(`/api/instances/${notAffected.id}/decisions`)).body;
    expect(record).toMatchObject({ outcome: 'rejected', body: 'kaupunginhallitus', status: 'no-appeal', childImpactSummary: screening('no').justification });
  });

  it('imports the inventory from CSV, reporting row errors and importing nothing from a broken file', async () => {
    const instance = await launch();
    const csv = [
      'Palvelu;Tuottajatyyppi;Tuottaja;Toimiala;Ikäryhmät;Kohdentuminen;Euroa;HTV;Käyttäjät 13-17;Käyttäjät 18-29',
      'Nuorisotalo;city-sector;Vapaa-aikatoimiala;youth;13-17 18-29;age-targeted;"100 000,00";2,5;300;100',
      'Perheneuvola;Hyvinvointialue;Varha;social-welfare;;family-targeted;46000;;;',
    ].join('\r\n');
    const ok = await upload(instance.id, csv, 'kartoitus.csv');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ count: 2, totalEuros: 146000 });
    expect(ok.body.services[0]).toMatchObject({
      service: 'Nuorisotalo',
      ageGroups: ['13-17', '18-29'],
      euros: 100000,
      personYears: 2.5,
      users: { '13-17': 300, '18-29': 100 },
    });
    expect(ok.body.services[1]).toMatchObject({ providerType: 'wellbeing-county', targeting: 'family-targeted' });

    const broken = csv + '\r\nScouts;ngo;Partio;youth;7-12;age-targeted;kaksikymmentä;;;\r\nKerho;seura;X;youth;;age-targeted;5;;;';
    const refused = await upload(instance.id, broken, 'kartoitus.csv');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'row 4 column Euroa', code: 'type' }),
        expect.objectContaining({ path: 'row 5 column Tuottajatyyppi', code: 'enum' }),
        expect.objectContaining({ path: 'row 5 column Ikäryhmät', code: 'minItems' }),
      ]),
    );
    expect((await changeGroup.get(`/api/instances/${instance.id}/services`)).body.count).toBe(2);
    // The mapping completes with the imported inventory.
    expect((await complete(changeGroup, instance.id, 'mapping', {})).status).toBe(200);
    expect((await changeDirector.get(`/api/instances/${instance.id}`)).body.variables).toMatchObject({ servicesMapped: 2, mappedEuros: 146000 });
  });

  it('imports the inventory from an Excel workbook, with the same all-or-nothing rule', async () => {
    const instance = await launch();
    const workbook = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Palvelut');
      sheet.addRow(['service', 'providerType', 'providerName', 'sector', 'ageGroups', 'targeting', 'euros', 'users 0-6', 'users 7-12']);
      for (const r of rows) sheet.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const good = await workbook([
      ['Kirjasto', 'city-sector', 'Kulttuuritoimiala', 'culture', '', 'universal', 1000000],
      ['Muskari', 'ngo', 'Musiikkiopisto', 'culture', '0-6;7-12', 'age-targeted', 20000, 30, 10],
    ]);
    const ok = await upload(instance.id, good, 'palvelut.xlsx');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ count: 2, totalEuros: 1020000 });
    expect(ok.body.services[1]).toMatchObject({ ageGroups: ['0-6', '7-12'], users: { '0-6': 30, '7-12': 10 } });

    const bad = await workbook([
      ['Kirjasto', 'city-sector', 'Kulttuuritoimiala', 'culture', '', 'universal', 1000000],
      ['Uimahalli', 'city-sector', '', 'sports', '', 'everyone', -5],
    ]);
    const refused = await upload(instance.id, bad, 'palvelut.xlsx');
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['row 3 column targeting', 'row 3 column euros', 'row 3 column providerName']),
    );
    expect((await changeGroup.get(`/api/instances/${instance.id}/services`)).body.services.map((s: { service: string }) => s.service)).toEqual([
      'Kirjasto',
      'Muskari',
    ]);

    expect((await upload(instance.id, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'old.xls')).status).toBe(422);
    // A damaged workbook, a CSV with a broken quote, an empty file: 422 with the reason, never a 5xx.
    for (const [content, name] of [
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]), 'broken.xlsx'],
      ['service;euros\n"unclosed;1', 'quote.csv'],
      ['', 'empty.csv'],
    ] as const) {
      const res = await upload(instance.id, content, name);
      expect({ name, status: res.status }).toEqual({ name, status: 422 });
      expect(res.body.errors[0]).toMatchObject({ path: expect.any(String), message: expect.any(String) });
    }
    expect((await changeGroup.put(`/api/instances/${instance.id}/services`, { services: [null, 'x'] })).status).toBe(422);
    expect((await changeGroup.put(`/api/instances/${instance.id}/services`, { services: 'x' })).status).toBe(400);
    // The wellbeing group has no task in this case yet: to it the case does not exist.
    expect((await upload(instance.id, good, 'palvelut.xlsx', wellbeingGroup)).status).toBe(404);
  });

  it('reports the children’s budget by age group, provider type and sector, as JSON and CSV', async () => {
    const instance = await launch();
    // Hand-computed with the default population (an estimate): 0–6 12,000; 7–12 11,000; 13–17 9,000; 18–29 38,000; 200,000 in all.
    const services = [
      serviceRow(),
      serviceRow({
        service: 'Perheneuvola',
        providerType: 'wellbeing-county',
        providerName: 'Varha',
        sector: 'social-welfare',
        targeting: 'family-targeted',
        ageGroups: [],
        euros: 46000,
        users: null,
      }),
      serviceRow({ service: 'Kirjasto', sector: 'culture', targeting: 'universal', ageGroups: [], euros: 1000000, users: null }),
      serviceRow({ service: 'Partio', providerType: 'ngo', providerName: 'Partiolippukunta', ageGroups: ['7-12', '13-17'], euros: 20000, users: null }),
      serviceRow({ service: 'Katujen kunnossapito', sector: 'urban-environment', targeting: 'excluded', ageGroups: [], euros: 500000, users: null }),
    ];
    expect((await changeGroup.put(`/api/instances/${instance.id}/services`, { services })).status).toBe(200);
    const res = await changeGroup.get(`/api/reports/children-budget?instanceId=${instance.id}`);
    expect(res.status).toBe(200);
    expect(res.body.scope).toEqual({ instanceId: instance.id, instances: 1 });
    expect(res.body.population.estimate).toBe(true);
    expect(res.body.totals).toEqual({
      services: 5,
      mappedEuros: 1666000,
      excludedEuros: 500000,
      allocatedEuros: 516000,
      estimatedEuros: 416000,
      notChildrenEuros: 650000,
    });
    expect(res.body.byAgeGroup.map((g: { euros: number }) => g.euros)).toEqual([77250, 81812.5, 141937.5, 215000]);
    expect(res.body.byAgeGroup.map((g: { perCapita: number }) => g.perCapita)).toEqual([6.44, 7.44, 15.77, 5.66]);
    const byProvider = Object.fromEntries(res.body.byProviderType.map((b: { key: string; byAgeGroup: unknown }) => [b.key, b.byAgeGroup]));
    expect(byProvider).toEqual({
      'city-sector': { '0-6': 60000, '7-12': 55000, '13-17': 120000, '18-29': 215000 },
      'wellbeing-county': { '0-6': 17250, '7-12': 15812.5, '13-17': 12937.5, '18-29': 0 },
      ngo: { '0-6': 0, '7-12': 11000, '13-17': 9000, '18-29': 0 },
    });
    expect(res.body.bySector.find((b: { key: string }) => b.key === 'youth').byAgeGroup).toEqual({ '0-6': 0, '7-12': 11000, '13-17': 84000, '18-29': 25000 });

    const csv = await changeGroup.get(`/api/reports/children-budget?instanceId=${instance.id}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('dimension,key,age_group,euros,estimated_euros,share_of_mapped,per_capita');
    expect(lines).toEqual(
      expect.arrayContaining([
        'total,all,0-6,77250.00,77250.00,0.0464,6.44',
        'total,all,all,516000.00,416000.00,0.3097,',
        'provider-type,wellbeing-county,7-12,15812.50,,,',
      ]),
    );

    // Across cases: directors only; a member asks for a case they can see.
    const all = await changeDirector.get('/api/reports/children-budget');
    expect(all.status).toBe(200);
    expect(all.body.scope.instances).toBeGreaterThanOrEqual(2);
    expect(all.body.totals.mappedEuros).toBeGreaterThan(1666000);
    expect((await changeGroup.get('/api/reports/children-budget')).status).toBe(403);
    expect((await cityBoard.get(`/api/reports/children-budget?instanceId=${instance.id}`)).status).toBe(404);
  });

  it('counts a service mapped in two cases once across the city, as the later case mapped it', async () => {
    const before = (await changeDirector.get('/api/reports/children-budget')).body;
    const [first, second] = [await launch(), await launch()];
    const shared = serviceRow({ service: 'Nuorisotila Runosmäki', euros: 70000, users: null, ageGroups: ['13-17'] });
    expect(
      (await changeGroup.put(`/api/instances/${first.id}/services`, { services: [shared, serviceRow({ service: 'Kerhotila Varissuo', euros: 5000 })] })).status,
    ).toBe(200);
    // The second case maps the same youth space (written differently) with this year's cost
    const again = { ...shared, service: ' nuorisotila runosmäki ', euros: 80000 };
    expect((await changeGroup.put(`/api/instances/${second.id}/services`, { services: [again] })).status).toBe(200);

    const after = (await changeDirector.get('/api/reports/children-budget')).body;
    expect(after.totals.mappedEuros - before.totals.mappedEuros).toBe(80000 + 5000);
    expect(after.scope.sharedServices - before.scope.sharedServices).toBe(1);
    // Each case's own report still shows what that case mapped
    expect((await changeGroup.get(`/api/reports/children-budget?instanceId=${first.id}`)).body.totals.mappedEuros).toBe(75000);
  });
});
