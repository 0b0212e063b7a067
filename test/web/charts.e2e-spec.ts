import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { demoUsers, heading, launchBrowser, openPage, screenshot, seriousViolations, signIn, visit } from './browser.js';

/**
 * The children's budget's bar charts are readable at a desktop and a phone width: labels drawn
 * at 12 px or more on the screen, long names whole (wrapped, and in the tooltip and the table),
 * and the largest euro label inside the chart.
 */
const SERVICES = [
  {
    service: 'Kesätyöseteli',
    providerType: 'wellbeing-county',
    providerName: 'Varsinais-Suomen hyvinvointialue',
    sector: 'vitality',
    ageGroups: ['13-17', '18-29'],
    targeting: 'age-targeted',
    euros: 12_345_678,
  },
  {
    service: 'Nuorisotalot',
    providerType: 'ngo',
    providerName: 'Nuorisoyhdistys',
    sector: 'youth',
    ageGroups: ['13-17'],
    targeting: 'age-targeted',
    euros: 9_000,
  },
];

interface Drawn {
  /** The smallest font size of a chart text as the screen shows it (CSS px times the SVG's scale). */
  smallestPx: number;
  /** How far any chart text reaches past its SVG's right edge, in pixels (0 or less: inside). */
  overhang: number;
  /** The names as drawn (a name's wrapped lines joined) and as the tooltips give them. */
  drawn: string[];
  titles: string[];
}

/**
 * What the charts draw, measured in the page. The measuring runs in the browser, so it is handed
 * over as source text: the tests' own TypeScript has no DOM types.
 */
const MEASURE = `(() => {
  const svgs = [...document.querySelectorAll('figure.chart svg[role="img"]')];
  let smallestPx = Infinity;
  let overhang = -Infinity;
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      smallestPx = Math.min(smallestPx, parseFloat(getComputedStyle(text).fontSize) * scale);
      overhang = Math.max(overhang, text.getBoundingClientRect().right - box.right);
    }
  }
  const all = (selector) => svgs.flatMap((svg) => [...svg.querySelectorAll(selector)]);
  return {
    smallestPx,
    overhang,
    drawn: all('text.chart-label').map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent).join(' ')),
    titles: all('g.chart-row > title').map((t) => t.textContent ?? ''),
  };
})()`;

/** Whether every chart is drawn at the width it has on the page (they draw again once they know it). */
const SETTLED = `[...document.querySelectorAll('figure.chart svg')].every((svg) => Math.abs(svg.getBoundingClientRect().width - svg.viewBox.baseVal.width) < 1.5)`;

/** The right edge of the widest chart. */
const WIDEST = `Math.max(...[...document.querySelectorAll('figure.chart')].map((f) => f.getBoundingClientRect().right))`;

async function drawn(page: Page): Promise<Drawn> {
  return page.evaluate<Drawn>(MEASURE);
}

describe('Web app: the bar charts are readable', () => {
  let api: TestApi;
  let browser: Browser;
  let instanceId: string;
  let director: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: process.env.KAARI_WEB_DIST ?? 'apps/web/dist' } }), launchBrowser()]);
    const people = await demoUsers(api);
    director = people.director;
    const started = await (await api.as(director)).post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Kesätyöt 2027' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    const changeGroup = await api.as(await people.memberOf('muutosryhma'));
    expect((await changeGroup.put(`/api/instances/${instanceId}/services`, { services: SERVICES })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  for (const [name, width] of [
    ['desktop', 1280],
    ['phone', 390],
  ] as const) {
    it(`draws 12 px labels, whole names and unclipped values on the children's budget and the overview (${name})`, async () => {
      const { page, errors } = await openPage(browser, { width });
      await page.goto(api.baseUrl + '/');
      await page.getByRole('button', { name: 'English' }).click();
      await heading(page, 'Sign in');
      await signIn(page, api, director, DEMO_PASSWORD);
      await visit(page, api, `/reports/children-budget?instanceId=${instanceId}`);
      await page.locator('figure.chart svg[role="img"]').first().waitFor();
      // The charts draw again once they know their width.
      for (let tries = 0; !(await page.evaluate<boolean>(SETTLED)); tries += 1) {
        if (tries > 100) throw new Error('the charts did not settle at their width');
        await new Promise((r) => setTimeout(r, 50));
      }
      await screenshot(page, `charts-${name}`);

      const chart = await drawn(page);
      expect(chart.smallestPx).toBeGreaterThanOrEqual(12);
      expect(chart.overhang).toBeLessThanOrEqual(0);
      // Both names were cut at 24 characters before ("Wellbeing services count…").
      for (const full of ['Wellbeing services county', 'Vitality (business and employment)']) {
        expect(chart.drawn).toContain(full);
        expect(chart.titles.some((t) => t.startsWith(`${full}: `))).toBe(true);
      }

      // The same figures as a table, with the full name a reader can see.
      const sectors = page.locator('figure.chart').filter({ hasText: 'By sector and age group' });
      await sectors.getByText('Show as a table').click();
      const row = sectors.getByRole('row', { name: /Vitality \(business and employment\)/ });
      await row.getByRole('rowheader', { name: 'Vitality (business and employment)', exact: true }).waitFor({ state: 'visible' });
      await expect(row.getByRole('cell').nth(0).textContent()).resolves.toBe('€0');

      expect(await seriousViolations(page)).toEqual([]);
      // No chart or its table is wider than a phone: the table scrolls inside its card.
      // (The page itself is checked elsewhere: eight-digit KPI figures above the charts are wider than their cards.)
      const widest = await page.evaluate<number>(WIDEST);
      expect(widest).toBeLessThanOrEqual(width);

      // The overview's counts are worded with the plural each count needs.
      await visit(page, api, '/figures');
      await page.locator('figure.chart svg[role="img"]').first().waitFor();
      const overview = await drawn(page);
      expect(overview.smallestPx).toBeGreaterThanOrEqual(12);
      expect(overview.titles).toContain('Change group: Open 1 task, Overdue 0 tasks, Escalated 0 tasks');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
