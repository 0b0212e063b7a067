import { badInput, type ProblemItem } from './errors.js';

/** How far any input (a body, a query string, a token's claims) may nest and spread; API_INPUT_* in the config. */
export interface InputLimits {
  maxDepth: number;
  maxArrayItems: number;
  maxObjectKeys: number;
}

// PostgreSQL stores neither a NUL character nor half of a surrogate pair, in text or in jsonb.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text holds a NUL character or a lone surrogate. */
export function isUnsafeText(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

interface Node {
  value: unknown;
  depth: number;
  key: string;
  parent: Node | null;
}

/** `body.variables.list.3`: kept short, and built only when there is a problem to name. */
function pathOf(node: Node): string {
  const keys: string[] = [];
  for (let n: Node | null = node; n; n = n.parent) keys.push(n.key);
  const path = keys
    .reverse()
    .map((k) => Array.from(k).slice(0, 40).join(''))
    .join('.');
  return path.length > 200 ? `${Array.from(path).slice(0, 200).join('')}…` : path;
}

/**
 * The first way the value breaks the limits or holds unsafe text, or null. Walks with a stack
 * of its own, never by recursion, so a value nested 100,000 levels deep costs no call stack.
 */
export function inputProblem(value: unknown, limits: InputLimits, root: string): ProblemItem | null {
  const pending: Node[] = [{ value, depth: 0, key: root, parent: null }];
  while (pending.length) {
    const node = pending.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (isUnsafeText(v)) return { path: pathOf(node), code: 'unsafe-text', message: 'contains a NUL character or a lone surrogate' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (node.depth >= limits.maxDepth) return { path: pathOf(node), code: 'too-deep', message: `nests deeper than ${limits.maxDepth} levels` };
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayItems) return { path: pathOf(node), code: 'too-many-items', message: `has more than ${limits.maxArrayItems} items` };
      for (let i = v.length - 1; i >= 0; i -= 1) pending.push({ value: v[i], depth: node.depth + 1, key: String(i), parent: node });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > limits.maxObjectKeys) return { path: pathOf(node), code: 'too-many-fields', message: `has more than ${limits.maxObjectKeys} fields` };
    for (const key of keys) {
      if (isUnsafeText(key)) return { path: pathOf(node), code: 'unsafe-text', message: 'has a field name with a NUL character or a lone surrogate' };
      pending.push({ value: (v as Record<string, unknown>)[key], depth: node.depth + 1, key, parent: node });
    }
  }
  return null;
}

/** Throws BAD_INPUT (400) naming the limit or the unsafe text, before anything else reads the value. */
export function assertSafeInput(value: unknown, limits: InputLimits, root: string): void {
  const problem = inputProblem(value, limits, root);
  if (problem) throw badInput(`${problem.path} ${problem.message}`, [problem]);
}
