import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { TimeoutWarning } from '../components/timeout-warning';
import { ApiError, api, lastApiActivity, onApiActivity } from './api';
import { useSession } from './session';
import type { SessionInfo } from './types';

// The server ends a session after `idleTimeoutSeconds` without an API call, and marks activity at
// most every 15 seconds; we finish that much early so the countdown never outlives the session.
const SERVER_MARK_GRANULARITY_MS = 15_000;
const MAX_WARNING_MS = 120_000;
const ACTIVITY_KEY = 'assure:last-activity';

/** Lead time and deadline, both derived from the session so a short test timeout exercises them. */
export function timeoutPlan(idleTimeoutSeconds: number) {
  const idleMs = idleTimeoutSeconds * 1000;
  const margin = Math.min(SERVER_MARK_GRANULARITY_MS, Math.floor(idleMs / 4));
  const usable = idleMs - margin;
  const warnMs = Math.min(MAX_WARNING_MS, Math.floor(usable / 2));
  return { usable, warnMs };
}

function sharedLastActivity() {
  // Other tabs of the same session keep it alive too: they record their last call here.
  let shared = 0;
  try {
    shared = Number(window.localStorage.getItem(ACTIVITY_KEY)) || 0;
  } catch {
    shared = 0;
  }
  return Math.max(lastApiActivity(), shared);
}

export const safeReturnTo = (value: string | null | undefined) =>
  value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;

/**
 * Watches the time since the last API call. Two minutes (or less, for short timeouts) before the
 * session would end it opens the warning; at zero it signs the person out and explains why.
 */
export function IdleTimeout({ session }: { session: SessionInfo }) {
  const { setSession, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [now, setNow] = useState(() => Date.now());
  const [pending, setPending] = useState(false);
  const [absoluteNoticeClosed, setAbsoluteNoticeClosed] = useState(false);
  const expiredRef = useRef(false);

  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    const stop = onApiActivity((at) => {
      try {
        window.localStorage.setItem(ACTIVITY_KEY, String(at));
      } catch {
        // Private mode: only this tab counts.
      }
      setNow(Date.now());
    });
    return () => {
      window.clearInterval(tick);
      stop();
    };
  }, []);

  const { usable, warnMs } = timeoutPlan(session.idleTimeoutSeconds);
  const idleDeadline = sharedLastActivity() + usable;
  const absoluteDeadline = Date.parse(session.expiresAt) - 5_000;
  const canExtend = idleDeadline <= absoluteDeadline;
  const deadline = Math.min(idleDeadline, absoluteDeadline);
  const remainingMs = deadline - now;
  const expired = remainingMs <= 0;
  const open = !expired && remainingMs <= warnMs && (canExtend || !absoluteNoticeClosed);

  const returnTo = `${location.pathname}${location.search}`;
  const minutes = Math.max(1, Math.round(session.idleTimeoutSeconds / 60));

  useEffect(() => {
    if (!expired || expiredRef.current) return;
    expiredRef.current = true;
    const reason = canExtend ? `timeout&minutes=${minutes}` : 'expired';
    navigate(`/signed-out?reason=${reason}&returnTo=${encodeURIComponent(returnTo)}`, { replace: true });
    // Drafts stay: the person gets their typing back when they sign in again.
    void signOut({ keepDrafts: true });
  }, [expired, canExtend, minutes, navigate, returnTo, signOut]);

  const stay = async () => {
    if (!canExtend) {
      setAbsoluteNoticeClosed(true);
      return;
    }
    setPending(true);
    try {
      setSession(await api.post<SessionInfo>('/auth/keep-alive'));
    } catch (error) {
      // Already ended on the server: the 401 handler sends the person to sign in.
      if (!(error instanceof ApiError && error.isUnauthenticated)) setNow(Date.now());
    } finally {
      setPending(false);
    }
  };

  const signOutNow = () => {
    expiredRef.current = true;
    navigate('/signed-out', { replace: true });
    void signOut();
  };

  return (
    <TimeoutWarning
      open={open}
      secondsLeft={Math.max(0, remainingMs / 1000)}
      canExtend={canExtend}
      pending={pending}
      onStay={() => void stay()}
      onSignOut={signOutNow}
    />
  );
}
