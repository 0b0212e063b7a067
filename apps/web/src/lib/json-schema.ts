import type { Localized } from '../api';

/**
 * The JSON Schema of a form as Kaari's forms write it (draft 2020-12 with labels): the api
 * sends it as an opaque object (`GET /api/forms/:key` → `schema`), so its shape is typed here,
 * where the form renderer reads it.
 */
export interface FormSchema {
  key?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  'x-labels'?: Partial<Localized>;
  [k: string]: unknown;
}

export interface JsonSchema extends FormSchema {
  enum?: unknown[];
  items?: JsonSchema;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
  oneOf?: Array<{ const?: unknown; title?: string; 'x-labels'?: Partial<Localized> }>;
  'x-enumLabels'?: Record<string, Partial<Localized>>;
  'x-enum-labels'?: Record<string, Partial<Localized>>;
  'x-multiline'?: boolean;
  /** Kept with the value but never shown (a row's id). */
  'x-hidden'?: boolean;
  /** The choices are the rows of another field (an impact's alternative: the alternatives entered). */
  'x-optionsFrom'?: OptionsFrom;
  /** A new row gets this field's value from the form (`letter`: A, B, …), so nobody invents an id. */
  'x-autoId'?: string;
  minItems?: number;
}

/** Where a field's choices come from: the rows of another field of the form (an impact's alternative: the alternatives entered). */
export interface OptionsFrom {
  /** The top-level field holding the rows. */
  items: string;
  /** The row field whose value is stored. */
  value: string;
  /** The row field shown. */
  label: string;
}

/** A rule JSON Schema cannot state, which the server checks: `field` is required when `fields` both have values and they differ. */
export interface RequiredIfDiffer {
  fields: [string, string];
  field: string;
  reason?: Partial<Localized>;
}

/** A schema clause as Kaari's forms write conditions: `if`/`then`/`else`, `allOf`, and why each rule requires a field. */
interface Clause {
  required?: string[];
  if?: JsonSchema;
  then?: Clause;
  else?: Clause;
  allOf?: Clause[];
  'x-reasons'?: Record<string, Partial<Localized>>;
  'x-requiredIfDiffer'?: RequiredIfDiffer;
}

/** Whether a field is required for the values as they are now, and why when a rule (not the form itself) requires it. */
export interface Requirement {
  required: boolean;
  reason?: Partial<Localized>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether `value` fits `schema`, for the subset of JSON Schema the forms' conditions use (`const`,
 * `enum`, `type`, `required`, `properties`, `contains`, `anyOf`, `allOf`, `minItems`); other
 * keywords do not restrict. A property left out fits its schema, as in JSON Schema.
 */
export function matches(schema: JsonSchema | undefined, value: unknown): boolean {
  if (!schema) return true;
  if ('const' in schema && !sameJson(schema.const, value)) return false;
  if (schema.enum && !schema.enum.some((e) => sameJson(e, value))) return false;
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length && !types.some((t) => typeFits(t, value))) return false;
  if (isObject(value)) {
    if (schema.required?.some((k) => !present(value[k]))) return false;
    for (const [k, sub] of Object.entries(schema.properties ?? {})) if (present(value[k]) && !matches(sub, value[k])) return false;
  }
  if (Array.isArray(value)) {
    const contains = schema.contains as JsonSchema | undefined;
    if (contains && !value.some((v) => matches(contains, v))) return false;
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
  }
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (anyOf && !anyOf.some((s) => matches(s, value))) return false;
  const allOf = schema.allOf as JsonSchema[] | undefined;
  if (allOf && !allOf.every((s) => matches(s, value))) return false;
  return true;
}

function typeFits(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    case 'null':
      return v === null;
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    default:
      return typeof v === type;
  }
}

/**
 * The fields of an object schema that are required for `value` as it is now: its `required`, and
 * what each `if` that holds adds through its `then` (or each that fails, through its `else`),
 * also inside `allOf`, and `x-requiredIfDiffer`. A rule's `x-reasons` says why, in the reader's
 * language. The form marks exactly these fields, so a mark and the server's refusal agree.
 */
export function requirements(schema: JsonSchema, value: unknown): Map<string, Requirement> {
  const out = new Map<string, Requirement>();
  const v = isObject(value) ? value : {};
  const own = (schema as Clause)['x-reasons'];
  for (const k of schema.required ?? []) out.set(k, { required: true, reason: own?.[k] });
  const visit = (clause: Clause | undefined) => {
    if (!clause) return;
    for (const k of clause.required ?? []) out.set(k, { required: true, reason: clause['x-reasons']?.[k] ?? out.get(k)?.reason });
    if (clause.if) visit(matches(clause.if, v) ? clause.then : clause.else);
    for (const c of clause.allOf ?? []) visit(c);
  };
  visit({
    if: schema.if as JsonSchema | undefined,
    then: schema.then as Clause | undefined,
    else: schema.else as Clause | undefined,
    allOf: schema.allOf as Clause[] | undefined,
  });
  const differ = (schema as Clause)['x-requiredIfDiffer'];
  if (differ) {
    const [a, b] = differ.fields.map((k) => v[k]);
    if (typeof a === 'string' && typeof b === 'string' && a && b && a !== b) out.set(differ.field, { required: true, reason: differ.reason });
  }
  return out;
}

/** Whether an object value holds anything a user entered (an optional group left empty is not there). */
export function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.values(value).some(hasContent);
  return value !== undefined && value !== null && value !== '';
}

/**
 * Why the field at `path` (`a.b.0.c`) is required for `values` as they are now, when a rule
 * requires it: the reason the form's schema gives, or undefined.
 */
export function reasonAt(schema: JsonSchema, values: unknown, path: string): Partial<Localized> | undefined {
  const parts = path.split('.').filter(Boolean);
  let s: JsonSchema | undefined = schema;
  let v: unknown = values;
  let list: JsonSchema | undefined;
  for (const part of parts.slice(0, -1)) {
    if (!s) return undefined;
    if (/^\d+$/.test(part)) {
      list = s;
      s = s.items;
      v = Array.isArray(v) ? v[Number(part)] : undefined;
    } else {
      s = s.properties?.[part];
      v = isObject(v) ? v[part] : undefined;
    }
  }
  const last = parts.at(-1);
  if (!s || !last || /^\d+$/.test(last)) return undefined;
  // A list that must contain a certain row (`contains`: a "no change" alternative) says why in its own words.
  const contains = (list?.contains as Clause | undefined)?.['x-reasons']?.[last];
  return requirements(s, v).get(last)?.reason ?? contains;
}

/** Drops optional groups left empty (a vote nobody entered), so the server does not ask for the fields of a group nobody filled in. */
export function withoutEmptyGroups(schema: JsonSchema, value: Record<string, unknown>): Record<string, unknown> {
  const required = requirements(schema, value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = schema.properties?.[k];
    if (v === undefined) continue;
    if (sub && isObject(v) && sub.properties) {
      const inner = withoutEmptyGroups(sub, v);
      if (!hasContent(inner) && !required.get(k)?.required) continue;
      out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

/** The next free id for a new row: A, B, … Z, then A2, B2, … (ids the rows already use are skipped). */
export function nextLetterId(used: unknown[]): string {
  const taken = new Set(used.filter((u): u is string => typeof u === 'string'));
  for (let round = 1; ; round++) {
    for (let c = 0; c < 26; c++) {
      const id = String.fromCharCode(65 + c) + (round > 1 ? String(round) : '');
      if (!taken.has(id)) return id;
    }
  }
}
