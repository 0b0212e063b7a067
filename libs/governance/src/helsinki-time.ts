/** Finnish time in the words of each language, for texts the server writes (notifications, e-mails). */
export type TextLanguage = 'fi' | 'sv' | 'en';

const LOCALES: Record<TextLanguage, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const AT: Record<TextLanguage, string> = { fi: 'klo', sv: 'kl.', en: 'at' };

/** `4.12.2026 klo 18.00`, `4.12.2026 kl. 18.00`, `4/12/2026 at 18:00`: the instant in Europe/Helsinki. */
export function helsinkiWhen(at: Date, language: TextLanguage): string {
  const locale = LOCALES[language];
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' }).format(at);
  return `${day} ${AT[language]} ${time}`;
}
