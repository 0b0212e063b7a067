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
}
