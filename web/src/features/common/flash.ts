import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

export type Flash = { heading: string; body?: string };

/**
 * A one-off success message carried in the navigation state ("Agency created"). It is read once and
 * removed from the history entry, so reloading or coming back does not show it again.
 */
export function useFlash(): Flash | null {
  const location = useLocation();
  const navigate = useNavigate();
  const incoming = (location.state as { flash?: Flash } | null)?.flash ?? null;
  const [flash, setFlash] = useState<Flash | null>(incoming);

  useEffect(() => {
    if (!incoming) return;
    setFlash(incoming);
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [incoming, navigate, location.pathname, location.search]);

  return flash;
}

/** Navigation state that makes the next page show a success banner. */
export const withFlash = (heading: string, body?: string) => ({ state: { flash: { heading, body } } });

/**
 * Where a successful change takes the person, and the success banner shown there. `replace` when they
 * stay on the page they made the change on (reactivate), so it does not add to the history.
 */
export type FlashTarget = { to: string; flash: string; replace?: boolean };

/** Goes to a FlashTarget. */
export function useNavigateWithFlash() {
  const navigate = useNavigate();
  return ({ to, flash, replace }: FlashTarget) =>
    navigate(to, replace ? { replace: true, ...withFlash(flash) } : withFlash(flash));
}
