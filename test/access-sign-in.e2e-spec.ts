import { SignJWT } from 'jose';
import { Client, DEMO_PASSWORD, startApi, type TestApi } from './support/api.js';

const TOKEN_SECRET = 'sign-in-test-secret-of-at-least-32-characters';

describe('Sign-in hardening: throttling, password policy, expiry and revocation', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({
      env: { API_SIGNIN_MAX_FAILURES: '3', API_SIGNIN_MAX_FAILURES_PER_ADDRESS: '6', API_SIGNIN_WINDOW_SECONDS: '120', API_TOKEN_SECRET: TOKEN_SECRET },
    });
  });
  afterAll(() => api.close());

  /** The api trusts X-Forwarded-For from its loopback proxy, so a test can sign in from any address. */
  const signIn = (username: string, password: string, address = '192.0.2.1') =>
    api.anonymous.post('/api/auth/token', { username, password }, { 'x-forwarded-for': address });

  it('throttles an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('kalle.kartoitus', 'not-the-password', `198.51.100.${i}`)).status).toBe(401);
    const refused = await signIn('kalle.kartoitus', DEMO_PASSWORD, '198.51.100.77');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(refused.body.detail).toMatch(/Too many failed sign-ins/);
    // Another account is not affected.
    expect((await signIn('sanna.selvitys', DEMO_PASSWORD, '198.51.100.78')).status).toBe(200);
    const audit = await api.admin.get('/api/audit?action=auth.failed&entity=user:kalle.kartoitus');
    expect(audit.body.total).toBe(3);
    expect(audit.body.items[0].details).toEqual({ address: expect.stringMatching(/^198\.51\.100\./) });
  });

  it('throttles a client address that guesses across many accounts, and only that address', async () => {
    const address = '203.0.113.9';
    for (let i = 0; i < 6; i++) expect((await signIn(`nobody-${i}`, 'guess-guess-guess', address)).status).toBe(401);
    expect((await signIn('ville.vaikutus', DEMO_PASSWORD, address)).status).toBe(429);
    expect((await signIn('ville.vaikutus', DEMO_PASSWORD, '203.0.113.10')).status).toBe(200);
  });

  it('clears an account’s count on a successful sign-in', async () => {
    for (let i = 0; i < 2; i++) expect((await signIn('olli.ohjaus', 'wrong-wrong-wrong', `192.0.2.${20 + i}`)).status).toBe(401);
    expect((await signIn('olli.ohjaus', DEMO_PASSWORD, '192.0.2.30')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await signIn('olli.ohjaus', 'wrong-wrong-wrong', `192.0.2.${40 + i}`)).status).toBe(401);
    expect((await signIn('olli.ohjaus', DEMO_PASSWORD, '192.0.2.50')).status).toBe(200);
  });

  it('refuses trivially weak passwords', async () => {
    const user = (password: string) => api.admin.post('/api/users', { username: 'pekka.policy', password, displayName: 'Pekka Policy', roles: [], bodies: [] });
    for (const weak of ['pekka.policy1', 'xpekka.policyx', 'aaaaaaaaaaaa', '1234567890', 'abcdefghijk', 'salasana123', 'Password2026!', '00000000000000']) {
      const res = await user(weak);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'password', code: 'weak-password' })]);
    }
    expect((await user('short')).status).toBe(400);
    expect((await user('Lasten-Hyvinvointi-2026')).status).toBe(201);
    const change = await api.admin.put('/api/users/pekka.policy', {
      username: 'pekka.policy',
      password: 'PEKKA.POLICY.2026',
      displayName: 'Pekka Policy',
      roles: [],
      bodies: [],
    });
    expect(change.status).toBe(400);
  });

  it('refuses an expired token and one signed with another key', async () => {
    const me = await api.admin.get('/api/auth/me');
    const key = new TextEncoder().encode(TOKEN_SECRET);
    const expired = await new SignJWT({ tv: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.body.id)
      .setIssuer('kaari')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(key);
    expect((await new Client(api.baseUrl, expired).get('/api/auth/me')).status).toBe(401);
    const forged = await new SignJWT({ tv: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.body.id)
      .setIssuer('kaari')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    expect((await new Client(api.baseUrl, forged).get('/api/auth/me')).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: me.body.id, tv: 0, iss: 'kaari' })).toString('base64url')}.`;
    expect((await new Client(api.baseUrl, unsigned).get('/api/auth/me')).status).toBe(401);
  });

  it('revokes every token of a user at sign-out, at once', async () => {
    const first = await api.as('irma.integraatio');
    const second = await api.as('irma.integraatio');
    expect((await first.get('/api/tasks')).status).toBe(200);
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    expect((await first.get('/api/tasks')).status).toBe(401);
    expect((await second.get('/api/tasks')).status).toBe(401);
    expect((await (await api.as('irma.integraatio')).get('/api/tasks')).status).toBe(200);
  });

  it('revokes a disabled user’s tokens at once and refuses their sign-in', async () => {
    const heikki = await api.as('heikki.hallitus');
    expect((await heikki.get('/api/tasks')).status).toBe(200);
    const current = await api.admin.get('/api/users/heikki.hallitus');
    const disabled = await api.admin.put('/api/users/heikki.hallitus', {
      username: 'heikki.hallitus',
      displayName: current.body.displayName,
      roles: current.body.roles,
      bodies: current.body.bodies.map((code: string) => ({ code })),
      disabled: true,
    });
    expect(disabled.status).toBe(200);
    expect((await heikki.get('/api/tasks')).status).toBe(401);
    expect((await signIn('heikki.hallitus', DEMO_PASSWORD, '192.0.2.99')).status).toBe(401);
    const audit = await api.admin.get('/api/audit?entity=user:heikki.hallitus&action=user.disabled');
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      before: expect.objectContaining({ disabled: false }),
      after: expect.objectContaining({ disabled: true }),
      details: expect.objectContaining({ tokensRevoked: true }),
    });
  });
});
