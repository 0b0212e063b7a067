import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, hasToken, setToken, whenUnauthorized, type Me } from '../api';

interface Session {
  me: Me | null;
  ready: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  /** Goes to the city's identity provider; the browser comes back to `returnTo` signed in. */
  signInWithCity: (returnTo: string) => void;
  /** Why the last city sign-in did not succeed (the server's problem), if it did not. */
  citySignInError: unknown;
  signOut: () => Promise<void>;
  isAdmin: boolean;
  isDirector: boolean;
  /** Reads and verifies the audit trail: admins and auditors. */
  isAuditor: boolean;
  bodyCodes: string[];
}

const SessionContext = createContext<Session | null>(null);

/** How this tab signed in: a city sign-in also signs out at the identity provider. */
const SIGNED_IN_WITH = 'kaari.signedInWith';

/** The provider sent the browser back here (`?signin=city`): the marker leaves the address at once. */
function cityReturn(): boolean {
  const url = new URL(window.location.href);
  if (url.searchParams.get('signin') !== 'city') return false;
  url.searchParams.delete('signin');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return true;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [returning] = useState(cityReturn);
  const [ready, setReady] = useState(!hasToken() && !returning);
  const [citySignInError, setCitySignInError] = useState<unknown>(null);
  // Whatever one user's session read stays with it: signed out, the cache is emptied.
  const cache = useQueryClient();
  useEffect(() => {
    whenUnauthorized(() => {
      setToken(null);
      setMe(null);
      cache.clear();
    });
    if (returning) {
      // The same Kaari token a password gives, taken once for this browser's finished sign-in.
      api
        .completeCitySignIn()
        .then(async ({ accessToken }) => {
          setToken(accessToken);
          sessionStorage.setItem(SIGNED_IN_WITH, 'city');
          setMe(await api.me());
        })
        .catch(setCitySignInError)
        .finally(() => setReady(true));
    } else if (hasToken())
      api
        .me()
        .then(setMe, () => setToken(null))
        .finally(() => setReady(true));
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const { accessToken } = await api.signIn(username, password);
    setToken(accessToken);
    sessionStorage.removeItem(SIGNED_IN_WITH);
    cache.clear();
    setMe(await api.me());
  }, []);
  const signInWithCity = useCallback((returnTo: string) => {
    window.location.assign(`/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
  }, []);
  const signOut = useCallback(async () => {
    await api.signOut().catch(() => undefined);
    setToken(null);
    setMe(null);
    cache.clear();
    if (sessionStorage.getItem(SIGNED_IN_WITH) === 'city') {
      sessionStorage.removeItem(SIGNED_IN_WITH);
      // Kaari's session has ended; the provider's ends there, and it sends the browser back.
      window.location.assign('/api/auth/oidc/logout');
    }
  }, [cache]);
  const roles = me?.roles ?? [];
  const bodyCodes = me?.bodies ?? [];
  const value: Session = {
    me,
    ready,
    signIn,
    signInWithCity,
    citySignInError,
    signOut,
    isAdmin: roles.includes('admin'),
    isDirector: roles.includes('director') || roles.includes('admin'),
    isAuditor: roles.includes('auditor') || roles.includes('admin'),
    bodyCodes,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
