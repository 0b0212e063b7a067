import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type Client, type TestApi } from '../support/api.js';
import { bpmn } from '../support/bpmn.js';
import { openTask } from '../support/process.js';
import { launchBrowser, openPage, screenshot, seriousViolations, signIn, visit } from './browser.js';

/**
 * The mapping form's totals follow the rows as they are edited, in the browser, before anything
 * is saved: euros and person-years in all and per provider type, and euros per age group as the
 * children's budget allocates them (a universal service by population shares of the default
 * population: 0–6 6 %, 7–12 5.5 %, 13–17 4.5 %, 18–29 19 %).
 */
const PROCESS = 'web-mapping-totals';
const DIAGRAM = bpmn(PROCESS, { name: 'Kartoituksen summat' })
  .start()
  .userTask('mapping', { name: 'Palveluiden kartoitus', body: 'muutosryhma', form: 'kaari:service-mapping' })
  .end()
  .xml();

/** A table's rows as their cells' text, whitespace made plain (Intl's fi-FI groups with no-break spaces). */
async function rows(p: Page, table: string, part: 'tbody' | 'tfoot'): Promise<string[][]> {
  return p
    .locator(`#${table} ${part} tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

describe('Web app: the mapping form’s live totals', () => {
  let api: TestApi;
  let browser: Browser;
  let mapper: Client;
  let instanceId: string;
  let p: Page;
  let errors: string[];

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: process.env.KAARI_WEB_DIST ?? 'apps/web/dist' } }), launchBrowser()]);
    expect((await api.admin.post('/api/definitions', DIAGRAM)).status).toBe(201);
    mapper = await api.as('kalle.kartoitus');
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Kartoituksen summat' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    ({ page: p, errors } = await openPage(browser));
    await signIn(p, api, 'kalle.kartoitus', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('updates the totals per provider type and age group as a service is added, its euros changed and a service removed', async () => {
    const task = await openTask(mapper, instanceId, 'mapping');
    await visit(p, api, `/tasks/${task.id}`);
    // Nothing of the editing goes to the server but the draft: no page load, no change to the inventory.
    const writes: string[] = [];
    p.on('request', (r) => {
      if (r.method() !== 'GET' && !r.url().endsWith('/draft')) writes.push(`${r.method()} ${r.url()}`);
    });
    await p.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));

    const providers = () => rows(p, 'mapping-totals-providers', 'tbody');
    const providersTotal = () => rows(p, 'mapping-totals-providers', 'tfoot');
    const ages = () => rows(p, 'mapping-totals-ages', 'tbody');
    await p.getByRole('table', { name: 'Palvelut, kustannukset ja henkilötyövuodet tuottajatyypeittäin' }).waitFor();
    expect(await providersTotal()).toEqual([['Yhteensä', '0', '0 €', '0']]);

    const add = p.locator('#form-services').getByRole('button', { name: 'Lisää rivi' });
    await add.click();
    await p.locator('[name="services.0.service"]').fill('Nuorisotalo');
    await p.locator('[name="services.0.providerType"]').selectOption('ngo');
    await p.locator('[name="services.0.providerName"]').fill('Nuorten Ystävät');
    await p.locator('[name="services.0.sector"]').selectOption('education');
    await p.locator('[name="services.0.targeting"]').selectOption('age-targeted');
    await p.locator('#form-services-0-ageGroups-13-17').check();
    await p.locator('[name="services.0.euros"]').fill('60000');
    await p.locator('[name="services.0.personYears"]').fill('1.5');
    // Its users by age group are known: allocated by them, no estimate.
    await p.locator('[name="services.0.users.13-17"]').fill('40');
    expect(await providers()).toEqual([['Järjestö', '1', '60 000 €', '1,5']]);
    expect(await providersTotal()).toEqual([['Yhteensä', '1', '60 000 €', '1,5']]);
    expect(await ages()).toEqual([
      ['0–6 v', '0 €', '0 €'],
      ['7–12 v', '0 €', '0 €'],
      ['13–17 v', '60 000 €', '0 €'],
      ['18–29 v', '0 €', '0 €'],
    ]);

    // A universal service: by each group's share of the whole population, an estimate; the rest is over 29.
    await add.click();
    await p.locator('[name="services.1.service"]').fill('Kirjasto');
    await p.locator('[name="services.1.providerType"]').selectOption('city-sector');
    await p.locator('[name="services.1.providerName"]').fill('Kaupunginkirjasto');
    await p.locator('[name="services.1.sector"]').selectOption('culture');
    await p.locator('[name="services.1.targeting"]').selectOption('universal');
    await p.locator('[name="services.1.euros"]').fill('200000');
    await p.locator('[name="services.1.personYears"]').fill('3');
    expect(await providers()).toEqual([
      ['Kaupungin toimiala', '1', '200 000 €', '3'],
      ['Järjestö', '1', '60 000 €', '1,5'],
    ]);
    expect(await providersTotal()).toEqual([['Yhteensä', '2', '260 000 €', '4,5']]);
    expect(await ages()).toEqual([
      ['0–6 v', '12 000 €', '12 000 €'],
      ['7–12 v', '11 000 €', '11 000 €'],
      ['13–17 v', '69 000 €', '9 000 €'],
      ['18–29 v', '38 000 €', '38 000 €'],
    ]);
    expect(await rows(p, 'mapping-totals-ages', 'tfoot')).toEqual([
      ['Ikäryhmille yhteensä', '130 000 €', '70 000 €'],
      ['Kaikille kuntalaisille suunnattujen palveluiden yli 29-vuotiaiden osuus', '130 000 €', '–'],
    ]);
    await screenshot(p, 'mapping-totals');
    expect(await seriousViolations(p)).toEqual([]);

    // The youth centre's euros changed: every total follows.
    await p.locator('[name="services.0.euros"]').fill('90000');
    expect(await providersTotal()).toEqual([['Yhteensä', '2', '290 000 €', '4,5']]);
    expect((await ages())[2]).toEqual(['13–17 v', '99 000 €', '9 000 €']);

    // Removed: its provider type goes from the table and its euros from every total.
    await p.getByRole('button', { name: 'Poista rivi 1' }).click();
    expect(await providers()).toEqual([['Kaupungin toimiala', '1', '200 000 €', '3']]);
    expect(await providersTotal()).toEqual([['Yhteensä', '1', '200 000 €', '3']]);
    expect((await ages())[2]).toEqual(['13–17 v', '9 000 €', '9 000 €']);

    expect(await p.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(writes).toEqual([]);

    // In the reader's language and number format (the switch keeps the form as it is).
    await p.getByRole('button', { name: 'English' }).click();
    await p.getByRole('table', { name: 'Services, costs and person-years by provider type' }).waitFor();
    expect(await providersTotal()).toEqual([['Total', '1', '€200,000', '3']]);
    expect(await p.getByRole('table', { name: /Costs by age group, allocated as in the children's budget/ }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
