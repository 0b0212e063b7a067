import { Client, startApi, type TestApi } from './support/api.js';
import { CityProvider, freePort, WebAgent } from './support/city-provider.js';

/**
 * City sign-in in the web app, against a real OpenID provider (oidc-provider) over real HTTP:
 * the authorization code flow with PKCE run by the api, ending in a Kaari token for the user
 * linked by issuer + subject, and sign-out at Kaari and at the provider.
 */
describe('City sign-in in the web app: authorization code flow with PKCE against a real OpenID provider', () => {
  let api: TestApi;
  const city = new CityProvider({
    'sub-ville-0001': {
      preferred_username: 'ville.virkamies',
      name: 'Ville Virkamies',
      email: 'ville@turku.example',
      roles: ['director'],
      groups: ['muutosryhma:secretary'],
    },
    // Another person at the provider whose username claim names Ville too.
    'sub-mallory-0666': { preferred_username: 'ville.virkamies', name: 'Mallory', roles: ['admin'], groups: ['kaupunginhallitus:chair'] },
  });
  let apiUrl: URL;
  /** The api's own pages (not /api) are the web app, which this api does not serve: a browser would land there. */
  const inApp = (next: URL) => next.origin === apiUrl.origin && !next.pathname.startsWith('/api/');

  beforeAll(async () => {
    const port = await freePort();
    apiUrl = new URL(`http://127.0.0.1:${port}`);
    await city.start(apiUrl.origin);
    api = await startApi({ port, env: city.env(apiUrl.origin) });
  });
  afterAll(async () => {
    await api?.close();
    await city.stop();
  });

  /** The user clicks "Sign in with the city's account", signs in at the provider as `account` and consents. */
  async function signInAtProvider(agent: WebAgent, account: string, returnTo = '/tasks') {
    const login = await agent.follow(new URL(`/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`, apiUrl), {}, inApp);
    expect(login.url.origin).toBe(city.issuer);
    const authorize = login.visited.find((u) => u.origin === city.issuer && u.pathname.startsWith('/auth'))!;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${apiUrl.origin}/api/auth/oidc/callback`);
    let page = await agent.submit(login, { login: account, password: 'any password at the dev provider' }, { until: inApp });
    if (page.url.origin === city.issuer) page = await agent.submit(page, {}, { until: inApp });
    const callback = page.visited.find((u) => u.pathname === '/api/auth/oidc/callback')!;
    expect(callback.searchParams.get('code')).toBeTruthy();
    return { landed: page.url, callback };
  }

  const takeToken = (agent: WebAgent) => agent.request(new URL('/api/auth/oidc/session', apiUrl), { method: 'POST' });

  it('offers the city sign-in to the web app', async () => {
    expect((await api.anonymous.get('/api/auth/oidc')).body).toEqual({ enabled: true });
  });

  it('signs a city user in: code + PKCE, the id token and userinfo checked, a Kaari token for the linked user, handed out once', async () => {
    const agent = new WebAgent();
    const { landed, callback } = await signInAtProvider(agent, 'sub-ville-0001', '/tasks?overdue=true');
    // Back in the web app where the user started, marked so the app takes its token.
    expect(landed.pathname + landed.search).toBe('/tasks?overdue=true&signin=city');
    const taken = await takeToken(agent);
    expect(taken.status).toBe(200);
    const { accessToken, tokenType } = (await taken.json()) as { accessToken: string; tokenType: string };
    expect(tokenType).toBe('Bearer');
    // Kaari's own token, like a password sign-in gives: not the provider's.
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256' });
    const ville = new Client(api.baseUrl, accessToken);
    const me = await ville.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'ville.virkamies',
      displayName: 'Ville Virkamies',
      email: 'ville@turku.example',
      roles: ['director'],
      bodies: ['muutosryhma'],
    });
    const users = await api.admin.get('/api/users');
    expect(users.body.find((u: { username: string }) => u.username === 'ville.virkamies')).toMatchObject({
      memberships: [{ code: 'muutosryhma', role: 'secretary' }],
    });

    // The token is handed out once, and a replayed callback (its code, its state) signs nobody in.
    expect((await takeToken(agent)).status).toBe(401);
    const replay = await agent.follow(callback, {}, inApp);
    expect(replay.url.pathname + replay.url.search).toBe('/?signin=city');
    const again = await takeToken(agent);
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    // Another browser with the callback URL but not the sign-in's cookie gets nothing either.
    const stranger = new WebAgent();
    await stranger.follow(callback, {}, inApp);
    expect((await takeToken(stranger)).status).toBe(401);

    const signedIn = await api.admin.get('/api/audit?action=auth.signed-in&entity=user:ville.virkamies');
    expect(signedIn.body.items.length).toBe(1);
  });

  it('refuses a second identity whose username claim names a linked user, on the record, and leaves the first identity as it was', async () => {
    const before = (await api.admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'ville.virkamies');
    const agent = new WebAgent();
    await signInAtProvider(agent, 'sub-mallory-0666');
    const refused = await takeToken(agent);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await refused.json()) as { detail: string; errors: Array<{ code: string }> };
    expect(problem.detail).toMatch(/linked to another identity/);
    expect(problem.errors[0].code).toBe('identity-conflict');
    const audit = await api.admin.get('/api/audit?action=auth.idp-link-refused&entity=user:ville.virkamies');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toMatchObject({ issuer: city.issuer, subject: 'sub-mallory-0666', reason: 'linked-to-another-identity' });
    const after = (await api.admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'ville.virkamies');
    expect(after).toEqual(before);
    expect(after.roles).toEqual(['director']);

    // Ville still signs in as himself, with his own roles.
    const ville = new WebAgent();
    await signInAtProvider(ville, 'sub-ville-0001');
    const { accessToken } = (await (await takeToken(ville)).json()) as { accessToken: string };
    expect((await new Client(api.baseUrl, accessToken).get('/api/auth/me')).body).toMatchObject({
      username: 'ville.virkamies',
      roles: ['director'],
      bodies: ['muutosryhma'],
    });
  });

  it('signs out: the Kaari session ends, then the provider session at its end_session_endpoint, back to the app', async () => {
    const agent = new WebAgent();
    await signInAtProvider(agent, 'sub-ville-0001');
    const { accessToken } = (await (await takeToken(agent)).json()) as { accessToken: string };
    const ville = new Client(api.baseUrl, accessToken);
    expect((await ville.get('/api/tasks')).status).toBe(200);

    // What the web app's sign-out does: end the Kaari session, then send the browser to the provider.
    expect((await ville.post('/api/auth/logout')).status).toBe(204);
    expect((await ville.get('/api/tasks')).status).toBe(401);
    const logout = await agent.follow(new URL('/api/auth/oidc/logout', apiUrl), {}, inApp);
    expect(logout.url.origin).toBe(city.issuer);
    const endSession = logout.visited.find((u) => u.origin === city.issuer)!;
    expect(endSession.searchParams.get('client_id')).toBe(city.clientId);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${apiUrl.origin}/`);
    // The provider asks to confirm ("Yes, sign me out"), then sends the browser back to the app.
    const back = await agent.submit(logout, { logout: 'yes' }, { formId: 'op.logoutForm', until: inApp });
    expect(back.url.href).toBe(`${apiUrl.origin}/`);

    // The provider's session is gone: signing in again asks for the login, not just a redirect back.
    const next = await agent.follow(new URL('/api/auth/oidc/login', apiUrl), {}, inApp);
    expect(next.url.origin).toBe(city.issuer);
    expect(await next.res.text()).toMatch(/name="login"/);
  });
});
