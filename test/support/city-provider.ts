import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * The city's identity provider for tests: the certified `oidc-provider`, run here on a random
 * port, with one confidential client (Kaari) and accounts whose claims the test chooses. Its
 * development interactions sign anyone in by account id (any password) and ask for consent.
 */
export class CityProvider {
  readonly clientId = 'kaari-web';
  readonly clientSecret = randomBytes(24).toString('base64url');
  issuer = '';
  private server: Server | null = null;

  /** Account id (the `sub`) → its claims. */
  constructor(readonly accounts: Record<string, Record<string, unknown>>) {}

  /** The api's env for this provider (the api must listen at `apiUrl`, which the redirect URI names). */
  env(apiUrl: string): Record<string, string> {
    return {
      KAARI_PUBLIC_URL: apiUrl,
      OIDC_ISSUER: this.issuer,
      OIDC_JWKS_URL: `${this.issuer}/jwks`,
      OIDC_AUDIENCE: this.clientId,
      OIDC_CLIENT_ID: this.clientId,
      OIDC_CLIENT_SECRET: this.clientSecret,
      OIDC_ALLOW_INSECURE: 'true',
    };
  }

  async start(apiUrl: string): Promise<void> {
    let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
    this.server = createServer((req, res) => void handler!(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const accounts = this.accounts;
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.clientId,
          client_secret: this.clientSecret,
          redirect_uris: [`${apiUrl}/api/auth/oidc/callback`],
          post_logout_redirect_uris: [`${apiUrl}/`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      pkce: { required: () => true },
      // Profile claims go to userinfo (the id token keeps to sub, as oidc-provider conforms by default).
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles', 'groups'], email: ['email'] },
      async findAccount(_ctx, sub) {
        const claims = accounts[sub];
        return claims ? { accountId: sub, claims: async () => ({ sub, ...claims }) } : undefined;
      },
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'city-2026', alg: 'RS256', use: 'sig' }] as never },
      cookies: { keys: [randomBytes(16).toString('hex')] },
      // An id token lives exactly as long as Kaari accepts by default (OIDC_MAX_TOKEN_LIFETIME=PT1H).
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    });
    handler = provider.callback();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A free port for a server that must be named before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Cookie {
  origin: string;
  name: string;
  path: string;
  value: string;
}

/** What a browser does with plain HTTP: cookies per origin and path, redirects followed, forms submitted. */
export class WebAgent {
  private cookies: Cookie[] = [];

  cookieNames(origin: string): string[] {
    return this.cookies.filter((c) => c.origin === origin).map((c) => c.name);
  }

  async request(url: URL, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const cookie = this.cookies
      .filter((c) => c.origin === url.origin && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers: Record<string, string> = { accept: 'text/html,application/json', ...init.headers };
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(url, line);
    return res;
  }

  private store(url: URL, line: string): void {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
    let expired = value === '';
    for (const attribute of attributes) {
      const [key, v = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = v;
      if (key.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      if (key.toLowerCase() === 'expires' && Date.parse(v) < Date.now()) expired = true;
    }
    this.cookies = this.cookies.filter((c) => !(c.origin === url.origin && c.name === name && c.path === path));
    if (!expired) this.cookies.push({ origin: url.origin, name, path, value });
  }

  /**
   * Follows redirects from `url` until a page answers, or until the next stop would leave
   * `until` (say, the web app's own pages, which a test api does not serve).
   * Returns the last answer, its URL and every URL visited.
   */
  async follow(
    url: URL,
    init: Parameters<WebAgent['request']>[1] = {},
    until: (next: URL) => boolean = () => false,
  ): Promise<{ res: Response; url: URL; visited: URL[] }> {
    const visited = [url];
    let res = await this.request(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops += 1) {
      const next = new URL(res.headers.get('location')!, url);
      if (until(next)) return { res, url: next, visited: [...visited, next] };
      url = next;
      visited.push(url);
      res = await this.request(url);
    }
    return { res, url, visited };
  }

  /** Submits the page's form (the first with an action, or the one with this id) with its hidden fields and `fields`. */
  async submit(page: { res: Response; url: URL }, fields: Record<string, string>, options: { formId?: string; until?: (next: URL) => boolean } = {}) {
    const html = await page.res.text();
    const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
    const form = forms.find((f) => (options.formId ? new RegExp(`id="${options.formId}"`).test(f[1]) : /action="/.test(f[1])));
    if (!form) throw new Error(`no form on ${page.url.href}: ${html.slice(0, 400)}`);
    const action = /action="([^"]*)"/.exec(form[1])?.[1] ?? page.url.pathname;
    const hidden: Record<string, string> = {};
    for (const input of form[2].matchAll(/<input\b([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(input[1])?.[1];
      const value = /value="([^"]*)"/.exec(input[1])?.[1] ?? '';
      if (name && /type="hidden"/.test(input[1])) hidden[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    }
    return this.follow(new URL(action.replace(/&amp;/g, '&'), page.url), { form: { ...hidden, ...fields } }, options.until);
  }
}
