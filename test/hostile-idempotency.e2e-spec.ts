import pg from 'pg';
import { startApi, type Client, type TestApi } from './support/api.js';
import { director } from './support/process.js';

const PROCESS = 'cross-sector-measure';

/** Issue 12, finding 7: a reused Idempotency-Key with a different request silently returned the first instance. */
describe('An Idempotency-Key is bound to the request it first came with', () => {
  let api: TestApi;
  let changeDirector: Client;

  beforeAll(async () => {
    api = await startApi();
    changeDirector = await director(api);
  });
  afterAll(() => api.close());

  const start = (key: string, body: Record<string, unknown>) => changeDirector.post('/api/instances', body, { 'idempotency-key': key });
  const count = async (q: string) => (await changeDirector.get(`/api/instances?q=${encodeURIComponent(q)}`)).body.total as number;

  it('refuses the same key with a different request with 422 problem+json and starts nothing; the same request still gets the first instance', async () => {
    const first = await start('launch-7001', { definitionKey: PROCESS, businessKey: '7001-2026', variables: { title: 'Nuorisotilat 7001' } });
    expect(first.status).toBe(201);

    // The attack: the same key, another measure.
    const other = await start('launch-7001', { definitionKey: PROCESS, businessKey: '7002-2026', variables: { title: 'Liikuntapaikat 7002' } });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(other.body).toMatchObject({ status: 422, errors: [{ path: 'Idempotency-Key', code: 'idempotency-key-reused' }] });
    expect(other.body.correlationId).toEqual(expect.any(String));
    expect(JSON.stringify(other.body)).not.toContain(first.body.id);
    expect(await count('7002-2026')).toBe(0);

    // Only the variables differ: still another request.
    const sameKeyOtherTitle = await start('launch-7001', {
      definitionKey: PROCESS,
      businessKey: '7001-2026',
      variables: { title: 'Nuorisotilat 7001 (korjattu)' },
    });
    expect(sameKeyOtherTitle.status).toBe(422);

    // The same request again — keys in another order are the same request — is the first instance, unchanged.
    const repeat = await start('launch-7001', { variables: { title: 'Nuorisotilat 7001' }, businessKey: '7001-2026', definitionKey: PROCESS });
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    expect(repeat.body.version).toBe(first.body.version);
    expect(repeat.body.variables.title).toBe('Nuorisotilat 7001');
    expect(await count('7001-2026')).toBe(1);

    // Keys are per user and a new key is a new start, as before.
    const fresh = await start('launch-7002', { definitionKey: PROCESS, businessKey: '7002-2026', variables: { title: 'Liikuntapaikat 7002' } });
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(first.body.id);
  });

  it('creates exactly one instance when repeats with one key race, answering the others by whether their request matches the winner', async () => {
    const a = { definitionKey: PROCESS, businessKey: '7101-2026', variables: { title: 'Kerhot 7101' } };
    const b = { definitionKey: PROCESS, businessKey: '7102-2026', variables: { title: 'Kerhot 7102' } };
    const racers = [a, b, a, b, a, b, a, b];
    const results = await Promise.all(racers.map((body) => start('launch-race', body)));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const winner = racers[results.indexOf(created[0])];
    results.forEach((r, i) => {
      if (r === created[0]) return;
      if (racers[i] === winner) {
        expect(r.status).toBe(200);
        expect(r.body.id).toBe(created[0].body.id);
      } else {
        expect(r.status).toBe(422);
      }
    });
    expect((await count('7101-2026')) + (await count('7102-2026'))).toBe(1);
  });

  it('answers a key stored before request hashes were kept as before: with its instance (the request it came with is unknown)', async () => {
    const first = await start('launch-legacy', { definitionKey: PROCESS, businessKey: '7201-2026', variables: { title: 'Leirit 7201' } });
    expect(first.status).toBe(201);
    // What the migration leaves for rows written before it.
    const db = new pg.Client({ connectionString: api.config.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE instances SET idempotency_hash = NULL WHERE id = $1`, [first.body.id]);
    } finally {
      await db.end();
    }
    const other = await start('launch-legacy', { definitionKey: PROCESS, businessKey: '7202-2026', variables: { title: 'Leirit 7202' } });
    expect(other.status).toBe(200);
    expect(other.body.id).toBe(first.body.id);
    expect(await count('7202-2026')).toBe(0);
  });
});
