/**
 * Who is signed in: the bearer token (kept for the browser session only) and the viewer it names.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const KEY = 'reportcast.token';

export interface Session {
  token: string;
  tenant: string;
  role: string;
  user: string;
}

interface AuthValue {
  session: Session | null;
  signIn(token: string): void;
  signOut(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Reads the claims a token carries (display only: the server verifies it). */
export function decodeToken(token: string): Session | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; tenant?: string; role?: string; exp?: number };
    if (!json.sub || !json.tenant || !json.role) return null;
    if (json.exp && json.exp * 1000 < Date.now()) return null;
    return { token, tenant: json.tenant, role: json.role, user: json.sub };
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const stored = sessionStorage.getItem(KEY);
    return stored ? decodeToken(stored) : null;
  });
  const signIn = useCallback((token: string) => {
    const s = decodeToken(token.trim());
    if (!s) throw new Error('That is not a valid, unexpired Reportcast token.');
    sessionStorage.setItem(KEY, s.token);
    setSession(s);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
