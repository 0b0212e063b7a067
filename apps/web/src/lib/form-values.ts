import type { JsonSchema } from './json-schema';

export type Values = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

/** A value as text: nothing (null, undefined) as '', a scalar as itself, anything else as JSON (never "[object Object]"). */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === undefined || v === null) return '';
  return JSON.stringify(v) ?? '';
}

/** The JSON type a field is edited as (`["number", "null"]` is a number). */
export function typeOf(s: JsonSchema): string {
  const t = s.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') ?? 'string';
  if (t) return t;
  if (s.enum || s.oneOf) return 'string';
  if (s.properties) return 'object';
  return 'string';
}

/** The schema's `default`s as initial values (nested objects included), so the user sees what will be sent. */
export function defaultsOf(schema: JsonSchema): Values {
  const out: Values = {};
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const required = (sub.allOf as JsonSchema[] | undefined)?.flatMap((a) =>
      'const' in ((a.contains as JsonSchema | undefined) ?? {}) ? [(a.contains as { const: unknown }).const] : [],
    );
    if (sub.default !== undefined) out[key] = sub.default;
    // An array that must contain certain values (the CRC's general principles) starts with them chosen.
    else if (required?.length) out[key] = required;
    // A required yes/no question left unticked means no, not "unanswered".
    else if (typeOf(sub) === 'boolean' && schema.required?.includes(key)) out[key] = false;
    else if (typeOf(sub) === 'object' && sub.properties) {
      const nested = defaultsOf(sub);
      if (Object.keys(nested).length) out[key] = nested;
    }
  }
  return out;
}

/** Server errors (`/a/b`, `data.a.b`, `a[0].b`) normalised to `a.b` keys. */
export function fieldErrors(errors: Array<{ path: string | null; code?: string; message: string }>, translate?: (code: string) => string | null): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const message = (e.code && translate?.(e.code)) || e.message;
    let path = (e.path ?? '')
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(/^\/|^data(\.|\/|$)/, '')
      .replaceAll('/', '.')
      .replace(/^\./, '');
    const missing = /required property '([^']+)'/.exec(e.message);
    if (missing) path = path ? `${path}.${missing[1]}` : missing[1];
    out[path] = out[path] ? `${out[path]}; ${message}` : message;
  }
  return out;
}
