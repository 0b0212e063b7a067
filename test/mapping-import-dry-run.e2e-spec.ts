import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { memberOf } from './support/process.js';

/** The import's dry run (`?dryRun=true`): the file read and checked as the import reads it, nothing saved. */
const PROCESS = 'mapping-import-dry-run';
const DIAGRAM = bpmn(PROCESS).start().userTask('mapping', { body: 'muutosryhma', form: 'kaari:service-mapping' }).end().xml();

const HEADER = 'Palvelu;Tuottajatyyppi;Tuottaja;Toimiala;Ikäryhmät;Kohdentuminen;Euroa;Käyttäjät 13-17';
const GOOD = [
  'Nuorisotalo;city-sector;Vapaa-aikatoimiala;youth;13-17;age-targeted;"100 000,00";300',
  'Perheneuvola;Hyvinvointialue;Varha;social-welfare;;family-targeted;46000;',
];
const BAD = 'Kerho;seura;X;youth;;age-targeted;kaksikymmentä;';

describe('Mapping import: a dry run shows the rows and their problems and saves nothing', () => {
  let api: TestApi;
  let changeGroup: Client;
  let instanceId: string;

  beforeAll(async () => {
    api = await startApi();
    changeGroup = await memberOf(api, 'muutosryhma');
    expect((await api.admin.post('/api/definitions', DIAGRAM)).status).toBe(201);
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Tuonnin esikatselu' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
  });
  afterAll(() => api.close());

  async function upload(lines: string[], query: string, client = changeGroup) {
    const form = new FormData();
    form.append('file', new Blob([lines.join('\r\n')]), 'kartoitus.csv');
    const res = await fetch(`${api.baseUrl}/api/instances/${instanceId}/services/import${query}`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${client.token}` },
    });
    return { status: res.status, body: (await res.json()) as any };
  }
  const services = async () => (await changeGroup.get(`/api/instances/${instanceId}/services`)).body;
  const history = async () => (await changeGroup.get(`/api/instances/${instanceId}/history`)).body as Array<{ type: string }>;

  it('reports each row’s problems by row and column, as the import would refuse them, and saves nothing', async () => {
    const before = (await history()).length;
    const dry = await upload([HEADER, ...GOOD, BAD], '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ instanceId, mode: 'replace', count: 3, valid: false, problems: [], totalEuros: 146000 });
    expect(dry.body.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(dry.body.rows[0]).toMatchObject({ values: { service: 'Nuorisotalo', euros: 100000, users: { '13-17': 300 } }, problems: [] });
    expect(dry.body.rows[1]).toMatchObject({ values: { providerType: 'wellbeing-county', targeting: 'family-targeted' }, problems: [] });
    expect(dry.body.rows[2].values).toMatchObject({ service: 'Kerho', euros: 'kaksikymmentä' });
    expect(dry.body.rows[2].problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'row 4 column Euroa', code: 'type', field: 'euros', column: 'Euroa' }),
        expect.objectContaining({ path: 'row 4 column Tuottajatyyppi', code: 'enum', field: 'providerType', column: 'Tuottajatyyppi' }),
        expect.objectContaining({ path: 'row 4 column Ikäryhmät', code: 'minItems', field: 'ageGroups' }),
      ]),
    );
    // The same file imported for real is refused with exactly these problems.
    const refused = await upload([HEADER, ...GOOD, BAD], '');
    expect(refused.status).toBe(422);
    const strip = ({ field: _f, column: _c, ...p }: Record<string, unknown>) => p;
    expect(refused.body.errors).toEqual(dry.body.rows[2].problems.map(strip));

    // A good file's dry run would save, and still saves nothing.
    const fine = await upload([HEADER, ...GOOD], '?dryRun=true&mode=append');
    expect(fine.status).toBe(200);
    expect(fine.body).toMatchObject({ valid: true, count: 2, mode: 'append' });
    expect(await services()).toMatchObject({ count: 0, services: [] });
    expect((await history()).length).toBe(before);
  });

  it('reports the file’s own problems apart from the rows, and refuses what the import refuses', async () => {
    const header = await upload(['Palvelu;Euroa;Väri', 'Kerho;5;sininen'], '?dryRun=true');
    expect(header.status).toBe(200);
    expect(header.body.valid).toBe(false);
    expect(header.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown-column' }),
        expect.objectContaining({ code: 'missing-column', path: 'row 1 column providerType' }),
      ]),
    );
    expect((await upload([HEADER], '?dryRun=true')).body.problems).toEqual([expect.objectContaining({ code: 'empty' })]);
    // Someone outside the mapping body is refused the dry run as the import refuses them: a case they do not see is not there.
    const outsider = await memberOf(api, 'kaupunginhallitus', 'member');
    for (const query of ['?dryRun=true', '']) expect((await upload([HEADER, ...GOOD], query, outsider)).status).toBe(404);
  });

  it('lets the real import after a dry run save the rows', async () => {
    const dry = await upload([HEADER, ...GOOD], '?dryRun=true');
    expect(dry.body.valid).toBe(true);
    const imported = await upload([HEADER, ...GOOD], '?mode=replace');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ count: 2, totalEuros: 146000 });
    expect((await services()).services.map((s: { service: string }) => s.service)).toEqual(['Nuorisotalo', 'Perheneuvola']);
    expect((await history()).filter((e) => e.type === 'services.imported')).toHaveLength(1);
  });
});
