import type { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { assessment, decision, ENFORCEMENT, review, screening, serviceRow } from './support/governance.js';
import { deployWithoutMeetings, director, memberOf, openTask } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

/** The shipped process with its review and decision recorded through their forms (meetings: meetings.e2e-spec.ts). */
const PROCESS = 'cross-sector-forms';
const PASSWORD = 'records-test-password';

/** Screening → decision by a body of the test's choosing, for numbering many decisions quickly. */
const quickDecision = (id: string, body: string) =>
  bpmn(id)
    .start()
    .userTask('screening', { body: 'muutosryhma', form: 'kaari:child-impact-screening' })
    .userTask('decision', { body, form: 'kaari:council-decision' })
    .end()
    .xml();

describe('Cases and decision records: diary and § numbers, appeal periods, requests for review', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let changeDirector: Client;
  let changeGroup: Client;
  let wellbeingGroup: Client;
  let cityBoard: Client;
  let board2: Client;

  beforeAll(async () => {
    // Appeal periods in seconds: deemed informed 1 s after publication, then 2 s for a request for review.
    api = await startApi({ env: { KAARI_APPEAL_NOTICE: 'PT1S', KAARI_APPEAL_PERIOD: 'PT2S' } });
    worker = await startWorker(api.config);
    changeDirector = await director(api);
    changeGroup = await memberOf(api, 'muutosryhma');
    wellbeingGroup = await memberOf(api, 'hyvinvoinnin-johtoryhma');
    cityBoard = await memberOf(api, 'kaupunginhallitus', 'member'); // a member who decides (the secretary keeps the minutes)
    expect((await api.admin.post('/api/bodies', { code: 'lautakunta', name: { fi: 'Lautakunta', en: 'Board' }, kind: 'board' })).status).toBe(201);
    expect(
      (
        await api.admin.post('/api/users', {
          username: 'lautakunta.jasen',
          password: PASSWORD,
          displayName: 'Jäsen',
          roles: [],
          bodies: [{ code: 'lautakunta' }],
        })
      ).status,
    ).toBe(201);
    board2 = await api.anonymous.as('lautakunta.jasen', PASSWORD);
    await deployWithoutMeetings(api, PROCESS);
    for (const [id, body] of [
      ['quick-board', 'kaupunginhallitus'],
      ['quick-other', 'lautakunta'],
    ]) {
      expect((await api.admin.post('/api/definitions', quickDecision(id, body))).status).toBe(201);
    }
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  async function launch(definitionKey = PROCESS) {
    const res = await changeDirector.post('/api/instances', { definitionKey, variables: { title: 'Lasten ja nuorten palvelukokonaisuus' } });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function complete(client: Client, instanceId: string, activityId: string, data: Record<string, unknown>) {
    const task = await openTask(client, instanceId, activityId);
    const res = await client.post(`/api/tasks/${task.id}/complete`, { data });
    if (res.status !== 200) throw new Error(`completing ${activityId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const decisionsOf = async (instanceId: string) => (await changeDirector.get(`/api/instances/${instanceId}/decisions`)).body;
  const openActivities = async (instanceId: string) =>
    (await changeDirector.get(`/api/instances/${instanceId}`)).body.openTasks.map((t: { activityId: string }) => t.activityId);

  /** Mapping from a spreadsheet, review, screening and the full assessment: the matter is ready for the board. */
  async function prepare(instanceId: string) {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Kartoitus');
    sheet.addRow(['Palvelu', 'Tuottajatyyppi', 'Tuottaja', 'Toimiala', 'Ikäryhmät', 'Kohdentuminen', 'Euroa', 'Käyttäjät 13-17']);
    sheet.addRow(['Nuorisotalo', 'Kaupungin toimiala', 'Vapaa-aikatoimiala', 'youth', '13-17', 'age-targeted', 120000, 450]);
    sheet.addRow(['Nuorten aikuisten neuvonta', 'NGO', 'Nuorten Ystävät', 'social-welfare', '18-29', 'age-targeted', 30000, '']);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), 'kartoitus.xlsx');
    const imported = await fetch(`${api.baseUrl}/api/instances/${instanceId}/services/import`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${changeGroup.token}` },
    });
    expect(imported.status).toBe(200);
    await complete(changeGroup, instanceId, 'mapping', { dataSources: 'Talousarvio 2026, järjestöjen toimintakertomukset' });
    await complete(
      wellbeingGroup,
      instanceId,
      'review',
      review({ reviewOutcome: 'approved-with-conditions', conditions: ['Seurakunnan palvelut kartoitetaan keväällä'] }),
    );
    await complete(changeGroup, instanceId, 'screening', screening('directly'));
    await complete(changeGroup, instanceId, 'assessment', assessment());
  }

  it('gives 50 concurrent starts consecutive diary numbers, without gaps or duplicates', async () => {
    const started = await Promise.all(
      Array.from({ length: 50 }, () => changeDirector.post('/api/instances', { definitionKey: 'quick-board', variables: { title: 'Rinnakkain' } })),
    );
    expect(started.every((r) => r.status === 201)).toBe(true);
    const numbers = started.map((r) => r.body.variables.diaryNumber as string);
    const year = new Date().getUTCFullYear();
    expect(numbers.every((n) => /^\d{4}-\d{4}$/.test(n) && Math.abs(Number(n.slice(5)) - year) <= 1)).toBe(true);
    const sequence = numbers.map((n) => Number(n.slice(0, 4))).sort((a, b) => a - b);
    expect(new Set(sequence).size).toBe(50);
    expect(sequence.at(-1)! - sequence[0]).toBe(49);
    const cases = await Promise.all(started.map((r) => changeDirector.get(`/api/instances/${r.body.id}/case`)));
    expect(cases.map((c) => c.body.diaryNumber).sort()).toEqual([...numbers].sort());
  });

  it('numbers 50 concurrent decisions by § per body and year, without gaps or duplicates', async () => {
    const board = await Promise.all(Array.from({ length: 30 }, () => launch('quick-board')));
    const other = await Promise.all(Array.from({ length: 20 }, () => launch('quick-other')));
    await Promise.all([...board, ...other].map((i) => complete(changeGroup, i.id, 'screening', screening('no'))));
    const meetings = board.map((_, n) => (n % 2 ? '2031-03-01' : '2032-01-15'));
    await Promise.all([
      ...board.map((i, n) => complete(cityBoard, i.id, 'decision', decision({ meetingDate: meetings[n], decisionOutcome: 'rejected' }))),
      ...other.map((i) => complete(board2, i.id, 'decision', decision({ meetingDate: '2031-05-05', decisionOutcome: 'rejected' }))),
    ]);
    const sections = async (body: string, year: number) =>
      (await changeGroup.get(`/api/decisions?body=${body}&year=${year}`)).body.items.map((d: { section: number }) => d.section);
    const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(await sections('kaupunginhallitus', 2031)).toEqual(oneTo(15));
    expect(await sections('kaupunginhallitus', 2032)).toEqual(oneTo(15));
    expect(await sections('lautakunta', 2031)).toEqual(oneTo(20));
    const [one] = await decisionsOf(board[4].id);
    expect(one).toMatchObject({
      body: 'kaupunginhallitus',
      year: 2032,
      sectionLabel: `§ ${one.section}/2032`,
      meetingDate: '2032-01-15',
      classification: '00 01 05',
      diaryNumber: board[4].variables.diaryNumber,
    });
  });

  it('walks a measure to a numbered decision whose appeal period runs out, then to enforcement', async () => {
    const instance = await launch();
    await prepare(instance.id);
    await complete(cityBoard, instance.id, 'decision', decision());
    const [record] = await decisionsOf(instance.id);
    expect(record).toMatchObject({
      outcome: 'approved',
      status: 'appeal-period',
      body: 'kaupunginhallitus',
      year: 2026,
      diaryNumber: instance.variables.diaryNumber,
      childImpactSummary: assessment().conclusion.decisionSummary,
    });
    expect(Date.parse(record.informedAt) - Date.parse(record.publishedAt)).toBe(1000);
    expect(Date.parse(record.appealEndsAt) - Date.parse(record.informedAt)).toBe(2000);
    expect(await openActivities(instance.id)).toEqual(['appeal-period']);

    // The worker fires both timers; the decision becomes final and the change group enforces it.
    const final = await eventually(
      async () => {
        const [d] = await decisionsOf(instance.id);
        return d.status === 'final' ? d : undefined;
      },
      20000,
      'the appeal period to end',
    );
    expect(Date.parse(final.finalAt)).toBeGreaterThanOrEqual(Date.parse(record.appealEndsAt) - 250);
    await eventually(async () => ((await openActivities(instance.id)).includes('enforcement') ? true : undefined), 10000, 'the enforcement task');
    await complete(changeGroup, instance.id, 'enforcement', ENFORCEMENT);
    const done = await changeDirector.get(`/api/instances/${instance.id}`);
    expect(done.body).toMatchObject({ state: 'completed', variables: expect.objectContaining({ decisionOutcome: 'approved', appealOutcome: 'final' }) });
    const history = (await changeDirector.get(`/api/instances/${instance.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(history).toEqual(expect.arrayContaining(['services.imported', 'decision.recorded', 'decision.informed', 'decision.final', 'instance.completed']));
    expect(history.indexOf('decision.informed')).toBeLessThan(history.indexOf('decision.final'));

    // Too late for a request for review now.
    const late = await changeDirector.post(`/api/decisions/${record.id}/review-requests`, { requester: 'Kuntalainen', grounds: 'Myöhässä' });
    expect(late.status).toBe(409);
  });

  it('brings the matter back to the same body on a request for review, and the new decision settles it', async () => {
    const instance = await launch();
    await prepare(instance.id);
    // Minutes published an hour from now: the appeal period is still open for the request.
    const publishedAt = new Date(Date.now() + 3600_000).toISOString();
    await complete(cityBoard, instance.id, 'decision', decision({ decisionOutcome: 'amended', amendments: 'Lisätään iltaverkosto.', publishedAt }));
    const [first] = await decisionsOf(instance.id);
    expect(first).toMatchObject({ outcome: 'amended', status: 'appeal-period' });

    expect((await cityBoard.post(`/api/decisions/${first.id}/review-requests`, { requester: 'X', grounds: 'Y' })).status).toBe(403);
    const requested = await changeDirector.post(`/api/decisions/${first.id}/review-requests`, {
      requester: 'Nuorisovaltuusto',
      grounds: 'Nuoria ei kuultu riittävästi iltaverkostosta.',
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'under-review', reviewRequests: [expect.objectContaining({ requester: 'Nuorisovaltuusto' })] });
    expect(await openActivities(instance.id)).toEqual(['decision']);
    const again = await changeDirector.post(`/api/decisions/${first.id}/review-requests`, { requester: 'Toinen', grounds: 'Sama' });
    expect(again.status).toBe(409);

    await complete(cityBoard, instance.id, 'decision', decision({ meetingDate: '2026-05-15', decisionText: 'Oikaisuvaatimus hylätään.', publishedAt }));
    const [before, after] = await decisionsOf(instance.id);
    expect(before).toMatchObject({ id: first.id, status: 'reviewed' });
    expect(after).toMatchObject({ reviewOf: first.id, status: 'appeal-period', body: 'kaupunginhallitus' });
    expect(after.section).toBeGreaterThan(first.section);
    expect(await openActivities(instance.id)).toEqual(['appeal-period']);

    // A rejection has nothing to enforce, so no appeal period runs in the process and no request can reopen it.
    const other = await launch('quick-board');
    await complete(changeGroup, other.id, 'screening', screening('no'));
    await complete(cityBoard, other.id, 'decision', decision({ decisionOutcome: 'rejected' }));
    const [rejected] = await decisionsOf(other.id);
    expect(rejected.status).toBe('no-appeal');
    expect((await changeDirector.post(`/api/decisions/${rejected.id}/review-requests`, { requester: 'X', grounds: 'Y' })).status).toBe(409);
  });

  it('keeps the mapping’s users when computing a case’s budget', async () => {
    const instance = await launch();
    expect((await changeGroup.put(`/api/instances/${instance.id}/services`, { services: [serviceRow()] })).status).toBe(200);
    const report = await changeDirector.get(`/api/reports/children-budget?instanceId=${instance.id}`);
    expect(report.body.byAgeGroup.map((g: { euros: number; estimatedEuros: number }) => [g.euros, g.estimatedEuros])).toEqual([
      [0, 0],
      [0, 0],
      [75000, 0],
      [25000, 0],
    ]);
  });
});
