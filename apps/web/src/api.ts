/** Typed client of Kaari's HTTP API (see README "HTTP API"); errors arrive as problem+json. */
import type { AuditEntry, AuditVerification, Body, CaseInfo, Deputyship, DecisionRecord, Definition, FormSchema, HistoryEntry, IncidentEntry, Instance, Localized, Me, Notification, Page, SubmittedForm, Task, User, UserInput, ValidationProblem } from './api-types';

export type * from './api-types';

/** An error answer of the API: RFC 9457 problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: Array<{ path: string | null; code?: string; message: string }> = [],
  ) {
    super(detail);
  }
}

const TOKEN_KEY = 'kaari.token';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let onUnauthorized: () => void = () => {};

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}
export const hasToken = () => token !== null;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function qs(query: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json, application/problem+json', ...headers } };
  const h = init.headers as Record<string, string>;
  if (token) h.authorization = `Bearer ${token}`;
  if (typeof body === 'string') {
    init.body = body;
    h['content-type'] ??= 'application/xml';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(`/api${path}`, init);
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  const parsed: unknown = /json/.test(type) && text ? JSON.parse(text) : text;
  if (!res.ok) {
    const p = (typeof parsed === 'object' && parsed ? parsed : {}) as { detail?: string; title?: string; errors?: ApiError['errors'] };
    if (res.status === 401 && token) onUnauthorized();
    throw new ApiError(res.status, p.detail ?? p.title ?? (res.statusText || `HTTP ${res.status}`), p.errors ?? []);
  }
  return parsed as T;
}

const get = <T>(path: string, query?: Query) => request<T>('GET', path + qs(query));
const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers);
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);

/** Resolves to null when an endpoint is not there (404): the page hides that section. */
export async function optional<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

export const api = {
  signIn: (username: string, password: string) => post<{ accessToken: string; expiresIn: number }>('/auth/token', { username, password }),
  signOut: () => post<void>('/auth/logout'),
  /** City sign-in (OIDC): whether it is offered; after the provider sent the browser back, the Kaari token of that sign-in, once. */
  citySignIn: () => get<{ enabled: boolean }>('/auth/oidc'),
  completeCitySignIn: () => post<{ accessToken: string; expiresIn: number }>('/auth/oidc/session'),
  me: () => get<Me>('/auth/me'),

  tasks: (q: { state?: 'open' | 'completed' | 'all'; overdue?: boolean; body?: string; instanceId?: string; limit?: number } = {}) => get<Page<Task>>('/tasks', q),
  task: (id: string) => get<Task>(`/tasks/${encodeURIComponent(id)}`),
  claim: (id: string) => post<Task>(`/tasks/${encodeURIComponent(id)}/claim`),
  unclaim: (id: string) => post<Task>(`/tasks/${encodeURIComponent(id)}/unclaim`),
  complete: (id: string, data: Record<string, unknown>) => post<unknown>(`/tasks/${encodeURIComponent(id)}/complete`, { data }),
  assign: (id: string, username: string, reason?: string) => post<Task>(`/tasks/${encodeURIComponent(id)}/assign`, { username, ...(reason ? { reason } : {}) }),
  reassign: (input: { taskIds: string[]; toBody?: string; toUser?: string; reason: string }) => post<{ reassigned: number }>('/tasks/reassign', input),

  instances: (q: { state?: string; definitionKey?: string; body?: string; overdue?: boolean; q?: string; limit?: number; offset?: number } = {}) =>
    get<Page<Instance>>('/instances', q),
  instance: (id: string) => get<Instance>(`/instances/${encodeURIComponent(id)}`),
  history: (id: string) => get<HistoryEntry[]>(`/instances/${encodeURIComponent(id)}/history`),
  caseOf: (id: string) => get<CaseInfo>(`/instances/${encodeURIComponent(id)}/case`),
  documents: (id: string) => get<SubmittedForm[]>(`/instances/${encodeURIComponent(id)}/documents`),
  decisions: (id: string) => get<DecisionRecord[]>(`/instances/${encodeURIComponent(id)}/decisions`),
  start: (input: { definitionKey: string; businessKey?: string; variables?: Record<string, unknown> }, idempotencyKey: string) =>
    post<Instance>('/instances', input, { 'idempotency-key': idempotencyKey }),
  cancel: (id: string, reason: string) => post<Instance>(`/instances/${encodeURIComponent(id)}/cancel`, { reason }),
  incidents: () => get<IncidentEntry[]>('/incidents'),
  audit: (q: { actor?: string; action?: string; entity?: string; instance?: string; correlationId?: string; limit?: number; offset?: number }) =>
    get<{ items: AuditEntry[]; total: number }>('/audit', q),
  verifyAudit: () => get<AuditVerification>('/audit/verify'),
  retry: (id: string) => post<{ retried: 'task' | 'timer'; outcome: string }>(`/instances/${encodeURIComponent(id)}/retry`),

  definitions: () => get<Definition[]>('/definitions'),
  definition: (key: string) => get<Definition>(`/definitions/${encodeURIComponent(key)}`),
  versions: (key: string) => get<Definition[]>(`/definitions/${encodeURIComponent(key)}/versions`),
  definitionXml: (key: string, version: number) => request<string>('GET', `/definitions/${encodeURIComponent(key)}/versions/${version}`, undefined, { accept: 'application/xml' }),
  deploy: (xml: string) => request<{ key: string; version: number; created: boolean }>('POST', '/definitions', xml, { 'content-type': 'application/xml' }),
  validate: (xml: string) =>
    request<{ ok: boolean; processId: string | null; problems: ValidationProblem[] }>('POST', '/definitions/validate', xml, { 'content-type': 'application/xml' }),

  bodies: () => get<Body[]>('/bodies'),
  body: (code: string) => get<Body>(`/bodies/${encodeURIComponent(code)}`),
  saveBody: (body: Omit<Body, 'members' | 'escalationChain'>, isNew: boolean) =>
    isNew ? post<Body>('/bodies', body) : put<Body>(`/bodies/${encodeURIComponent(body.code)}`, body),

  // The API gives a user's bodies as codes and, with the role in each, as `memberships`: the form edits the latter.
  users: async () =>
    (await get<Array<Omit<User, 'bodies'> & { memberships: User['bodies'] }>>('/users')).map(({ memberships, ...u }) => ({ ...u, bodies: memberships })),
  saveUser: (user: UserInput, isNew: boolean) => (isNew ? post<User>('/users', user) : put<User>(`/users/${encodeURIComponent(user.username)}`, user)),

  forms: () => get<Array<{ key: string; title?: string | Partial<Localized>; 'x-labels'?: Partial<Localized> }>>('/forms'),
  form: (key: string) => get<FormSchema>(`/forms/${encodeURIComponent(key)}`),

  deputies: (username: string) => get<Deputyship[]>(`/users/${encodeURIComponent(username)}/deputies`),
  nameDeputy: (username: string, input: { deputy: string; from: string; until: string; bodies?: string[] }) => post<Deputyship>(`/users/${encodeURIComponent(username)}/deputies`, input),
  endDeputy: (username: string, id: string) => request<void>('DELETE', `/users/${encodeURIComponent(username)}/deputies/${encodeURIComponent(id)}`),

  notifications: (q: { unread?: boolean; limit?: number } = {}) => get<Page<Notification> & { unread: number }>('/notifications', q),
  readNotification: (id: string) => post<Notification>(`/notifications/${encodeURIComponent(id)}/read`),
  readAllNotifications: () => post<{ marked: number }>('/notifications/read-all'),

  childrenBudget: (instanceId?: string) => get<Record<string, unknown>>('/reports/children-budget', { instanceId }),
  childrenBudgetCsv: (instanceId?: string) => request<string>('GET', `/reports/children-budget${qs({ format: 'csv', instanceId })}`, undefined, { accept: 'text/csv' }),
};
