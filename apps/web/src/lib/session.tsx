import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, hasToken, setToken, whenUnauthorized, type Me } from '../api';

interface Session {
  me: Me | null;
  ready: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  isAdmin: boolean;
  isDirector: boolean;
  /** Reads and verifies the audit trail: admins and auditors. */
  isAuditor: boolean;
  bodyCodes: string[];
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(!hasToken());
  useEffect(() => {
    whenUnauthorized(() => {
      setToken(null);
      setMe(null);
    });
    if (hasToken())
      api
        .me()
        .then(setMe, () => setToken(null))
        .finally(() => setReady(true));
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const { accessToken } = await api.signIn(username, password);
    setToken(accessToken);
    setMe(await api.me());
  }, []);
  const signOut = useCallback(async () => {
    await api.signOut().catch(() => undefined);
    setToken(null);
    setMe(null);
  }, []);
  const roles = me?.roles ?? [];
  const bodyCodes = (me?.bodies ?? []).map((b) => (typeof b === 'string' ? b : b.code));
  const value: Session = {
    me,
    ready,
    signIn,
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
