import { useEffect, useState } from 'react';
import { api, optional, type Body, type FormSchema } from '../api';

// Reference data many pages show (body names, forms) is loaded once per session.
let bodiesPromise: Promise<Body[]> | null = null;
const formCache = new Map<string, Promise<FormSchema | null>>();

export function invalidateBodies(): void {
  bodiesPromise = null;
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
    p = optional(api.form(key)).then((f) => (f && typeof f === 'object' ? ((f as { schema?: FormSchema }).schema ?? f) : null));
    p.catch(() => formCache.delete(key));
    formCache.set(key, p);
  }
  return p;
}
