import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestApi } from '../support/api.js';

export const SCREENSHOTS = path.resolve('test/artifacts/screenshots');

/** Debian's Chromium, headless, with nothing phoning home. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh page (own storage) that fails the test on any uncaught script error. */
export async function openPage(browser: Browser, options: { width?: number; height?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: 'fi-FI' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export async function signIn(page: Page, api: TestApi, username: string, password: string): Promise<void> {
  await page.goto(api.baseUrl + '/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('header nav[aria-label]').waitFor();
}

/** Goes to an app route the way a user would arrive there: a full page load. */
export async function visit(page: Page, api: TestApi, route: string): Promise<void> {
  await page.goto(api.baseUrl + route);
  await page.locator('main h1').waitFor();
}

/** Waits until the page's h1 reads exactly `text` (pages render after their data arrives). */
export async function heading(page: Page, text: string): Promise<void> {
  await page
    .locator('main h1')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .waitFor();
}

/** Waits until `selector` contains `text`. */
export async function contains(page: Page, selector: string, text: string | RegExp): Promise<void> {
  await page.locator(selector).filter({ hasText: text }).first().waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses inline script tags.
  if (!(await page.evaluate(`'axe' in window`))) await page.evaluate(`${axe.source};0`);
  const result = await page.evaluate<axe.AxeResults>(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

/** The demo people of the Turku 2023 seed, looked up rather than hard-coded. */
export async function demoUsers(api: TestApi): Promise<{ director: string; memberOf: (body: string) => Promise<string> }> {
  const users = await api.admin.get('/api/users');
  const director = users.body.find((u: { roles: string[]; username: string }) => u.roles.includes('director') && u.username !== 'admin').username;
  return {
    director,
    memberOf: async (body) => (await api.admin.get(`/api/bodies/${body}`)).body.members[0].username,
  };
}
