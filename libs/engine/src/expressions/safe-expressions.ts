/*
 * Replaces bpmn-elements' expression handler. Diagrams are user data, and the default
 * handler walks any property and calls any function it reaches:
 * `${environment.services.constructor.constructor('…')}` ran host code. This one parses a
 * small grammar and reads data only:
 *
 *   literals      'text' "text" (escapes \n \r \t \\ \' \" \uXXXX), 12, -1.5, true, false, null
 *   paths         environment.variables.a.b, environment.output.x, content.y, properties.z,
 *                 a[0], a['x y'], a[-1] (last item, as bpmn-elements does)
 *   comparison    == != === !== < <= > >=
 *   logic         && || !   and parentheses
 *
 * `==` and `!=` are strict (`===`, `!==`): `${environment.variables.n == '3'}` is false when
 * n is the number 3. `<`, `<=`, `>`, `>=` are false unless both sides are numbers or both
 * are strings. A missing variable reads as undefined, so comparisons with it are false.
 */

export type ExpressionErrorCode = 'EXPRESSION_FORBIDDEN' | 'EXPRESSION_SYNTAX';

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface SafeExpressions {
  resolveExpression(expression: string, context?: any, fnContext?: any): unknown;
  isExpression(text: string): boolean;
  hasExpression(text: string): boolean;
}

export const MAX_EXPRESSION_LENGTH = 1000;
export const MAX_EXPRESSION_DEPTH = 32;

const FORBIDDEN_SEGMENTS = new Set(['constructor', '__proto__', 'prototype']);
const ALLOWED_ROOTS = 'environment.variables, environment.output, content and properties';

type Root = 'variables' | 'output' | 'content' | 'properties';
type Key = string | number;
type Node =
  | { t: 'lit'; v: string | number | boolean | null }
  | { t: 'path'; root: Root; keys: Key[] }
  | { t: 'not'; e: Node }
  | { t: 'and' | 'or'; l: Node; r: Node }
  | { t: 'cmp'; op: string; l: Node; r: Node };
type Segment = string | Node;

type Token =
  | { k: 'num'; v: number; pos: number }
  | { k: 'str'; v: string; pos: number }
  | { k: 'id'; v: string; pos: number }
  | { k: 'op'; v: string; pos: number }
  | { k: 'end'; pos: number };

export function createSafeExpressions(): SafeExpressions {
  return { resolveExpression, isExpression, hasExpression };
}

export function resolveExpression(expression: string, context?: any, _fnContext?: any): unknown {
  if (typeof expression !== 'string' || !expression.includes('${')) return expression;
  const segments = compile(expression);
  if (segments.length === 1 && typeof segments[0] !== 'string') return evaluate(segments[0], context);
  let out = '';
  for (const s of segments) out += typeof s === 'string' ? s : interpolate(evaluate(s, context));
  return out;
}

/** True when the whole text is one `${…}`, whose value is then returned as is. */
export function isExpression(text: string): boolean {
  if (typeof text !== 'string' || !text.startsWith('${')) return false;
  try {
    const parts = splitTemplate(text);
    return parts.length === 1 && parts[0].expr;
  } catch {
    return false;
  }
}

/** Any `${` counts, so a malformed expression is reported rather than passed on as plain text. */
export function hasExpression(text: string): boolean {
  return typeof text === 'string' && text.includes('${');
}

/** Why `text` may not be deployed, or null when it is fine (plain text without `${` is fine). */
export function checkExpression(text: string): string | null {
  if (!hasExpression(text)) return null;
  try {
    compile(text);
    return null;
  } catch (err) {
    if (err instanceof ExpressionError) return err.message;
    throw err;
  }
}

const cache = new Map<string, Segment[]>();
const CACHE_LIMIT = 1000;

function compile(text: string): Segment[] {
  const hit = cache.get(text);
  if (hit) return hit;
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('EXPRESSION_SYNTAX', `Expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  }
  const segments: Segment[] = splitTemplate(text).map((p) => (p.expr ? new Parser(p.text).parse() : p.text));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, segments);
  return segments;
}

function splitTemplate(text: string): Array<{ expr: boolean; text: string }> {
  const parts: Array<{ expr: boolean; text: string }> = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) {
      parts.push({ expr: false, text: text.slice(i) });
      break;
    }
    if (start > i) parts.push({ expr: false, text: text.slice(i, start) });
    let j = start + 2;
    let quote = '';
    for (; j < text.length; j++) {
      const c = text[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '}') {
        break;
      }
    }
    if (j >= text.length) throw new ExpressionError('EXPRESSION_SYNTAX', `Unterminated expression at position ${start}: missing "}"`);
    parts.push({ expr: true, text: text.slice(start + 2, j) });
    i = j + 1;
  }
  return parts;
}

const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', '-'];
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(src.slice(i))!;
      tokens.push({ k: 'num', v: Number(m[0]), pos: i });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))!;
      tokens.push({ k: 'id', v: m[0], pos: i });
      i += m[0].length;
    } else if (c === "'" || c === '"') {
      const start = i;
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw syntax(`Unterminated string starting at position ${start}`);
        const d = src[i];
        if (d === c) break;
        if (d === '\\') {
          const e = src[i + 1];
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
            v += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
          } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
            v += ESCAPES[e];
            i += 2;
          } else {
            throw syntax(`Unknown escape "\\${e ?? ''}" in string at position ${i}`);
          }
        } else {
          v += d;
          i++;
        }
      }
      tokens.push({ k: 'str', v, pos: start });
      i++;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i));
      if (!op) {
        if (c === '=') throw syntax(`Assignment is not allowed (position ${i}); compare with ==`);
        throw syntax(`Unexpected character "${c}" at position ${i}`);
      }
      tokens.push({ k: 'op', v: op, pos: i });
      i += op.length;
    }
  }
  tokens.push({ k: 'end', pos: src.length });
  return tokens;
}

class Parser {
  private readonly tokens: Token[];
  private at = 0;
  private depth = 0;

  constructor(private readonly src: string) {
    if (!src.trim()) throw syntax('Empty expression "${}"');
    this.tokens = tokenize(src);
  }

  parse(): Node {
    const node = this.or();
    const next = this.peek();
    if (next.k !== 'end') {
      if (isOp(next, '(')) throw syntax(`Function calls are not allowed (position ${next.pos})`);
      throw syntax(`Unexpected ${describe(next)} at position ${next.pos}`);
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.at];
  }

  private take(): Token {
    return this.tokens[this.at++];
  }

  private nest<T>(fn: () => T): T {
    if (++this.depth > MAX_EXPRESSION_DEPTH) throw syntax(`Expression is nested deeper than ${MAX_EXPRESSION_DEPTH} levels`);
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private or(): Node {
    let l = this.and();
    while (isOp(this.peek(), '||')) {
      this.take();
      l = { t: 'or', l, r: this.and() };
    }
    return l;
  }

  private and(): Node {
    let l = this.equality();
    while (isOp(this.peek(), '&&')) {
      this.take();
      l = { t: 'and', l, r: this.equality() };
    }
    return l;
  }

  private equality(): Node {
    let l = this.relational();
    for (let t = this.peek(); t.k === 'op' && ['==', '!=', '===', '!=='].includes(t.v); t = this.peek()) {
      this.take();
      l = { t: 'cmp', op: t.v.length === 2 ? `${t.v}=` : t.v, l, r: this.relational() };
    }
    return l;
  }

  private relational(): Node {
    let l = this.unary();
    for (let t = this.peek(); t.k === 'op' && ['<', '<=', '>', '>='].includes(t.v); t = this.peek()) {
      this.take();
      l = { t: 'cmp', op: t.v, l, r: this.unary() };
    }
    return l;
  }

  private unary(): Node {
    const t = this.peek();
    if (isOp(t, '!')) {
      this.take();
      return this.nest(() => ({ t: 'not', e: this.unary() }));
    }
    if (isOp(t, '-')) {
      this.take();
      const n = this.take();
      if (n.k !== 'num') throw syntax(`"-" must be followed by a number (position ${t.pos})`);
      return { t: 'lit', v: -n.v };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.take();
    let node: Node;
    if (t.k === 'num' || t.k === 'str') {
      node = { t: 'lit', v: t.v };
    } else if (isOp(t, '(')) {
      node = this.nest(() => this.or());
      const close = this.take();
      if (!isOp(close, ')')) throw syntax(`Expected ")" at position ${close.pos}`);
    } else if (t.k === 'id') {
      node = t.v === 'true' ? { t: 'lit', v: true } : t.v === 'false' ? { t: 'lit', v: false } : t.v === 'null' ? { t: 'lit', v: null } : this.path(t.v);
    } else {
      throw syntax(`Unexpected ${describe(t)} at position ${t.pos}`);
    }
    const after = this.peek();
    if (isOp(after, '(')) throw syntax(`Function calls are not allowed (position ${after.pos})`);
    return node;
  }

  private path(first: string): Node {
    const keys: Key[] = [first];
    for (;;) {
      const t = this.peek();
      if (isOp(t, '.')) {
        this.take();
        const name = this.take();
        if (name.k !== 'id') throw syntax(`Expected a property name after "." at position ${name.pos}`);
        keys.push(name.v);
      } else if (isOp(t, '[')) {
        this.take();
        let key = this.take();
        let sign = 1;
        if (isOp(key, '-')) {
          sign = -1;
          key = this.take();
          if (key.k !== 'num') throw syntax(`"-" must be followed by a number (position ${key.pos})`);
        }
        if (key.k === 'num') {
          if (!Number.isInteger(key.v)) throw syntax(`Index must be an integer (position ${key.pos})`);
          keys.push(sign * key.v);
        } else if (key.k === 'str') {
          keys.push(key.v);
        } else {
          throw syntax(`Only a quoted name or an integer may stand inside [] (position ${key.pos})`);
        }
        const close = this.take();
        if (!isOp(close, ']')) throw syntax(`Expected "]" at position ${close.pos}`);
      } else {
        break;
      }
    }
    for (const k of keys) {
      if (typeof k === 'string' && FORBIDDEN_SEGMENTS.has(k)) throw forbidden(`"${k}" may not appear in an expression`);
    }
    const text = keys
      .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
      .join('')
      .slice(1);
    if (keys[0] === 'content' || keys[0] === 'properties') return { t: 'path', root: keys[0], keys: keys.slice(1) };
    if (keys[0] === 'environment' && (keys[1] === 'variables' || keys[1] === 'output')) {
      return { t: 'path', root: keys[1], keys: keys.slice(2) };
    }
    throw forbidden(`"${text}" is not readable: expressions may read ${ALLOWED_ROOTS} only`);
  }
}

function isOp(t: Token, v: string): boolean {
  return t.k === 'op' && t.v === v;
}

function describe(t: Token): string {
  if (t.k === 'end') return 'end of expression';
  if (t.k === 'str') return 'string';
  return `"${t.v}"`;
}

function syntax(message: string): ExpressionError {
  return new ExpressionError('EXPRESSION_SYNTAX', message);
}

function forbidden(message: string): ExpressionError {
  return new ExpressionError('EXPRESSION_FORBIDDEN', message);
}

function evaluate(node: Node, context: any): unknown {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'not':
      return !evaluate(node.e, context);
    case 'and': {
      const l = evaluate(node.l, context);
      return l ? evaluate(node.r, context) : l;
    }
    case 'or': {
      const l = evaluate(node.l, context);
      return l ? l : evaluate(node.r, context);
    }
    case 'cmp':
      return compare(node.op, evaluate(node.l, context), evaluate(node.r, context));
    case 'path': {
      let value = rootValue(context, node.root);
      for (const key of node.keys) {
        if (value === undefined || value === null) return undefined;
        value = step(value, key);
      }
      if (typeof value === 'function') throw forbidden('Functions cannot be read by an expression');
      return value;
    }
  }
}

function compare(op: string, l: unknown, r: unknown): boolean {
  if (op === '===') return l === r;
  if (op === '!==') return l !== r;
  const comparable = (typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string');
  if (!comparable) return false;
  const a = l;
  const b = r;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function rootValue(context: any, root: Root): unknown {
  if (context === null || typeof context !== 'object') return undefined;
  if (root === 'variables' || root === 'output') {
    const env = Object.hasOwn(context, 'environment') ? context.environment : undefined;
    // Only these two names are read from the environment: a getter on bpmn-elements' Environment, a plain property in tests.
    return env !== null && typeof env === 'object' ? env[root] : undefined;
  }
  return ownData(context, root);
}

function step(value: unknown, key: Key): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    const k = typeof key === 'number' && key < 0 ? value.length + key : key;
    return ownData(value, String(k));
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw forbidden(`Cannot read "${key}": expressions read into plain objects and arrays only`);
  }
  return ownData(value, String(key));
}

/** Reads an own data property only, so no getter or inherited member ever runs. */
function ownData(target: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(target, key);
  return d && 'value' in d ? d.value : undefined;
}

function interpolate(value: unknown): string {
  if (value === undefined) return '';
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return '';
    }
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}
