import { startApi, type Client, type TestApi } from './support/api.js';
import { director, memberOf } from './support/process.js';
import { rowXml, sheetOf, xlsxOf } from './support/xlsx.js';

/*
 * Finding: one upload froze or killed the api. A 5 MB CSV of 2.6 million one-character rows
 * ran it out of heap, a 2 MB CSV of a million rows froze it for 48 s, a 287 KB .xlsx of two
 * million rows without row numbers for 7.6 s: the limits were applied only after the whole
 * file had been parsed and every row validated on the event loop. Each attack here is sent
 * as it was, and must be refused promptly, naming the limit, with nothing imported, while
 * /api/health keeps answering within a second.
 */

const MB = 1024 * 1024;
/** An upload refused at a limit is answered long before this; the api used to take 48 s, or die. */
const PROMPT_MS = 20_000;
/** /api/health must answer within this during any upload. */
const HEALTHY_MS = 1000;
const HEADER = 'Palvelu;Tuottajatyyppi;Tuottaja;Toimiala;Ikäryhmät;Kohdentuminen;Euroa';

interface Answer {
  status: number;
  contentType: string;
  body: any;
}

/**
 * Runs the upload while polling /api/health one request after another, and counts the health
 * answers and those that took longer than HEALTHY_MS (or never came).
 */
async function duringUpload(api: TestApi, upload: () => Promise<Answer>): Promise<{ answer: Answer; healthAnswers: number; slowHealthAnswers: number }> {
  let done = false;
  let healthAnswers = 0;
  let slowHealthAnswers = 0;
  const poll = (async () => {
    while (!done) {
      const started = performance.now();
      const ok = await fetch(`${api.baseUrl}/api/health`, { signal: AbortSignal.timeout(5 * HEALTHY_MS) }).then(
        async (res) => (await res.arrayBuffer(), res.status === 200),
        () => false,
      );
      healthAnswers += 1;
      if (!ok || performance.now() - started > HEALTHY_MS) slowHealthAnswers += 1;
    }
  })();
  try {
    return { answer: await upload(), healthAnswers, slowHealthAnswers };
  } finally {
    done = true;
    await poll;
  }
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return { status: res.status, contentType, body: /json/.test(contentType) && text ? JSON.parse(text) : text };
}

describe('Hostile uploads: every upload is bounded while it is read, and the api stays responsive', () => {
  let api: TestApi;
  let changeGroup: Client;
  let instanceId: string;

  beforeAll(async () => {
    api = await startApi();
    const changeDirector = await director(api);
    // A member of the body doing the mapping, as in the attack.
    changeGroup = await memberOf(api, 'muutosryhma');
    const started = await changeDirector.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Nuorisotalojen yhdistäminen' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    const seeded = await importFile(
      Buffer.from(
        [
          HEADER,
          'Nuorisotalo;city-sector;Vapaa-aikatoimiala;youth;13-17;age-targeted;100000',
          'Perheneuvola;wellbeing-county;Varha;social-welfare;;family-targeted;46000',
        ].join('\n'),
      ),
      'kartoitus.csv',
    );
    expect(seeded).toMatchObject({ status: 200, body: { count: 2 } });
  });
  afterAll(() => api.close());

  function importFile(content: Buffer, name: string): Promise<Answer> {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    return fetch(`${api.baseUrl}/api/instances/${instanceId}/services/import`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${changeGroup.token}` },
      signal: AbortSignal.timeout(PROMPT_MS),
    }).then(answerOf);
  }

  /** Nothing of a refused upload is in the inventory or its history. */
  async function expectInventoryUnchanged() {
    const services = await changeGroup.get(`/api/instances/${instanceId}/services`);
    expect(services.body).toMatchObject({ count: 2, totalEuros: 146000 });
    const history = await changeGroup.get(`/api/instances/${instanceId}/history`);
    const events = history.body.filter((h: { type: string }) => h.type.startsWith('services.'));
    expect(events).toHaveLength(1);
  }

  function expectRefusedAt(answer: Answer, status: number, code: string, limit: number, setting: string | null) {
    expect(answer.status).toBe(status);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body.detail).toContain(String(limit));
    expect(answer.body.errors[0]).toMatchObject({ code, params: expect.objectContaining({ limit, counts: expect.any(String) }) });
    if (setting) expect(answer.body.errors[0].params.setting).toBe(setting);
  }

  it('refuses a 5 MB CSV of 2.6 million one-character rows at the row limit, importing nothing', async () => {
    const csv = Buffer.from('x\n'.repeat(2_600_000));
    expect(csv.length).toBeGreaterThan(4.9 * MB);
    const { answer, healthAnswers, slowHealthAnswers } = await duringUpload(api, () => importFile(csv, 'kartoitus.csv'));
    expectRefusedAt(answer, 422, 'too-many-rows', api.config.uploadLimits.maxRows, 'API_UPLOAD_MAX_ROWS');
    expect({ healthAnswers: healthAnswers > 0, slowHealthAnswers }).toEqual({ healthAnswers: true, slowHealthAnswers: 0 });
    await expectInventoryUnchanged();
  });

  it('refuses a 2 MB CSV of a million rows under a valid header at the row limit', async () => {
    const csv = Buffer.from(`${HEADER}\n${'1\n'.repeat(1_000_000)}`);
    expect(csv.length).toBeGreaterThan(1.9 * MB);
    const { answer, healthAnswers, slowHealthAnswers } = await duringUpload(api, () => importFile(csv, 'kartoitus.csv'));
    expectRefusedAt(answer, 422, 'too-many-rows', api.config.uploadLimits.maxRows, 'API_UPLOAD_MAX_ROWS');
    expect({ healthAnswers: healthAnswers > 0, slowHealthAnswers }).toEqual({ healthAnswers: true, slowHealthAnswers: 0 });
    await expectInventoryUnchanged();
  });

  it('refuses a small .xlsx of two million rows without row numbers at the row limit, having unpacked only the start of it', async () => {
    function* rows() {
      yield rowXml(['service', 'providerType', 'providerName', 'sector', 'targeting', 'euros']);
      for (let i = 0; i < 2_000_000; i += 1) yield rowXml(['x']);
    }
    const xlsx = await xlsxOf(sheetOf(rows()));
    expect(xlsx.length).toBeLessThan(1 * MB);
    const { answer, healthAnswers, slowHealthAnswers } = await duringUpload(api, () => importFile(xlsx, 'palvelut.xlsx'));
    expectRefusedAt(answer, 422, 'too-many-rows', api.config.uploadLimits.maxRows, 'API_UPLOAD_MAX_ROWS');
    expect({ healthAnswers: healthAnswers > 0, slowHealthAnswers }).toEqual({ healthAnswers: true, slowHealthAnswers: 0 });
    await expectInventoryUnchanged();
  });

  it('refuses an .xlsx whose parts unpack past the limit (a zip bomb in the shared strings)', async () => {
    const bomb = await xlsxOf(sheetOf([rowXml(['service'])]), { sharedStrings: ['a'.repeat(api.config.uploadLimits.maxUnzippedBytes + MB)] });
    expect(bomb.length).toBeLessThan(1 * MB);
    const { answer, slowHealthAnswers } = await duringUpload(api, () => importFile(bomb, 'palvelut.xlsx'));
    expectRefusedAt(answer, 422, 'unzips-too-large', api.config.uploadLimits.maxUnzippedBytes, 'API_UPLOAD_MAX_UNZIPPED_BYTES');
    expect(slowHealthAnswers).toBe(0);
    await expectInventoryUnchanged();
  });

  it('stops validating at the problem limit and names it', async () => {
    // Rows that each have problems: the row limit is not reached, the problem limit is.
    const csv = Buffer.from(`${HEADER}\n${'x;seura;;;;kaikki;paljon\n'.repeat(3000)}`);
    const { answer, slowHealthAnswers } = await duringUpload(api, () => importFile(csv, 'kartoitus.csv'));
    const max = api.config.uploadLimits.maxProblems;
    expectRefusedAt(answer, 422, 'too-many-problems', max, 'API_UPLOAD_MAX_PROBLEMS');
    expect(answer.body.errors).toHaveLength(max + 1);
    expect(answer.body.errors[1].path).toMatch(/^row 2 column /);
    expect(slowHealthAnswers).toBe(0);
    await expectInventoryUnchanged();
  });

  it('refuses a file over the byte limit from its Content-Length, before reading it, with 413', async () => {
    const csv = Buffer.from(`${HEADER}\n${'x'.repeat(6 * MB)}`);
    const { answer, slowHealthAnswers } = await duringUpload(api, () => importFile(csv, 'kartoitus.csv'));
    expectRefusedAt(answer, 413, 'too-large', api.config.uploadLimits.maxBytes, 'API_UPLOAD_MAX_BYTES');
    expect(slowHealthAnswers).toBe(0);
    await expectInventoryUnchanged();
  });

  it('counts the bytes of an upload sent without a Content-Length and stops it at the limit, with 413', async () => {
    const boundary = 'kaari-hostile-upload';
    const total = 8 * MB;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kartoitus.csv"\r\nContent-Type: text/csv\r\n\r\n${HEADER}\n`),
        );
      },
      pull(controller) {
        if (sent >= total) {
          controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          return controller.close();
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const { answer, slowHealthAnswers } = await duringUpload(api, () =>
      fetch(`${api.baseUrl}/api/instances/${instanceId}/services/import`, {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { authorization: `Bearer ${changeGroup.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        signal: AbortSignal.timeout(PROMPT_MS),
      }).then(answerOf),
    );
    expectRefusedAt(answer, 413, 'too-large', api.config.uploadLimits.maxBytes, 'API_UPLOAD_MAX_BYTES');
    // Past the limit the rest is discarded as it arrives, never held.
    expect(slowHealthAnswers).toBe(0);
    await expectInventoryUnchanged();
  });

  describe('the organisation import', () => {
    async function organisation() {
      const [users, bodies] = await Promise.all([api.admin.get('/api/users'), api.admin.get('/api/bodies')]);
      return { users: users.body.length, bodies: bodies.body.length };
    }

    function importOrganisation(file: unknown): Promise<Answer> {
      return fetch(`${api.baseUrl}/api/organisation/import?dryRun=false`, {
        method: 'POST',
        body: typeof file === 'string' ? file : JSON.stringify(file),
        headers: { authorization: `Bearer ${api.admin.token}`, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(PROMPT_MS),
      }).then(answerOf);
    }

    const person = (i: number, bodies: Array<{ code: string }>) => ({ username: `tuotu.${i}`, displayName: `Tuotu ${i}`, roles: [], bodies });

    it('refuses a body over the byte limit with 413 naming the limit, changing nothing', async () => {
      const before = await organisation();
      const file = JSON.stringify({
        organisation: 'x',
        name: { fi: 'x', en: 'x' },
        bodies: [],
        users: Array.from({ length: 30_000 }, (_, i) => person(i, [{ code: 'muutosryhma' }])),
      });
      expect(file.length).toBeGreaterThan(2 * MB);
      const { answer, slowHealthAnswers } = await duringUpload(api, () => importOrganisation(file));
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body.errors[0]).toMatchObject({ code: 'too-large', params: { limit: 2 * MB, setting: 'API_BODY_LIMIT' } });
      expect(slowHealthAnswers).toBe(0);
      expect(await organisation()).toEqual(before);
    });

    it('refuses a file with more memberships than the row limit, instead of cutting it short and importing the rest', async () => {
      const before = await organisation();
      const max = api.config.uploadLimits.maxRows;
      const many = Array.from({ length: 6000 }, () => ({ code: 'muutosryhma' }));
      const { answer, slowHealthAnswers } = await duringUpload(api, () =>
        importOrganisation({ organisation: 'x', name: { fi: 'x', en: 'x' }, bodies: [], users: [person(1, many), person(2, many)] }),
      );
      expectRefusedAt(answer, 422, 'too-many-rows', max, 'API_UPLOAD_MAX_ROWS');
      expect(answer.body.errors[0].params.counts).toBe('memberships in the file');
      expect(slowHealthAnswers).toBe(0);
      expect(await organisation()).toEqual(before);
    });

    it('stops validating at the problem limit: thousands of broken people are not each reported', async () => {
      const before = await organisation();
      const max = api.config.uploadLimits.maxProblems;
      const { answer, slowHealthAnswers } = await duringUpload(api, () =>
        importOrganisation({ organisation: 'x', name: { fi: 'x', en: 'x' }, bodies: [], users: Array.from({ length: 9000 }, () => ({})) }),
      );
      expectRefusedAt(answer, 422, 'too-many-problems', max, 'API_UPLOAD_MAX_PROBLEMS');
      expect(answer.body.errors).toHaveLength(max + 1);
      expect(slowHealthAnswers).toBe(0);
      expect(await organisation()).toEqual(before);
    });
  });

  describe('diagrams', () => {
    /** A valid diagram just under the 2 MB limit: a chain of thousands of tasks, seconds of parsing. */
    function hugeDiagram(tasks: number): string {
      let elements = '';
      for (let i = 0; i < tasks; i += 1) {
        elements += `<bpmn:userTask id="t${i}" camunda:candidateGroups="muutosryhma"/><bpmn:sequenceFlow id="f${i}" sourceRef="${i ? `t${i - 1}` : 'start'}" targetRef="t${i}"/>`;
      }
      return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-huge" targetNamespace="https://kaari.fi/test"><bpmn:process id="huge-chain" isExecutable="true"><bpmn:startEvent id="start"/>${elements}<bpmn:endEvent id="end"/><bpmn:sequenceFlow id="fe" sourceRef="t${tasks - 1}" targetRef="end"/></bpmn:process></bpmn:definitions>`;
    }

    it('parses and validates a diagram of thousands of elements off the event loop: health answers throughout', async () => {
      const xml = hugeDiagram(14_000);
      expect(Buffer.byteLength(xml)).toBeGreaterThan(1.7 * MB);
      expect(Buffer.byteLength(xml)).toBeLessThan(2 * MB);
      const deploy = () =>
        fetch(`${api.baseUrl}/api/definitions`, {
          method: 'POST',
          body: xml,
          headers: { authorization: `Bearer ${api.admin.token}`, 'content-type': 'application/xml' },
          signal: AbortSignal.timeout(60_000),
        }).then(answerOf);
      const { answer, healthAnswers, slowHealthAnswers } = await duringUpload(api, deploy);
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ key: 'huge-chain', version: 1 });
      // The check took a while, and health answered within a second all along.
      expect({ polledSeveralTimes: healthAnswers > 1, slowHealthAnswers }).toEqual({ polledSeveralTimes: true, slowHealthAnswers: 0 });
    });

    it('refuses a diagram over 2 MB with 413 naming the limit, by body or by file', async () => {
      const xml = hugeDiagram(16_000);
      expect(Buffer.byteLength(xml)).toBeGreaterThan(2 * MB);
      const asBody = await fetch(`${api.baseUrl}/api/definitions`, {
        method: 'POST',
        body: xml,
        headers: { authorization: `Bearer ${api.admin.token}`, 'content-type': 'application/xml' },
      }).then(answerOf);
      const form = new FormData();
      form.append('file', new Blob([xml]), 'huge.bpmn');
      const asFile = await fetch(`${api.baseUrl}/api/definitions`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${api.admin.token}` },
      }).then(answerOf);
      for (const answer of [asBody, asFile]) {
        expect(answer.status).toBe(413);
        expect(answer.contentType).toMatch(/^application\/problem\+json/);
        expect(answer.body.errors[0]).toMatchObject({ code: 'too-large', params: expect.objectContaining({ limit: 2 * MB }) });
      }
    });
  });
});
