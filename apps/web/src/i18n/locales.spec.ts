/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { en } from './en';
import { fi } from './fi';
import { formatMessage, messageArguments } from './format';
import { sv } from './sv';

const LOCALES = { fi: ['fi-FI', fi], sv: ['sv-FI', sv], en: ['en-GB', en] } as const;
const KEYS = Object.keys(fi).sort();
const DICTIONARIES = new Set(['fi.ts', 'sv.ts', 'en.ts']);

/**
 * Key families the code builds at run time, `t(\`state.${state}\`)`, so no key of them is
 * written out whole. `source`: the values are string literals in the web app (a union type,
 * an `as const` list, the generated api schema), so a key whose value appears nowhere is
 * dead. `outside`: the values come from elsewhere.
 */
const DYNAMIC: Record<string, 'source' | 'outside'> = {
  'audit.': 'source', // the audit trail's filter fields
  'bpmn.': 'outside', // element types of whatever diagram is open (bpmn-js)
  'decision.status.': 'source', // a decision's status, from the api schema
  'diagram.': 'source', // the diagram legend's marks
  'diff.': 'source', // kinds of change between two versions
  'form.error.': 'source', // JSON Schema keywords the api reports a form field failed
  'history.': 'source', // history entry types
  'kind.': 'source', // kinds of steering body
  'memberRole.': 'source', // roles in a body
  'modeler.val.': 'source', // values offered for a condition variable
  'modeler.var.': 'source', // condition variables the modeler offers
  'outcome.': 'source', // a decision's outcome, from the api schema
  'role.': 'source', // user roles
  'state.': 'source', // task and process states
  'task.late.': 'source', // how late a task is, in the unit that fits (lib/tasks.ts span)
  'task.left.': 'source', // how long a task has left, likewise
};

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.spec.ts'))
    .filter((e) => !(path.basename(e.parentPath) === 'i18n' && DICTIONARIES.has(e.name)))
    .map((e) => ({ file: path.join(e.parentPath, e.name), text: readFileSync(path.join(e.parentPath, e.name), 'utf8') }));
}

describe('the fi, sv and en dictionaries', () => {
  const code = sources(path.join(import.meta.dirname, '..'));
  const quoted = (s: string) => code.some(({ text }) => text.includes(`'${s}'`) || text.includes(`"${s}"`) || text.includes(`\`${s}\``));

  it.each(Object.keys(LOCALES))('%s has every key and no other, none of them empty', (name) => {
    const dict: Record<string, string> = LOCALES[name as keyof typeof LOCALES][1];
    expect(Object.keys(dict).sort()).toEqual(KEYS);
    expect(Object.entries(dict).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it.each(Object.keys(LOCALES))('%s takes the same arguments as fi, and its plurals have every form the language needs', (name) => {
    const [locale, dict] = LOCALES[name as keyof typeof LOCALES];
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const names = (m: string) => [...new Set(messageArguments(m).map((a) => a.name))].sort();
    expect(KEYS.filter((k) => names(dict[k as keyof typeof fi]).join() !== names(fi[k as keyof typeof fi]).join())).toEqual([]);
    const broken = KEYS.flatMap((k) =>
      messageArguments(dict[k as keyof typeof fi])
        .filter((a) => a.type === 'plural' && (!a.branches || categories.some((c) => !a.branches!.has(c))))
        .map((a) => `${k}: {${a.name}, plural}`),
    );
    expect(broken).toEqual([]);
  });

  it('uses every key somewhere in apps/web/src', () => {
    const unused = KEYS.filter((key) => {
      if (quoted(key)) return false;
      const prefix = Object.keys(DYNAMIC).find((p) => key.startsWith(p));
      if (!prefix) return true;
      return DYNAMIC[prefix] === 'source' && !quoted(key.slice(prefix.length));
    });
    expect(unused).toEqual([]);
  });

  it('allows a key family only where the code builds its keys', () => {
    const built = (prefix: string) => code.some(({ text }) => text.includes(`\`${prefix}\${`));
    expect(Object.keys(DYNAMIC).filter((p) => !built(p))).toEqual([]);
  });
});

describe('formatMessage', () => {
  it('picks the plural form by Intl.PluralRules and formats the number for the locale', () => {
    expect(formatMessage('fi-FI', fi['budget.mapped'], { n: 1 })).toBe('kartoitettu (1 palvelu)');
    expect(formatMessage('fi-FI', fi['budget.mapped'], { n: 3 })).toBe('kartoitettu (3 palvelua)');
    expect(formatMessage('sv-FI', sv['budget.mapped'], { n: 1 })).toBe('kartlagt (1 tjänst)');
    expect(formatMessage('sv-FI', sv['budget.mapped'], { n: 0 })).toBe('kartlagt (0 tjänster)');
    expect(formatMessage('en-GB', en['budget.mapped'], { n: 1 })).toBe('mapped (1 service)');
    expect(formatMessage('fi-FI', fi['portfolio.count'], { n: 12345 })).toBe('12\u00a0345 prosessia');
    expect(formatMessage('en-GB', en['portfolio.count'], { n: 12345 })).toBe('12,345 processes');
  });

  it('prefers an exact =N branch, fills plain and number arguments, and keeps braces that are not arguments', () => {
    expect(formatMessage('en-GB', '{n, plural, =0 {none} one {# item} other {# items}}', { n: 0 })).toBe('none');
    expect(formatMessage('fi-FI', '{a} / {b, number}', { a: 1500, b: 1500 })).toBe('1500 / 1\u00a0500');
    expect(formatMessage('fi-FI', fi['audit.brokenAt'], { index: 7, reason: 'x' })).toBe('Ensimmäinen rikkoutunut kohta: #7 (x).');
    expect(formatMessage('sv-FI', sv['modeler.conditionHelp'])).toBe("T.ex. ${environment.variables.reviewOutcome == 'returned'}");
    expect(formatMessage('sv-FI', sv['deputies.named'])).toBe('{name} är din ersättare under perioden.');
  });
});
