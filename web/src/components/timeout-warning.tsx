import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from './button';

/** "1 minute 30 seconds", "45 seconds". */
export function formatDuration(totalSeconds: number) {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const minutes = Math.floor(s / 60);
  const seconds = s % 60;
  const parts: string[] = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  if (seconds || !minutes) parts.push(`${seconds} second${seconds === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** Moments worth announcing: every whole minute, then 30 and 10 seconds before the end. */
function isMilestone(seconds: number) {
  return seconds > 0 && (seconds % 60 === 0 || seconds === 30 || seconds === 10);
}

const FOCUSABLE = 'button:not([disabled]), a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The "you will be signed out soon" modal. A native modal <dialog> makes the rest of the page inert;
 * Tab and Shift+Tab also cycle inside it, Escape means "stay signed in", and focus returns to where
 * it was when the dialog closes. The countdown is visible every second but announced politely only
 * at milestones, so a screen reader is not flooded.
 */
export function TimeoutWarning({
  open,
  secondsLeft,
  canExtend,
  pending,
  onStay,
  onSignOut,
}: {
  open: boolean;
  secondsLeft: number;
  /** False when the session's absolute limit is near: nothing can extend it. */
  canExtend: boolean;
  pending: boolean;
  onStay(): void;
  onSignOut(): void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef<Element | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const lastSecondsRef = useRef(secondsLeft);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement;
      dialog.showModal();
      dialog.focus();
      setAnnouncement('');
      lastSecondsRef.current = Math.ceil(secondsLeft);
    } else if (!open && dialog.open) {
      dialog.close();
      const back = returnFocusRef.current;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
    }
  }, [open, secondsLeft]);

  useEffect(() => {
    if (!open) return;
    const now = Math.ceil(secondsLeft);
    const before = lastSecondsRef.current;
    // Any milestone crossed since the last tick (timers can skip seconds in a background tab).
    for (let s = before - 1; s >= now; s--) {
      if (isMilestone(s)) {
        setAnnouncement(`We will sign you out in ${formatDuration(s)}.`);
        break;
      }
    }
    lastSecondsRef.current = now;
  }, [open, secondsLeft]);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const items = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (
      event.shiftKey &&
      (document.activeElement === first || document.activeElement === dialogRef.current)
    ) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="app-timeout-dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      tabIndex={-1}
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Escape: stay signed in (or simply close the notice when nothing can extend the session).
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id={`${id}-title`} className="govuk-heading-m">
        {canExtend ? 'You’re about to be signed out' : 'You will be signed out soon'}
      </h2>
      <div id={`${id}-text`}>
        <p className="govuk-body">
          {canExtend
            ? 'For your security, we will sign you out in '
            : 'You have been signed in for the longest time we allow. We will sign you out in '}
          <strong className="govuk-!-font-weight-bold">{formatDuration(secondsLeft)}</strong>.
        </p>
        <p className="govuk-body">
          {canExtend
            ? 'If you are signed out, anything you have typed but not saved is kept in this browser tab until you sign in again.'
            : 'Save what you are working on now, then sign in again to carry on.'}
        </p>
      </div>
      <div className="govuk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <div className="govuk-button-group">
        <Button type="button" onClick={onStay} pending={pending} pendingText="Staying signed in…">
          {canExtend ? 'Stay signed in' : 'Continue'}
        </Button>
        <button type="button" className="govuk-link app-link-button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </dialog>
  );
}
