import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApiApp } from '../../apps/api/src/create-app.js';
import type { Clock } from '../../libs/common/src/clock.js';
import { loadConfig, type KaariConfig } from '../../libs/common/src/config.js';
import { createTestDatabase } from './database.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const DEMO_PASSWORD = 'kaari-demo-2026';

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small client over real HTTP, the way any user of the API talks to it. */
export class Client {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      if (typeof body === 'string') {
        init.body = body;
        (init.headers as Record<string, string>)['content-type'] ??= 'application/xml';
      } else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = 'application/json';
      }
    }
    const res = await fetch(this.baseUrl + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body, headers);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body);

  async as(username: string, password: string): Promise<Client> {
    const res = await this.post('/api/auth/token', { username, password });
    if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new Client(this.baseUrl, res.body.accessToken);
  }
}

export interface TestApi {
  app: INestApplication;
  config: KaariConfig;
  baseUrl: string;
  anonymous: Client;
  admin: Client;
  /** Signs in as a demo user of the Turku 2023 seed. */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
}

/** Starts the real api on a random port over a fresh database and the real Redis. */
export async function startApi(
  options: { clock?: Clock; env?: Record<string, string>; database?: { url: string; drop: () => Promise<void> }; port?: number } = {},
): Promise<TestApi> {
  // A database of its own, or one the caller keeps across api restarts (and drops itself).
  const db = options.database ? { url: options.database.url, drop: async () => undefined } : await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_QUEUE_PREFIX: `kaari-test-${randomBytes(4).toString('hex')}`,
    KAARI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KAARI_DEMO: 'true',
    LOG_LEVEL: 'warn',
    API_WEB_DIR: 'none',
    ...options.env,
  });
  const app = await createApiApp(config, { clock: options.clock });
  // A fixed port only when the caller must name the api's address before it starts (an identity provider's redirect URI).
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const anonymous = new Client(baseUrl);
  const admin = await anonymous.as('admin', ADMIN_PASSWORD);
  return {
    app,
    config,
    baseUrl,
    anonymous,
    admin,
    as: (username) => anonymous.as(username, DEMO_PASSWORD),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
