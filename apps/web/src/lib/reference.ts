import { useEffect, useState } from 'react';
import { api, optional, type Body, type FormSchema, type Member } from '../api';

// Reference data many pages show (body names, forms) is loaded once per session.
let bodiesPromise: Promise<Body[]> | null = null;
const formCache = new Map<string, Promise<FormSchema | null>>();

export function invalidateBodies(): void {
  bodiesPromise = null;
}

/** The people who sit in these bodies, each once (a person may sit in several). */
export function membersOf(bodies: Body[]): Member[] {
  return [...new Map(bodies.flatMap((b) => b.members ?? []).map((m) => [m.username, m])).values()];
}

export function loadBodies(): Promise<Body[]> {
  bodiesPromise ??= api.bodies().catch((e) => {
    bodiesPromise = null;
    throw e;
  });
  return bodiesPromise;
}

export function useBodies(): Body[] {
  const [bodies, setBodies] = useState<Body[]>([]);
  useEffect(() => {
    loadBodies().then(setBodies, () => setBodies([]));
  }, []);
  return bodies;
}

/** The form's JSON Schema, or null while the forms API is missing or the key is unknown. */
export function loadForm(key: string): Promise<FormSchema | null> {
  let p = formCache.get(key);
  if (!p) {
    // `GET /api/forms/:key` is `{key, title, description, schema}`; the labels of the whole form travel with the schema.
    p = optional(api.form(key)).then((f) => {
      if (!f || typeof f !== 'object') return null;
      const wrapped = f as { schema?: FormSchema; description?: unknown };
      return wrapped.schema ? { ...wrapped.schema, 'x-description-labels': wrapped.description } : f;
    });
    p.catch(() => formCache.delete(key));
    formCache.set(key, p);
  }
  return p;
}
