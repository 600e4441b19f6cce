import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import type { Role } from '../../../contracts/org';
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from './api';
import { clearDraftsOf } from './drafts';
import type { SessionInfo } from './types';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await api.get<SessionInfo>('/auth/session');
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return null;
    throw error;
  }
}

type SessionContextValue = {
  /** undefined while the first check is under way; null when nobody is signed in. */
  session: SessionInfo | null | undefined;
  error: unknown;
  currentPartnership: SessionInfo['partnerships'][number] | null;
  roles: Role[];
  isAdmin: boolean;
  canSeeAuditLog: boolean;
  /** Runs the installation: creates and deactivates partnerships. */
  isServiceAdmin: boolean;
  /** Replace the session with a fresh answer from the server (keep-alive, switch). */
  setSession(session: SessionInfo | null): void;
  refresh(): Promise<SessionInfo | null>;
  /** Ends the session on the server and forgets everything held for this person in the tab. */
  signOut(opts?: { keepDrafts?: boolean }): Promise<void>;
  switchPartnership(partnershipId: string): Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const session = query.data;

  useEffect(() => {
    setCsrfToken(session?.csrfToken ?? null);
  }, [session?.csrfToken]);

  const setSession = useCallback(
    (next: SessionInfo | null) => {
      setCsrfToken(next?.csrfToken ?? null);
      queryClient.setQueryData(SESSION_KEY, next);
    },
    [queryClient],
  );

  useEffect(() => {
    // The server has forgotten the session (idle timeout elsewhere, password reset): drop it here so
    // the signed-in pages send the person to sign in. Drafts stay, so their typing is not lost.
    setUnauthenticatedHandler(() => {
      const had = queryClient.getQueryData(SESSION_KEY);
      if (had) {
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
        setSession(null);
      }
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient, setSession]);

  const value = useMemo<SessionContextValue>(() => {
    const currentPartnership =
      session?.partnerships.find((p) => p.id === session.currentPartnershipId) ??
      session?.partnerships[0] ??
      null;
    const roles = [...new Set((currentPartnership?.roles ?? []).map((r) => r.role))];
    const isAdmin = roles.includes('partnership_admin');
    return {
      session,
      error: query.error,
      currentPartnership,
      roles,
      isAdmin,
      canSeeAuditLog: isAdmin || roles.includes('independent_scrutineer'),
      isServiceAdmin: session?.person.isServiceAdmin === true,
      setSession,
      async refresh() {
        const fresh = await fetchSession();
        setSession(fresh);
        return fresh;
      },
      async signOut(opts = {}) {
        const personId = session?.person.id;
        // Drafts go first, before any network wait, so nothing is left for the next person.
        if (personId && !opts.keepDrafts) clearDraftsOf(personId);
        try {
          await api.post('/auth/sign-out');
        } catch {
          // Signing out must always leave the person signed out here, even if the server is unreachable.
        }
        // Forget every answer fetched for this person; the session entry itself is set to null
        // (removing it would leave the provider showing the old session until something re-renders).
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
        setSession(null);
      },
      async switchPartnership(partnershipId: string) {
        const next = await api.put<SessionInfo>('/auth/current-partnership', { partnershipId });
        // Nothing from the previous partnership may linger in the cache.
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
        setSession(next);
      },
    };
  }, [session, query.error, queryClient, setSession]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The signed-in person's current partnership; only for pages behind RequireSession. */
export function usePartnership() {
  const { session, currentPartnership } = useSession();
  if (!session || !currentPartnership) throw new Error('usePartnership needs a signed-in member');
  return {
    partnershipId: currentPartnership.id,
    /** API path under the current partnership: path('agencies') → /partnerships/:id/agencies */
    path: (rest = '') => `/partnerships/${currentPartnership.id}${rest ? `/${rest}` : ''}`,
  };
}
