import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { TokenService } from '../libs/access/src/token.service.js';
import type { UserEntity } from '../libs/persistence/src/entities.js';
import { Client, startApi, type TestApi } from './support/api.js';
import { director, minimalBpmn } from './support/process.js';

/** Every route, with placeholders for path parameters (sign-out aside: it would end the fuzzing clients' sessions). */
const ROUTES: Array<[method: string, path: string]> = [
  ['POST', '/api/auth/token'],
  ['GET', '/api/auth/me'],
  ['GET', '/api/bodies'],
  ['GET', '/api/bodies/:id'],
  ['POST', '/api/bodies'],
  ['PUT', '/api/bodies/:id'],
  ['GET', '/api/users'],
  ['GET', '/api/users/:id'],
  ['POST', '/api/users'],
  ['PUT', '/api/users/:id'],
  ['POST', '/api/definitions'],
  ['POST', '/api/definitions/validate'],
  ['GET', '/api/definitions'],
  ['GET', '/api/definitions/:id'],
  ['GET', '/api/definitions/:id/versions'],
  ['GET', '/api/definitions/:id/versions/:id'],
  ['POST', '/api/instances'],
  ['GET', '/api/instances'],
  ['GET', '/api/instances/:id'],
  ['GET', '/api/instances/:id/history'],
  ['POST', '/api/instances/:id/cancel'],
  ['GET', '/api/tasks'],
  ['GET', '/api/tasks/:id'],
  ['POST', '/api/tasks/:id/claim'],
  ['POST', '/api/tasks/:id/unclaim'],
  ['POST', '/api/tasks/:id/complete'],
  ['GET', '/api/notifications'],
  ['POST', '/api/notifications/:id/read'],
  ['POST', '/api/notifications/read-all'],
];

const LEAKS = /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|SELECT |INSERT INTO|UPDATE \w+ SET|QueryFailedError|TypeError|ReferenceError/;

const json = fc.jsonValue({ maxDepth: 4 });
const segment = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('..', '%00', '%2e%2e%2f', "' OR 1=1 --", '__proto__', 'constructor', '-1', '99999999999999999999', 'cross-sector-measure', 'admin'),
);
const query = fc.dictionary(
  fc.constantFrom('state', 'body', 'overdue', 'limit', 'offset', 'q', 'instanceId', 'definitionKey', 'unread', '__proto__', 'x'),
  fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('true', 'false', 'open', 'all', "'; DROP TABLE tasks; --")),
  { maxKeys: 4 },
);

describe('Hostile requests: fuzzing every endpoint never yields a 5xx, a stack trace or SQL', () => {
  let api: TestApi;
  let clients: Record<string, Client>;

  beforeAll(async () => {
    api = await startApi();
    clients = { anonymous: api.anonymous, admin: api.admin, director: await director(api), member: await api.as('helena.hyvinvointi') };
    // A task with no Kaari form, so only the input limits stand between its data and the engine.
    expect((await api.admin.post('/api/definitions', minimalBpmn('hostile-plain'))).status).toBe(201);
  });
  afterAll(() => api.close());

  for (const who of ['anonymous', 'admin', 'director']) {
    it(`as ${who}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROUTES),
          fc.array(segment, { minLength: 2, maxLength: 2 }),
          query,
          fc.oneof(json, fc.string({ maxLength: 200 }), fc.constant(undefined)),
          async ([method, path], params, q, body) => {
            let i = 0;
            const url =
              path.replace(/:id/g, () => encodeURIComponent(params[i++] ?? 'x')) + (Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : '');
            const payload = method === 'GET' ? undefined : body;
            const res = await clients[who].request(method, url, payload, typeof payload === 'string' ? { 'content-type': 'application/json' } : {});
            const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
            if (res.status >= 500 || LEAKS.test(text)) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
            if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
          },
        ),
        { numRuns: 250, seed: Number(process.env.FUZZ_SEED ?? 20261125) },
      );
    });
  }

  describe('deep, wide and unstorable input is refused with 400 before anything reads it', () => {
    /** `{"a":{"a":…"x"…}}` as JSON text, so the test's own JSON.stringify needs no stack for it. */
    const deep = (depth: number, leaf = '"x"') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
    const raw = (client: Client, method: string, path: string, json: string) => client.request(method, path, json, { 'content-type': 'application/json' });
    const expectRefused = (res: { status: number; headers: Headers; body: any }, code: string) => {
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ code })]);
    };
    const counts = async () => {
      const [row] = await api.app
        .get(DataSource)
        .query(
          `SELECT (SELECT count(*) FROM instances)::int AS instances, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM service_rows)::int AS services`,
        );
      return row;
    };

    it('an anonymous sign-in with a username 10,000 levels deep', async () => {
      const res = await raw(api.anonymous, 'POST', '/api/auth/token', `{"username":${deep(10_000)},"password":"x"}`);
      expectRefused(res, 'too-deep');
      expect(res.body.errors[0].message).toBe('nests deeper than 32 levels');
      expect(res.body.errors[0].path).toMatch(/^body\.username\.a\.a/);
    });

    it('depth 5,000 on start, complete, users and services, changing nothing', async () => {
      const changeDirector = clients.director;
      const started = await changeDirector.post('/api/instances', { definitionKey: 'hostile-plain' });
      expect(started.status).toBe(201);
      const task = started.body.openTasks[0];
      const before = await counts();
      expectRefused(await raw(changeDirector, 'POST', '/api/instances', `{"definitionKey":"hostile-plain","variables":${deep(5000)}}`), 'too-deep');
      expectRefused(await raw(clients.member, 'POST', `/api/tasks/${task.id}/complete`, `{"data":${deep(5000)}}`), 'too-deep');
      expectRefused(
        await raw(api.admin, 'POST', '/api/users', `{"username":"deep.user","displayName":"Deep","roles":[],"bodies":[${deep(5000)}]}`),
        'too-deep',
      );
      expectRefused(await raw(changeDirector, 'PUT', `/api/instances/${started.body.id}/services`, `{"services":[${deep(5000)}]}`), 'too-deep');
      expect(await counts()).toEqual(before);
      expect((await changeDirector.get(`/api/tasks/${task.id}`)).body.state).toBe('open');
    });

    it('a member completing a task without a Kaari form at depth 2,000: refused, the instance keeps running with no incident', async () => {
      const started = await clients.director.post('/api/instances', { definitionKey: 'hostile-plain' });
      const task = started.body.openTasks[0];
      expectRefused(await raw(clients.member, 'POST', `/api/tasks/${task.id}/complete`, `{"data":{"notes":${deep(2000)}}}`), 'too-deep');
      const instance = (await clients.director.get(`/api/instances/${started.body.id}`)).body;
      expect(instance).toMatchObject({ state: 'running', incident: null });
      expect((await clients.director.get(`/api/tasks/${task.id}`)).body).toMatchObject({ state: 'open', data: null });
      expect((await api.admin.get('/api/incidents')).body).toEqual([]);
    });

    it('arrays and objects past their limits', async () => {
      expectRefused(
        await clients.director.post('/api/instances', { definitionKey: 'hostile-plain', variables: { list: Array(10_001).fill(0) } }),
        'too-many-items',
      );
      expectRefused(
        await clients.director.post('/api/instances', {
          definitionKey: 'hostile-plain',
          variables: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`v${i}`, i])),
        }),
        'too-many-fields',
      );
    });

    it('a lone surrogate in start variables, NUL in sign-in, in a path and in audit filters', async () => {
      const before = await counts();
      const surrogate = await raw(clients.director, 'POST', '/api/instances', '{"definitionKey":"hostile-plain","variables":{"title":"\\ud800"}}');
      expectRefused(surrogate, 'unsafe-text');
      expect(surrogate.body.errors[0].path).toBe('body.variables.title');
      expect(await counts()).toEqual(before);
      expectRefused(await api.anonymous.post('/api/auth/token', { username: 'admin\u0000', password: 'x' }), 'unsafe-text');
      expectRefused(await api.admin.get('/api/definitions/a%00b'), 'unsafe-text');
      expectRefused(await api.admin.get('/api/audit?actor=%00'), 'unsafe-text');
      expectRefused(await api.admin.get('/api/audit?entity=user:a%00&action=x'), 'unsafe-text');
    });
  });

  it('refuses a validly signed local token whose subject is not a user id with 401', async () => {
    const { accessToken } = await api.app.get(TokenService).issue({ id: 'not-a-uuid', tokenVersion: 0 } as UserEntity);
    const res = await new Client(api.baseUrl, accessToken).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('refuses oversized bodies with 413 and unknown fields with 400', async () => {
    const big = await clients.director.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { blob: 'x'.repeat(3 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/problem\+json/);
    const unknown = await clients.admin.post('/api/bodies', { code: 'x-body', name: { fi: 'x', en: 'x' }, kind: 'network', isAdmin: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toContain('isAdmin');
  });

  it('limits a flood of writes per user with 429 and Retry-After', async () => {
    const limited = await startApi({ env: { API_WRITES_PER_MINUTE: '60', API_WRITE_BURST: '5' } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 8; i += 1) {
        const res = await limited.admin.post('/api/notifications/read-all');
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      // Reads are not limited.
      expect((await limited.admin.get('/api/bodies')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('sets security headers and keeps CORS closed by default', async () => {
    const res = await fetch(`${api.baseUrl}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.baseUrl}/api/instances`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
