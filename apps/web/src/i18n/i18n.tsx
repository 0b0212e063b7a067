import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Localized } from '../api';
import { en } from './en';
import { formatMessage, type MessageVars } from './format';
import { fi, type MessageKey } from './fi';
import { sv } from './sv';

export type Language = 'fi' | 'en' | 'sv';
export const LANGUAGES: Array<{ code: Language; name: string }> = [
  { code: 'fi', name: 'Suomi' },
  { code: 'en', name: 'English' },
  { code: 'sv', name: 'Svenska' },
];
const STORAGE_KEY = 'kaari.language';
/** Every dictionary has every key (the types and locales.spec.ts see to it), so nothing falls back to another language. */
const dictionaries: Record<Language, Record<MessageKey, string>> = { fi, en, sv };
const LOCALES: Record<Language, string> = { fi: 'fi-FI', en: 'en-GB', sv: 'sv-FI' };

/** A message with its `{arguments}` filled in; plurals and numbers in ICU syntax (see format.ts). */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

interface I18n {
  language: Language;
  setLanguage: (l: Language) => void;
  t: Translate;
  /** Picks the caller's language from a `{fi, sv, en}` name. */
  local: (name: Partial<Localized> | string | null | undefined) => string;
  /** A BPMN element type (`bpmn:UserTask`) in words. */
  bpmnType: (type: string) => string;
  date: (iso: string | null | undefined, withTime?: boolean) => string;
  number: (n: number, options?: Intl.NumberFormatOptions) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Whether this browser has a language of its own choosing (the switcher was used here). */
export const languageChosen = (): boolean => localStorage.getItem(STORAGE_KEY) !== null;

function initial(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'sv' || saved === 'fi' ? saved : 'fi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLang] = useState<Language>(initial);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLang(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[language];
    // A key built at run time from a value no dictionary knows comes back as the key itself.
    const t: Translate = (key, vars) => formatMessage(LOCALES[language], dict[key] ?? key, vars);
    const local: I18n['local'] = (name) => {
      if (!name) return '';
      if (typeof name === 'string') return name;
      return name[language] ?? name.fi ?? name.en ?? name.sv ?? '';
    };
    // Finnish time wherever the browser is (a laptop on UTC, a trip abroad): deadlines and meetings are Helsinki's.
    const zone = { timeZone: 'Europe/Helsinki' } as const;
    const fmtDate = new Intl.DateTimeFormat(LOCALES[language], { ...zone, day: 'numeric', month: 'numeric', year: 'numeric' });
    const fmtDateTime = new Intl.DateTimeFormat(LOCALES[language], {
      ...zone,
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    const date: I18n['date'] = (iso, withTime = true) => {
      if (!iso) return '–';
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return iso;
      return (withTime ? fmtDateTime : fmtDate).format(d);
    };
    const number: I18n['number'] = (n, options) => new Intl.NumberFormat(LOCALES[language], options).format(n);
    const bpmnType: I18n['bpmnType'] = (type) => {
      const key = `bpmn.${type.replace('bpmn:', '')}` as MessageKey;
      return dict[key] ?? type.replace('bpmn:', '');
    };
    return { language, setLanguage, t, local, date, number, bpmnType };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
