import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { runYear, type YearPlan } from '../support/purchasing.js';
import { startWorker } from '../support/worker.js';
import { contains, heading, launchBrowser, openPage, screenshot, seriousViolations, signIn, visit } from './browser.js';

const line = (provider: string, productGroup: string, orientation: string, unit: string, volume: number, unitPrice: number, deliveredShare = 1) => ({
  provider,
  productGroup,
  orientation,
  unit,
  volume,
  unitPrice,
  quarterVolume: (volume / 4) * deliveredShare,
  quarterEuros: ((volume * unitPrice) / 4) * deliveredShare,
});

/** Two years of the cycle: the second moves euros from corrective care to child welfare open care. */
const YEARS: YearPlan[] = [
  {
    year: 2024,
    lines: [
      line('kaupungin-palvelutuotanto', 'day-care-centres', 'preventive', 'hoitopäivä', 40_000, 65),
      line('pirkanmaan-hyvinvointialue', 'child-welfare-care', 'corrective', 'hoitovuorokausi', 2_000, 320),
      line('jarjestotuottajat', 'child-welfare-open-care', 'early-support', 'asiakkuus', 200, 2_500),
      line('yritystuottajat', 'day-care-centres', 'preventive', 'hoitopäivä', 10_000, 60),
    ],
  },
  {
    year: 2025,
    lines: [
      line('kaupungin-palvelutuotanto', 'day-care-centres', 'preventive', 'hoitopäivä', 40_000, 66),
      line('pirkanmaan-hyvinvointialue', 'child-welfare-care', 'corrective', 'hoitovuorokausi', 1_600, 330, 0.9),
      line('jarjestotuottajat', 'child-welfare-open-care', 'early-support', 'asiakkuus', 320, 2_500),
      line('yritystuottajat', 'day-care-centres', 'preventive', 'hoitopäivä', 12_000, 60),
    ],
  },
];

describe('Web app: the purchasing manager reads the purchaser–provider report', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let browser: Browser;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { KAARI_ORGANISATION: 'tampere-2007', API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    worker = await startWorker(api.config);
    for (const plan of YEARS) await runYear(api, plan);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  it('shows ordered against delivered per product group, and the shares year on year, in a readable chart and table', async () => {
    const { page, errors }: { page: Page; errors: string[] } = await openPage(browser);
    await signIn(page, api, 'tuula.tilaaja', DEMO_PASSWORD);
    await page.locator('header nav').getByRole('link', { name: 'Tilaaja–tuottaja-raportti' }).click();
    await heading(page, 'Tilaaja–tuottaja-raportti');
    await visit(page, api, '/reports/purchaser-provider?year=2025');
    await heading(page, 'Tilaaja–tuottaja-raportti');
    // The table: names, never codes; the county's corrective care delivered at 90 %.
    await contains(page, '#purchasing-groups th[scope=row]', 'Päiväkotihoito');
    const careRow = page.locator('#purchasing-groups tr').filter({ hasText: 'Lastensuojelun kuntoutus ja hoito' });
    await careRow.waitFor();
    const care = (await careRow.innerText()).replace(/\s+/g, ' ');
    expect(care).toContain('Korjaava');
    expect(care).toContain('Pirkanmaan hyvinvointialue');
    expect(care).toMatch(/90 ?%/);
    expect(care).not.toContain('pirkanmaan-hyvinvointialue');
    // The shares, both years, and the charts.
    const shares = page.locator('#purchasing-shares');
    expect((await shares.innerText()).replace(/\s+/g, ' ')).toMatch(/2024.*2025/);
    expect(await page.locator('main figure.chart svg').count()).toBe(2);
    await contains(page, 'main figure.chart figcaption', 'Toteutuneiden eurojen jakauma painopisteittäin vuosittain');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'purchaser-provider-report');
    // A year without a cycle says so.
    await visit(page, api, '/reports/purchaser-provider?year=2030');
    await contains(page, 'main .alert', 'Vuodelle 2030 ei ole vielä määritelty palveluita.');
    expect(errors).toEqual([]);
  });

  it('words the refusal for someone outside the cycle in their language', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, api, 'kaisa.kirjaaja', DEMO_PASSWORD);
    await visit(page, api, '/reports/purchaser-provider?year=2025');
    await contains(page, 'main', 'Tilaaja–tuottaja-raportti on muutosjohtajille');
    expect(errors).toEqual([]);
  });
});
