import { keepPreviousData, QueryClient, queryOptions, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, ApiError, optional, type Body } from '../api';
import type { FormSchema } from './json-schema';

type Params<F extends (...args: never[]) => unknown> = NonNullable<Parameters<F>[0]>;

/**
 * The web app's one cache of what the api answered (TanStack Query). A page asks for
 * `queries.x(...)`; what it shows stays while a new filter loads; a change made through
 * `useApiMutation` marks stale what it changes (CHANGES), and what is on screen refetches.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The api's answers are final (a 404 stays a 404): only a request that never arrived is tried again.
      queries: { retry: (failures, error) => !(error instanceof ApiError) && failures < 2 },
      mutations: { retry: false },
    },
  });
}

const MINUTES = 60_000;

// Keys start with what they show, so a change invalidates a whole kind at once.
export const queries = {
  citySignIn: () => queryOptions({ queryKey: ['city-sign-in'], queryFn: api.citySignIn, staleTime: Infinity }),
  demoUsers: () => queryOptions({ queryKey: ['demo-users'], queryFn: api.demoUsers, staleTime: Infinity }),

  tasks: (query: Params<typeof api.tasks>) =>
    queryOptions({ queryKey: ['tasks', 'list', query], queryFn: () => api.tasks(query), placeholderData: keepPreviousData }),
  task: (id: string) => queryOptions({ queryKey: ['tasks', id], queryFn: () => api.task(id) }),

  instances: (query: Params<typeof api.instances>) =>
    queryOptions({ queryKey: ['instances', 'list', query], queryFn: () => api.instances(query), placeholderData: keepPreviousData }),
  instance: (id: string) => queryOptions({ queryKey: ['instances', id], queryFn: () => api.instance(id) }),
  history: (id: string) => queryOptions({ queryKey: ['instances', id, 'history'], queryFn: () => api.history(id) }),
  // The case, its documents and decisions: each left out (null) while its endpoint is missing.
  caseOf: (id: string) => queryOptions({ queryKey: ['instances', id, 'case'], queryFn: () => optional(api.caseOf(id)) }),
  documents: (id: string) => queryOptions({ queryKey: ['instances', id, 'documents'], queryFn: () => optional(api.documents(id)) }),
  decisions: (id: string) => queryOptions({ queryKey: ['instances', id, 'decisions'], queryFn: () => optional(api.decisions(id)) }),
  inventory: (id: string) => queryOptions({ queryKey: ['instances', id, 'services'], queryFn: () => api.inventory(id) }),
  incidents: () => queryOptions({ queryKey: ['incidents'], queryFn: api.incidents }),

  definitions: () => queryOptions({ queryKey: ['definitions'], queryFn: api.definitions }),
  definition: (key: string) => queryOptions({ queryKey: ['definitions', key], queryFn: () => api.definition(key) }),
  versions: (key: string) => queryOptions({ queryKey: ['definitions', key, 'versions'], queryFn: () => api.versions(key) }),
  // A deployed version never changes.
  definitionXml: (key: string, version: number) =>
    queryOptions({ queryKey: ['definitions', key, 'xml', version], queryFn: () => api.definitionXml(key, version), staleTime: Infinity }),

  // Reference data many pages show: kept a while, and refreshed at once by a change made here.
  bodies: () => queryOptions({ queryKey: ['bodies'], queryFn: api.bodies, staleTime: 5 * MINUTES }),
  body: (code: string) => queryOptions({ queryKey: ['bodies', code], queryFn: () => api.body(code) }),
  users: () => queryOptions({ queryKey: ['users'], queryFn: api.users }),
  // Forms live in the api's code: they change only with a new release.
  forms: () => queryOptions({ queryKey: ['forms'], queryFn: () => optional(api.forms()), staleTime: Infinity }),
  form: (key: string) => queryOptions({ queryKey: ['forms', key], queryFn: () => loadForm(key), staleTime: Infinity }),

  deputies: (username: string) => queryOptions({ queryKey: ['deputies', username], queryFn: () => api.deputies(username) }),
  notifications: (query: Params<typeof api.notifications>) =>
    queryOptions({ queryKey: ['notifications', query], queryFn: () => optional(api.notifications(query)) }),
  audit: (query: Params<typeof api.audit>) => queryOptions({ queryKey: ['audit', query], queryFn: () => api.audit(query), placeholderData: keepPreviousData }),
  childrenBudget: (instanceId: string | undefined) =>
    queryOptions({ queryKey: ['reports', 'children-budget', instanceId ?? null], queryFn: () => optional(api.childrenBudget(instanceId)) }),
  purchasingReport: (year: number) => queryOptions({ queryKey: ['reports', 'purchaser-provider', year], queryFn: () => api.purchasingReport(year) }),

  // Meetings: a body's meetings and waiting matters, one meeting, the public minutes (no sign-in).
  meetings: (query: Params<typeof api.meetings>) =>
    queryOptions({ queryKey: ['meetings', 'list', query], queryFn: () => api.meetings(query), placeholderData: keepPreviousData }),
  meeting: (id: string) => queryOptions({ queryKey: ['meetings', id], queryFn: () => api.meeting(id) }),
  matters: (body: string) => queryOptions({ queryKey: ['matters', body], queryFn: () => api.matters(body) }),
  // The legal grounds of recusal are the law's closed list: they change only with a release.
  recusalGrounds: () => queryOptions({ queryKey: ['recusal-grounds'], queryFn: api.recusalGrounds, staleTime: Infinity }),
  publicMinutes: (body: string | undefined) => queryOptions({ queryKey: ['public-minutes', body ?? null], queryFn: () => api.publicMinutes(body) }),
};

/** The form's JSON Schema with the labels of its description, or null when the key is unknown. */
async function loadForm(key: string): Promise<FormSchema | null> {
  const form = await optional(api.form(key));
  return form ? { ...(form.schema as FormSchema), 'x-description-labels': form.description } : null;
}

/** What each kind of change makes stale: a task's work shows in its case, the lists and the notifications it sent. */
export const CHANGES = {
  task: [['tasks'], ['instances'], ['notifications'], ['reports']],
  instance: [['instances'], ['tasks'], ['incidents'], ['notifications'], ['reports']],
  body: [['bodies'], ['users']],
  user: [['users'], ['bodies']],
  definition: [['definitions']],
  deputy: [['deputies']],
  notification: [['notifications']],
  // A meeting's decisions complete tasks and move cases; its agenda takes matters off the waiting list.
  meeting: [['meetings'], ['matters'], ['tasks'], ['instances'], ['notifications'], ['public-minutes']],
} satisfies Record<string, QueryKey[]>;

/** A change through the api; when it succeeded, what it changed is refetched before the promise resolves. */
export function useApiMutation<V, R>(call: (variables: V) => Promise<R>, changes: readonly QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all(changes.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

/** The steering bodies (empty until they arrive, or when they cannot be read). */
export function useBodies(): Body[] {
  return useQuery(queries.bodies()).data ?? [];
}

/** A form's JSON Schema: undefined while it loads, null without a form or when the key is unknown. */
export function useFormSchema(key: string | null): FormSchema | null | undefined {
  const form = useQuery({ ...queries.form(key ?? ''), enabled: !!key });
  if (!key || form.isError) return null;
  return form.data;
}

/** The people who sit in these bodies, each once (a person may sit in several). */
export function membersOf(bodies: Body[]): Body['members'] {
  return [...new Map(bodies.flatMap((b) => b.members).map((m) => [m.username, m])).values()];
}
