import { randomBytes } from 'node:crypto';
import { ADMIN_PASSWORD, Client } from './support/api.js';
import { createTestDatabase } from './support/database.js';
import { AppProcess, freePort } from './support/processes.js';

const NEW_PASSWORD = 'logged-nowhere-9f3k';
const WRONG_PASSWORD = 'wrong-guess-7d2q';
const DEEP_PASSWORD = 'deep-body-5h1m';

/**
 * The built api as an operator runs it (LOG_FORMAT=json): every line it prints is one JSON
 * event, each request is one `request.completed` line with the request's correlation id, and
 * no line carries a password, a token or a query string, whatever the requests carried.
 */
describe('Logs of the api', () => {
  let database: { url: string; drop: () => Promise<void> };
  let api: AppProcess;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = new AppProcess('api', {
      DATABASE_URL: database.url,
      REDIS_QUEUE_PREFIX: `kaari-test-${randomBytes(4).toString('hex')}`,
      PORT: String(port),
      API_HOST: '127.0.0.1',
      KAARI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KAARI_DEMO: 'true',
      API_WEB_DIR: 'none',
    });
    await api.start();
  }, 60000);

  afterAll(async () => {
    await api?.kill();
    await database?.drop();
  });

  it('writes one JSON line per event, a line per request with its correlation id, and no secret', async () => {
    const anonymous = new Client(baseUrl);
    const signIn = await anonymous.post('/api/auth/token', { username: 'admin', password: ADMIN_PASSWORD }, { 'x-correlation-id': 'log-test-sign-in' });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('x-correlation-id')).toBe('log-test-sign-in');
    const token: string = signIn.body.accessToken;
    const admin = new Client(baseUrl, token);
    expect((await anonymous.post('/api/auth/token', { username: 'admin', password: WRONG_PASSWORD })).status).toBe(401);
    expect((await admin.post('/api/users', { username: 'log.person', password: NEW_PASSWORD, displayName: 'Log Person', roles: [], bodies: [] })).status).toBe(
      201,
    );
    // Refused before any route (the input guard: 40 levels deep), and by the auth guard (a forged token).
    let deep: unknown = { password: DEEP_PASSWORD };
    for (let i = 0; i < 40; i += 1) deep = { nested: deep };
    expect((await anonymous.post('/api/auth/token', { username: 'admin', password: DEEP_PASSWORD, deep })).status).toBe(400);
    expect((await anonymous.request('GET', '/api/tasks?mine=true', undefined, { authorization: 'Bearer not.a.token-secret-xyz' })).status).toBe(401);
    const callback = await fetch(`${baseUrl}/api/auth/oidc/callback?code=one-time-code-abc&state=state-def`, { redirect: 'manual' });
    expect(callback.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 200));

    const output = api.stdout + api.stderr;
    for (const secret of [ADMIN_PASSWORD, NEW_PASSWORD, WRONG_PASSWORD, DEEP_PASSWORD, token, 'not.a.token-secret-xyz', 'one-time-code-abc', 'state-def']) {
      expect(output).not.toContain(secret);
    }
    const lines = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), app: 'api', msg: expect.any(String) });

    const requests = lines.filter((l) => l.msg === 'request.completed');
    expect(requests.find((l) => l.correlationId === 'log-test-sign-in')).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/api/auth/token',
      status: 200,
      responseTime: expect.any(Number),
    });
    expect(requests.find((l) => l.path === '/api/users')).toMatchObject({ method: 'POST', status: 201, correlationId: expect.any(String) });
    expect(requests.find((l) => l.path === '/api/auth/oidc/callback')).toBeDefined();
    expect(requests.find((l) => l.path === '/api/tasks')).toMatchObject({ status: 401 });
    expect(requests.find((l) => l.path === '/api/auth/token' && l.status === 400)).toBeDefined();
    // Health checks are not logged.
    await fetch(`${baseUrl}/api/health`);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.stdout).not.toContain('"path":"/api/health"');
  });
});
