import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { openTask } from '../support/process.js';
import { launchBrowser, openPage, screenshot } from './browser.js';

/**
 * Each role's main journey with the keyboard alone (issue 16): no click, no fill — Tab, typing
 * and Enter, as a person without a mouse works. After every navigation the focus is on the new
 * page's heading, so a screen reader says where one is; a refused form's error summary takes the
 * focus, and its links take the focus to the field to fix.
 */

/** What has the focus: its tag, id, text and the link it goes to. */
async function focused(page: Page): Promise<{ tag: string; id: string; text: string; href: string; inSummary: boolean }> {
  return page.evaluate(`(() => {
    const a = document.activeElement;
    return { tag: a.tagName, id: a.id, text: (a.textContent || '').trim(), href: a.getAttribute('href') || '', inSummary: !!a.closest('[id$="-summary"]') };
  })()`);
}

/** Tabs forward until what has the focus fits, as a keyboard user does; fails after `max` presses. */
async function tabTo(page: Page, fits: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (fits(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}; the focus is on ${JSON.stringify(await focused(page))}`);
}

/** Waits until the page's heading holds the focus and reads `text`. */
async function headingFocused(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('main h1:focus').filter({ hasText: text }).waitFor();
}

async function signInByKeyboard(page: Page, api: TestApi, language: 'fi' | 'sv', username: string): Promise<void> {
  await page.goto(api.baseUrl + '/');
  await page.locator('main h1').waitFor();
  if (language === 'sv') {
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Svenska', 'the Svenska button');
    await page.keyboard.press('Enter');
    await page.locator('html[lang="sv"]').waitFor();
  }
  await tabTo(page, (f) => f.id === 'username', 'the username field');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('header nav[aria-label]').waitFor();
}

describe('Keyboard-only journeys: the director launches, a member completes a form', () => {
  let api: TestApi;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: process.env.KAARI_WEB_DIST ?? 'apps/web/dist' } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lets the director launch a measure in Finnish: the heading takes the focus, a refused form’s summary too, and its link leads to the field', async () => {
    const { page, errors } = await openPage(browser);
    await signInByKeyboard(page, api, 'fi', 'maija.muutos');
    await tabTo(page, (f) => f.tag === 'A' && f.href === '/portfolio/new', 'the launch link');
    await page.keyboard.press('Enter');
    await headingFocused(page, 'Käynnistä prosessi');

    // The process is picked by typing its name in the focused list, as a keyboard does.
    await tabTo(page, (f) => f.id === 'launch-process', 'the process list');
    await page.keyboard.type('Poikkihallinnollinen');
    await page.locator('#start-summary').waitFor({ state: 'attached' });
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Käynnistä', 'the launch button');
    await page.keyboard.press('Enter');
    // Nothing typed: the summary says what to fix and holds the focus.
    await page.locator('#start-summary a').first().waitFor();
    expect((await focused(page)).inSummary).toBe(true);
    await screenshot(page, 'keyboard-launch-refused');
    await tabTo(page, (f) => f.tag === 'A' && f.inSummary, 'the summary’s link', 5);
    await page.keyboard.press('Enter');
    await expect(focused(page)).resolves.toMatchObject({ tag: 'INPUT' });
    await page.keyboard.type('Harrastustakuu näppäimistöllä');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Käynnistä', 'the launch button');
    await page.keyboard.press('Enter');
    await headingFocused(page, /Harrastustakuu näppäimistöllä/);
    expect(page.url()).toMatch(/\/instances\/[0-9a-f-]{36}/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lets a member complete the mapping in Swedish: from the task list to the form and its submit button by Tab alone', async () => {
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Tangentbordet 2027' } });
    expect(started.status).toBe(201);
    const task = await openTask(api.admin, started.body.id, 'mapping');
    const member = await api.as('kalle.kartoitus');
    const service = {
      service: 'Nuorisotalot',
      providerType: 'ngo',
      providerName: 'Nuorisoyhdistys',
      sector: 'youth',
      ageGroups: ['13-17'],
      targeting: 'age-targeted',
      euros: 60000,
    };
    expect((await member.put(`/api/instances/${started.body.id}/services`, { services: [service] })).status).toBe(200);

    const { page, errors } = await openPage(browser);
    await signInByKeyboard(page, api, 'sv', 'kalle.kartoitus');
    await headingFocused(page, 'Mina uppgifter');
    await tabTo(page, (f) => f.tag === 'A' && f.href === `/tasks/${task.id}`, 'the task’s link', 120);
    await page.keyboard.press('Enter');
    await headingFocused(page, 'Kartläggning av tjänster och resurser');
    await page.locator('main form button[type=submit]').waitFor();
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Markera som klar', 'the complete button', 200);
    await page.keyboard.press('Enter');
    await page.getByText('Uppgiften är klar och ärendet har gått vidare.').waitFor();
    await screenshot(page, 'keyboard-mapping-done');
    expect((await member.get(`/api/tasks/${task.id}`)).body.state).toBe('completed');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
