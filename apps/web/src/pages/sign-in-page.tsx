import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { DemoUsers } from '../components/demo-users';
import { ErrorMessage } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { Link, useLocation } from '../lib/router';
import { queries } from '../lib/queries';
import { useSession } from '../lib/session';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, signInWithCity, citySignInError } = useSession();
  const { path, search } = useLocation();
  // The city's sign-in is offered only when the api has an identity provider client configured.
  const city = useQuery(queries.citySignIn());
  const returnTo = path + (search.toString() ? `?${search}` : '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submitButton = useRef<HTMLButtonElement>(null);
  // A demo person chosen from the list: the form is filled in and the sign-in button takes focus.
  const choose = (name: string, secret: string) => {
    setUsername(name);
    setPassword(secret);
    setError(null);
    submitButton.current?.focus();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? new Error(t('signIn.wrong')) : err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Layout title={t('signIn.title')}>
      {/* The greeting in all three languages, each marked with its language for screen readers (WCAG 3.1.2). */}
      <p className="welcome">
        <span lang="fi">Tervetuloa</span> · <span lang="sv">Välkommen</span> · <span lang="en">Welcome</span>
      </p>
      <p className="lead">{t('signIn.welcome')}</p>
      {citySignInError ? (
        <div className="narrow">
          <p>{t('signIn.cityFailed')}</p>
          <ErrorMessage error={citySignInError} />
        </div>
      ) : null}
      {city.data?.enabled && (
        <>
          <div className="card narrow">
            <button type="button" className="primary" onClick={() => signInWithCity(returnTo)}>
              {t('signIn.city')}
            </button>
          </div>
          <p className="muted">{t('signIn.orLocal')}</p>
        </>
      )}
      <form onSubmit={submit} className="card narrow" aria-describedby="sign-in-help">
        <p id="sign-in-help" className="muted">
          {t('signIn.help')}
        </p>
        <div className="field">
          <label htmlFor="username">{t('signIn.username')}</label>
          <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ErrorMessage error={error} />
        <button ref={submitButton} type="submit" className="primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
      <DemoUsers onChoose={choose} />
      <p>
        <Link to="/minutes">{t('minutes.title')}</Link> <span className="muted">{t('minutes.noSignIn')}</span>
      </p>
    </Layout>
  );
}
