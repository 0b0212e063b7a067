import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, ADMIN_PASSWORD, startApi, type TestApi } from '../support/api.js';
import { bpmn } from '../support/bpmn.js';
import { eventually, startWorker } from '../support/worker.js';
import { contains, demoUsers, heading, launchBrowser, openPage, screenshot, seriousViolations, signIn, visit } from './browser.js';

const PROCESS = 'cross-sector-measure';

/** A review by the wellbeing management group, using the review form. */
const reviewProcess = (id: string) =>
  bpmn(id, { name: 'Web review' })
    .start()
    .userTask('review', { name: 'Ohjausryhmän katselmus', body: 'hyvinvoinnin-johtoryhma', due: 'P10WD', form: 'kaari:steering-review' });
/** A one-step review process. */
const REVIEW_PROCESS = reviewProcess('web-review').end().xml();

/** The city board's decision, drawn (the modeler shows only what a diagram draws). */
const BOARD_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions-web-board" targetNamespace="https://kaari.fi/bpmn">
  <bpmn:process id="web-board" name="Web board" isExecutable="true">
    <bpmn:startEvent id="start" name="Alku"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="board-decision" name="Kaupunginhallituksen päätös" camunda:candidateGroups="kaupunginhallitus" camunda:dueDate="P30D">
      <bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end" name="Loppu"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="board-decision" />
    <bpmn:sequenceFlow id="f2" sourceRef="board-decision" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram-web-board">
    <bpmndi:BPMNPlane id="plane-web-board" bpmnElement="web-board">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="board-decision_di" bpmnElement="board-decision"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe('Web app: the director, a steering-group member and an admin do their jobs in a browser', () => {
  let api: TestApi;
  let browser: Browser;
  let people: Awaited<ReturnType<typeof demoUsers>>;
  const scriptErrors = new Map<Page, string[]>();

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi({ env: { API_WEB_DIR: 'apps/web/dist' } }), launchBrowser()]);
    people = await demoUsers(api);
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

  /** Waits (up to 5 s) for what the page shows to become `expected`, then asserts it. */
  async function settles(read: () => Promise<string | null>, expected: string): Promise<void> {
    for (let i = 0; i < 50 && (await read()) !== expected; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await read()).toBe(expected);
  }

  /** Ends a journey: no uncaught script error happened on the way. */
  async function done(p: Page): Promise<void> {
    expect(scriptErrors.get(p)).toEqual([]);
    await p.context().close();
  }

  it('a director launches a measure from the portfolio and lands on its case page', async () => {
    const p = await page();
    await signIn(p, api, people.director, DEMO_PASSWORD);
    await heading(p, 'Prosessit');
    await p.getByRole('link', { name: 'Käynnistä uusi' }).click();
    await p.locator('#launch-process').selectOption(PROCESS);
    await p.locator('#launch-business-key').fill('9001-2026');
    const title = 'Koulupolku 2027 – iltapäivätoiminnan yhtenäistäminen';
    // The start form is rendered from its JSON Schema when the forms API has it; otherwise free fields.
    await p.locator('[name="title"], #kv-value-0').first().waitFor();
    if (await p.locator('[name="title"]').count()) await p.locator('[name="title"]').fill(title);
    else await p.locator('#kv-value-0').fill(title);
    await screenshot(p, 'launch');
    await p.getByRole('button', { name: 'Käynnistä', exact: true }).click();

    await p.waitForURL(/\/instances\/[0-9a-f-]{36}/);
    await p.getByRole('status').filter({ hasText: 'Prosessi käynnistettiin.' }).waitFor();
    await heading(p, `Asia: ${title}`);
    // The first step is open for the change group, and marked active on the diagram.
    await contains(p, 'section[aria-labelledby="open-h"]', 'Palveluiden ja resurssien kartoitus');
    await p.locator('.djs-element.kaari-active[data-element-id="mapping"]').waitFor();
    await screenshot(p, 'instance');

    const id = p.url().split('/instances/')[1].split('?')[0];
    const instance = await api.admin.get(`/api/instances/${id}`);
    expect(instance.body).toMatchObject({ definitionKey: PROCESS, state: 'running', variables: { title } });
    expect(instance.body.openTasks.map((t: { activityId: string }) => t.activityId)).toEqual(['mapping']);

    // The portfolio lists it with where it is.
    await p.getByRole('link', { name: 'Prosessit', exact: true }).click();
    await p.locator('#f-q').fill('Koulupolku');
    await p.getByRole('button', { name: 'Hae' }).click();
    const row = p.locator('tbody tr').filter({ hasText: title });
    await row.filter({ hasText: 'Palveluiden ja resurssien kartoitus' }).waitFor();
    await screenshot(p, 'portfolio');

    // The measure is withdrawn: cancelled with a reason that goes on the record.
    await row.getByRole('link', { name: title }).click();
    await p.getByRole('button', { name: 'Peru prosessi' }).click();
    await p.getByLabel('Perumisen syy').fill('Toimenpide yhdistetään Harrastustakuu-hankkeeseen.');
    await p.getByRole('button', { name: 'Peru prosessi' }).click();
    await p.locator('.facts .badge', { hasText: 'peruttu' }).waitFor();
    await contains(p, '.timeline', 'Syy: Toimenpide yhdistetään Harrastustakuu-hankkeeseen.');
    const cancelled = await api.admin.get(`/api/instances/${id}`);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', endReason: 'Toimenpide yhdistetään Harrastustakuu-hankkeeseen.', openTasks: [] });
    await done(p);
  });

  it('a member of the wellbeing management group claims and completes the review in the tasklist', async () => {
    expect((await api.admin.post('/api/definitions', REVIEW_PROCESS)).status).toBe(201);
    const director = await api.as(people.director);
    const started = await director.post('/api/instances', {
      definitionKey: 'web-review',
      businessKey: '9002-2026',
      variables: { title: 'Nuorisotilojen aukioloajat' },
    });
    expect(started.status).toBe(201);
    const member = await people.memberOf('hyvinvoinnin-johtoryhma');

    const p = await page();
    await signIn(p, api, member, DEMO_PASSWORD);
    await heading(p, 'Tehtäväni');
    const card = p.locator('.task-list > li').filter({ hasText: 'Ohjausryhmän katselmus' });
    // The task shows its body by name and how long is left (P10WD from now).
    await card
      .filter({ hasText: 'Hyvinvoinnin johtoryhmä' })
      .filter({ hasText: /1[3-6] pv jäljellä/ })
      .waitFor();
    await screenshot(p, 'tasks');
    await card.getByRole('button', { name: 'Ota käsittelyyn: Ohjausryhmän katselmus' }).click();
    await card.getByRole('button', { name: 'Vapauta: Ohjausryhmän katselmus' }).waitFor();
    await card.filter({ hasText: member }).waitFor();

    await card.getByRole('link', { name: 'Ohjausryhmän katselmus' }).click();
    await p.locator('[name="reviewOutcome"], #kv-key-0').first().waitFor();
    const schemaForm = (await p.locator('[name="reviewOutcome"]').count()) > 0;
    if (schemaForm) {
      // Sent without the required fields: the server's messages appear on the fields themselves.
      await p.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
      await p.locator('.field.invalid [name="reviewOutcome"]').waitFor();
      await expect(p.locator('[name="reviewOutcome"]').getAttribute('aria-invalid')).resolves.toBe('true');
      await screenshot(p, 'task-errors');
      await p.locator('[name="reviewOutcome"]').selectOption('approved');
      await p.locator('[name="meeting.body"]').selectOption('hyvinvoinnin-johtoryhma');
      await p.locator('[name="meeting.date"]').fill('2026-11-20');
      await p.locator('[name="meeting.item"]').fill('5 §');
    } else {
      await p.locator('#kv-key-0').fill('reviewOutcome');
      await p.locator('#kv-value-0').fill('approved');
    }
    await screenshot(p, 'task');
    await p.getByRole('button', { name: 'Merkitse valmiiksi' }).click();
    await p.getByText('Tehtävä on valmis ja asia siirtyi eteenpäin.').waitFor();

    const instance = await api.admin.get(`/api/instances/${started.body.id}`);
    expect(instance.body).toMatchObject({ state: 'completed', variables: { reviewOutcome: 'approved' } });
    const history = await api.admin.get(`/api/instances/${started.body.id}/history`);
    expect(history.body.filter((h: { type: string }) => h.type === 'task.completed').map((h: { actor: string }) => h.actor)).toEqual([member]);

    // Back in the list the task is gone.
    await p.getByRole('link', { name: 'Tehtäviin' }).first().click();
    await p.getByText('Ei tehtäviä.').waitFor();
    await done(p);
  });

  it('the chair of the wellbeing management group gives a review to a member, who is notified', async () => {
    expect([200, 201]).toContain((await api.admin.post('/api/definitions', REVIEW_PROCESS)).status);
    const director = await api.as(people.director);
    const started = (await director.post('/api/instances', { definitionKey: 'web-review', businessKey: 'ANNA-1' })).body;
    const taskId = started.openTasks[0].id;

    const p = await page();
    await signIn(p, api, 'helena.hyvinvointi', DEMO_PASSWORD);
    await visit(p, api, `/tasks/${taskId}`);
    await p.getByText('Anna tai siirrä tehtävä').click();
    await p.getByLabel('Jäsen', { exact: true }).selectOption({ label: 'Olli Ohjaus' });
    await p.getByLabel('Syy (vapaaehtoinen)').fill('Olli tuntee asian');
    await p.getByRole('button', { name: 'Anna tehtävä' }).click();
    await p.getByRole('status').filter({ hasText: 'Tehtävä annettiin: Olli Ohjaus.' }).waitFor();
    await contains(p, 'dl.facts', 'olli.ohjaus');
    await screenshot(p, 'task-handover');
    await done(p);

    const olli = await api.as('olli.ohjaus');
    const told = (await olli.get('/api/notifications')).body.items.find((n: { taskId: string }) => n.taskId === taskId);
    expect(told).toMatchObject({ kind: 'assignment', message: { fi: 'Sinulle osoitettiin tehtävä "Ohjausryhmän katselmus": Olli tuntee asian' } });
    // A member who is not the chair is not offered the form
    const q = await page();
    await signIn(q, api, 'olli.ohjaus', DEMO_PASSWORD);
    await visit(q, api, `/tasks/${taskId}`);
    // (once the bodies, whose chairs decide it, have loaded)
    await contains(q, 'dl.facts', 'Hyvinvoinnin johtoryhmä');
    await expect(q.getByText('Anna tai siirrä tehtävä').count()).resolves.toBe(0);
    await done(q);
  });

  it('a member going away names a deputy, who then sees the body’s tasks until the member ends it', async () => {
    const director = await api.as(people.director);
    const started = (await director.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Sijaisuuskoe' } })).body;
    const mapping = started.openTasks[0].id;
    const helena = await api.as('helena.hyvinvointi');
    const sees = async () => (await helena.get(`/api/tasks/${mapping}`)).status;
    expect(await sees()).toBe(404);

    const p = await page();
    await signIn(p, api, 'kalle.kartoitus', DEMO_PASSWORD);
    await p.getByRole('button', { name: 'Kalle Kartoitus' }).click();
    await p.getByRole('link', { name: 'Sijaiset' }).click();
    await heading(p, 'Sijaiset');
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await p.getByLabel('Sijainen', { exact: true }).selectOption({ label: 'Helena Hyvinvointi' });
    await p.getByLabel('Alkaa').fill(local(new Date(Date.now() - 60_000)));
    await p.getByLabel('Päättyy').fill(local(new Date(Date.now() + 86_400_000)));
    await p.getByRole('button', { name: 'Nimeä', exact: true }).click();
    await p.getByRole('status').filter({ hasText: 'Helena Hyvinvointi on sijaisesi ajanjaksolla.' }).waitFor();
    const entry = p.locator('li.deputyship').filter({ hasText: 'Helena Hyvinvointi' });
    await entry.getByText('voimassa').waitFor();
    await screenshot(p, 'deputies');
    // During the period the deputy sees the change group's task
    expect(await sees()).toBe(200);

    await entry.getByRole('button', { name: 'Päätä nyt' }).click();
    await p.getByRole('status').filter({ hasText: 'Sijaisuus päättyi: Helena Hyvinvointi.' }).waitFor();
    expect(await sees()).toBe(404);
    await done(p);
  });

  it('an admin sets up a new body in the escalation chain and gives it a chair', async () => {
    const p = await page();
    await signIn(p, api, 'admin', ADMIN_PASSWORD);
    await p.getByRole('link', { name: 'Toimielimet' }).click();
    await p.getByRole('button', { name: 'Uusi toimielin' }).click();
    await p.getByLabel('Tunnus').fill('nuorisolautakunta');
    await p.getByLabel('Nimi suomeksi').fill('Nuorisolautakunta');
    await p.getByLabel('Nimi ruotsiksi').fill('Ungdomsnämnden');
    await p.getByLabel('Nimi englanniksi').fill('Youth board');
    await p.getByLabel('Tyyppi').selectOption('board');
    await p.getByLabel('Myöhästyneet tehtävät siirtyvät').selectOption('kaupunginhallitus');
    await p.getByLabel('Odotusaika ennen siirtoa').fill('P5D');
    await p.getByRole('button', { name: 'Tallenna' }).click();
    await heading(p, 'Nuorisolautakunta');
    await contains(p, 'ol.chain', 'Kaupunginhallitus');

    await p.getByRole('link', { name: 'Käyttäjät' }).click();
    await p.getByRole('button', { name: 'Uusi käyttäjä' }).click();
    await p.getByLabel('Käyttäjätunnus').fill('nella.nuoriso');
    await p.getByLabel('Nimi', { exact: true }).fill('Nella Nuoriso');
    await p.getByLabel('Salasana').fill('nuoriso-salasana-2026');
    await p.getByRole('button', { name: 'Lisää jäsenyys' }).click();
    await p.getByLabel('Toimielin 1').selectOption('nuorisolautakunta');
    await p.getByLabel('Rooli 1').selectOption('chair');
    await p.getByRole('button', { name: 'Tallenna' }).click();
    await p.getByText('Tallennettu.').waitFor();
    await p.locator('tbody tr').filter({ hasText: 'Nella Nuoriso' }).filter({ hasText: 'Nuorisolautakunta (puheenjohtaja)' }).waitFor();
    await screenshot(p, 'users-after');

    const body = await api.admin.get('/api/bodies/nuorisolautakunta');
    expect(body.body).toMatchObject({
      kind: 'board',
      escalatesTo: 'kaupunginhallitus',
      graceDuration: 'P5D',
      name: { fi: 'Nuorisolautakunta', sv: 'Ungdomsnämnden', en: 'Youth board' },
    });
    expect(body.body.members).toEqual([expect.objectContaining({ username: 'nella.nuoriso', role: 'chair' })]);
    await api.anonymous.as('nella.nuoriso', 'nuoriso-salasana-2026');
    await done(p);
  });

  it('an admin finds a failed step among the incidents, retries it, and the director cancels the case', async () => {
    // Given a diagram whose gateway has no way on for the choice a member makes
    const deadEnd = reviewProcess('web-dead-end').exclusiveGateway('route').when("${environment.variables.reviewOutcome == 'approved'}").end().xml();
    expect((await api.admin.post('/api/definitions', deadEnd)).status).toBe(201);
    const director = await api.as(people.director);
    const started = (await director.post('/api/instances', { definitionKey: 'web-dead-end', businessKey: 'HÄIRIÖ-1' })).body;
    const member = await api.as(await people.memberOf('hyvinvoinnin-johtoryhma'));
    const review = {
      reviewOutcome: 'returned',
      comments: 'Kartoitus on puutteellinen.',
      returnReasons: 'Järjestöjen palvelut puuttuvat.',
      meeting: { body: 'hyvinvoinnin-johtoryhma', date: '2026-03-02', item: '7' },
    };
    expect((await member.post(`/api/tasks/${started.openTasks[0].id}/complete`, { data: review })).status).toBe(409);

    // When the admin opens the incidents
    const p = await page();
    await signIn(p, api, 'admin', ADMIN_PASSWORD);
    await p.getByRole('link', { name: 'Häiriöt', exact: true }).click();
    await heading(p, 'Häiriöt');
    const card = p.getByRole('listitem', { name: 'web-dead-end: HÄIRIÖ-1' });
    // Why, in Finnish; the engine's own English message only behind the technical toggle.
    await card.getByText(/Prosessi ei päässyt tehtävän jälkeen eteenpäin/).waitFor();
    await card.getByText('Tekninen syy', { exact: false }).click();
    await card.getByText(/no conditional flow taken/).waitFor();
    await card.getByText('route', { exact: true }).waitFor();
    await screenshot(p, 'incidents');

    // Then a retry runs the completion again, fails the same way, and says so
    await card.getByRole('button', { name: 'Yritä uudelleen' }).click();
    await p
      .getByRole('alert')
      .filter({ hasText: /Prosessi ei päässyt tästä vaiheesta eteenpäin/ })
      .waitFor();
    await card.waitFor();

    // And the director cancels the case from its page, which empties the list
    await card.getByRole('link', { name: 'Avaa asia' }).click();
    await p.getByRole('button', { name: 'Peru prosessi' }).click();
    await p.locator('#cancel-reason').fill('Kaaviossa on virhe; korjattu versio käynnistetään.');
    await p.getByRole('button', { name: 'Peru prosessi' }).click();
    await p.getByRole('link', { name: 'Häiriöt', exact: true }).click();
    await p.getByText('Ei häiriöitä: jokainen prosessi etenee kaavionsa mukaan.').waitFor();
    expect((await api.admin.get(`/api/instances/${started.id}`)).body.state).toBe('cancelled');
    const history = (await api.admin.get(`/api/instances/${started.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(history.filter((t: string) => t === 'incident.opened')).toHaveLength(2);
    await done(p);
  });

  it('an auditor reads the trail, follows one request, and verifies the chain', async () => {
    const worker = await startWorker(api.config);
    try {
      // Given an auditor whose creation is itself on the record, sealed by the worker
      const created = await api.admin.post('/api/users', {
        username: 'aino.auditoija',
        password: 'auditoija-salasana-2026',
        displayName: 'Aino Auditoija',
        roles: ['auditor'],
        bodies: [],
      });
      expect(created.status).toBe(201);
      await eventually(async () => (await api.admin.get('/api/audit/verify')).body.unsealed === 0 || undefined, 20000, 'the sealer');

      // When the auditor signs in, the trail is where they land
      const p = await page();
      await signIn(p, api, 'aino.auditoija', 'auditoija-salasana-2026');
      await heading(p, 'Tarkastusloki');
      const creation = p.locator('tbody tr').filter({ hasText: 'Käyttäjä luotiin' }).filter({ hasText: 'aino.auditoija' });
      await creation.waitFor();
      await screenshot(p, 'audit');

      // Following the request that created the user shows what that one request changed
      await creation.getByRole('button', { name: 'saman pyynnön muutokset' }).click();
      await expect(p.locator('#audit-correlationId').inputValue()).resolves.toBe(created.headers.get('x-correlation-id'));
      await p.locator('tbody tr').first().waitFor();
      for (const row of await p.locator('tbody tr').all()) await expect(row.textContent()).resolves.toContain('aino.auditoija');

      // Verifying the chain says it is intact and shows the head to keep elsewhere
      await p.getByRole('button', { name: 'Tarkista ketju' }).click();
      const status = p.getByRole('status').filter({ hasText: 'Ketju on ehjä.' });
      await status.waitFor();
      // The head shown is a sealed entry's index and hash (the sealer may have sealed more since)
      const [index, hash] = await status.locator('code').allTextContents();
      const sealed = (await api.admin.get('/api/audit?limit=500')).body.items.find(
        (e: { chainIndex: number | null }) => e.chainIndex === Number(index.slice(1)),
      );
      expect(sealed.hash).toBe(hash);
      // An auditor reaches nothing else
      await expect(p.getByRole('link', { name: 'Käyttäjät' }).count()).resolves.toBe(0);
      await done(p);
    } finally {
      await worker.close();
    }
  });

  it('an admin changes a flow condition by choosing what it tests, not by typing an expression', async () => {
    const p = await page();
    await signIn(p, api, 'admin', ADMIN_PASSWORD);
    await visit(p, api, `/admin/modeler/${PROCESS}`);
    await p.getByText('Ei virheitä.').waitFor();
    // The flow back from the review reads as: the review's outcome is "returned"
    await p.locator('#element-picker').selectOption('flow-review-returned');
    const builder = p.getByRole('group', { name: 'Ehto', exact: true });
    const variable = builder.getByLabel('Muuttuja');
    // (the labels come from the forms, which load beside the diagram)
    await settles(() => variable.locator('option:checked').textContent(), 'Käsittelyn tulos');
    await settles(() => builder.getByLabel('Vertailu').locator('option:checked').textContent(), 'on');
    await settles(() => builder.getByLabel('Arvo').locator('option:checked').textContent(), 'Palautettu');

    // Choosing another value and "is not" writes the expression Kaari runs
    await builder.getByLabel('Arvo').selectOption({ label: 'Hyväksytty ehdoin' });
    const expression = p.getByLabel('Ehto lausekkeena');
    await settles(() => expression.inputValue(), "${environment.variables.reviewOutcome == 'approved-with-conditions'}");
    await builder.getByLabel('Vertailu').selectOption({ label: 'ei ole' });
    await settles(() => expression.inputValue(), "${environment.variables.reviewOutcome != 'approved-with-conditions'}");
    // Another variable offers its own values, from its form
    await variable.selectOption({ label: 'Vaikuttaako lapsiin' });
    await expect(builder.getByLabel('Arvo').locator('option').allTextContents()).resolves.toEqual(expect.arrayContaining(['Ei', 'Epävarmaa', 'Suoraan']));
    await p.getByText('Ei virheitä.').waitFor();
    await screenshot(p, 'modeler-condition');
    await done(p);
  });

  it('an admin changes a step in the modeler, deploys version 2, and the next launch runs on it', async () => {
    const p = await page();
    await signIn(p, api, 'admin', ADMIN_PASSWORD);
    await visit(p, api, `/admin/modeler/${PROCESS}`);
    await p.locator('[data-element-id="review"]').waitFor();
    // bpmnlint and Kaari's own checks run as soon as the diagram is open.
    await p.getByText('Ei virheitä.').waitFor();

    await p.locator('.djs-element[data-element-id="review"]').click();
    await expect(p.locator('#element-picker').inputValue()).resolves.toBe('review');
    const name = p.getByLabel('Nimi', { exact: true });
    await expect(name.inputValue()).resolves.toBe('Hyvinvoinnin johtoryhmän käsittely');
    await name.fill('Hyvinvoinnin johtoryhmän arvio');
    await name.press('Enter');
    const due = p.getByLabel('Määräaika', { exact: true });
    await expect(due.inputValue()).resolves.toBe('P10D');
    await due.fill('12 päivää');
    await expect(p.getByText('Anna kesto muodossa P14D, P10WD tai PT2H.').count()).resolves.toBe(1);
    await due.fill('P12WD');
    await due.press('Enter');
    await p.locator('.djs-element[data-element-id="review"]').filter({ hasText: 'arvio' }).waitFor();

    // Taking the body off the task is an error Kaari's deploy check reports on the element.
    await p.getByLabel('Hyvinvoinnin johtoryhmä', { exact: true }).uncheck();
    await p.locator('.djs-overlay .lint-badge.error').first().waitFor();
    await p.getByText(/(virhe|virhettä) estää käyttöönoton/).waitFor();
    await screenshot(p, 'modeler-error');
    await p.getByLabel('Hyvinvoinnin johtoryhmä', { exact: true }).check();
    await p.getByText('Ei virheitä.').waitFor();
    await screenshot(p, 'modeler');

    await p.getByRole('button', { name: 'Ota käyttöön uutena versiona' }).click();
    // The deploy asks first, showing what changes from the running version.
    const review = p.locator('section.deploy-review');
    await review
      .locator('tr.diff-changed')
      .filter({ hasText: /Määräaika: P10D → P12WD/ })
      .waitFor();
    await review.getByRole('button', { name: 'Vahvista käyttöönotto' }).click();
    await p.getByText(`Versio 2 prosessista ${PROCESS} on otettu käyttöön.`).waitFor();

    const def = await api.admin.get(`/api/definitions/${PROCESS}`);
    expect(def.body.version).toBe(2);
    expect(def.body.userTasks.find((t: { id: string }) => t.id === 'review')).toMatchObject({ name: 'Hyvinvoinnin johtoryhmän arvio', dueDate: 'P12WD' });
    const director = await api.as(people.director);
    const next = await director.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Version kaksi' } });
    expect(next.status).toBe(201);
    expect(next.body.definitionVersion).toBe(2);

    // The versions page lists what changed and marks it on both diagrams.
    await p.getByRole('link', { name: 'Versiot ja muutokset' }).click();
    const changed = p.locator('tr.diff-changed').filter({ hasText: 'review' });
    await changed.waitFor();
    await p.locator('.djs-element.kaari-changed[data-element-id="review"]').first().waitFor();
    await expect(changed.textContent()).resolves.toMatch(/Määräaika: P10D → P12WD/);
    await expect(changed.textContent()).resolves.toContain('Hyvinvoinnin johtoryhmän arvio');
    await expect(p.locator('tr.diff-changed, tr.diff-added, tr.diff-removed').count()).resolves.toBe(1);
    await screenshot(p, 'versions');
    await done(p);
  });

  it('an admin marks a step as a matter the body decides at its meeting, and the deployed diagram keeps it', async () => {
    expect((await api.admin.post('/api/definitions', BOARD_PROCESS)).status).toBe(201);
    const p = await page();
    await signIn(p, api, 'admin', ADMIN_PASSWORD);
    await visit(p, api, '/admin/modeler/web-board');
    await p.getByText('Ei virheitä.').waitFor();
    await p.locator('#element-picker').selectOption('board-decision');
    const meeting = p.getByLabel('Käsitellään toimielimen kokouksessa', { exact: true });
    await expect(meeting.isChecked()).resolves.toBe(false);
    await expect(p.locator('#prop-meeting-help').textContent()).resolves.toBe(
      'Tehtävää ei hoida kukaan henkilö: sen ratkaisee toimielimen päätös kokouksessa.',
    );
    await meeting.check();

    // A meeting is one body's: a second body is an error in the panel and in Kaari's check.
    await p.getByLabel('Muutosryhmä', { exact: true }).check();
    await p.getByText('Kokous on yhden toimielimen: valitse vain yksi vastuutoimielin.').waitFor();
    await p.locator('.djs-overlay .lint-badge.error').first().waitFor();
    await p.getByText(/(virhe|virhettä) estää käyttöönoton/).waitFor();
    await p.getByLabel('Muutosryhmä', { exact: true }).uncheck();
    await p.getByText('Ei virheitä.').waitFor();
    await expect(p.getByText('Kokous on yhden toimielimen: valitse vain yksi vastuutoimielin.').count()).resolves.toBe(0);
    await expect(meeting.isChecked()).resolves.toBe(true);
    await screenshot(p, 'modeler-meeting');
    // The panel of a user task, checkbox and help text, passes axe as the rest of the modeler does.
    await expect(seriousViolations(p)).resolves.toEqual([]);

    await p.getByRole('button', { name: 'Ota käyttöön uutena versiona' }).click();
    await p.getByRole('button', { name: 'Vahvista käyttöönotto' }).click();
    await p.getByText('Versio 2 prosessista web-board on otettu käyttöön.').waitFor();
    const deployed = await api.admin.get('/api/definitions/web-board/versions/2');
    expect(deployed.status).toBe(200);
    expect(deployed.body).toContain('xmlns:kaari="https://kaari.fi/schema/bpmn/1.0"');
    expect(deployed.body).toMatch(/<bpmn:userTask id="board-decision"[^>]* kaari:handledAt="meeting"/);
    expect(deployed.body).toMatch(/<bpmn:userTask id="board-decision"[^>]* camunda:candidateGroups="kaupunginhallitus"/);

    // Opened again, version 2 has the box ticked.
    await visit(p, api, '/admin/modeler/web-board');
    await p.getByText('Ei virheitä.').waitFor();
    await p.locator('#element-picker').selectOption('board-decision');
    await expect(p.getByLabel('Käsitellään toimielimen kokouksessa', { exact: true }).isChecked()).resolves.toBe(true);

    // The versions page words the change as the checkbox reads.
    await p.getByRole('link', { name: 'Versiot ja muutokset' }).click();
    const changed = p.locator('tr.diff-changed').filter({ hasText: 'board-decision' });
    await changed.waitFor();
    await expect(changed.textContent()).resolves.toContain('Käsitellään toimielimen kokouksessa: ei → kyllä');
    await expect(p.locator('tr.diff-changed, tr.diff-added, tr.diff-removed').count()).resolves.toBe(1);
    await done(p);
  });
});
