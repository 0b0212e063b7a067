import { useEffect, useRef } from 'react';
import { api } from '../api';
import { LANGUAGES, languageChosen, useI18n, type Language } from '../i18n/i18n';
import { useSession } from '../lib/session';

/**
 * The header's language buttons. Signed in, the choice is also kept on the account, where the
 * server writes the person's e-mails in it; signing in on a browser that has no choice of its own
 * starts in the account's language, and a choice made on the sign-in page goes to the account.
 */
export function LanguageSwitcher() {
  const { language, setLanguage, t } = useI18n();
  const { me } = useSession();
  const keep = (l: Language) => void api.setLanguage(l).catch(() => undefined);
  const synced = useRef<string | null>(null);
  useEffect(() => {
    if (!me || synced.current === me.username) return;
    synced.current = me.username;
    if (me.language === language) return;
    if (languageChosen()) keep(language);
    else setLanguage(me.language);
  }, [me]);
  const choose = (l: Language) => {
    setLanguage(l);
    if (me) keep(l);
  };
  return (
    <div role="group" aria-label={t('lang.label')} className="lang-switch">
      {LANGUAGES.map((l) => (
        <button key={l.code} type="button" lang={l.code} aria-pressed={language === l.code} onClick={() => choose(l.code)}>
          {l.name}
        </button>
      ))}
    </div>
  );
}
