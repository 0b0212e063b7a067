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

/** The value at `a.b.0.c`. */
export function valueAt(values: unknown, path: string): unknown {
  let v = values;
  for (const part of path.split('.').filter(Boolean)) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/**
 * The errors still standing after an edit: an error goes as soon as the user changes its field
 * (a reason typed in; for a list, a row added or removed — "too few rows" — not a cell edited),
 * the rest stay until the next try.
 */
export function errorsAfterEdit(errors: FieldErrors, before: Values, after: Values): FieldErrors {
  const out: FieldErrors = {};
  const seen = (v: unknown) => JSON.stringify(Array.isArray(v) ? v.length : v);
  for (const [path, message] of Object.entries(errors)) {
    if (path && seen(valueAt(before, path)) !== seen(valueAt(after, path))) continue;
    out[path] = message;
  }
  return out;
}

/** Server errors (`/a/b`, `data.a.b`, `a[0].b`) normalised to `a.b` keys. */
export function fieldErrors(
  errors: Array<{ path: string | null; code?: string; message: string }>,
  translate?: (code: string, path: string) => string | null,
): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    let path = (e.path ?? '')
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(/^\/|^data(\.|\/|$)/, '')
      .replaceAll('/', '.')
      .replace(/^\./, '');
    const missing = /required property '([^']+)'/.exec(e.message);
    if (missing) path = path ? `${path}.${missing[1]}` : missing[1];
    const message = (e.code && translate?.(e.code, path)) || e.message;
    out[path] = out[path] ? `${out[path]}; ${message}` : message;
  }
  return out;
}
