import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ADMIN_PASSWORD, DEMO_PASSWORD, startApi, type TestApi } from './support/api.js';
import { director } from './support/process.js';

/**
 * A property-based sweep over every operation the OpenAPI document lists, as anonymous,
 * member, director and admin callers: deep nesting, huge arrays, NUL and lone surrogates,
 * wrong types and unknown fields in bodies, query strings and path parameters. No answer may
 * be a 5xx, carry a stack trace or SQL, or be a 4xx that is not problem+json.
 *
 * Bounded: every operation gets the fixed attacks, then random ones from a fixed seed within
 * its share of SWEEP_MS, at most SWEEP_RUNS per operation (FUZZ_SEED, SWEEP_MS and SWEEP_RUNS change them).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const SWEEP_MS = Number(process.env.SWEEP_MS ?? 60_000);
const RUNS = Number(process.env.SWEEP_RUNS ?? 12);
const CALLERS = ['anonymous', 'member', 'director', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const LEAKS =
  /\bat [\w.<>]+ \(|\.[jt]s:\d+|node_modules|SELECT |INSERT INTO|UPDATE \w+ SET|DELETE FROM|QueryFailedError|TypeError|ReferenceError|RangeError|syntax error at or near|invalid input syntax|invalid byte sequence|violates \w+ constraint|duplicate key value|relation "\w+"|column "\w+"/;

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: { json?: Schema; xml?: boolean; multipart?: boolean } | null;
}
/** One request: path parameters and query already percent-encoded (or deliberately not), and a body. */
interface Attack {
  params: Record<string, string>;
  query: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: { type: 'json' | 'xml' | 'text'; text: string } | { type: 'multipart'; content: Uint8Array; extra: Record<string, string> };
}

// Placeholders inside generated values, replaced in the JSON text (so the test itself never recurses deeply).
const DEEP = (depth: number) => `\u0001deep:${depth}\u0001`;
const HUGE = (items: number) => `\u0001huge:${items}\u0001`;
const WIDE = (keys: number) => `\u0001wide:${keys}\u0001`;
function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001(deep|huge|wide):(\d+)\\u0001"/g, (_, kind: string, n: string) => {
    const count = Number(n);
    if (kind === 'deep') return '{"a":'.repeat(count) + '"x"' + '}'.repeat(count);
    if (kind === 'huge') return `[${Array(count).fill('0').join(',')}]`;
    return `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;
  });
}

const HOSTILE_STRINGS = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  "' OR 1=1 --",
  "'; DROP TABLE tasks; --",
  '__proto__',
  'constructor',
  '${environment.variables.constructor}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '-1',
  '1e309',
  'NaN',
  '2026-13-45T25:61:00Z',
  '😀'.repeat(50),
  'x'.repeat(20_000),
  '',
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
/** A value of the wrong kind wherever it lands. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(DEEP(40), DEEP(2000), DEEP(6000), HUGE(10_001), HUGE(30_000), WIDE(1001)),
  fc.integer(),
  fc.double(),
  fc.constantFrom(true, false, null, [], {}, [[[]]], JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: 1 } }),
  fc.jsonValue({ maxDepth: 3 }),
);

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema {
  if (!schema) return {};
  return schema.$ref ? resolve(components[schema.$ref.split('/').pop()!], components) : schema;
}

/** Mostly fitting values from the schema, each field sometimes junk, sometimes with unknown fields added: deep enough to reach the handlers. */
function fromSchema(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const fitting = (): fc.Arbitrary<unknown> => {
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    if (depth > 3) return fc.constant(null);
    switch (s.type) {
      case 'string':
        return fc.oneof(
          s.example !== undefined ? fc.constant(s.example) : fc.string({ minLength: 3, maxLength: 20 }),
          fc.string({ minLength: 3, maxLength: 20 }),
        );
      case 'number':
      case 'integer':
        return fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.double());
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(fromSchema(s.items, components, depth + 1), { maxLength: 3 });
      default:
        if (s.properties) {
          const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, fromSchema(v, components, depth + 1)]));
          return fc
            .tuple(
              fc.record(props, { requiredKeys: s.required ?? [] }),
              fc.dictionary(fc.constantFrom('isAdmin', 'roles', '__proto__', 'id', 'x', 'version'), junk, { maxKeys: 2 }),
            )
            .map(([known, unknown]) => ({ ...known, ...unknown }));
        }
        return fc.dictionary(
          fc.oneof(fc.constantFrom('title', 'notes', 'choice', '__proto__', 'constructor', 'a\u0000', 'x y'), fc.string({ maxLength: 10 })),
          fc.oneof(junk, fc.jsonValue({ maxDepth: 2 })),
          { maxKeys: 4 },
        );
    }
  };
  return fc.oneof({ weight: 4, arbitrary: fitting() }, { weight: 1, arbitrary: junk });
}

const HOSTILE_SEGMENTS = [
  'a%00b',
  '%00',
  '%ED%A0%80',
  '%',
  '%zz',
  '..',
  '.',
  'x'.repeat(3000),
  "'%20OR%201=1--",
  '__proto__',
  'constructor',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '%F0%9F%98%80',
  'null',
];

describe('Hostile sweep: every operation of the OpenAPI document, as every kind of caller', () => {
  let api: TestApi;
  let operations: Operation[];
  let components: Record<string, Schema>;
  const tokens: Record<Caller, string | null> = { anonymous: null, member: null, director: null, admin: null };
  const identities: Record<Exclude<Caller, 'anonymous'>, [string, string]> = {
    member: ['kalle.kartoitus', DEMO_PASSWORD],
    director: ['', DEMO_PASSWORD],
    admin: ['admin', ADMIN_PASSWORD],
  };
  const pools: Record<string, string[]> = {};
  const failures = new Map<string, string>();
  const sent = new Map<string, number>();

  async function signIn(caller: Exclude<Caller, 'anonymous'>): Promise<void> {
    const [username, password] = identities[caller];
    const res = await fetch(`${api.baseUrl}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.ok) tokens[caller] = ((await res.json()) as { accessToken: string }).accessToken;
  }

  beforeAll(async () => {
    // Limits that would only turn the sweep's own requests away (429) are opened wide.
    api = await startApi({
      env: { API_WRITES_PER_MINUTE: '1000000', API_WRITE_BURST: '1000000', API_SIGNIN_MAX_FAILURES: '1000', API_SIGNIN_MAX_FAILURES_PER_ADDRESS: '100000' },
    });
    const doc = (await api.anonymous.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, any>>;
      components: { schemas: Record<string, Schema> };
    };
    components = doc.components.schemas;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => {
        const content = item[m].requestBody?.content as Record<string, { schema?: Schema }> | undefined;
        return {
          method: m.toUpperCase(),
          path,
          parameters: (item[m].parameters ?? []) as Parameter[],
          body: content
            ? { json: content['application/json']?.schema, xml: Boolean(content['application/xml']), multipart: Boolean(content['multipart/form-data']) }
            : null,
        };
      }),
    );
    identities.director[0] = (await api.admin.get('/api/users')).body.find(
      (u: { roles: string[]; username: string }) => u.roles.includes('director') && u.username !== 'admin',
    ).username;
    await Promise.all((['member', 'director', 'admin'] as const).map(signIn));
    // Real ids, so that many requests get past "not found" into the handlers.
    const changeDirector = await director(api);
    const instances = await Promise.all(
      [0, 1].map(() =>
        changeDirector.post('/api/instances', { definitionKey: 'cross-sector-measure', variables: { title: 'Sweep', description: 'Property-based sweep' } }),
      ),
    );
    const ids = instances.filter((r) => r.status === 201).flatMap((r) => [r.body.id, ...r.body.openTasks.map((t: { id: string }) => t.id)]);
    pools.id = [...ids, randomUUID()];
    pools.code = ['muutosryhma', 'hyvinvoinnin-johtoryhma', 'kaupunginhallitus'];
    // Never the sweep's own callers: an admin's fuzzed update of them would only end their sessions.
    pools.username = ['olli.ohjaus', 'irma.integraatio', 'heikki.hallitus'];
    pools.key = ['cross-sector-measure', 'kaari:steering-review', 'steering-review', 'kaari:child-impact-assessment'];
    pools.version = ['1', '2'];
  }, 120_000);
  afterAll(() => api?.close());

  function pathArbitrary(op: Operation): fc.Arbitrary<Record<string, string>> {
    const names = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    const value = (name: string) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...(pools[name] ?? pools.id)) },
        { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
        { weight: 1, arbitrary: fc.uuid() },
      );
    return fc.record(Object.fromEntries(names.map((n) => [n, value(n)])));
  }

  function queryArbitrary(op: Operation): fc.Arbitrary<Array<[string, string]>> {
    const declared = op.parameters.filter((p) => p.in === 'query');
    const fitting = (p: Parameter): fc.Arbitrary<string> => {
      const s = resolve(p.schema, components);
      if (s.enum?.length) return fc.constantFrom(...s.enum.map(String));
      if (s.type === 'number' || s.type === 'integer') return fc.integer({ min: -2, max: 3000 }).map(String);
      if (s.type === 'boolean') return fc.constantFrom('true', 'false');
      return fc.constantFrom(...(pools.id ?? []), 'muutosryhma', 'maija.muutos', 'task', 'task:x', '2026-01-01T00:00:00Z', 'kaari:steering-review');
    };
    const hostile = fc.oneof(
      fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%', 'x'.repeat(1000), '-1', '1e309', 'NaN', '[]', '%5B%5D', "'%20OR%201=1--"),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    const entry = (p: Parameter) =>
      fc.tuple(fc.constant(p.name), fc.oneof({ weight: 2, arbitrary: fitting(p).map(encodeURIComponent) }, { weight: 2, arbitrary: hostile }));
    const unknown = fc.tuple(fc.constantFrom('x', '__proto__', 'constructor', 'limit[]', 'state[0]', 'a%00'), hostile);
    return fc.array(fc.oneof(...declared.map(entry), unknown), { maxLength: 5 });
  }

  function headersArbitrary(op: Operation): fc.Arbitrary<Record<string, string>> {
    const names = [...new Set(op.parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()))];
    // Header values cannot carry NUL or line breaks (fetch refuses them), so: printable, odd and long.
    const value = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('k'.repeat(5000), "' OR 1=1 --", '__proto__', 'é'));
    return fc.dictionary(fc.constantFrom(...names, 'x-correlation-id'), value, { maxKeys: 2 });
  }

  function bodyArbitrary(op: Operation): fc.Arbitrary<Attack['body']> {
    if (op.method === 'GET') return fc.constant(undefined);
    const json = fc
      .oneof({ weight: 4, arbitrary: fromSchema(op.body?.json ?? { type: 'object' }, components) }, { weight: 1, arbitrary: junk })
      .map((v) => ({ type: 'json' as const, text: jsonText(v) }));
    const choices: Array<fc.Arbitrary<Attack['body']>> = [json, fc.constant(undefined)];
    if (op.body?.xml)
      choices.push(
        hostileString.map((s) => ({
          type: 'xml' as const,
          text: `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">${s}</bpmn:definitions>`,
        })),
      );
    if (op.body?.multipart) {
      choices.push(
        fc.record({
          type: fc.constant('multipart' as const),
          content: fc.oneof(
            fc.uint8Array({ maxLength: 200 }),
            hostileString.map((s) => new TextEncoder().encode(`service;providerType;euros\n${s};ngo;1\n`)),
          ),
          extra: fc.dictionary(
            fc.constantFrom('mode', 'x', '__proto__'),
            hostileString.filter((s) => !s.includes('\u0000')),
            { maxKeys: 2 },
          ),
        }),
      );
    }
    return fc.oneof(...choices);
  }

  /** The same attacks on every operation, whatever the random part does. */
  function fixedAttacks(op: Operation): Attack[] {
    const params = (segment: string) => Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, segment]));
    const fitting = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, (pools[p.name] ?? pools.id)[0]]));
    const query = op.parameters.filter((p) => p.in === 'query');
    const attacks: Attack[] = [
      { params: params('a%00b'), query: query.map((p) => [p.name, '%00']) },
      { params: params('%ED%A0%80'), query: [] },
      { params: fitting, query: [...query.map((p): [string, string] => [p.name, 'x'.repeat(1000)]), ['limit', '1e309'], ['offset', '-1']] },
    ];
    if (op.method !== 'GET') {
      const json = (value: unknown) => ({ params: fitting, query: [], body: { type: 'json' as const, text: jsonText(value) } });
      attacks.push(
        json(DEEP(10_000)),
        json({ data: { notes: DEEP(2000) }, variables: DEEP(5000), username: DEEP(5000), services: [DEEP(5000)] }),
        json({ services: HUGE(10_001), taskIds: HUGE(30_000), bodies: HUGE(10_001), data: WIDE(1001), variables: WIDE(1001) }),
        json([]),
        json('text'),
        json(null),
      );
      const fields = Object.keys(resolve(op.body?.json, components).properties ?? { title: {} });
      const every = (value: unknown) => Object.fromEntries(fields.map((k) => [k, value]));
      for (const bad of ['a\u0000b', '\ud800']) attacks.push(json({ ...every(bad), data: { title: bad }, variables: { title: bad }, [`unknown${bad}`]: 1 }));
      // Past the gate: every field of the wrong kind, or far too long.
      attacks.push(json(every(12345)), json(every({ nested: [1] })), json(every('x'.repeat(20_000))));
      if (op.body?.xml) attacks.push({ params: fitting, query: [], body: { type: 'xml', text: '<?xml version="1.0"?><a>\u0000</a>' } });
      if (op.body?.multipart)
        attacks.push({ params: fitting, query: [], body: { type: 'multipart', content: new Uint8Array([0, 0xed, 0xa0, 0x80, 10, 0, 59, 0]), extra: {} } });
    }
    return attacks;
  }

  async function send(caller: Caller, op: Operation, attack: Attack): Promise<void> {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => attack.params[name] ?? 'x');
    const url = path + (attack.query.length ? `?${attack.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : '');
    const headers: Record<string, string> = { ...attack.headers };
    const token = tokens[caller];
    if (token) headers.authorization = `Bearer ${token}`;
    let body: RequestInit['body'];
    if (attack.body?.type === 'multipart') {
      const form = new FormData();
      for (const [k, v] of Object.entries(attack.body.extra)) form.append(k, v);
      form.append('file', new Blob([attack.body.content]), 'services.csv');
      body = form;
    } else if (attack.body) {
      headers['content-type'] = { json: 'application/json', xml: 'application/xml', text: 'text/plain' }[attack.body.type];
      body = attack.body.text;
    }
    const key = `${caller} ${op.method} ${op.path}`;
    sent.set(key, (sent.get(key) ?? 0) + 1);
    const res = await fetch(api.baseUrl + url, { method: op.method, headers, body });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const wrong =
      res.status >= 500
        ? 'a 5xx'
        : LEAKS.test(text)
          ? 'a stack trace or SQL'
          : res.status >= 400 && !/application\/problem\+json/.test(type)
            ? 'a 4xx that is not problem+json'
            : null;
    if (wrong && !failures.has(`${key} ${res.status}`)) {
      const shown = attack.body && 'text' in attack.body ? attack.body.text.slice(0, 160) : attack.body?.type;
      failures.set(`${key} ${res.status}`, `${key} → ${res.status} (${wrong}): ${url.slice(0, 160)} body ${shown ?? '-'} → ${text.slice(0, 240)}`);
    }
    // A fuzzed sign-out (or an admin's fuzzed change) ended the caller's session: sign in again.
    if (res.status === 401 && caller !== 'anonymous') await signIn(caller);
  }

  for (const [c, caller] of CALLERS.entries()) {
    it(
      `as ${caller}: no 5xx, no stack trace or SQL, every 4xx problem+json`,
      async () => {
        expect(operations.length).toBeGreaterThan(40);
        const deadline = Date.now() + SWEEP_MS / CALLERS.length;
        for (const [i, op] of operations.entries()) {
          for (const attack of fixedAttacks(op)) await send(caller, op, attack);
          const share = (deadline - Date.now()) / (operations.length - i);
          if (share < 20) continue;
          const attack = fc.record({
            params: pathArbitrary(op),
            query: queryArbitrary(op),
            headers: headersArbitrary(op),
            body: bodyArbitrary(op),
          }) as fc.Arbitrary<Attack>;
          // Answers are judged in send(); only a request that could not be made at all fails the run here.
          const run = await fc.check(
            fc.asyncProperty(attack, async (a) => send(caller, op, a)),
            { numRuns: RUNS, seed: SEED + c * 1000 + i, interruptAfterTimeLimit: share, endOnFailure: true },
          );
          // (Running out of its share of time is no failure.)
          if (run.failed && !run.interrupted)
            throw new Error(`${caller} ${op.method} ${op.path}: ${String(run.errorInstance)} with ${fc.stringify(run.counterexample).slice(0, 300)}`);
        }
        // Every operation was called; every answer was acceptable.
        for (const op of operations) expect(sent.get(`${caller} ${op.method} ${op.path}`)).toBeGreaterThanOrEqual(fixedAttacks(op).length);
        expect([...failures.values()].filter((f) => f.startsWith(`${caller} `))).toEqual([]);
      },
      SWEEP_MS + 60_000,
    );
  }
});
