import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../libs/common/src/config.js';
import { Client, startApi, type TestApi } from './support/api.js';
import { minimalBpmn } from './support/process.js';

const ISSUER = 'https://tunnistus.turku.example/realms/kaupunki';
const AUDIENCE = 'kaari';

interface Key {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** The city's identity provider as far as Kaari sees it: a JWKS endpoint on localhost, and tokens signed with real keys. */
class IdentityProvider {
  published: Key[] = [];
  fetches = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.fetches += 1;
      if (req.url !== '/protocol/openid-connect/certs') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/protocol/openid-connect/certs`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** `expiresIn: null` leaves exp out; `issuedAgo` back-dates iat (seconds). */
  token(
    key: Key,
    claims: Record<string, unknown>,
    options: { audience?: string; issuer?: string; expiresIn?: number | null; issuedAgo?: number; subject?: string; kid?: string } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject(options.subject ?? `sub-${String(claims.preferred_username)}`)
      .setIssuedAt(now - (options.issuedAgo ?? 0));
    if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 600));
    return jwt.sign(key.privateKey);
  }
}

describe('City sign-in: bearer tokens from the identity provider (OIDC)', () => {
  let api: TestApi;
  const idp = new IdentityProvider();
  let first: Key;
  let second: Key;
  let stranger: Key;
  const reviewer = {
    preferred_username: 'riikka.rekisteri',
    name: 'Riikka Rekisteri',
    email: 'riikka@turku.example',
    roles: ['director', 'offline_access'],
    groups: ['/hyvinvoinnin-johtoryhma:vice-chair', 'muutosryhma', 'not-a-body', 'kaupunginhallitus:emperor'],
  };

  beforeAll(async () => {
    [first, second, stranger] = await Promise.all([makeKey('key-2026-1'), makeKey('key-2026-2'), makeKey('key-2026-1')]);
    idp.published = [first];
    await idp.start();
    // The test's key set is served over http on localhost: the development flag allows that (see the config test below).
    api = await startApi({
      env: { OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: idp.url, OIDC_JWKS_COOLDOWN_SECONDS: '0', OIDC_ALLOW_INSECURE: 'true' },
    });
    expect((await api.admin.post('/api/definitions', minimalBpmn('oidc-review'))).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    await idp.stop();
  });

  const as = async (token: string) => new Client(api.baseUrl, token);

  it('accepts a valid token and creates the user on first sight with roles and memberships from the claims', async () => {
    const client = await as(await idp.token(first, reviewer));
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'riikka.rekisteri',
      displayName: 'Riikka Rekisteri',
      roles: ['director'],
      bodies: ['hyvinvoinnin-johtoryhma', 'muutosryhma'],
      email: 'riikka@turku.example',
    });
    const body = await api.admin.get('/api/bodies/hyvinvoinnin-johtoryhma');
    expect(body.body.members).toEqual(expect.arrayContaining([{ username: 'riikka.rekisteri', displayName: 'Riikka Rekisteri', role: 'vice-chair' }]));
    // A director from the identity provider can do a director's work.
    const started = await client.post('/api/instances', { definitionKey: 'oidc-review' });
    expect(started.status).toBe(201);
    const created = await api.admin.get('/api/audit?action=user.created-from-idp&entity=user:riikka.rekisteri');
    expect(created.body.items[0]).toMatchObject({ actor: 'riikka.rekisteri', after: expect.objectContaining({ issuer: ISSUER, roles: ['director'] }) });
  });

  it('updates roles and memberships when the claims change, and keeps the change on the record', async () => {
    const client = await as(await idp.token(first, { ...reviewer, roles: [], groups: ['hyvinvoinnin-johtoryhma:chair'] }));
    const me = await client.get('/api/auth/me');
    expect(me.body).toMatchObject({ roles: [], bodies: ['hyvinvoinnin-johtoryhma'] });
    expect((await client.post('/api/instances', { definitionKey: 'oidc-review' })).status).toBe(403);
    const history = await api.admin.get('/api/bodies/muutosryhma/membership-history');
    expect(history.body[0]).toMatchObject({ username: 'riikka.rekisteri', change: 'left', previousRole: 'member', changedBy: 'riikka.rekisteri' });
    const chair = await api.admin.get('/api/bodies/hyvinvoinnin-johtoryhma/membership-history');
    expect(chair.body[0]).toMatchObject({ username: 'riikka.rekisteri', change: 'role-changed', role: 'chair', previousRole: 'vice-chair' });
  });

  it('refuses a token of another subject whose username claim names a linked user: on the record, the first identity and its roles unchanged', async () => {
    const tuula = await as(await idp.token(first, { ...reviewer, roles: [], groups: ['hyvinvoinnin-johtoryhma:chair'] }));
    const before = await tuula.get('/api/auth/me');
    expect(before.body).toMatchObject({ username: 'riikka.rekisteri', roles: [], bodies: ['hyvinvoinnin-johtoryhma'] });
    const usersBefore = (await api.admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'riikka.rekisteri');

    // Another person at the provider (another sub) whose preferred_username is Tuula's, claiming more.
    const impostor = await as(
      await idp.token(
        first,
        { preferred_username: 'riikka.rekisteri', name: 'Not Tuula', roles: ['admin'], groups: ['kaupunginhallitus:chair'] },
        { subject: 'sub-someone-else' },
      ),
    );
    for (let i = 0; i < 3; i += 1) {
      const res = await impostor.get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(/riikka.rekisteri is linked to another identity/);
      expect(res.body.errors[0].code).toBe('identity-conflict');
    }
    expect((await impostor.post('/api/instances', { definitionKey: 'oidc-review' })).status).toBe(401);
    // On the record once (repeats within ten minutes add nothing), with who tried.
    const audit = await api.admin.get('/api/audit?action=auth.idp-link-refused&entity=user:riikka.rekisteri');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toMatchObject({
      issuer: ISSUER,
      subject: 'sub-someone-else',
      reason: 'linked-to-another-identity',
      claimed: { roles: ['admin'] },
    });

    // Tuula's account, roles and bodies are as they were, and her own token still works as her.
    expect((await api.admin.get('/api/users')).body.find((u: { username: string }) => u.username === 'riikka.rekisteri')).toEqual(usersBefore);
    const after = await tuula.get('/api/auth/me');
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ username: 'riikka.rekisteri', displayName: 'Riikka Rekisteri', roles: [], bodies: ['hyvinvoinnin-johtoryhma'] });
    expect((await tuula.post('/api/instances', { definitionKey: 'oidc-review' })).status).toBe(403);
  });

  it('requires exp, and refuses a lifetime longer than OIDC_MAX_TOKEN_LIFETIME (default one hour)', async () => {
    const cases = {
      noExp: { token: await idp.token(first, reviewer, { expiresIn: null }), detail: /claim exp is missing/ },
      twoHours: { token: await idp.token(first, reviewer, { expiresIn: 2 * 3600 }), detail: /valid for longer than the 3600 seconds/ },
      // Still within an hour from now, but issued 50 minutes ago for 70 minutes.
      longFromIssue: { token: await idp.token(first, reviewer, { issuedAgo: 50 * 60, expiresIn: 20 * 60 }), detail: /valid for longer than the 3600 seconds/ },
    };
    for (const [name, { token, detail }] of Object.entries(cases)) {
      const res = await (await as(token)).get('/api/auth/me');
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
    }
    // An hour exactly is accepted.
    expect((await (await as(await idp.token(first, reviewer, { expiresIn: 3600 }))).get('/api/auth/me')).status).toBe(200);
  });

  it('refuses claims holding a NUL character or a lone surrogate as a refused token, creating nobody', async () => {
    for (const name of ['Nul\u0000Name', 'Half \ud800 a pair']) {
      const res = await (await as(await idp.token(first, { preferred_username: 'noora.nolla', name }))).get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.body.errors[0]).toMatchObject({ code: 'unsafe-text', path: 'claims.name' });
    }
    expect((await api.admin.get('/api/users')).body.map((u: { username: string }) => u.username)).not.toContain('noora.nolla');
  });

  it('refuses at boot a key-set or issuer address over http unless OIDC_ALLOW_INSECURE says development', () => {
    const env = { OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: 'http://tunnistus.turku.example/certs' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/OIDC_JWKS_URL must use https:/);
    expect(() => loadConfig({ ...env, OIDC_JWKS_URL: `${ISSUER}/certs`, OIDC_ISSUER: 'http://tunnistus.turku.example' })).toThrow(
      /OIDC_ISSUER must use https:/,
    );
    expect(() => loadConfig({ ...env, OIDC_ALLOW_INSECURE: 'false' })).toThrow(ConfigError);
    expect(loadConfig({ ...env, OIDC_ALLOW_INSECURE: 'true' }).oidc).toMatchObject({
      jwksUrl: env.OIDC_JWKS_URL,
      allowInsecure: true,
      maxTokenLifetimeSeconds: 3600,
    });
    expect(loadConfig({ ...env, OIDC_JWKS_URL: `${ISSUER}/certs` }).oidc).toMatchObject({ allowInsecure: false });
    expect(() => loadConfig({ ...env, OIDC_ALLOW_INSECURE: 'true', OIDC_MAX_TOKEN_LIFETIME: 'P30D' })).toThrow(/OIDC_MAX_TOKEN_LIFETIME/);
  });

  it('refuses expired, wrong-audience, wrong-issuer, wrong-key and unknown-key tokens', async () => {
    const cases = {
      expired: await idp.token(first, reviewer, { expiresIn: -120 }),
      wrongAudience: await idp.token(first, reviewer, { audience: 'some-other-app' }),
      wrongIssuer: await idp.token(first, reviewer, { issuer: 'https://evil.example' }),
      wrongKey: await idp.token(stranger, reviewer),
      unknownKey: await idp.token(second, reviewer, { kid: 'key-nobody-knows' }),
      noUsername: await idp.token(first, { roles: ['admin'] }),
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await (await as(token)).get('/api/auth/me');
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    const expired = await (await as(cases.expired)).get('/api/auth/me');
    expect(expired.body.detail).toMatch(/expired/);
  });

  it('follows a key rotation: a token signed with the new key works once the provider publishes it', async () => {
    const rotated = await idp.token(second, reviewer);
    expect((await (await as(rotated)).get('/api/auth/me')).status).toBe(401);
    idp.published = [first, second];
    expect((await (await as(rotated)).get('/api/auth/me')).status).toBe(200);
    idp.published = [second];
    // The old key is still cached, until the keys are fetched again; the new one keeps working.
    expect((await (await as(await idp.token(second, reviewer))).get('/api/auth/me')).status).toBe(200);
  });

  it('never lets an identity-provider token take over a local account of the same name', async () => {
    const res = await (await as(await idp.token(second, { preferred_username: 'admin', roles: ['admin'] }))).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/local account/);
  });

  it('refuses the tokens of a user an admin disabled, and of one who signed out', async () => {
    const token = await idp.token(second, { preferred_username: 'paavo.poistuva', groups: ['muutosryhma'] });
    const client = await as(token);
    expect((await client.get('/api/tasks')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/tasks')).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = await as(await idp.token(second, { preferred_username: 'paavo.poistuva', groups: ['muutosryhma'] }, { subject: 'sub-paavo.poistuva' }));
    expect((await fresh.get('/api/tasks')).status).toBe(200);
    const disabled = await api.admin.put('/api/users/paavo.poistuva', {
      username: 'paavo.poistuva',
      displayName: 'paavo.poistuva',
      roles: [],
      bodies: [{ code: 'muutosryhma' }],
      disabled: true,
    });
    expect(disabled.status).toBe(200);
    expect((await fresh.get('/api/tasks')).status).toBe(401);
  });

  it('still accepts Kaari’s own tokens alongside', async () => {
    const local = await api.as('kalle.kartoitus');
    expect((await local.get('/api/auth/me')).body.username).toBe('kalle.kartoitus');
  });
});
