import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startApi, type TestApi } from './support/api.js';

/**
 * Diagram texts in three languages (issue 16): the names a diagram carries in Swedish and English
 * (kaari:nameSv, kaari:nameEn) are kept with each deployed version and returned with it, to anyone
 * who reads the processes, beside the diagram's own (Finnish) name.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

describe('Translated names of a deployed diagram', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('returns the shipped process’s names in Finnish, Swedish and English to a member', async () => {
    const member = await api.as('kalle.kartoitus');
    const res = await member.get('/api/definitions/cross-sector-measure');
    expect(res.status).toBe(200);
    const names = res.body.names as Array<{ id: string; name: string | null; sv: string | null; en: string | null }>;
    expect(names).toEqual(
      expect.arrayContaining([
        { id: 'cross-sector-measure', name: 'Poikkihallinnollinen toimenpide', sv: 'Sektorsövergripande åtgärd', en: 'Cross-sector measure' },
        { id: 'decision', name: 'Kaupunginhallituksen päätös', sv: 'Stadsstyrelsens beslut', en: 'Decision of the city board' },
        { id: 'review', name: 'Hyvinvoinnin johtoryhmän käsittely', sv: 'Välfärdsledningsgruppens behandling', en: 'Review by the wellbeing management group' },
        { id: 'review-outcome', name: 'Käsittelyn tulos?', sv: 'Behandlingens resultat?', en: 'Outcome of the review?' },
        { id: 'flow-decision-tabled', name: 'Pöydälle', sv: 'Bordlagt', en: 'Tabled' },
      ]),
    );
    // Every named element is translated into both.
    expect(names.filter((n) => n.name && (!n.sv || !n.en))).toEqual([]);
    const list = await member.get('/api/definitions');
    expect(list.body.find((d: { key: string }) => d.key === 'cross-sector-measure').names).toEqual(names);
  });

  it('keeps each version’s own names: a new translation is in the new version, the old one in the old', async () => {
    const shipped = await readFile(path.join(ROOT, 'processes/cross-sector-measure.bpmn'), 'utf8');
    const xml = shipped
      .replace('<bpmn:process id="cross-sector-measure"', '<bpmn:process id="names-versions"')
      .replace('bpmnElement="cross-sector-measure"', 'bpmnElement="names-versions"');
    expect((await api.admin.post('/api/definitions', xml)).status).toBe(201);
    const second = xml.replace('kaari:nameSv="Stadsstyrelsens beslut"', 'kaari:nameSv="Stadsstyrelsens beslut i ärendet"');
    expect((await api.admin.post('/api/definitions', second)).status).toBe(201);
    const versions = (await api.admin.get('/api/definitions/names-versions/versions')).body as Array<{
      version: number;
      names: Array<{ id: string; sv: string }>;
    }>;
    const sv = (v: number) => versions.find((x) => x.version === v)!.names.find((n) => n.id === 'decision')!.sv;
    expect(sv(2)).toBe('Stadsstyrelsens beslut i ärendet');
    expect(sv(1)).toBe('Stadsstyrelsens beslut');
  });

  it('refuses a misspelt translation attribute as a deploy would refuse any unknown attribute', async () => {
    const res = await api.admin.post(
      '/api/definitions/validate',
      (await readFile(path.join(ROOT, 'processes/cross-sector-measure.bpmn'), 'utf8')).replace('kaari:nameSv="Stadsstyrelsens beslut"', 'kaari:nameSwe="x"'),
    );
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([expect.objectContaining({ elementId: 'decision', code: 'unknown-element' })]);
  });
});
