import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, DEMO_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { TWO_SERVICES } from '../support/governance.js';
import { openTask } from '../support/process.js';
import { launchBrowser, openPage, screenshot, visit } from './browser.js';

/**
 * A Swedish-speaking member and a Finnish-speaking admin never meet an English sentence
 * (issue 16): the main pages are walked in Swedish and in Finnish, and every word a person
 * reads — visible text and the labels, titles and placeholders assistive technology reads out —
 * is checked against English words that are no Finnish or Swedish word. Names, codes and
 * usernames are data (`code`, `[translate="no"]`), and text marked with another language
 * (`lang="en"`: the greeting, the language switcher's "English") is said in that language.
 */

/** English words that are neither Finnish nor Swedish words (no "on", "in", "process", "status", "budget", "total"). */
const ENGLISH = new Set(
  (
    'the and of is to with from has was are this that these your you by for not new none ' +
    'task tasks step steps case cases body bodies deadline overdue review mapping decision decisions user users ' +
    'error errors found failed loading save cancel show hide page next previous sign signed report ' +
    'days hours minutes left late escalated assigned submitted completed cancelled running ' +
    'member members chair secretary group board city change director children services service ' +
    'meeting meetings here there which what when who where why will can could should must please click ' +
    'open close edit delete add remove search filter filters name names type date time settings ' +
    'unknown missing invalid required optional yes invitation notification notifications'
  ).split(' '),
);

/** Words that are English and also what the page rightly shows: the app's name, the switcher's "English". */
const ALLOWED = new Set(['kaari', 'english', 'bpmn', 'csv', 'pdf', 'xml', 'id']);

interface Leak {
  word: string;
  text: string;
}

/** The English words a person reads on the page now, with the text each was found in. */
async function englishOn(page: Page, language: 'fi' | 'sv'): Promise<Leak[]> {
  // Run in the page as a string: this file is compiled without the DOM's types.
  const found = await page.evaluate<{ texts: string[]; helps: string[] }>(`(() => {
    // .bjs-powered-by: bpmn-js's licence keeps its "Powered by bpmn.io" mark on every diagram.
    const skipped = 'code, kbd, samp, [translate="no"], body [lang]:not([lang="${language}"]), .djs-container, .bjs-powered-by, script, style, noscript, template';
    // The diagram is data, but the modeler's lint badges on it are the app's words.
    const skip = (el) => !!el && !!el.closest(skipped) && !el.closest('.lint-badge');
    const visible = (el) => (el.checkVisibility ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : true);
    // What is folded away (a chart's table, the budget's method, a record's details) is read too.
    for (const d of document.querySelectorAll('details')) d.open = true;
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !visible(el) || !n.textContent.trim()) continue;
      texts.push(n.textContent.trim());
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]')) {
      if (skip(el) || !visible(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
        const v = el.getAttribute(a);
        if (v && v.trim()) texts.push(v.trim());
      }
    }
    const helps = [...document.querySelectorAll('.help')].map((h) => (h.textContent || '').trim());
    return { texts, helps };
  })()`);
  const helps = new Set(found.helps);
  const leaks: Leak[] = [];
  for (const text of found.texts) {
    // A keyboard help names the keys as they are printed on them (Ctrl+Z, Delete).
    const words = /\bCtrl\+/.test(text) ? text.replace(/\b(Delete|Backspace|Enter|Escape|Esc|Tab|Shift|Alt|Ctrl|Home|End)\b/g, '') : text;
    for (const word of words.toLowerCase().match(/[a-zåäöé]+/g) ?? [])
      if (ENGLISH.has(word) && !ALLOWED.has(word)) leaks.push({ word, text: text.slice(0, 160) });
    // Codes a person should not have to read: an ISO period (P10D, PT4H) or a UTC instant. A field's
    // help (.help) may show the format to type in it ("P5D = 5 days after the deadline").
    if (helps.has(text)) continue;
    // A message key where its text should be (notifications.kind.x): a translation the dictionaries lack.
    for (const key of text.match(/\b[a-z]+(?:\.[a-zA-Z-]+){2,}\b/g) ?? []) leaks.push({ word: key, text: text.slice(0, 160) });
    for (const code of text.match(/\bP(?:T?\d+[YMWDHS])+\b|\bP\d+WD\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g) ?? [])
      leaks.push({ word: code, text: text.slice(0, 160) });
  }
  return leaks;
}

describe('Web app in Swedish and in Finnish: no English on the main pages', () => {
  let api: TestApi;
  let browser: Browser;
  let instanceId: string;
  let taskId: string;
  let meetingId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: process.env.KAARI_WEB_DIST ?? 'apps/web/dist' } }), launchBrowser()]);
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Harrastustakuu 2027' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    taskId = (await openTask(api.admin, instanceId, 'mapping')).id;
    const member = await api.as('kalle.kartoitus');
    expect((await member.put(`/api/instances/${instanceId}/services`, { services: TWO_SERVICES })).status).toBe(200);
    // A hand-over gives the member a notification and the case a history entry with a reason.
    expect((await director.post(`/api/tasks/${taskId}/assign`, { username: 'kalle.kartoitus', reason: 'Kartoitus sinulle' })).status).toBe(200);
    // The city board's secretary invites the board to a meeting: every member gets the invitation.
    const secretary = await api.as('paula.poytakirja');
    const meeting = await secretary.post('/api/meetings', {
      body: 'kaupunginhallitus',
      kind: 'meeting',
      startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      place: 'Kaupungintalo',
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
    expect((await secretary.post(`/api/meetings/${meetingId}/invitation`)).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** Signs in from the sign-in page after choosing the language there, as a newcomer would. */
  async function signInIn(page: Page, language: 'fi' | 'sv', username: string, password: string): Promise<void> {
    await page.goto(api.baseUrl + '/');
    await page.getByRole('button', { name: language === 'sv' ? 'Svenska' : 'Suomi' }).click();
    await page.locator('html[lang="' + language + '"]').waitFor();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.locator('form button[type=submit]').click();
    await page.locator('header nav[aria-label]').waitFor();
  }

  /** The English a page shows, by page: every page of a walk is read before the walk fails, so one run names every leak. */
  async function englishOf(page: Page, language: 'fi' | 'sv', name: string): Promise<Array<{ page: string } & Leak>> {
    await screenshot(page, `lang-${language}-${name}`);
    return (await englishOn(page, language)).map((leak) => ({ page: name, ...leak }));
  }
  async function expectNoEnglish(page: Page, language: 'fi' | 'sv', name: string): Promise<void> {
    expect(await englishOf(page, language, name)).toEqual([]);
  }

  it('finds English where there is English: the same pages in English fail the check', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(api.baseUrl + '/');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    // Read as if the page were Swedish: its English words are found, in text and in labels alike.
    const leaks = await englishOn(page, 'sv');
    expect(leaks.map((l) => l.word)).toEqual(expect.arrayContaining(['sign', 'with', 'your']));
    await page.locator('#username').fill('kalle.kartoitus');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('header nav[aria-label]').waitFor();
    await visit(page, api, `/tasks/${taskId}`);
    await page.locator('#form-h').waitFor();
    expect((await englishOn(page, 'fi')).length).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(['sv', 'fi'] as const)('shows the sign-in page, with its demo people, in %s only', async (language) => {
    const { page, errors } = await openPage(browser);
    await page.goto(api.baseUrl + '/');
    await page.getByRole('button', { name: language === 'sv' ? 'Svenska' : 'Suomi' }).click();
    await page.locator(`html[lang="${language}"]`).waitFor();
    // Demo mode names the demo people by role and body; choosing one fills in the form.
    await page.locator('.demo-users').getByRole('rowheader', { name: 'Antti Puheenjohtaja' }).waitFor();
    await expect(page.locator('.demo-users tr', { hasText: 'Veera Varajäsen' }).locator('td').nth(1).textContent()).resolves.toMatch(
      language === 'sv' ? /^ersättare, / : /^varajäsen, /,
    );
    await expectNoEnglish(page, language, 'sign-in');
    await page.locator('.demo-users tr', { hasText: 'Antti Puheenjohtaja' }).getByRole('button').click();
    await expect(page.locator('#username').inputValue()).resolves.toBe('antti.puheenjohtaja');
    await expect(page.locator('#password').inputValue()).resolves.toBe(DEMO_PASSWORD);
    await expect(page.evaluate('document.activeElement?.getAttribute("type")')).resolves.toBe('submit');
    // A wrong password is refused in the page's language.
    await page.locator('#password').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await page.locator('form [role=alert]').waitFor();
    await expectNoEnglish(page, language, 'sign-in-refused');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(['sv', 'fi'] as const)('shows a member’s tasks, a task with its form, the case and the notifications in %s only', async (language) => {
    const { page, errors } = await openPage(browser);
    await signInIn(page, language, 'kalle.kartoitus', DEMO_PASSWORD);
    const leaks: Array<{ page: string } & Leak> = [];
    for (const [name, route, ready] of [
      ['tasks', '/tasks', '.task-list'],
      // The form itself, not only its heading (the schema arrives after the page).
      ['task', `/tasks/${taskId}`, 'main form button[type=submit]'],
      ['case', `/instances/${instanceId}`, '.djs-element'],
      ['budget-case', `/reports/children-budget?instanceId=${instanceId}`, 'main .kpis'],
      ['notifications', '/notifications', 'main .notification'],
      ['deputies', '/deputies', '#deputy-who'],
    ] as const) {
      await visit(page, api, route);
      await page.locator(ready).first().waitFor();
      leaks.push(...(await englishOf(page, language, name)));
    }
    expect(leaks).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(['sv', 'fi'] as const)('shows a board member’s meetings and their invitation in %s only', async (language) => {
    const { page, errors } = await openPage(browser);
    await signInIn(page, language, 'heikki.hallitus', DEMO_PASSWORD);
    const leaks: Array<{ page: string } & Leak> = [];
    for (const [name, route, ready] of [
      ['notifications-invitation', '/notifications', 'main .notification'],
      ['meetings', '/meetings', 'main h1'],
      ['meeting', `/meetings/${meetingId}`, 'main h2'],
    ] as const) {
      await visit(page, api, route);
      await page.locator(ready).first().waitFor();
      leaks.push(...(await englishOf(page, language, name)));
    }
    // The invitation is a notification of its own kind, named in the page's language.
    await visit(page, api, '/notifications');
    await page
      .locator('main .notification .badge', { hasText: language === 'sv' ? 'kallelse' : 'kokouskutsu' })
      .first()
      .waitFor();
    expect(leaks).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(['sv', 'fi'] as const)('shows the director’s and the admin’s pages in %s only', async (language) => {
    const { page, errors } = await openPage(browser);
    await signInIn(page, language, 'admin', ADMIN_PASSWORD);
    const leaks: Array<{ page: string } & Leak> = [];
    for (const [name, route, ready] of [
      ['portfolio', '/portfolio', 'tbody tr'],
      ['launch', '/portfolio/new', '#launch-process'],
      ['figures', '/figures', 'svg[role="img"]'],
      ['case-admin', `/instances/${instanceId}`, '.djs-element'],
      ['processes', '/admin/processes', 'tbody tr'],
      ['modeler', '/admin/modeler/cross-sector-measure', '.djs-element[data-element-id="review"]'],
      ['modeler-lint', '/admin/modeler/cross-sector-measure', '.lint-badge[title]'],
      ['bodies', '/admin/bodies', 'tbody tr'],
      ['body', '/admin/bodies/muutosryhma', 'ol.chain li'],
      ['users', '/admin/users', 'tbody tr'],
      ['incidents', '/admin/incidents', 'main .empty, main .incident'],
      ['audit', '/audit', 'tbody tr'],
      ['budget', '/reports/children-budget', 'main .kpis'],
    ] as const) {
      await visit(page, api, route);
      await page.locator(ready).first().waitFor();
      leaks.push(...(await englishOf(page, language, name)));
    }
    // A refusal with a code and a param: a body whose code is taken, worded with the code in the page's language.
    await visit(page, api, '/admin/bodies');
    await page.getByRole('button', { name: language === 'sv' ? 'Nytt organ' : 'Uusi toimielin' }).click();
    await page.locator('#body-code').fill('muutosryhma');
    await page.locator('#body-fi').fill('Toinen muutosryhmä');
    await page.locator('#body-en').fill('Another change group');
    await page.locator('main form button[type=submit]').click();
    await page
      .locator('main form [role=alert]')
      .filter({
        hasText:
          language === 'sv' ? 'Organet Förändringsgruppen finns redan: välj en annan kod.' : 'Toimielin Muutosryhmä on jo olemassa: valitse toinen tunnus.',
      })
      .waitFor();
    leaks.push(...(await englishOf(page, language, 'body-refused')));
    expect(leaks).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
