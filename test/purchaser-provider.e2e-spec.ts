import type { INestApplicationContext } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { startApi, type Client, type TestApi } from './support/api.js';
import { openMeeting, publishMinutes } from './support/meeting.js';
import { eventually, startWorker } from './support/worker.js';

const BOARD = 'lasten-ja-nuorten-palvelujen-tilaajalautakunta';
const CITY = 'kaupungin-palvelutuotanto';
const COUNTY = 'pirkanmaan-hyvinvointialue';
const NGO = 'jarjestotuottajat';
const COMPANY = 'yritystuottajat';
const YEAR = 2025;

/** What each provider delivers in a quarter (q = 1–4): volumes, euros and quality indicators per product group. */
const DELIVERIES: Record<string, (q: number) => unknown[]> = {
  [CITY]: (q) => [
    {
      productGroup: 'day-care-centres',
      volume: [9_000, 10_000, 11_000, 10_000][q - 1],
      euros: [585_000, 650_000, 715_000, 650_000][q - 1],
      quality: [{ indicator: 'Asiakastyytyväisyys (1–5)', value: [4.2, 4.0, 3.9, 4.1][q - 1] }],
    },
    { productGroup: 'school-health-care', volume: 2_000, euros: 90_000 },
  ],
  [COUNTY]: (q) => [
    { productGroup: 'child-welfare-care', volume: 450, euros: 144_000, quality: [{ indicator: 'Sijoitusten pysyvyys (%)', value: [92, 88, 91, 89][q - 1] }] },
  ],
  [NGO]: () => [{ productGroup: 'child-welfare-open-care', volume: 50, euros: 125_000, quality: [{ indicator: 'Asiakastyytyväisyys (1–5)', value: 3.5 }] }],
  [COMPANY]: () => [{ productGroup: 'day-care-centres', volume: 2_500, euros: 150_000 }],
};

/**
 * Issue 17: Tampere's purchaser–provider cycle, shipped in processes/ and walked through the HTTP
 * API by its roles, with the Tampere 2007 seed: the board defines the services, the purchaser group
 * orders from four providers, the county negotiates, the board approves the agreements at a meeting,
 * the providers report every quarter — the NGOs' late report escalating up the purchaser chain — the
 * board evaluates, and the price–quality report adds it up.
 */
describe('The purchaser–provider cycle of Tampere 2007', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let as: Record<string, Client>;

  beforeAll(async () => {
    api = await startApi({ env: { KAARI_ORGANISATION: 'tampere-2007' } });
    worker = await startWorker(api.config);
    as = {};
    for (const u of [
      'tuula.tilaaja',
      'pekka.palvelu',
      'sirpa.suunnitelma',
      'leena.lautakunta',
      'tiina.tuotanto',
      'hanna.hyvinvointialue',
      'jaana.jarjesto',
      'yrjo.yrittaja',
      'kaisa.kirjaaja',
    ]) {
      as[u] = await api.as(u);
    }
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  /** The open task of `activityId` in the instance, as `client` sees it (waits for timers to make it). */
  async function task(client: Client, instanceId: string, activityId: string): Promise<{ id: string; candidateBodies: string[] }> {
    return eventually(
      async () => {
        const res = await client.get(`/api/tasks?instanceId=${instanceId}`);
        return (res.body.items as Array<{ id: string; activityId: string; candidateBodies: string[] }>).find((t) => t.activityId === activityId);
      },
      20_000,
      `${activityId} to be open`,
    );
  }

  async function complete(client: Client, instanceId: string, activityId: string, data: Record<string, unknown>) {
    const t = await task(client, instanceId, activityId);
    const res = await client.post(`/api/tasks/${t.id}/complete`, { data });
    if (res.status !== 200) throw new Error(`${activityId}: ${res.status} ${JSON.stringify(res.body)}`);
    return t;
  }

  it('deploys only the Tampere diagram: the Turku one names bodies the seed does not have', async () => {
    const definitions = (await api.admin.get('/api/definitions')).body as Array<{ key: string }>;
    expect(definitions.map((d) => d.key)).toEqual(['purchaser-provider-cycle']);
    const forms = (await api.admin.get('/api/forms/kaari:quarterly-report')).body;
    expect(forms.title).toEqual({ fi: 'Neljännesvuosiraportti', en: 'Quarterly report', sv: 'Kvartalsrapport' });
  });

  it('runs a year from the definition to the evaluation, and reports ordered against delivered', async () => {
    // The shipped diagram, with the NGOs' quarterly report due in two seconds; the NGOs and the planner get one second of
    // grace, the planning manager ten days, so a late report goes provider → planner → planning manager and stops there.
    const shipped = await readFile('processes/purchaser-provider-cycle.bpmn', 'utf8');
    const xml = shipped.replace(/(<bpmn:userTask id="report-jarjestotuottajat"[^>]*camunda:dueDate=")P15WD(")/, '$1PT2S$2');
    expect(xml).toContain('camunda:dueDate="PT2S"');
    expect((await api.admin.post('/api/definitions', xml)).status).toBe(201);
    for (const [code, graceDuration] of [
      [NGO, 'PT1S'],
      ['suunnittelija', 'PT1S'],
      ['suunnittelupaallikko', 'P10D'],
    ]) {
      const { name, kind, escalatesTo } = (await api.admin.get(`/api/bodies/${code}`)).body;
      expect((await api.admin.put(`/api/bodies/${code}`, { code, name, kind, escalatesTo, graceDuration })).status).toBe(200);
    }

    // The purchasing manager starts the year's cycle: a case with a diary number.
    const started = await as['tuula.tilaaja'].post('/api/instances', {
      definitionKey: 'purchaser-provider-cycle',
      variables: { title: `Lasten ja nuorten palvelujen tilaaminen ${YEAR}` },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect(started.body.variables.diaryNumber).toMatch(/^\d{4}-\d{4}$/);

    // The board defines the services, each product group tagged preventive, early support or corrective.
    await complete(as['leena.lautakunta'], id, 'define', {
      year: YEAR,
      services: [
        { productGroup: 'day-care-centres', orientation: 'preventive', unit: 'hoitopäivä', plannedVolume: 50_000, budgetEuros: 3_300_000 },
        { productGroup: 'school-health-care', orientation: 'preventive', unit: 'käynti', budgetEuros: 360_000 },
        { productGroup: 'child-welfare-open-care', orientation: 'early-support', unit: 'asiakkuus', budgetEuros: 500_000 },
        { productGroup: 'child-welfare-care', orientation: 'corrective', unit: 'hoitovuorokausi', budgetEuros: 650_000 },
      ],
      strategicGoals: 'Painopiste korjaavasta työstä varhaiseen tukeen ja ennaltaehkäisyyn.',
    });

    // The purchaser group (the planner) orders from each provider; a product group the board did not define is refused.
    const planner = as['pekka.palvelu'];
    const orderTask = await task(planner, id, `order-${CITY}`);
    const undefinedGroup = await planner.post(`/api/tasks/${orderTask.id}/complete`, {
      data: { lines: [{ productGroup: 'libraries', unit: 'laina', volume: 1, unitPrice: 1 }] },
    });
    expect(undefinedGroup.status).toBe(422);
    expect(undefinedGroup.body.errors[0]).toMatchObject({ path: '/lines/0/productGroup', code: 'not-defined' });
    await complete(planner, id, `order-${CITY}`, {
      lines: [
        {
          productGroup: 'day-care-centres',
          unit: 'hoitopäivä',
          volume: 40_000,
          unitPrice: 65,
          qualityTargets: [{ indicator: 'Asiakastyytyväisyys (1–5)', target: 4 }],
        },
        { productGroup: 'school-health-care', unit: 'käynti', volume: 8_000, unitPrice: 45 },
      ],
    });
    const countyOrder = (unitPrice: number) => ({
      lines: [
        {
          productGroup: 'child-welfare-care',
          unit: 'hoitovuorokausi',
          volume: 2_000,
          unitPrice,
          qualityTargets: [{ indicator: 'Sijoitusten pysyvyys (%)', target: 90 }],
        },
      ],
    });
    await complete(planner, id, `order-${COUNTY}`, countyOrder(300));
    await complete(planner, id, `order-${NGO}`, {
      lines: [
        {
          productGroup: 'child-welfare-open-care',
          unit: 'asiakkuus',
          volume: 200,
          unitPrice: 2_500,
          qualityTargets: [{ indicator: 'Asiakastyytyväisyys (1–5)', target: 4 }],
        },
      ],
    });
    await complete(planner, id, `order-${COMPANY}`, { lines: [{ productGroup: 'day-care-centres', unit: 'hoitopäivä', volume: 10_000, unitPrice: 60 }] });

    // Each provider answers its own order only; the county negotiates the price and the planner revises the order.
    const cityAnswer = await task(as['tiina.tuotanto'], id, `respond-${CITY}`);
    expect(cityAnswer.candidateBodies).toEqual([CITY]);
    expect((await as['jaana.jarjesto'].get(`/api/tasks/${cityAnswer.id}`)).status).toBe(404);
    await complete(as['tiina.tuotanto'], id, `respond-${CITY}`, { response: 'accepted' });
    const noProposal = await as['hanna.hyvinvointialue'].post(`/api/tasks/${(await task(as['hanna.hyvinvointialue'], id, `respond-${COUNTY}`)).id}/complete`, {
      data: { response: 'negotiate' },
    });
    expect(noProposal.status).toBe(422);
    expect(noProposal.body.errors.map((e: { path: string }) => e.path)).toContain('/proposal');
    await complete(as['hanna.hyvinvointialue'], id, `respond-${COUNTY}`, {
      response: 'negotiate',
      proposal: 'Hoitovuorokauden hinta 320 €: henkilöstökulut nousevat.',
    });
    await complete(planner, id, `order-${COUNTY}`, countyOrder(320));
    await complete(as['hanna.hyvinvointialue'], id, `respond-${COUNTY}`, { response: 'accepted' });
    await complete(as['jaana.jarjesto'], id, `respond-${NGO}`, { response: 'accepted' });
    await complete(as['yrjo.yrittaja'], id, `respond-${COMPANY}`, { response: 'accepted' });

    // The board approves the agreements at its meeting: a matter on its list, nobody completes it by hand.
    const approval = await eventually(
      async () =>
        ((await as['tuula.tilaaja'].get(`/api/instances/${id}`)).body.openTasks as Array<{ id: string; activityId: string; kind: string }>).find(
          (t) => t.activityId === 'approval',
        ),
      10_000,
      'the approval to wait for the board',
    );
    expect(approval.kind).toBe('meeting');
    const matters = (await as['leena.lautakunta'].get(`/api/bodies/${BOARD}/matters`)).body.items as Array<{ taskId: string }>;
    expect(matters.map((m) => m.taskId)).toContain(approval.id);
    expect((await as['leena.lautakunta'].post(`/api/tasks/${approval.id}/complete`, { data: { meetingOutcome: 'approved-as-proposed' } })).status).toBe(409);
    const { people, secretary, meeting } = await openMeeting(api, BOARD, [approval.id]);
    expect(people.secretary).toBe('sini.sihteeri');
    const decided = await secretary.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, {
      outcome: 'approved-as-proposed',
      decisionText: `Lautakunta hyväksyy vuoden ${YEAR} palvelusopimukset.`,
    });
    expect(decided.status).toBe(200);
    await publishMinutes(api, meeting.id, people);
    const approvalDoc = (
      (await as['tuula.tilaaja'].get(`/api/instances/${id}/documents`)).body as Array<{ formKey: string; data: Record<string, unknown> }>
    ).find((d) => d.formKey === 'kaari:service-agreement-approval')!;
    expect(approvalDoc.data).toMatchObject({
      year: YEAR,
      agreementOutcome: 'approved',
      meetingOutcome: 'approved-as-proposed',
      agreements: expect.arrayContaining([{ provider: COUNTY, round: 2, euros: 640_000 }]),
    });
    expect(String(approvalDoc.data.section)).toMatch(/^§ \d+\/\d{4}$/);

    // Quarter 1: the quarter of 2025 is long over, so the reports are asked at once. Three providers report; the NGOs do not.
    const clients: Record<string, Client> = {
      [CITY]: as['tiina.tuotanto'],
      [COUNTY]: as['hanna.hyvinvointialue'],
      [NGO]: as['jaana.jarjesto'],
      [COMPANY]: as['yrjo.yrittaja'],
    };
    const companyReport = await task(clients[COMPANY], id, `report-${COMPANY}`);
    const notOrdered = await clients[COMPANY].post(`/api/tasks/${companyReport.id}/complete`, {
      data: { lines: [{ productGroup: 'school-health-care', volume: 1, euros: 1 }] },
    });
    expect(notOrdered.status).toBe(422);
    expect(notOrdered.body.errors[0]).toMatchObject({ path: '/lines/0/productGroup', code: 'not-ordered' });
    for (const p of [CITY, COUNTY, COMPANY]) await complete(clients[p], id, `report-${p}`, { lines: DELIVERIES[p](1) });
    const late = await task(clients[NGO], id, `report-${NGO}`);
    const escalated = await eventually(
      async () => {
        const t = (await as['sirpa.suunnitelma'].get(`/api/tasks/${late.id}`)).body;
        return t.escalationLevel === 2 ? t : undefined;
      },
      30_000,
      'the late report to escalate to the planning manager',
    );
    expect(escalated.candidateBodies).toEqual([NGO, 'suunnittelija', 'suunnittelupaallikko']);
    expect(escalated.overdue).toBe(true);
    const history = (await as['tuula.tilaaja'].get(`/api/instances/${id}/history`)).body as Array<{
      type: string;
      taskId?: string;
      details: Record<string, unknown>;
    }>;
    expect(history.filter((h) => h.type === 'task.escalated' && h.taskId === late.id).map((h) => [h.details.from, h.details.to])).toEqual([
      [NGO, 'suunnittelija'],
      ['suunnittelija', 'suunnittelupaallikko'],
    ]);
    const planningManagerNotes = (await as['sirpa.suunnitelma'].get('/api/notifications')).body.items as Array<{ kind: string; taskId: string }>;
    expect(planningManagerNotes.some((n) => n.kind === 'escalation' && n.taskId === late.id)).toBe(true);
    // The city board's secretary is outside the cycle: no such task for her, and no report.
    expect((await as['kaisa.kirjaaja'].get(`/api/tasks/${late.id}`)).status).toBe(404);
    // The provider still reports, late.
    await complete(clients[NGO], id, `report-${NGO}`, { lines: DELIVERIES[NGO](1) });

    // Quarters 2–4.
    for (const q of [2, 3, 4]) {
      for (const p of [CITY, COUNTY, NGO, COMPANY]) {
        await eventually(
          async () => {
            const docs = (await as['tuula.tilaaja'].get(`/api/instances/${id}/documents`)).body as Array<{ formKey: string; data: { provider: string } }>;
            return docs.filter((d) => d.formKey === 'kaari:quarterly-report' && d.data.provider === p).length === q - 1;
          },
          5_000,
          `quarter ${q - 1} of ${p} to be kept`,
        );
        await complete(clients[p], id, `report-${p}`, { lines: DELIVERIES[p](q) });
      }
    }

    // The price–quality report of the year.
    const report = await as['tuula.tilaaja'].get(`/api/reports/purchaser-provider?year=${YEAR}`);
    expect(report.status).toBe(200);
    const group = (key: string) => (report.body.productGroups as Array<Record<string, unknown>>).find((g) => g.productGroup === key)!;
    expect(group('day-care-centres')).toMatchObject({
      orientation: 'preventive',
      providers: [CITY, COMPANY],
      orderedVolume: 50_000,
      deliveredVolume: 50_000,
      orderedEuros: 3_200_000,
      deliveredEuros: 3_200_000,
      orderedUnitPrice: 64,
      deliveredUnitPrice: 64,
      qualityTargetsMet: 1,
    });
    expect(group('child-welfare-care')).toMatchObject({
      orientation: 'corrective',
      orderedEuros: 640_000, // the negotiated price, 2,000 × 320
      deliveredVolume: 1_800,
      deliveredEuros: 576_000,
      volumeDelivery: 0.9,
      qualityTargets: [{ provider: COUNTY, indicator: 'Sijoitusten pysyvyys (%)', target: 90, higherIsBetter: true, achieved: 90, met: true }],
    });
    expect(group('child-welfare-open-care')).toMatchObject({ orientation: 'early-support', deliveredEuros: 500_000, qualityTargetsMet: 0 });
    expect(report.body.totals).toEqual({ orderedEuros: 4_700_000, deliveredEuros: 4_636_000, qualityTargets: 3, qualityTargetsMet: 2 });
    expect(report.body.quartersReported).toEqual([CITY, NGO, COUNTY, COMPANY].sort().map((provider) => ({ provider, quarters: [1, 2, 3, 4] })));
    expect(report.body.years).toEqual([
      {
        year: YEAR,
        orderedEuros: 4_700_000,
        deliveredEuros: 4_636_000,
        shares: [
          { orientation: 'preventive', orderedEuros: 3_560_000, deliveredEuros: 3_560_000, orderedShare: 0.7574, deliveredShare: 0.7679 },
          { orientation: 'early-support', orderedEuros: 500_000, deliveredEuros: 500_000, orderedShare: 0.1064, deliveredShare: 0.1079 },
          { orientation: 'corrective', orderedEuros: 640_000, deliveredEuros: 576_000, orderedShare: 0.1362, deliveredShare: 0.1242 },
        ],
      },
    ]);
    const csv = await as['tuula.tilaaja'].get(`/api/reports/purchaser-provider?year=${YEAR}&format=csv&lang=sv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(String(csv.body)).toContain(`${YEAR},Dagvård,Daghemsvård,preventive,hoitopäivä`);
    // A provider of the cycle reads it; the city board's secretary, outside the cycle, does not.
    expect((await as['tiina.tuotanto'].get(`/api/reports/purchaser-provider?year=${YEAR}`)).status).toBe(200);
    const outside = await as['kaisa.kirjaaja'].get(`/api/reports/purchaser-provider?year=${YEAR}`);
    expect(outside.status).toBe(403);
    expect(outside.body.errors[0].code).toBe('purchasing-report-forbidden');

    // The board evaluates the year; the evaluation feeds the next year's definition, which must be for the next year.
    await complete(as['leena.lautakunta'], id, 'evaluation', {
      assessment: 'partly-works',
      findings: 'Järjestöjen avopalveluiden asiakastyytyväisyys jäi tavoitteesta; sijaishuollon hinta nousi neuvottelussa.',
      nextYear: 'Lisätään perheneuvontaa, seurataan avopalveluiden laatua neljännesvuosittain.',
      continueNextYear: true,
    });
    const nextDefinition = await task(as['leena.lautakunta'], id, 'define');
    const sameYear = await as['leena.lautakunta'].post(`/api/tasks/${nextDefinition.id}/complete`, {
      data: { year: YEAR, services: [{ productGroup: 'family-counselling', orientation: 'early-support', unit: 'asiakkuus', budgetEuros: 100_000 }] },
    });
    expect(sameYear.status).toBe(422);
    expect(sameYear.body.errors[0]).toMatchObject({ path: '/year', code: 'year-not-next', params: { evaluated: YEAR, expected: YEAR + 1 } });
  });
});
