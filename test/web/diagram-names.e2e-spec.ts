import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { openTask } from '../support/process.js';
import { contains, heading, launchBrowser, openPage, screenshot, visit } from './browser.js';

/**
 * Diagram texts in the reader's language (issue 16): a member who reads Kaari in Swedish sees the
 * shipped process's steps by their Swedish names (kaari:nameSv) — in the task list, on the task,
 * in the case's open tasks and history and on its diagram — and a Finnish member the diagram's own.
 */
describe('Diagram names in the browser', () => {
  let api: TestApi;
  let browser: Browser;
  let instanceId: string;
  let taskId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: process.env.KAARI_WEB_DIST ?? 'apps/web/dist' } }), launchBrowser()]);
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Nimet kolmella kielellä' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    taskId = (await openTask(api.admin, instanceId, 'mapping')).id;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function signInIn(page: Page, language: string, username: string): Promise<void> {
    await page.goto(api.baseUrl + '/');
    await page.getByRole('button', { name: language }).click();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('header nav[aria-label]').waitFor();
  }

  it('shows a Swedish-speaking member the steps by their Swedish names, and a Finnish one by the Finnish', async () => {
    const { page, errors } = await openPage(browser);
    await signInIn(page, 'Svenska', 'kalle.kartoitus');
    await visit(page, api, '/tasks');
    await page.getByRole('link', { name: 'Kartläggning av tjänster och resurser' }).waitFor();
    await visit(page, api, `/tasks/${taskId}`);
    await heading(page, 'Kartläggning av tjänster och resurser');
    await screenshot(page, 'diagram-names-sv-task');

    await visit(page, api, `/instances/${instanceId}`);
    await page.locator('#open-h').waitFor();
    await page.getByRole('link', { name: 'Kartläggning av tjänster och resurser' }).waitFor();
    // The diagram's labels, the flows' and the events' included, are the Swedish ones.
    await contains(page, '.diagram-figure svg', 'Stadsstyrelsens beslut');
    await contains(page, '.diagram-figure svg', 'Bordlagt');
    expect(await page.locator('.diagram-figure .djs-container').textContent()).not.toContain('Kaupunginhallituksen');
    await screenshot(page, 'diagram-names-sv-case');
    expect(errors).toEqual([]);
    await page.context().close();

    const fi = await openPage(browser);
    await signInIn(fi.page, 'Suomi', 'ville.vaikutus');
    await visit(fi.page, api, `/tasks/${taskId}`);
    await heading(fi.page, 'Palveluiden ja resurssien kartoitus');
    await visit(fi.page, api, `/instances/${instanceId}`);
    await contains(fi.page, '.diagram-figure svg', 'Kaupunginhallituksen');
    expect(fi.errors).toEqual([]);
    await fi.page.context().close();
  });
});
