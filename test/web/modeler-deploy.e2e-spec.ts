import type { Browser } from 'playwright-core';
import { ADMIN_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { launchBrowser, openPage, screenshot, signIn, visit } from './browser.js';

/**
 * The modeler fits the work (issue 16): a deploy asks for confirmation and shows the changes from
 * the running version first, warns of a task whose body has no members (nobody could ever do it),
 * and the "based on version N" label follows the deploy. The diagram opens zoomed to fit beside the palette.
 */
describe('Deploying from the modeler', () => {
  let api: TestApi;
  let browser: Browser;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: process.env.KAARI_WEB_DIST ?? 'apps/web/dist' } }), launchBrowser()]);
    const empty = { code: 'tyhja-ryhma', name: { fi: 'Tyhjä työryhmä', sv: 'Tom arbetsgrupp', en: 'Empty working group' }, kind: 'working-group' };
    expect((await api.admin.post('/api/bodies', empty)).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows the diff and the memberless body before the deploy, deploys only when confirmed, and the label follows', async () => {
    const { page: p, errors } = await openPage(browser);
    await signIn(p, api, 'admin', ADMIN_PASSWORD);
    await visit(p, api, '/admin/modeler/cross-sector-measure');
    await p.locator('[data-element-id="start"]').waitFor();
    await p.getByText('Ei virheitä.').waitFor();
    // The shipped diagram opens whole, its start event clear of the palette.
    const palette = await p.locator('.djs-palette').boundingBox();
    const start = await p.locator('.djs-element[data-element-id="start"]').boundingBox();
    expect(start!.x).toBeGreaterThan(palette!.x + palette!.width);
    await expect(p.getByText('Pohjana versio 1').count()).resolves.toBe(1);

    await p.locator('#element-picker').selectOption('screening');
    await p.getByLabel('Tyhjä työryhmä', { exact: true }).check();
    const warning = 'Toimielimessä Tyhjä työryhmä ei ole jäseniä, joten kukaan ei voi tehdä tätä tehtävää.';
    await p.locator('.problems li').filter({ hasText: warning }).waitFor();

    await p.getByRole('button', { name: 'Ota käyttöön uutena versiona' }).click();
    const review = p.locator('section.deploy-review');
    await review.getByRole('heading', { name: 'Tarkista ennen käyttöönottoa' }).waitFor();
    await review.getByText('Muutokset käytössä olevaan versioon 1 nähden').waitFor();
    await review
      .locator('tr.diff-changed')
      .filter({ hasText: 'Lapsivaikutusten esiarviointi' })
      .filter({ hasText: /tyhja-ryhma|Tyhjä työryhmä/ })
      .waitFor();
    await review.getByText(warning).waitFor();
    await screenshot(p, 'modeler-deploy-review');
    // Nothing is deployed before the confirmation; cancelled, nothing is.
    expect((await api.admin.get('/api/definitions/cross-sector-measure')).body.version).toBe(1);
    await review.getByRole('button', { name: 'Peruuta' }).click();
    await expect(review.count()).resolves.toBe(0);
    expect((await api.admin.get('/api/definitions/cross-sector-measure')).body.version).toBe(1);

    await p.getByRole('button', { name: 'Ota käyttöön uutena versiona' }).click();
    await review.getByRole('button', { name: 'Vahvista käyttöönotto' }).click();
    await p.getByText('Versio 2 prosessista cross-sector-measure on otettu käyttöön.').waitFor();
    expect((await api.admin.get('/api/definitions/cross-sector-measure')).body.version).toBe(2);
    await p.getByText('Pohjana versio 2').waitFor();
    expect(errors).toEqual([]);
    await p.context().close();
  });
});
