import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { InputLimits } from './input-limits.js';
import type { UploadLimits } from './upload-limits.js';
import { parseIsoDuration } from './iso-duration.js';

/**
 * The whole configuration, read and validated once at boot. Nothing else reads
 * process.env: a bad value stops the process with a message naming the variable.
 */
export interface KaariConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every BullMQ queue, so several installations (or test files) can share a Redis. */
  queuePrefix: string;
  adminPassword: string | null;
  demo: boolean;
  organisation: string;
  tokenSecret: string | null;
  tokenTtlSeconds: number;
  logFormat: 'json' | 'pretty';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  processesDir: string;
  webDir: string | null;
  corsOrigins: string[];
  bodyLimit: string;
  /** Nesting depth, array items and fields per object any body, query string or token claims may have. */
  inputLimits: InputLimits;
  /** What one upload may cost: bytes, rows, problems, what an .xlsx unpacks to. */
  uploadLimits: UploadLimits;
  /** How long before a task's deadline its body is reminded (ISO 8601 duration). */
  reminderLead: string;
  /** Grace period of a body that names none, before an overdue task escalates. */
  defaultGrace: string;
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  workerConcurrency: number;
  /** After a decision is published, when residents are deemed informed (ISO 8601 duration). */
  appealNotice: string;
  /** From then, how long a request for review may be made (ISO 8601 duration). */
  appealPeriod: string;
  /** From notice of a decision on a request for review, how long a municipal appeal to the administrative court may be made. */
  courtAppealPeriod: string;
  /** How often the worker re-enqueues timers that are past due but still pending (lost from Redis, say). */
  workerSweepSeconds: number;
  /** Api processes on this host (node:cluster), to use every core. */
  apiProcesses: number;
  /** Writes a signed-in user may make: the burst at once, refilled at the rate per minute (counted in Redis, across api processes). */
  writesPerMinute: number;
  writeBurst: number;
  /** Failed sign-ins allowed per account, and per client address, within the window before 429. */
  signInMaxFailures: number;
  signInMaxFailuresPerAddress: number;
  signInWindowSeconds: number;
  /** The city's OpenID Connect identity provider, when its tokens are accepted. */
  oidc: OidcConfig | null;
  /** Worker threads per process that run bpmn-engine steps. */
  engineThreads: number;
  /** A step still running after this long is stopped and its instance gets an incident. */
  engineStepTimeoutMs: number;
  /** Heap an engine thread may use before its step is stopped the same way. */
  engineThreadMemoryMb: number;
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  jwksUrl: string;
  usernameClaim: string;
  rolesClaim: string;
  groupsClaim: string;
  /** After fetching the keys, an unknown key id refetches them no sooner than this (rotation). */
  jwksCooldownSeconds: number;
  /** Longest lifetime (exp - iat, and exp - now) a provider token may claim; a token without exp is refused. */
  maxTokenLifetimeSeconds: number;
  /** OIDC_ALLOW_INSECURE: development only, lets the issuer and key-set addresses use http:. */
  allowInsecure: boolean;
  /** Sign-in in the web app (authorization code flow with PKCE), when a client id is configured. */
  web: OidcWebConfig | null;
}

export interface OidcWebConfig {
  clientId: string;
  /** null: a public client (PKCE only, token endpoint auth `none`). */
  clientSecret: string | null;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scopes: string;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: Env, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(raw)) return false;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

function duration(env: Env, name: string, fallback: string, options: { workingDays?: boolean } = {}): string {
  const raw = env[name] || fallback;
  const parsed = parseIsoDuration(raw);
  if (!parsed) throw new ConfigError(`${name} must be an ISO 8601 duration such as P2D, got "${raw}"`);
  if (options.workingDays === false && parsed.workingDays) {
    throw new ConfigError(`${name} is counted in calendar time and cannot be given in working days (WD), got "${raw}"`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): KaariConfig {
  const tokenSecret = env.API_TOKEN_SECRET || null;
  if (tokenSecret !== null && tokenSecret.length < 32) {
    throw new ConfigError('API_TOKEN_SECRET must be at least 32 characters');
  }
  const adminPassword = env.KAARI_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 10) {
    throw new ConfigError('KAARI_ADMIN_PASSWORD must be at least 10 characters');
  }
  const organisation = env.KAARI_ORGANISATION || 'turku-2023';
  if (!/^[a-z0-9-]{1,64}$/.test(organisation)) throw new ConfigError('KAARI_ORGANISATION must be a seed file name');
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/kaari', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix: env.REDIS_QUEUE_PREFIX || 'kaari',
    adminPassword,
    demo: bool(env, 'KAARI_DEMO'),
    organisation,
    tokenSecret,
    tokenTtlSeconds: int(env, 'API_TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, env.NODE_ENV === 'production' ? 'json' : 'pretty'),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    processesDir: env.KAARI_PROCESSES_DIR || 'processes',
    webDir: env.API_WEB_DIR === 'none' ? null : env.API_WEB_DIR || 'apps/web/dist',
    corsOrigins: (env.API_CORS_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimit: env.API_BODY_LIMIT || '2mb',
    inputLimits: {
      maxDepth: int(env, 'API_INPUT_MAX_DEPTH', 32, 2, 256),
      maxArrayItems: int(env, 'API_INPUT_MAX_ARRAY_ITEMS', 10_000, 1, 1_000_000),
      maxObjectKeys: int(env, 'API_INPUT_MAX_OBJECT_KEYS', 1000, 1, 100_000),
    },
    uploadLimits: {
      maxBytes: int(env, 'API_UPLOAD_MAX_BYTES', 5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxRows: int(env, 'API_UPLOAD_MAX_ROWS', 10_000, 1, 10_000_000),
      maxProblems: int(env, 'API_UPLOAD_MAX_PROBLEMS', 500, 1, 100_000),
      maxUnzippedBytes: int(env, 'API_UPLOAD_MAX_UNZIPPED_BYTES', 32 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
    },
    reminderLead: duration(env, 'KAARI_REMINDER_LEAD', 'P2D', { workingDays: false }),
    defaultGrace: duration(env, 'KAARI_DEFAULT_GRACE', 'P5D'),
    smtpUrl: env.SMTP_URL ? url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']) : null,
    mailFrom: env.SMTP_FROM || 'Kaari <kaari@localhost>',
    publicUrl: env.KAARI_PUBLIC_URL || 'http://localhost:3000',
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 8, 1, 256),
    appealNotice: duration(env, 'KAARI_APPEAL_NOTICE', 'P7D'),
    appealPeriod: duration(env, 'KAARI_APPEAL_PERIOD', 'P14D'),
    courtAppealPeriod: duration(env, 'KAARI_COURT_APPEAL_PERIOD', 'P30D'),
    workerSweepSeconds: int(env, 'WORKER_SWEEP_SECONDS', 30, 1, 3600),
    apiProcesses: int(env, 'API_PROCESSES', 1, 1, 64),
    writesPerMinute: int(env, 'API_WRITES_PER_MINUTE', 3000, 1, 1_000_000),
    writeBurst: int(env, 'API_WRITE_BURST', 300, 1, 1_000_000),
    signInMaxFailures: int(env, 'API_SIGNIN_MAX_FAILURES', 5, 1, 1000),
    signInMaxFailuresPerAddress: int(env, 'API_SIGNIN_MAX_FAILURES_PER_ADDRESS', 50, 1, 100000),
    signInWindowSeconds: int(env, 'API_SIGNIN_WINDOW_SECONDS', 900, 1, 86400),
    oidc: oidc(env, env.KAARI_PUBLIC_URL || 'http://localhost:3000'),
    engineThreads: int(env, 'ENGINE_THREADS', Math.min(4, availableParallelism()), 1, 64),
    engineStepTimeoutMs: int(env, 'ENGINE_STEP_TIMEOUT_MS', 5000, 50, 600_000),
    engineThreadMemoryMb: int(env, 'ENGINE_THREAD_MEMORY_MB', 512, 64, 16384),
  };
}

function oidc(env: Env, publicUrl: string): OidcConfig | null {
  const names = ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] as const;
  const given = names.filter((n) => env[n]);
  if (!given.length && !env.OIDC_CLIENT_ID) return null;
  if (given.length < names.length) throw new ConfigError(`OIDC needs ${names.join(', ')} together; missing ${names.filter((n) => !env[n]).join(', ')}`);
  const claim = (name: string, fallback: string) => {
    const raw = env[name] || fallback;
    if (!/^[A-Za-z0-9_.:/-]{1,200}$/.test(raw)) throw new ConfigError(`${name} must be a claim name, got "${raw}"`);
    return raw;
  };
  // Keys fetched over plain http could be swapped on the way: https only, unless a developer says otherwise.
  const allowInsecure = bool(env, 'OIDC_ALLOW_INSECURE');
  const secure = allowInsecure ? ['https:', 'http:'] : ['https:'];
  for (const name of ['OIDC_ISSUER', 'OIDC_JWKS_URL']) {
    if (!allowInsecure && /^http:/i.test(env[name] ?? ''))
      throw new ConfigError(`${name} must use https: (OIDC_ALLOW_INSECURE=true allows http: for development only)`);
  }
  const lifetime = parseIsoDuration(env.OIDC_MAX_TOKEN_LIFETIME || 'PT1H');
  const lifetimeSeconds =
    lifetime && !lifetime.years && !lifetime.months && !lifetime.workingDays
      ? ((lifetime.weeks * 7 + lifetime.days) * 24 + lifetime.hours) * 3600 + lifetime.minutes * 60 + lifetime.seconds
      : NaN;
  if (!(lifetimeSeconds >= 60 && lifetimeSeconds <= 86400))
    throw new ConfigError(`OIDC_MAX_TOKEN_LIFETIME must be an ISO 8601 duration from PT1M to P1D, got "${env.OIDC_MAX_TOKEN_LIFETIME}"`);
  let web: OidcWebConfig | null = null;
  if (env.OIDC_CLIENT_ID) {
    const scopes = (env.OIDC_SCOPES || 'openid profile email').trim();
    if (!/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/.test(scopes) || !scopes.split(' ').includes('openid'))
      throw new ConfigError('OIDC_SCOPES must be space-separated scopes including openid');
    const base = publicUrl.replace(/\/+$/, '');
    web = {
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET || null,
      redirectUri: url(env, 'OIDC_REDIRECT_URI', `${base}/api/auth/oidc/callback`, ['https:', 'http:']),
      postLogoutRedirectUri: url(env, 'OIDC_POST_LOGOUT_REDIRECT_URI', `${base}/`, ['https:', 'http:']),
      scopes,
    };
  }
  return {
    issuer: url(env, 'OIDC_ISSUER', '', secure),
    audience: env.OIDC_AUDIENCE!,
    jwksUrl: url(env, 'OIDC_JWKS_URL', '', secure),
    usernameClaim: claim('OIDC_USERNAME_CLAIM', 'preferred_username'),
    rolesClaim: claim('OIDC_ROLES_CLAIM', 'roles'),
    groupsClaim: claim('OIDC_GROUPS_CLAIM', 'groups'),
    jwksCooldownSeconds: int(env, 'OIDC_JWKS_COOLDOWN_SECONDS', 30, 0, 3600),
    maxTokenLifetimeSeconds: lifetimeSeconds,
    allowInsecure,
    web,
  };
}

export const KAARI_CONFIG = Symbol('KAARI_CONFIG');

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
