import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { Clock } from '../../libs/common/src/clock.js';
import { DEMO_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { director } from '../support/process.js';
import { contains, heading, launchBrowser, openPage, screenshot, seriousViolations, signIn, visit } from './browser.js';

/** A body decides the matter at its meeting (kaari:handledAt="meeting"): a process of one such step. */
const meetingProcess = (id: string, body: string, step: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:kaari="https://kaari.fi/schema/bpmn/1.0" id="definitions-${id}" targetNamespace="https://kaari.fi/bpmn">
  <bpmn:process id="${id}" name="${step}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="decision" name="${step}" camunda:candidateGroups="${body}" camunda:dueDate="P30D" kaari:handledAt="meeting" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decision" />
    <bpmn:sequenceFlow id="f2" sourceRef="decision" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
const BOARD_MEETING = meetingProcess('web-board-meeting', 'kaupunginhallitus', 'Kaupunginhallituksen päätös');

const TITLE = 'Lasten ja nuorten palvelukokonaisuuden muutosohjelma';
const PROPOSAL = 'Kaupunginhallitus päättää käynnistää lasten ja nuorten palvelukokonaisuuden muutosohjelman.';
const BOARD = 'kaupunginhallitus';
/** The second matter: decided by a vote between the proposal and a seconded counter-proposal. */
const VOTED = 'Nuorisovaltuuston aloiteoikeus';

/** A date-time input's value (Helsinki wall clock) `days` from now at 10:00. */
function helsinkiDay(days: number, time = '10:00'): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return `${day}T${time}`;
}

describe('Web app: the city board’s secretary runs a meeting, and the public page shows the published minutes', () => {
  let api: TestApi;
  let browser: Browser;
  const scriptErrors = new Map<Page, string[]>();
  let meetingUrl = '';

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    expect((await api.admin.post('/api/definitions', BOARD_MEETING)).status).toBe(201);
    const changeDirector = await director(api);
    for (const title of [TITLE, VOTED]) {
      const started = await changeDirector.post('/api/instances', { definitionKey: 'web-board-meeting', variables: { title } });
      expect(started.status).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function page(): Promise<Page> {
    const { page: p, errors } = await openPage(browser);
    scriptErrors.set(p, errors);
    return p;
  }
  async function done(p: Page): Promise<void> {
    expect(scriptErrors.get(p)).toEqual([]);
    await p.context().close();
  }
  async function expectAccessible(p: Page, name: string): Promise<void> {
    await screenshot(p, name);
    expect({ page: name, violations: await seriousViolations(p) }).toEqual({ page: name, violations: [] });
  }
  /** Signs in as a demo person on a fresh page and opens the meeting. */
  async function atMeeting(username: string): Promise<Page> {
    const p = await page();
    await signIn(p, api, username, DEMO_PASSWORD);
    await p.goto(meetingUrl);
    await p.locator('#agenda-h').waitFor();
    return p;
  }

  it('the secretary schedules a meeting, builds its agenda from the waiting matter and sends the invitation', async () => {
    const p = await page();
    await signIn(p, api, 'paula.poytakirja', DEMO_PASSWORD);
    await p.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Kokoukset' }).click();
    await heading(p, 'Kokoukset');
    await p.getByRole('link', { name: 'Kaupunginhallitus: kokoukset ja käsittelyä odottavat asiat' }).click();
    await heading(p, 'Kaupunginhallitus: kokoukset');
    // The matter the process brought to the board waits on its list.
    await contains(p, 'table.matters', TITLE);
    await expectAccessible(p, 'meetings-body');

    await p.getByLabel('Alkaa').fill(helsinkiDay(8));
    await p.getByLabel('Paikka').fill('Kaupungintalo, Turku');
    await p.getByRole('button', { name: 'Luo kokous' }).click();
    await p.locator('#agenda-h').waitFor();
    meetingUrl = p.url();
    expect(meetingUrl).toMatch(/\/meetings\/[0-9a-f-]{36}$/);
    await contains(p, '.meeting-facts', 'Kaupungintalo, Turku');
    await contains(p, '.meeting-facts', 'suunniteltu');

    const matter = await p.locator('#agenda-matter option', { hasText: TITLE }).getAttribute('value');
    await p.getByLabel('Käsittelyä odottava asia').selectOption(matter ?? '');
    await p.locator('#agenda-presenter').selectOption({ label: 'Antti Puheenjohtaja' });
    await p.locator('#agenda-proposal').fill(PROPOSAL);
    await p.getByRole('button', { name: 'Lisää esityslistalle' }).click();
    await contains(p, '.agenda', TITLE);
    await contains(p, '.agenda', PROPOSAL);
    const second = await p.locator('#agenda-matter option', { hasText: VOTED }).getAttribute('value');
    await p.getByLabel('Käsittelyä odottava asia').selectOption(second ?? '');
    await p.locator('#agenda-proposal').fill('Nuorisovaltuustolle annetaan aloiteoikeus kaupunginhallitukseen.');
    await p.getByRole('button', { name: 'Lisää esityslistalle' }).click();
    await contains(p, '.agenda', VOTED);
    // The invitation says the last day the standing orders allow.
    await contains(p, '#invitation-h + p', 'vähintään 4 päivää ennen kokousta');
    await expectAccessible(p, 'meeting-agenda');

    await p.getByRole('button', { name: 'Lähetä kokouskutsu' }).click();
    await contains(p, '.meeting-facts', 'kutsu lähetetty');
    await contains(p, '#invitation-h ~ p', 'Kutsu lähetetty');
    await done(p);
  });

  it('a member sees the meeting and its agenda among their upcoming meetings, read-only', async () => {
    const p = await page();
    await signIn(p, api, 'heikki.hallitus', DEMO_PASSWORD);
    await visit(p, api, '/meetings');
    await contains(p, '.meeting-card', TITLE);
    await p.locator('.meeting-card a').first().click();
    await p.locator('#agenda-h').waitFor();
    await contains(p, 'main', 'Näet kokouksen esityslistan ja päätökset');
    await expect(p.getByRole('button', { name: 'Lähetä kokouskutsu' }).count()).resolves.toBe(0);
    await expect(p.getByRole('button', { name: 'Kirjaa päätös' }).count()).resolves.toBe(0);
    await done(p);
  });

  it('an invitation too late for the standing orders is refused in words that name the rule', async () => {
    const p = await page();
    await signIn(p, api, 'paula.poytakirja', DEMO_PASSWORD);
    await visit(p, api, `/bodies/${BOARD}/meetings`);
    await p.getByLabel('Alkaa').fill(helsinkiDay(1));
    await p.getByRole('button', { name: 'Luo kokous' }).click();
    await p.locator('#agenda-h').waitFor();
    await p.getByLabel('Käsittelyä odottava asia').selectOption('');
    await p.getByLabel('Otsikko').fill('Ilmoitusasiat');
    await p.locator('#agenda-proposal').fill('Merkitään tiedoksi.');
    await p.getByRole('button', { name: 'Lisää esityslistalle' }).click();
    await contains(p, '.agenda', 'Ilmoitusasiat');
    await p.getByRole('button', { name: 'Lähetä kokouskutsu' }).click();
    const refusal = p.getByRole('alert').filter({ hasText: 'Kutsu on myöhässä' });
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(/vähintään 4 päivää ennen kokousta, viimeistään \d{1,2}\.\d{1,2}\.\d{4}/);
    await contains(p, '.meeting-facts', 'suunniteltu');
    await screenshot(p, 'meeting-invitation-late');
    await done(p);
  });

  it('the secretary records attendance, the board decides the item, the minutes are signed, checked and published', async () => {
    const p = await atMeeting('paula.poytakirja');
    await p.locator('#attendance-h').waitFor();
    await p.getByLabel('Puheenjohtaja', { exact: true }).selectOption({ label: 'Antti Puheenjohtaja' });
    await p.getByLabel('Pöytäkirjanpitäjä', { exact: true }).selectOption({ label: 'Paula Pöytäkirja' });
    await p.getByLabel('Tuula Tarkastaja', { exact: true }).check();
    await p.getByLabel('Jussi Jäsen', { exact: true }).check();
    await p.getByRole('button', { name: 'Tallenna läsnäolo ja avaa kokous' }).click();
    await contains(p, '.meeting-facts', 'käynnissä');
    await contains(p, '.meeting-item', 'päätösvaltainen');
    await expectAccessible(p, 'meeting-open');

    const first = p.locator('.meeting-item').nth(0);
    const voted = p.locator('.meeting-item').nth(1);
    // A member with a conflict of interest steps aside with its legal ground; the quorum counts one seat fewer.
    await first.locator('summary', { hasText: 'Kirjaa esteellisyys' }).click();
    await first.locator('.recusal').getByLabel('Henkilö', { exact: true }).selectOption({ label: 'Heikki Hallitus' });
    await first.getByLabel('Esteellisyysperuste').selectOption('apa-28-3-interest');
    await first.getByRole('button', { name: 'Kirjaa esteellisyys' }).click();
    await contains(p, '.meeting-item', 'Heikki Hallitus on esteellinen: Intressijäävi');
    await contains(p, '.meeting-item', '4 / 5 paikkaa täytetty, vaaditaan 3');

    await first.getByRole('button', { name: 'Lisää eriävä mielipide' }).click();
    await first.locator('select[id$="-d0-who"]').selectOption({ label: 'Marja Muuri' });
    await first.locator('textarea[id$="-d0-why"]').fill('Muutosohjelman resurssit eivät riitä.');
    await first.getByRole('button', { name: 'Kirjaa päätös' }).click();
    await contains(p, '.decision', 'hyväksyttiin ehdotuksen mukaisesti');
    await contains(p, '.decision', 'Marja Muuri: Muutosohjelman resurssit eivät riitä.');

    // The second item goes to a vote: Marja's counter-proposal to reject it, seconded by Jussi, against the proposal.
    await voted.getByLabel('Ratkaisu').selectOption('decided-by-vote');
    await voted.getByRole('button', { name: 'Lisää vastaehdotus' }).click();
    await voted.getByLabel('Mitä ehdotetaan').selectOption('reject');
    await voted.getByLabel('Ehdotuksen teksti').fill('Asia hylätään.');
    await voted.getByLabel('Ehdottaja').selectOption({ label: 'Marja Muuri' });
    await voted.getByLabel('Kannattaja').selectOption({ label: 'Jussi Jäsen' });
    await voted.getByLabel('EI', { exact: true }).selectOption({ label: 'vastaehdotus 1 (Marja Muuri, hylkäämistä)' });
    const ballots: Array<[string, string]> = [
      ['Antti Puheenjohtaja', 'jaa'],
      ['Heikki Hallitus', 'jaa'],
      ['Tuula Tarkastaja', 'jaa'],
      ['Jussi Jäsen', 'ei'],
      ['Marja Muuri', 'ei'],
    ];
    for (const [name, ballot] of ballots) await voted.getByRole('group', { name }).getByLabel(ballot, { exact: true }).check();
    // The result is counted as the ballots are entered, before anything is sent.
    await contains(p, '.vote-result', 'Jaa 3, ei 2, tyhjiä 0, poissa 0. Voittaja: esittelijän ehdotus.');
    await voted.getByRole('button', { name: 'Kirjaa päätös' }).click();
    await contains(p, '.meeting-item:nth-child(2) .decision', 'ratkaistiin äänestyksellä');
    await contains(p, '.meeting-item:nth-child(2) .decision', 'Jaa 3, ei 2, tyhjiä 0, poissa 0. Voittaja: esittelijän ehdotus. (äänten enemmistöllä)');
    await contains(p, '.meeting-item:nth-child(2) .decision', 'kannattaja Jussi Jäsen');
    await screenshot(p, 'meeting-decided');
    // The decided item took the body's next §, and its extract opens from here.
    await contains(p, '.meeting-item h3', /^§ \d+\/\d{4} Lasten/);
    const [printable] = await Promise.all([p.waitForEvent('popup'), first.getByRole('button', { name: /Tulostettava pöytäkirjanote/ }).click()]);
    await printable.waitForLoadState();
    await expect(printable.locator('body').textContent()).resolves.toContain('Marja Muuri');
    await printable.close();
    const [pdf] = await Promise.all([p.waitForEvent('download'), first.getByRole('button', { name: /Pöytäkirjanote .* \(PDF\)/ }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');

    await p.getByRole('button', { name: 'Päätä kokous' }).click();
    await contains(p, '.meeting-facts', 'päättynyt');
    await p.getByRole('button', { name: 'Allekirjoita pöytäkirja' }).click();
    await contains(p, '#minutes-h ~ ul', 'Paula Pöytäkirja');
    await done(p);

    const chair = await atMeeting('antti.puheenjohtaja');
    await chair.getByRole('button', { name: 'Allekirjoita pöytäkirja' }).click();
    await contains(chair, '#minutes-h ~ p', 'allekirjoitettu');
    await done(chair);

    for (const checker of ['tuula.tarkastaja', 'jussi.jasen']) {
      const c = await atMeeting(checker);
      await c.getByRole('button', { name: 'Tarkasta pöytäkirja' }).click();
      await contains(c, '#minutes-h ~ ul', checker === 'tuula.tarkastaja' ? 'Tuula Tarkastaja' : 'Jussi Jäsen');
      await done(c);
    }

    const secretary = await atMeeting('paula.poytakirja');
    await contains(secretary, '#minutes-h ~ p', 'tarkastettu');
    await secretary.getByRole('button', { name: 'Julkaise pöytäkirja' }).click();
    await contains(secretary, '#minutes-h ~ p', 'julkaistu');
    await expectAccessible(secretary, 'meeting-published');
    await done(secretary);
  });

  it('the public minutes page shows the published minutes with no sign-in, and its extract opens', async () => {
    const p = await page();
    await p.goto(api.baseUrl + '/minutes');
    await heading(p, 'Julkaistut pöytäkirjat');
    await contains(p, '.public-minutes', 'Kaupunginhallitus');
    await contains(p, '.public-minutes', TITLE);
    await contains(p, '.public-minutes', 'hyväksyttiin ehdotuksen mukaisesti');
    await expect(p.locator('#username').count()).resolves.toBe(0);
    await expectAccessible(p, 'minutes-public');

    await p.getByRole('link', { name: 'Kaupunginhallitus', exact: true }).click();
    await heading(p, 'Kaupunginhallitus: julkaistut pöytäkirjat');
    await p.getByRole('button', { name: 'Svenska' }).click();
    await heading(p, 'Stadsstyrelsen: publicerade protokoll');
    await contains(p, '.public-minutes', 'godkändes enligt förslaget');
    await p.getByRole('button', { name: 'Suomi' }).click();
    const extract = p.getByRole('link', { name: /^Pöytäkirjanote .*§/ }).first();
    const href = await extract.getAttribute('href');
    const res = await fetch(api.baseUrl + href!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain(TITLE);
    await done(p);
  });
});

describe('Web app: a management group decides in the electronic procedure, each member voting within the window', () => {
  /** The api's clock, moved on by the test: the voting window opens days after the invitation. */
  class MovableClock extends Clock {
    offset = 0;
    now(): Date {
      return new Date(Date.now() + this.offset);
    }
  }
  const clock = new MovableClock();
  const GROUP = 'hyvinvoinnin-johtoryhma';
  const MATTER = 'Nuorisotilojen aukioloaikojen yhtenäistäminen';
  let api: TestApi;
  let browser: Browser;
  let meetingUrl = '';

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ clock, env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    expect((await api.admin.post('/api/definitions', meetingProcess('web-group-electronic', GROUP, 'Johtoryhmän päätös'))).status).toBe(201);
    const started = await (await director(api)).post('/api/instances', { definitionKey: 'web-group-electronic', variables: { title: MATTER } });
    expect(started.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('the chair opens an electronic procedure; members vote only while the window is open', async () => {
    const { page: p, errors } = await openPage(browser);
    await signIn(p, api, 'helena.hyvinvointi', DEMO_PASSWORD);
    await visit(p, api, `/bodies/${GROUP}/meetings`);
    await p.getByLabel('Sähköinen päätöksenteko').check();
    await p.getByLabel('Äänestys alkaa').fill(helsinkiDay(5, '09:00'));
    await p.getByLabel('Äänestys päättyy').fill(helsinkiDay(7, '16:00'));
    await p.getByRole('button', { name: 'Luo kokous' }).click();
    await p.locator('#agenda-h').waitFor();
    meetingUrl = p.url();
    await contains(p, '.meeting-facts', 'Sähköinen päätöksenteko');
    const matter = await p.locator('#agenda-matter option', { hasText: MATTER }).getAttribute('value');
    await p.getByLabel('Käsittelyä odottava asia').selectOption(matter ?? '');
    await p.locator('#agenda-proposal').fill('Aukioloajat yhtenäistetään 1.3. alkaen.');
    await p.getByRole('button', { name: 'Lisää esityslistalle' }).click();
    await contains(p, '.agenda', MATTER);
    await p.getByRole('button', { name: 'Lähetä kokouskutsu' }).click();
    await contains(p, '.meeting-facts', 'kutsu lähetetty');
    expect(errors).toEqual([]);
    await p.context().close();

    // Before the window opens, a member sees the ballot but cannot cast it.
    const early = await openPage(browser);
    await signIn(early.page, api, 'olli.ohjaus', DEMO_PASSWORD);
    await early.page.goto(meetingUrl);
    await contains(early.page, '.ballot', 'nyt ei voi äänestää');
    await expect(early.page.getByRole('button', { name: 'Äänestä' }).isDisabled()).resolves.toBe(true);
    await early.page.context().close();

    clock.offset = 6 * 86_400_000;
    const member = await openPage(browser);
    await signIn(member.page, api, 'olli.ohjaus', DEMO_PASSWORD);
    await member.page.goto(meetingUrl);
    await contains(member.page, '.ballot', 'Äänestys on auki');
    await member.page.getByLabel('ehdotuksen puolesta').check();
    await member.page.getByRole('button', { name: 'Äänestä' }).click();
    await contains(member.page, '.ballot', 'Äänesi on kirjattu.');
    await screenshot(member.page, 'meeting-electronic-ballot');
    expect({ page: 'meeting-electronic-ballot', violations: await seriousViolations(member.page) }).toEqual({
      page: 'meeting-electronic-ballot',
      violations: [],
    });
    await member.page.reload();
    await contains(member.page, '.ballot', 'Kirjattu äänesi: ehdotuksen puolesta.');

    // The window closes while the page is open: the ballot is refused, in words that give the window.
    clock.offset = 8 * 86_400_000;
    await member.page.getByLabel('ehdotusta vastaan').check();
    await member.page.getByRole('button', { name: 'Äänestä' }).click();
    await member.page
      .getByRole('alert')
      .filter({ hasText: /Äänestysaika on .* – .*; nyt ei voi äänestää\./ })
      .waitFor();
    await member.page.reload();
    await contains(member.page, '.ballot', 'nyt ei voi äänestää');
    expect(member.errors).toEqual([]);
    await member.page.context().close();
  });
});
