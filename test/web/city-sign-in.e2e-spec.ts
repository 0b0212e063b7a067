import type { Browser } from 'playwright-core';
import { startApi, type TestApi } from '../support/api.js';
import { CityProvider, freePort } from '../support/city-provider.js';
import { launchBrowser, openPage, screenshot, seriousViolations } from './browser.js';

describe('Web app: a city employee signs in and out with the city account', () => {
  let api: TestApi;
  let browser: Browser;
  const city = new CityProvider({
    'sub-sanna-0042': { preferred_username: 'sanna.sihteeri', name: 'Sanna Sihteeri', roles: [], groups: ['hyvinvoinnin-johtoryhma:secretary'] },
  });

  beforeAll(async () => {
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    await city.start(apiUrl);
    [api, browser] = await Promise.all([startApi({ port, env: { ...city.env(apiUrl), API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await city.stop();
  });

  it('clicks "Sign in with the city account", signs in at the provider, works in Kaari as herself, and signs out of both', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${api.baseUrl}/tasks`);
    const cityButton = page.getByRole('button', { name: 'Kirjaudu kaupungin tunnuksella' });
    await cityButton.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-city');
    await cityButton.click();

    // The provider's own pages: its login, then its consent.
    await page.waitForURL((url) => url.origin === city.issuer);
    await page.locator('input[name="login"]').fill('sub-sanna-0042');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page
      .locator('button[type="submit"]')
      .filter({ hasText: /continue/i })
      .click();

    // Back in Kaari, where she started, signed in as herself.
    await page.waitForURL(`${api.baseUrl}/tasks`);
    await page.locator('header nav[aria-label]').waitFor();
    await page.getByRole('button', { name: /Sanna Sihteeri/ }).click();
    await page.getByText('sanna.sihteeri').waitFor();
    const token = await page.evaluate<string | null>(`sessionStorage.getItem('kaari.token')`);
    expect(token).toBeTruthy();

    // Sign-out ends the Kaari session, then the provider's (it asks to confirm), and comes back to Kaari's sign-in.
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.waitForURL((url) => url.origin === city.issuer);
    await page.getByRole('button', { name: /yes, sign me out/i }).click();
    await page.waitForURL(`${api.baseUrl}/`);
    await cityButton.waitFor();
    const tasks = await fetch(`${api.baseUrl}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
    expect(tasks.status).toBe(401);
    expect(errors).toEqual([]);
  });
});
