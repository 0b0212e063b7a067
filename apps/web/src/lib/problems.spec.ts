/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { en } from '../i18n/en';
import { fi, type MessageKey } from '../i18n/fi';
import { formatMessage } from '../i18n/format';
import type { Translate } from '../i18n/i18n';
import { sv } from '../i18n/sv';
import { BPMN_PROBLEMS, LINT_RULES, lintText, PROBLEMS, problemText, refusalLines } from './problems';

const LANGS = { fi: ['fi-FI', fi], sv: ['sv-FI', sv], en: ['en-GB', en] } as const;
const translator =
  (lang: keyof typeof LANGS): Translate =>
  (key: MessageKey, vars) =>
    formatMessage(LANGS[lang][0], LANGS[lang][1][key], vars);
const t = { fi: translator('fi'), sv: translator('sv'), en: translator('en') };

const ROOT = path.join(import.meta.dirname, '../../../..');
function serverSources(): string[] {
  return ['libs', 'apps/api/src', 'apps/worker/src'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts'))
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8')),
  );
}

/** The meeting refusals the meeting pages word themselves (components/meeting-format.tsx REFUSALS), not this catalogue. */
function meetingCodes(): Set<string> {
  const text = readFileSync(path.join(ROOT, 'apps/web/src/components/meeting-format.tsx'), 'utf8');
  const refusals = /const REFUSALS = \{([^}]+)\}/.exec(text)![1];
  return new Set([...refusals.matchAll(/'([a-z-]+)':/g)].map((m) => m[1]));
}

describe('the words for what the server refuses', () => {
  it('has fi, sv and en words for every problem code the server sends', () => {
    const code = serverSources().join('\n');
    const sent = new Set<string>();
    // Problem items and refusals: `code: 'x'`, conflict('…', 'x'), forbidden('…', 'x').
    for (const m of code.matchAll(/\bcode: '([a-z][a-zA-Z-]+)'/g)) sent.add(m[1]);
    for (const m of code.matchAll(/\b(?:conflict|forbidden)\((?:`[^`]*`|'[^']*'), '([a-z-]+)'/g)) sent.add(m[1]);
    const limits = /const CODES: Record<UploadLimit, string> = \{([^}]+)\}/.exec(code)![1];
    for (const m of limits.matchAll(/: '([a-z-]+)'/g)) sent.add(m[1]);
    // Meeting refusals (sent through local wrappers of meetingRefusal) are words somewhere too.
    const union = /export type MeetingRuleCode =([^;]+);/.exec(code)![1];
    for (const m of union.matchAll(/'([a-z-]+)'/g)) sent.add(m[1]);
    const bpmn = /export type BpmnProblemCode =([^;]+);/.exec(code)![1];
    const bpmnCodes = [...bpmn.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    const meeting = meetingCodes();
    const worded = new Set([...Object.keys(PROBLEMS), ...Object.keys(BPMN_PROBLEMS), 'required', 'enum', 'format', 'type', 'minItems', 'additionalProperties']);
    expect(sent.size).toBeGreaterThan(40);
    expect([...sent].filter((c) => !worded.has(c) && !meeting.has(c)).sort()).toEqual([]);
    expect(bpmnCodes.filter((c) => !(c in BPMN_PROBLEMS))).toEqual([]);
  });

  it('words a known refusal from its params in the reader’s language, never with the server’s message', () => {
    const item = { path: null, code: 'task-state', message: 'The task is already completed', params: { state: 'completed' } };
    expect(problemText(item, t.sv)).toBe('Uppgiften är redan klar och kan inte längre behandlas.');
    expect(problemText(item, t.fi)).toBe('Tehtävä on jo valmis, joten sitä ei voi enää käsitellä.');
    const bodies = { path: null, code: 'not-a-member-of-body', message: 'Only members of a, b act', params: { bodies: 'muutosryhma,kaupunginhallitus' } };
    const names: Record<string, string> = { muutosryhma: 'Muutosryhmä', kaupunginhallitus: 'Stadsstyrelsen' };
    expect(problemText(bodies, t.sv, { bodyName: (c) => names[c] })).toBe('Endast medlemmar i Muutosryhmä, Stadsstyrelsen kan behandla uppgiften.');
    expect(problemText({ path: null, code: 'too-many-sign-ins', message: '', params: { seconds: 1 } }, t.sv)).toContain('1 sekund.');
    expect(problemText({ path: null, code: 'too-many-sign-ins', message: '', params: { seconds: 30 } }, t.en)).toContain('30 seconds');
  });

  it('says something general in the reader’s language for a code it does not know', () => {
    const unknown = { path: '/x', code: 'brand-new-rule', message: 'An English sentence' };
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const text = problemText(unknown, t[lang]);
      expect(text).toBe(LANGS[lang][1]['problem.unknown']);
      expect(text).not.toContain('English');
    }
    const lines = refusalLines({ status: 409, errors: [{ path: null, code: 'brand-new-rule', message: 'An English sentence' }] }, t.sv);
    expect(lines.headline).toBe(sv['problem.status.409']);
    expect(lines.items).toEqual([sv['problem.unknown']]);
    expect(refusalLines({ status: 404, errors: [] }, t.fi)).toEqual({ headline: fi['problem.status.404'], items: [] });
  });

  it('lets a coded refusal without a field speak for itself, and names the row of an import problem', () => {
    const lines = refusalLines(
      { status: 409, errors: [{ path: null, code: 'claimed', message: 'The task is claimed by x', params: { assignee: 'jussi.jasen' } }] },
      t.fi,
    );
    expect(lines).toEqual({ headline: 'Tehtävä on jo toisen henkilön (jussi.jasen) työn alla.', items: [] });
    expect(problemText({ path: 'row 12', code: 'unknown-column', message: '' }, t.sv)).toBe('Rad 12: Filen har en okänd kolumn.');
    expect(problemText({ path: '/services/2/euros', code: 'minimum', message: '' }, t.en)).toBe('Row 3: The value is too small.');
  });

  it('words every bpmnlint rule the modeler runs, and the deploy check’s codes in diagram terms', () => {
    const lintSource = readFileSync(path.join(import.meta.dirname, '../modeler/lint.ts'), 'utf8');
    const rules = [...lintSource.matchAll(/'rule:bpmnlint\/([a-z-]+)'/g)].map((m) => m[1]);
    expect(rules.length).toBeGreaterThan(20);
    expect(rules.filter((r) => !(r in LINT_RULES))).toEqual([]);
    expect(lintText({ rule: 'label-required', source: 'bpmnlint' }, t.sv)).toBe('Elementet saknar namn.');
    expect(lintText({ rule: 'unknown-body', source: 'kaari' }, t.fi)).toBe('Tehtävän vastuutoimielintä ei ole olemassa.');
    expect(lintText({ rule: 'some-plugin-rule', source: 'bpmnlint' }, t.en)).toBe(en['problem.lint.unknown']);
  });
});
