import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, startApi, type Client, type TestApi } from '../support/api.js';
import { bpmn } from '../support/bpmn.js';
import { openTask } from '../support/process.js';
import { heading, launchBrowser, openPage, screenshot, signIn, visit } from './browser.js';

/** A half-filled form is saved as the user types and is there again after sign-out, on another device too. */
const PROCESS = 'web-drafts';
const DIAGRAM = bpmn(PROCESS, { name: 'Luonnokset' })
  .start()
  .userTask('screening', { name: 'Esiarviointi', body: 'muutosryhma', form: 'kaari:child-impact-screening' })
  .end()
  .xml();
const TEXT = 'Muutos koskee koululaisten iltapäivätoimintaa suoraan.';

describe('Web app: drafts', () => {
  let api: TestApi;
  let browser: Browser;
  let member: Client;
  let taskId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    expect((await api.admin.post('/api/definitions', DIAGRAM)).status).toBe(201);
    const director = await api.as('maija.muutos');
    const started = await director.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Luonnos säilyy' } });
    expect(started.status).toBe(201);
    member = await api.as('kalle.kartoitus');
    taskId = (await openTask(member, started.body.id, 'screening')).id;
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('keeps a half-filled form through sign-out and on another device, and discards it with the completion', async () => {
    const { page: p, errors } = await openPage(browser);
    await signIn(p, api, 'kalle.kartoitus', DEMO_PASSWORD);
    await visit(p, api, `/tasks/${taskId}`);
    await p.locator('[name="childrenAffected"]').selectOption('directly');
    await p.locator('[name="justification"]').fill(TEXT);
    await p.locator('.draft-status').filter({ hasText: 'Luonnos tallennettu' }).waitFor();

    await p.locator('.user-menu > button').click();
    await p.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await heading(p, 'Kirjaudu sisään');
    await p.context().close();

    // Another browser (a fresh context: nothing kept locally) signs in: the form is as it was left.
    const { page: q, errors: errors2 } = await openPage(browser);
    await signIn(q, api, 'kalle.kartoitus', DEMO_PASSWORD);
    await visit(q, api, `/tasks/${taskId}`);
    await q.locator('.draft-restored').filter({ hasText: 'Jatkat tallentamaasi luonnosta' }).waitFor();
    expect(await q.locator('[name="justification"]').inputValue()).toBe(TEXT);
    expect(await q.locator('[name="childrenAffected"]').inputValue()).toBe('directly');
    await screenshot(q, 'draft-restored');

    // Another member of the body starts from the empty form: a draft is its user's own.
    expect((await (await api.as('ville.vaikutus')).get(`/api/tasks/${taskId}/draft`)).body.data).toBeNull();

    // Completed, the draft is gone.
    await q.locator('[name="childrenAffected"]').selectOption('no');
    await q.locator('[name="signOff.signedBy"]').fill('Kalle Kartoitus');
    await q.locator('[name="signOff.signedOn"]').fill('2026-03-03');
    await q.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    await q.getByText('Tehtävä on valmis ja asia siirtyi eteenpäin.').waitFor();
    // (Signing out ended the test's own session of Kalle's too: a new one asks.)
    expect((await (await api.as('kalle.kartoitus')).get(`/api/tasks/${taskId}/draft`)).body.data).toBeNull();
    expect(errors).toEqual([]);
    expect(errors2).toEqual([]);
    await q.context().close();
  });
});
