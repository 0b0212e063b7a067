import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { TWO_SERVICES } from '../support/governance.js';
import { openTask } from '../support/process.js';
import { contains, demoUsers, heading, launchBrowser, openPage, screenshot, seriousViolations, signIn, visit } from './browser.js';

describe('Web app: languages, accessibility (axe-core, WCAG 2.1 AA) and phone widths', () => {
  let api: TestApi;
  let browser: Browser;
  let people: Awaited<ReturnType<typeof demoUsers>>;
  let instanceId: string;
  let taskId: string;
  let budgetServed: boolean;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    people = await demoUsers(api);
    const director = await api.as(people.director);
    const started = await director.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Harrastustakuu 2027' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    taskId = (await openTask(api.admin, instanceId, 'mapping')).id;
    // The change group's service inventory feeds the children's budget.
    const changeGroup = await api.as(await people.memberOf('muutosryhma'));
    const services = await changeGroup.put(`/api/instances/${instanceId}/services`, { services: TWO_SERVICES });
    // Until the governance module serves inventories and reports, the page says the report is not there.
    budgetServed = services.status !== 404;
    if (budgetServed) expect(services.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function expectAccessible(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect({ page: name, violations: await seriousViolations(page) }).toEqual({ page: name, violations: [] });
  }

  it('switches between Finnish and English (and Swedish), sets lang, and remembers the choice after a reload', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(api.baseUrl + '/');
    await heading(page, 'Kirjaudu sisään');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fi');

    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, 'Sign in');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.reload();
    await heading(page, 'Sign in');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');

    const member = await people.memberOf('muutosryhma');
    await page.getByLabel('Username').fill(member);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'My tasks');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Tasks' }).waitFor();
    await contains(page, '.task-list', 'Change group');

    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('sv');
    await heading(page, 'Mina uppgifter');

    await page.getByRole('button', { name: 'Suomi' }).click();
    await heading(page, 'Tehtäväni');
    await page.reload();
    await heading(page, 'Tehtäväni');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fi');
    await contains(page, '.task-list', 'Muutosryhmä');

    // The user menu says who is signed in and signs out.
    await page.locator('.user-menu > button').click();
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await heading(page, 'Kirjaudu sisään');
    await page.reload();
    await heading(page, 'Kirjaudu sisään');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe violations on the sign-in page and a member’s pages, and works by keyboard', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(api.baseUrl + '/');
    await expectAccessible(page, 'sign-in');
    // Keyboard only: the skip link comes first, then the form signs in with Enter.
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Siirry sisältöön');
    await page.locator('#username').focus();
    await page.keyboard.type(await people.memberOf('muutosryhma'));
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('.task-list').waitFor();
    await expectAccessible(page, 'tasks-member');
    await visit(page, api, `/tasks/${taskId}`);
    await page.locator('#form-h').waitFor();
    await expectAccessible(page, 'task-member');
    await visit(page, api, '/deputies');
    await page.locator('#deputy-who').waitFor();
    await expectAccessible(page, 'deputies-member');
    // A member sees the children's budget of a case they work on.
    await visit(page, api, `/reports/children-budget?instanceId=${instanceId}`);
    if (budgetServed) await contains(page, '.kpis', /300\s000/);
    else await page.getByText('Raportti ei ole vielä saatavilla.').waitFor();
    await expectAccessible(page, 'children-budget-case');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe violations on the director’s and admin’s pages', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, api, 'admin', ADMIN_PASSWORD);
    const routes: Array<[string, string, string]> = [
      ['portfolio', '/portfolio', 'tbody tr'],
      ['launch', '/portfolio/new', '#launch-process'],
      ['figures', '/figures', 'svg[role="img"]'],
      ['instance-admin', `/instances/${instanceId}`, '.djs-element.kaari-active'],
      ['processes', '/admin/processes', 'tbody tr'],
      ['modeler-admin', '/admin/modeler/cross-sector-measure', '.djs-element[data-element-id="review"]'],
      ['versions-admin', '/admin/processes/cross-sector-measure/versions', '.djs-element'],
      ['bodies', '/admin/bodies', 'tbody tr'],
      ['body', '/admin/bodies/muutosryhma', 'ol.chain li'],
      ['users', '/admin/users', 'tbody tr'],
      ['incidents', '/admin/incidents', 'main .empty, main .incident'],
      ['audit', '/audit', 'tbody tr'],
      ['children-budget', '/reports/children-budget', 'main .kpis, main .alert.info'],
      ['notifications', '/notifications', 'main .empty, main .notification'],
    ];
    for (const [name, route, ready] of routes) {
      await visit(page, api, route);
      await page.locator(ready).first().waitFor();
      await expectAccessible(page, name);
    }
    if (budgetServed) {
      // The director's CSV download holds the city-wide figures.
      await visit(page, api, '/reports/children-budget');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lataa CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('children-budget.csv');
      expect(readFileSync(await download.path(), 'utf8')).toContain('total,mapped,all,300000.00');
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(['sv', 'en'] as const)('has no serious or critical axe violations on the main pages in %s either', async (language) => {
    const { page, errors } = await openPage(browser);
    await page.goto(api.baseUrl + '/');
    await page.getByRole('button', { name: language === 'sv' ? 'Svenska' : 'English' }).click();
    await page.locator(`html[lang="${language}"]`).waitFor();
    await expectAccessible(page, `sign-in-${language}`);
    await page.locator('#username').fill(await people.memberOf('muutosryhma'));
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('.task-list').waitFor();
    await expectAccessible(page, `tasks-member-${language}`);
    await visit(page, api, `/tasks/${taskId}`);
    await page.locator('main form button[type=submit]').waitFor();
    await expectAccessible(page, `task-member-${language}`);
    await visit(page, api, `/instances/${instanceId}`);
    await page.locator('.djs-element').first().waitFor();
    await expectAccessible(page, `instance-member-${language}`);
    await visit(page, api, '/notifications');
    await page.locator('main .empty, main .notification').first().waitFor();
    await expectAccessible(page, `notifications-${language}`);
    await page.context().close();
    const admin = await openPage(browser);
    await admin.page.goto(api.baseUrl + '/');
    await admin.page.getByRole('button', { name: language === 'sv' ? 'Svenska' : 'English' }).click();
    await signIn(admin.page, api, 'admin', ADMIN_PASSWORD);
    for (const [name, route, ready] of [
      ['portfolio', '/portfolio', 'tbody tr'],
      ['launch', '/portfolio/new', '#launch-process'],
      ['figures', '/figures', 'svg[role="img"]'],
      ['modeler', '/admin/modeler/cross-sector-measure', '.djs-element[data-element-id="review"]'],
      ['bodies', '/admin/bodies', 'tbody tr'],
      ['audit', '/audit', 'tbody tr'],
      ['children-budget', '/reports/children-budget', 'main .kpis, main .alert.info'],
    ] as const) {
      await visit(admin.page, api, route);
      await admin.page.locator(ready).first().waitFor();
      await admin.page.locator(`html[lang="${language}"]`).waitFor();
      await expectAccessible(admin.page, `${name}-${language}`);
    }
    expect([...errors, ...admin.errors]).toEqual([]);
    await admin.page.context().close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const { page, errors } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, api, people.director, DEMO_PASSWORD);
    for (const [name, route, ready] of [
      ['portfolio-phone', '/portfolio', 'tbody tr'],
      ['instance-phone', `/instances/${instanceId}`, '.djs-element'],
      ['figures-phone', '/figures', 'svg[role="img"]'],
    ]) {
      await visit(page, api, route);
      await page.locator(ready).first().waitFor();
      await screenshot(page, name);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
