/**
 * Messages in a small subset of ICU MessageFormat, formatted with the platform's Intl:
 * `{name}` puts the value in as it is, `{n, number}` formats it for the locale, and
 * `{n, plural, =0 {…} one {# palvelu} other {# palvelua}}` picks a branch by an exact `=N` or
 * by Intl.PluralRules, with `#` the number formatted for the locale. Braces that are not an
 * argument (a `${environment.variables.x}` in a help text) are kept as written.
 */
export type MessageVars = Record<string, string | number>;

/** `name`, or `name, number`, or `name, plural, <branches>`. */
const ARGUMENT = /^\s*([A-Za-z_]\w*)\s*(?:,\s*(number|plural)\s*(?:,([\s\S]*))?)?$/;

/** The text from `open` (a `{`) to its matching `}`, or null when the braces do not close. */
function enclosed(s: string, open: number): string | null {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return s.slice(open + 1, i);
  }
  return null;
}

/** The branches of a plural argument: selector → sub-message, or null when malformed. */
export function pluralBranches(body: string): Map<string, string> | null {
  const branches = new Map<string, string>();
  let i = 0;
  for (;;) {
    while (i < body.length && /\s/.test(body[i])) i++;
    if (i >= body.length) return branches.has('other') ? branches : null;
    const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!selector) return null;
    const open = i + selector[0].length - 1;
    const message = enclosed(body, open);
    if (message === null) return null;
    branches.set(selector[1], message);
    i = open + message.length + 2;
  }
}

export interface MessageArgument {
  name: string;
  type: 'number' | 'plural' | null;
  /** A plural's branches by selector (`=0`, `one`, `other`), null when they do not parse. */
  branches: Map<string, string> | null;
}

/** The arguments a message takes, those inside plural branches too: to check one language against another. */
export function messageArguments(message: string): MessageArgument[] {
  const found: MessageArgument[] = [];
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== '{') continue;
    const inner = enclosed(message, i);
    if (inner === null) break;
    const arg = ARGUMENT.exec(inner);
    if (arg) {
      const type = (arg[2] as MessageArgument['type'] | undefined) ?? null;
      const branches = type === 'plural' ? pluralBranches(arg[3] ?? '') : null;
      found.push({ name: arg[1], type, branches });
      for (const branch of branches?.values() ?? []) found.push(...messageArguments(branch));
    }
    i += inner.length + 1;
  }
  return found;
}

export function formatMessage(locale: string, message: string, vars: MessageVars = {}): string {
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const format = (s: string, hash: string | null): string => {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '#' && hash !== null) {
        out += hash;
        continue;
      }
      const inner = c === '{' ? enclosed(s, i) : null;
      if (inner === null) {
        out += c;
        continue;
      }
      i += inner.length + 1;
      const arg = ARGUMENT.exec(inner);
      const value = arg ? vars[arg[1]] : undefined;
      if (!arg || value === undefined) {
        out += `{${inner}}`;
        continue;
      }
      const [, , type, rest] = arg;
      if (!type) out += String(value);
      else if (type === 'number') out += numbers.format(Number(value));
      else {
        const n = Number(value);
        const branches = pluralBranches(rest ?? '');
        const branch = branches?.get(`=${n}`) ?? branches?.get(plurals.select(n)) ?? branches?.get('other');
        out += branch === undefined ? `{${inner}}` : format(branch, numbers.format(n));
      }
    }
    return out;
  };
  return format(message, null);
}
