import type { Definition } from '../api';
import type { LintIssue } from './lint';

/** The languages a diagram's names are translated into, beside its own (Finnish) `name`, and the Kaari attribute of each. */
export const NAME_TRANSLATIONS = { sv: 'kaari:nameSv', en: 'kaari:nameEn' } as const;
export type TranslatedLanguage = keyof typeof NAME_TRANSLATIONS;

/** The parts of a moddle element (bpmn-moddle, bpmn-js) this file reads. */
interface Element {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): unknown;
  rootElements?: Element[];
  flowElements?: Element[];
}

/** The executable and other processes of a diagram, and every flow element in them and in their subprocesses. */
function namedElements(definitions: Element): Element[] {
  const out: Element[] = [];
  const walk = (scope: Element) => {
    for (const el of scope.flowElements ?? []) {
      out.push(el);
      if (el.flowElements) walk(el);
    }
  };
  for (const root of definitions.rootElements ?? []) {
    if (root.$type !== 'bpmn:Process') continue;
    out.push(root);
    walk(root);
  }
  return out;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * Kaari's lint rule `untranslated-name`: a warning for each named process, task, event, gateway
 * or flow that lacks its Swedish or English name (params: the name and the missing languages).
 */
export function untranslatedNames(definitions: unknown): LintIssue[] {
  return namedElements(definitions as Element).flatMap((el): LintIssue[] => {
    const name = text(el.name);
    if (!name) return [];
    const missing = (Object.keys(NAME_TRANSLATIONS) as TranslatedLanguage[]).filter((l) => !text(el.get(NAME_TRANSLATIONS[l])));
    if (!missing.length) return [];
    return [
      {
        elementId: el.id ?? null,
        rule: 'untranslated-name',
        message: `"${name}" has no ${missing.join(', ')} translation`,
        severity: 'warn',
        source: 'kaari',
        params: { name, languages: missing.join(',') },
      },
    ];
  });
}

/** Puts each element's name in `language` in place of the diagram's own, where the diagram has one (for a viewer). */
export function translateNames(definitions: unknown, language: string): void {
  if (!(language in NAME_TRANSLATIONS)) return;
  const attribute = NAME_TRANSLATIONS[language as TranslatedLanguage];
  for (const el of namedElements(definitions as Element)) {
    const translated = text(el.get(attribute));
    if (translated) el.name = translated;
  }
}

/** A diagram's names with their Swedish and English translations, as the api returns them with each version. */
export type DiagramNames = Definition['names'];

/**
 * An element's name in `language`: the diagram's translation (kaari:nameSv, kaari:nameEn) when it
 * has one for the name shown, otherwise the name as it stands (the diagram's own, Finnish). A name
 * that is not the one the translation was made for (a task of an older version, renamed since)
 * stays as it is rather than take another step's translation.
 */
export function translatedName(names: DiagramNames | undefined, elementId: string, name: string | null, language: string): string | null {
  if (language === 'fi' || !names) return name;
  const entry = names.find((n) => n.id === elementId);
  if (!entry || (name !== null && entry.name !== name)) return name;
  return (language === 'sv' ? entry.sv : language === 'en' ? entry.en : null) ?? name;
}
