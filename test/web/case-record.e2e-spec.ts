import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type Client, type TestApi } from '../support/api.js';
import { bpmn } from '../support/bpmn.js';
import { decision, FOUR_SERVICES, RETURNED_REVIEW, review, screening } from '../support/governance.js';
import { openTask } from '../support/process.js';
import { contains, heading, launchBrowser, openPage, screenshot, signIn, visit } from './browser.js';

/**
 * The shipped process's first half as its real roles walk it: mapping, review (returned once),
 * screening and assessment. The review is a task a member completes here; in the shipped process
 * the group's meeting decides it, which changes nothing of what each step shows.
 */
const PROCESS = 'web-case-record';
const DIAGRAM = bpmn(PROCESS, { name: 'Harrastamisen polku' })
  .start()
  .userTask('mapping', { name: 'Palveluiden kartoitus', body: 'muutosryhma', form: 'kaari:service-mapping' })
  .userTask('review', { name: 'Ohjausryhmän käsittely', body: 'hyvinvoinnin-johtoryhma', form: 'kaari:steering-review' })
  .exclusiveGateway('reviewed')
  .when("${environment.variables.reviewOutcome == 'returned'}")
  .userTask('mapping')
  .from('reviewed')
  .when("${environment.variables.reviewOutcome != 'returned'}")
  .userTask('screening', { name: 'Esiarviointi', body: 'muutosryhma', form: 'kaari:child-impact-screening' })
  .userTask('assessment', { name: 'Lapsivaikutusten arviointi', body: 'muutosryhma', form: 'kaari:child-impact-assessment' })
  .end()
  .xml();

/** A decision of the board (a member completes it here), then the appeal period Kaari waits out itself. */
const APPEAL = bpmn('web-appeal-wait', { name: 'Päätös ja muutoksenhaku' })
  .start()
  .userTask('screening', { name: 'Esiarviointi', body: 'muutosryhma', form: 'kaari:child-impact-screening' })
  .userTask('decision', { name: 'Kaupunginhallituksen päätös', body: 'kaupunginhallitus', form: 'kaari:council-decision' })
  .raw(
    '<bpmn:manualTask id="appeal-period" name="Muutoksenhakuaika" /><bpmn:endEvent id="final" />' +
      '<bpmn:sequenceFlow id="a1" sourceRef="decision" targetRef="appeal-period" /><bpmn:sequenceFlow id="a2" sourceRef="appeal-period" targetRef="final" />',
  )
  .xml();

describe('Web app: the case is one record — each step shows what it decides on, every document reads as a document', () => {
  let api: TestApi;
  let browser: Browser;
  let director: Client;
  let mapper: Client;
  let reviewer: Client;
  let instanceId: string;
  const scriptErrors = new Map<Page, string[]>();

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    expect((await api.admin.post('/api/definitions', DIAGRAM)).status).toBe(201);
    director = await api.as('maija.muutos');
    mapper = await api.as('kalle.kartoitus');
    reviewer = await api.as('helena.hyvinvointi');
    const started = await director.post('/api/instances', {
      definitionKey: PROCESS,
      variables: { title: 'Harrastamisen Suomen malli Turussa', description: 'Koululaisille maksuton harrastus koulupäivän yhteydessä.' },
    });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    await complete(mapper, 'mapping', { services: FOUR_SERVICES, dataSources: 'Talousarvio 2026' });
    await complete(reviewer, 'review', { ...RETURNED_REVIEW, returnReasons: 'Seurakunnan nuorisotyö puuttuu kartoituksesta.' });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function complete(client: Client, activityId: string, data: Record<string, unknown>) {
    const task = await openTask(client, instanceId, activityId);
    const res = await client.post(`/api/tasks/${task.id}/complete`, { data });
    if (res.status !== 200) throw new Error(`completing ${activityId}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async function page(username: string): Promise<Page> {
    const { page: p, errors } = await openPage(browser);
    scriptErrors.set(p, errors);
    await signIn(p, api, username, DEMO_PASSWORD);
    return p;
  }

  async function done(p: Page): Promise<void> {
    expect(scriptErrors.get(p)).toEqual([]);
    await p.context().close();
  }

  it('the mapper opens the returned mapping on the case’s four services and the reasons, adds one, removes one, and the case keeps four', async () => {
    const task = await openTask(mapper, instanceId, 'mapping');
    const p = await page('kalle.kartoitus');
    await visit(p, api, `/tasks/${task.id}`);
    await contains(p, '.step-context', 'Seurakunnan nuorisotyö puuttuu kartoituksesta.');
    // The form starts from the record: the four services, as they stand.
    await p.locator('[name="services.3.service"]').waitFor();
    expect(await p.locator('[name$=".service"]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value))).toEqual(
      FOUR_SERVICES.map((s) => s.service),
    );
    expect(await p.locator('[name="dataSources"]').inputValue()).toBe('Talousarvio 2026');
    await screenshot(p, 'mapping-returned');

    await p.getByRole('button', { name: 'Poista rivi 4' }).click();
    await p.getByRole('button', { name: 'Lisää rivi' }).first().click();
    await p.locator('[name="services.3.service"]').fill('Seurakunnan nuorisotyö');
    await p.locator('[name="services.3.providerType"]').selectOption('parish');
    await p.locator('[name="services.3.providerName"]').fill('Turun seurakuntayhtymä');
    await p.locator('[name="services.3.sector"]').selectOption('youth');
    await p.locator('[name="services.3.ageGroups"][value="13-17"]').check();
    await p.locator('[name="services.3.targeting"]').selectOption('age-targeted');
    await p.locator('[name="services.3.euros"]').fill('120000');
    await p.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    await p.getByText('Tehtävä on valmis ja asia siirtyi eteenpäin.').waitFor();
    await done(p);

    const inventory = (await mapper.get(`/api/instances/${instanceId}/services`)).body;
    expect(inventory.services.map((s: { service: string }) => s.service)).toEqual([
      'Perusopetuksen iltapäivätoiminta',
      'Nuorisotalo Kupittaa',
      'Perheneuvola',
      'Seurakunnan nuorisotyö',
    ]);
    const history = (await director.get(`/api/instances/${instanceId}/history`)).body as Array<{ type: string; details: { service?: string } }>;
    expect(history.filter((h) => h.type === 'service.removed').map((h) => h.details.service)).toEqual(['Partiolippukunta']);
    expect(
      history
        .filter((h) => h.type === 'service.added')
        .map((h) => h.details.service)
        .at(-1),
    ).toBe('Seurakunnan nuorisotyö');
  });

  it('the reviewer sees the mapping under review: services, providers, euros per age group and the totals', async () => {
    const task = await openTask(reviewer, instanceId, 'review');
    const p = await page('helena.hyvinvointi');
    await visit(p, api, `/tasks/${task.id}`);
    const services = p.locator('.step-context table.services-table');
    await services.locator('tbody tr').nth(3).waitFor();
    expect(await services.locator('tbody th').allInnerTexts()).toEqual([
      'Perusopetuksen iltapäivätoiminta',
      'Nuorisotalo Kupittaa',
      'Perheneuvola',
      'Seurakunnan nuorisotyö',
    ]);
    await contains(p, '.step-context .services-table tbody tr', /Turun seurakuntayhtymä \(Seurakunta\)/);
    // 900 000 + 450 000 + 285 000 + 120 000 €, written the Finnish way.
    await contains(p, '.step-context .services-table tfoot', /1\s755\s000\s€/);
    const byAge = p.locator('.step-context table').filter({ hasText: 'Kustannukset ikäryhmittäin' });
    await byAge.waitFor();
    expect(await byAge.locator('thead th').allInnerTexts()).toEqual(expect.arrayContaining(['0–6 v', '7–12 v', '13–17 v', '18–29 v']));
    await contains(p, '.step-context', 'Kaupungin toimiala');
    // The review is decided afresh: the last round's outcome and reasons are not carried over, its body is.
    expect(await p.locator('[name="reviewOutcome"]').inputValue()).toBe('');
    expect(await p.locator('[name="returnReasons"]').inputValue()).toBe('');
    expect(await p.locator('[name="meeting.body"]').inputValue()).toBe('hyvinvoinnin-johtoryhma');
    await screenshot(p, 'review-context');
    await done(p);
  });

  it('the assessor sees the screening, and the assessment starts from its groups', async () => {
    await complete(reviewer, 'review', review());
    await complete(mapper, 'screening', screening('directly', { justification: 'Muutos koskee koululaisten iltapäiviä suoraan.' }));
    const task = await openTask(mapper, instanceId, 'assessment');
    const p = await page('kalle.kartoitus');
    await visit(p, api, `/tasks/${task.id}`);
    await contains(p, '.step-context', 'Lapsivaikutusten esiarviointi');
    await contains(p, '.step-context', 'Muutos koskee koululaisten iltapäiviä suoraan.');
    await contains(p, '.step-context', 'Koululaiset');
    expect(await p.locator('[name="ageGroups"][value="13-17"]').isChecked()).toBe(true);
    expect(await p.locator('[name="affectedGroups"][value="school"]').isChecked()).toBe(true);
    await screenshot(p, 'assessment-context');
    await done(p);
  });

  it('the case page shows every document with its labels — no JSON, no codes, no form keys — and each prints on its own', async () => {
    const p = await page('maija.muutos');
    await visit(p, api, `/instances/${instanceId}`);
    await heading(p, 'Asia: Harrastamisen Suomen malli Turussa');
    const documents = p.locator('section[aria-labelledby="forms-h"] article.document');
    await documents.filter({ hasText: 'Ohjausryhmän käsittely' }).first().waitFor();
    const titles = await documents.locator('h3').allInnerTexts();
    expect(titles).toEqual(
      expect.arrayContaining(['Toimenpiteen käynnistäminen', 'Palveluiden ja resurssien kartoitus', 'Ohjausryhmän käsittely', 'Lapsivaikutusten esiarviointi']),
    );
    await contains(p, 'section[aria-labelledby="forms-h"]', 'Palautuksen perustelut');
    await contains(p, 'section[aria-labelledby="forms-h"]', 'Palautettu');
    // The history says what each completion decided.
    await contains(p, '.timeline', /Käsittelyn tulos: Palautettu/);
    await contains(p, '.timeline', 'Palvelu poistettiin kartoituksesta');
    const sections = await p.locator('main section').allInnerTexts();
    for (const text of sections) {
      expect(text).not.toContain('{"');
      expect(text).not.toMatch(/kaari:[a-z-]+/);
      expect(text).not.toMatch(/\b(reviewOutcome|childrenAffected|returnReasons|providerType|age-targeted|city-sector)\b/);
    }
    // A director is no administrator: the raw variables are not offered.
    expect(await p.getByText('Prosessin muuttujat (ylläpitäjille)').count()).toBe(0);
    await screenshot(p, 'case-documents');

    await documents.filter({ hasText: 'Lapsivaikutusten esiarviointi' }).getByRole('link', { name: 'Tulostettava versio' }).click();
    await p.waitForURL(/\/documents\//);
    await contains(p, 'article.printable', 'Muutos koskee koululaisten iltapäiviä suoraan.');
    await contains(p, 'article.printable', 'Harrastamisen Suomen malli Turussa');
    expect(await p.locator('article.printable').innerText()).not.toContain('{"');
    await p.getByRole('button', { name: 'Tulosta' }).waitFor();
    await screenshot(p, 'document-print');
    await done(p);
  });

  it('the appeal period is shown as a period with its end date and what can still happen, on the case and in the portfolio — not as work', async () => {
    expect((await api.admin.post('/api/definitions', APPEAL)).status).toBe(201);
    const started = await director.post('/api/instances', { definitionKey: 'web-appeal-wait', variables: { title: 'Nuorisotilojen aukiolo kesällä' } });
    const id = started.body.id;
    const screened = await mapper.post(`/api/tasks/${(await openTask(mapper, id, 'screening')).id}/complete`, { data: screening('no') });
    expect(screened.status).toBe(200);
    const board = await api.as('heikki.hallitus');
    const decided = await board.post(`/api/tasks/${(await openTask(board, id, 'decision')).id}/complete`, { data: decision() });
    expect(decided.status).toBe(200);
    const record = (await director.get(`/api/instances/${id}/decisions`)).body[0];
    expect(record.appealEndsAt).toEqual(expect.any(String));
    const ends = new Intl.DateTimeFormat('fi-FI', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' }).format(
      new Date(record.appealEndsAt),
    );

    const p = await page('maija.muutos');
    await visit(p, api, `/instances/${id}`);
    const wait = p.locator('section[aria-labelledby="open-h"] li.wait');
    await wait.filter({ hasText: `Oikaisuvaatimusaika päättyy ${ends}.` }).waitFor();
    await contains(p, 'section[aria-labelledby="open-h"] li.wait', 'voi tehdä oikaisuvaatimuksen');
    // Not a task: no link to work on it, no deadline wording, no hand-over.
    expect(await wait.locator('a').count()).toBe(0);
    expect(await p.locator('section[aria-labelledby="open-h"]').innerText()).not.toContain('ei määräaikaa');

    await visit(p, api, '/portfolio');
    const row = p.locator('tbody tr').filter({ hasText: 'Nuorisotilojen aukiolo kesällä' });
    await row.filter({ hasText: `Oikaisuvaatimusaika päättyy ${ends}.` }).waitFor();
    // The process by its name, not its key.
    await row.filter({ hasText: 'Päätös ja muutoksenhaku' }).waitFor();
    expect(await row.innerText()).not.toContain('web-appeal-wait');
    await screenshot(p, 'appeal-wait');
    await done(p);
  });
});
