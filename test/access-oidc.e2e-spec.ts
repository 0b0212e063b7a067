import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  token(key: Key, claims: Record<string, unknown>, options: { audience?: string; issuer?: string; expiresIn?: number; subject?: string; kid?: string } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject(options.subject ?? `sub-${String(claims.preferred_username)}`)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .sign(key.privateKey);
  }
}

describe('City sign-in: bearer tokens from the identity provider (OIDC)', () => {
  let api: TestApi;
  const idp = new IdentityProvider();
  let first: Key;
  let second: Key;
  let stranger: Key;
  const reviewer = { preferred_username: 'tuula.tarkastaja', name: 'Tuula Tarkastaja', email: 'tuula@turku.example', roles: ['director', 'offline_access'], groups: ['/hyvinvoinnin-johtoryhma:vice-chair', 'muutosryhma', 'not-a-body', 'kaupunginhallitus:emperor'] };

  beforeAll(async () => {
    [first, second, stranger] = await Promise.all([makeKey('key-2026-1'), makeKey('key-2026-2'), makeKey('key-2026-1')]);
    idp.published = [first];
    await idp.start();
    api = await startApi({ env: { OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE, OIDC_JWKS_URL: idp.url, OIDC_JWKS_COOLDOWN_SECONDS: '0' } });
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
    expect(me.body).toMatchObject({ username: 'tuula.tarkastaja', displayName: 'Tuula Tarkastaja', roles: ['director'], bodies: ['hyvinvoinnin-johtoryhma', 'muutosryhma'], email: 'tuula@turku.example' });
    const body = await api.admin.get('/api/bodies/hyvinvoinnin-johtoryhma');
    expect(body.body.members).toEqual(expect.arrayContaining([{ username: 'tuula.tarkastaja', displayName: 'Tuula Tarkastaja', role: 'vice-chair' }]));
    // A director from the identity provider can do a director's work.
    const started = await client.post('/api/instances', { definitionKey: 'oidc-review' });
    expect(started.status).toBe(201);
    const created = await api.admin.get('/api/audit?action=user.created-from-idp&entity=user:tuula.tarkastaja');
    expect(created.body.items[0]).toMatchObject({ actor: 'tuula.tarkastaja', after: expect.objectContaining({ issuer: ISSUER, roles: ['director'] }) });
  });

  it('updates roles and memberships when the claims change, and keeps the change on the record', async () => {
    const client = await as(await idp.token(first, { ...reviewer, roles: [], groups: ['hyvinvoinnin-johtoryhma:chair'] }));
    const me = await client.get('/api/auth/me');
    expect(me.body).toMatchObject({ roles: [], bodies: ['hyvinvoinnin-johtoryhma'] });
    expect((await client.post('/api/instances', { definitionKey: 'oidc-review' })).status).toBe(403);
    const history = await api.admin.get('/api/bodies/muutosryhma/membership-history');
    expect(history.body[0]).toMatchObject({ username: 'tuula.tarkastaja', change: 'left', previousRole: 'member', changedBy: 'tuula.tarkastaja' });
    const chair = await api.admin.get('/api/bodies/hyvinvoinnin-johtoryhma/membership-history');
    expect(chair.body[0]).toMatchObject({ username: 'tuula.tarkastaja', change: 'role-changed', role: 'chair', previousRole: 'vice-chair' });
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
    const disabled = await api.admin.put('/api/users/paavo.poistuva', { username: 'paavo.poistuva', displayName: 'paavo.poistuva', roles: [], bodies: [{ code: 'muutosryhma' }], disabled: true });
    expect(disabled.status).toBe(200);
    expect((await fresh.get('/api/tasks')).status).toBe(401);
  });

  it('still accepts Kaari’s own tokens alongside', async () => {
    const local = await api.as('kalle.kartoitus');
    expect((await local.get('/api/auth/me')).body.username).toBe('kalle.kartoitus');
  });
});
