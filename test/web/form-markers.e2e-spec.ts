import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type Client, type TestApi } from '../support/api.js';
import { bpmn } from '../support/bpmn.js';
import { openTask } from '../support/process.js';
import { launchBrowser, openPage, screenshot, signIn, visit } from './browser.js';

/**
 * A form marks a field required (*) exactly when the server will refuse it empty — conditions
 * included — an error says why, an error goes as soon as its field is changed, and an impact
 * names its alternative from the alternatives entered, not by a retyped id.
 */
const PROCESS = 'web-form-markers';
const DIAGRAM = bpmn(PROCESS, { name: 'Lomakkeen merkinnät' })
  .start()
  .userTask('mapping', { name: 'Palveluiden kartoitus', body: 'muutosryhma', form: 'kaari:service-mapping' })
  .userTask('assessment', { name: 'Lapsivaikutusten arviointi', body: 'muutosryhma', form: 'kaari:child-impact-assessment' })
  .end()
  .xml();

describe('Web app: form markers match the schema', () => {
  let api: TestApi;
  let browser: Browser;
  let mapper: Client;
  let instanceId: string;
  let p: Page;
  let errors: string[];

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    expect((await api.admin.post('/api/definitions', DIAGRAM)).status).toBe(201);
    mapper = await api.as('kalle.kartoitus');
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Lomakkeen merkinnät' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    ({ page: p, errors } = await openPage(browser));
    await signIn(p, api, 'kalle.kartoitus', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const legend = (id: string) => p.locator(`#${id} > legend`);

  it('marks a service’s target age groups only when it is age-targeted, and saves a family-targeted one without any', async () => {
    const task = await openTask(mapper, instanceId, 'mapping');
    await visit(p, api, `/tasks/${task.id}`);
    await p.getByRole('button', { name: 'Lisää rivi' }).first().click();
    await p.locator('[name="services.0.service"]').fill('Perheneuvola');
    await p.locator('[name="services.0.providerType"]').selectOption('wellbeing-county');
    await p.locator('[name="services.0.providerName"]').fill('Varha');
    await p.locator('[name="services.0.sector"]').selectOption('social-welfare');
    await p.locator('[name="services.0.euros"]').fill('285000');
    // Always required: marked. Target age groups: not yet, nothing says the service is age-targeted.
    await expect(p.locator('label[for="form-services-0-service"]').innerText()).resolves.toMatch(/\*$/);
    await expect(legend('form-services-0-ageGroups').innerText()).resolves.not.toMatch(/\*/);
    await p.locator('[name="services.0.targeting"]').selectOption('age-targeted');
    await expect(legend('form-services-0-ageGroups').innerText()).resolves.toMatch(/\*/);
    await screenshot(p, 'form-markers-age-targeted');
    await p.locator('[name="services.0.targeting"]').selectOption('family-targeted');
    await expect(legend('form-services-0-ageGroups').innerText()).resolves.not.toMatch(/\*/);
    // …and the server agrees: a family-targeted service without target age groups is saved.
    await p.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    await p.getByText('Tehtävä on valmis ja asia siirtyi eteenpäin.').waitFor();
    const inventory = (await mapper.get(`/api/instances/${instanceId}/services`)).body;
    expect(inventory.services).toEqual([expect.objectContaining({ service: 'Perheneuvola', targeting: 'family-targeted', ageGroups: [] })]);
  });

  it('clears the "too few rows" error once a row is added, offers the alternatives entered, and says why a mitigation is needed', async () => {
    const task = await openTask(mapper, instanceId, 'assessment');
    await visit(p, api, `/tasks/${task.id}`);
    // Nobody types an id: the form names the alternatives itself.
    await p.locator('#form-alternatives').getByRole('button', { name: 'Lisää rivi' }).click();
    await p.locator('[name="alternatives.0.title"]').fill('Nykytila');
    expect(await p.locator('[name="alternatives.0.id"]').count()).toBe(0);
    await p.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    const alternativesError = p.locator('#form-alternatives-error');
    await alternativesError.waitFor();
    expect(await alternativesError.innerText()).toMatch(/Liian vähän/);
    await expect(p.locator('#form-summary').innerText()).resolves.toMatch(/Vaihtoehdot/);

    // The list must hold a "no change" alternative: the row says so, not a bare "required".
    expect(await p.locator('#form-summary').innerText()).toMatch(/Yksi vaihtoehdoista on nykytila/);
    // Typing in a row does not add the row the list lacks; the error stays…
    await p.locator('[name="alternatives.0.title"]').fill('Nykytila (ei muutosta)');
    expect(await alternativesError.count()).toBe(1);
    // …one row added, and it goes at once, from the field and from the summary.
    await p.locator('#form-alternatives').getByRole('button', { name: 'Lisää rivi' }).click();
    await alternativesError.waitFor({ state: 'detached' });
    expect(await p.locator('#form-summary').innerText()).not.toMatch(/Vaihtoehdot: /);
    await p.locator('[name="alternatives.1.title"]').fill('Maksuton harrastus koulupäivän yhteydessä');
    // The impact picks its alternative by title.
    await p.locator('#form-impacts').getByRole('button', { name: 'Lisää rivi' }).click();
    const alternative = p.locator('[name="impacts.0.alternative"]');
    expect((await alternative.locator('option').allInnerTexts()).slice(1)).toEqual(['Nykytila (ei muutosta)', 'Maksuton harrastus koulupäivän yhteydessä']);
    await alternative.selectOption({ label: 'Maksuton harrastus koulupäivän yhteydessä' });
    expect(await alternative.inputValue()).toBe('B');

    // A negative impact makes the mitigation required: marked, and its error says why.
    await expect(p.locator('label[for="form-mitigation"]').innerText()).resolves.not.toMatch(/\*/);
    await p.locator('[name="impacts.0.longTerm"]').selectOption('negative');
    await expect(p.locator('label[for="form-mitigation"]').innerText()).resolves.toMatch(/\*/);
    await p.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    await p.locator('#form-mitigation-error').filter({ hasText: 'Kielteinen vaikutus edellyttää haittojen lieventämistä.' }).waitFor();
    await screenshot(p, 'form-markers-mitigation');
    expect(errors).toEqual([]);
  });
});
