import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type Client, type TestApi } from '../support/api.js';
import { bpmn } from '../support/bpmn.js';
import { openTask } from '../support/process.js';
import { heading, launchBrowser, openPage, screenshot, seriousViolations, signIn, visit } from './browser.js';

/** The mapping's services imported from a CSV file in the browser: checked and previewed first, saved only when confirmed. */
const PROCESS = 'web-mapping-import';
const DIAGRAM = bpmn(PROCESS, { name: 'Palvelutuonti' })
  .start()
  .userTask('mapping', { name: 'Palveluiden kartoitus', body: 'muutosryhma', form: 'kaari:service-mapping' })
  .end()
  .xml();

const HEADER = 'Palvelu;Tuottajatyyppi;Tuottaja;Toimiala;Ikäryhmät;Kohdentuminen;Euroa';
const GOOD = [
  'Nuorisotalo Kupittaa;city-sector;Vapaa-aikatoimiala;youth;13-17;age-targeted;"450 000,00"',
  'Perheneuvola;Hyvinvointialue;Varha;social-welfare;;family-targeted;285000',
];
const BAD = 'Partiolippukunta;ngo;Turun Partio;youth;7-12;age-targeted;kuusikymmentätuhatta';
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('Web app: importing the mapping from a file', () => {
  let api: TestApi;
  let browser: Browser;
  let member: Client;
  let instanceId: string;
  let taskId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    expect((await api.admin.post('/api/definitions', DIAGRAM)).status).toBe(201);
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Nuorisopalveluiden kartoitus' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    member = await api.as('kalle.kartoitus');
    taskId = (await openTask(member, instanceId, 'mapping')).id;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const inventory = async () => (await member.get(`/api/instances/${instanceId}/services`)).body as { count: number; services: Array<{ service: string }> };

  it('previews a file with a bad row and saves nothing; a good file is imported only when confirmed, into the form and the case', async () => {
    const { page: p, errors } = await openPage(browser);
    await signIn(p, api, 'kalle.kartoitus', DEMO_PASSWORD);
    await visit(p, api, `/tasks/${taskId}`);
    const file = p.getByLabel('Tuo CSV- tai Excel-tiedosto');

    // Sent slowly, the upload shows its progress.
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 16 * 1024 });
    const padding = Array.from({ length: 400 }, (_, i) => `Kerho ${i};ngo;Seura;youth;7-12;age-targeted;100`);
    await file.setInputFiles({ name: 'kartoitus-virhe.csv', mimeType: 'text/csv', buffer: csv([HEADER, ...GOOD, BAD, ...padding]) });
    const progress = p.locator('.upload-progress progress');
    await progress.waitFor();
    await p.getByText(/Lähetetään tiedostoa tarkistettavaksi… \d+ %/).waitFor();
    // The bar moves while the bytes go out (the page's CSP allows no string predicate: polled from here).
    const sent = async () => Number(await progress.getAttribute('value'));
    for (let value = await sent(); !(value > 0 && value < 100); value = await sent()) await p.waitForTimeout(20);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // The preview: the rows, the bad one with its problem in Finnish, and no way to import it.
    await p.getByRole('heading', { name: 'Esikatselu: kartoitus-virhe.csv' }).waitFor();
    await p.getByText('Tiedostossa on virheitä, joten siitä ei tuoda mitään.').waitFor();
    const badRow = p.locator('.import-rows tr.invalid');
    expect(await badRow.count()).toBe(1);
    expect(await badRow.locator('th').textContent()).toBe('Partiolippukunta');
    expect(await badRow.locator('td').first().textContent()).toBe('4');
    expect(await badRow.locator('td').last().textContent()).toBe('Kustannus (€/v): Väärän tyyppinen arvo.');
    // A long file shows its first rows and every bad one, and says how many more there are.
    expect(await p.locator('.import-rows tbody tr').count()).toBe(200);
    await p.getByText('203 muuta virheetöntä riviä ei näy tässä.').waitFor();
    expect(await p.getByRole('button', { name: /^Tuo \d+ palvelu/ }).count()).toBe(0);
    expect(await seriousViolations(p)).toEqual([]);
    await screenshot(p, 'mapping-import-errors');

    // Cancelled, nothing was saved; the file can be chosen again from the keyboard.
    await p.getByRole('button', { name: 'Peruuta' }).click();
    expect(await p.locator('.import-preview').count()).toBe(0);
    expect(await p.evaluate(`document.activeElement?.getAttribute('type')`)).toBe('file');
    expect(await inventory()).toMatchObject({ count: 0 });

    // A good file: previewed, then imported when confirmed.
    await file.setInputFiles({ name: 'kartoitus.csv', mimeType: 'text/csv', buffer: csv([HEADER, ...GOOD]) });
    await p.getByText('Tiedostossa on 2 palvelua, yhteensä 735 000 €. Mitään ei ole vielä tallennettu.').waitFor();
    expect(await p.locator('.import-rows tr.invalid').count()).toBe(0);
    expect(await inventory()).toMatchObject({ count: 0 });
    expect(await p.getByLabel('Korvaa asian nykyiset palvelut (0)').isChecked()).toBe(true);
    expect(await seriousViolations(p)).toEqual([]);
    await screenshot(p, 'mapping-import-preview');
    await p.getByRole('button', { name: 'Tuo 2 palvelua' }).click();
    await p.getByText('Tuotiin 2 palvelua. Ne näkyvät nyt lomakkeen palveluissa.').waitFor();
    expect((await inventory()).services.map((s) => s.service)).toEqual(['Nuorisotalo Kupittaa', 'Perheneuvola']);

    // The form's service rows are the imported ones.
    expect(await p.locator('[name="services.0.service"]').inputValue()).toBe('Nuorisotalo Kupittaa');
    expect(await p.locator('[name="services.1.service"]').inputValue()).toBe('Perheneuvola');
    expect(await p.locator('[name="services.1.providerName"]').inputValue()).toBe('Varha');
    await screenshot(p, 'mapping-import-done');

    // Completed, the case holds them: its mapping lists both services, and nothing was removed.
    await p.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    await p.getByText('Tehtävä on valmis ja asia siirtyi eteenpäin.').waitFor();
    expect((await inventory()).services.map((s) => s.service)).toEqual(['Nuorisotalo Kupittaa', 'Perheneuvola']);
    await visit(p, api, `/instances/${instanceId}`);
    await heading(p, 'Asia: Nuorisopalveluiden kartoitus');
    const services = p.locator('.services-table tbody th');
    await services.first().waitFor();
    expect(await services.allTextContents()).toEqual(['Nuorisotalo Kupittaa', 'Perheneuvola']);
    expect(errors).toEqual([]);
    await p.context().close();
  });
});
