import { useEffect } from 'react';

// The page a person arrives at after following a link announces itself: its title changes and focus
// moves to its heading, the way a full page load would start a screen reader at the top.

let lastAnnouncedPath: string | null = null;

/** Moves focus to the element without leaving a focus ring on non-interactive things. */
export function focusElement(el: HTMLElement | null) {
  if (!el) return;
  if (!el.hasAttribute('tabindex')) {
    el.setAttribute('tabindex', '-1');
    el.addEventListener('blur', () => el.removeAttribute('tabindex'), { once: true });
  }
  el.focus();
}

/**
 * Sets `document.title` to "<title> – Assure" (prefixed "Error: " while the page shows errors) and,
 * the first time a page at a new path is ready, moves focus to its h1 (or to main).
 * Pass null while the page is still loading.
 */
export function usePageTitle(title: string | null, hasErrors = false) {
  useEffect(() => {
    if (title === null) return;
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – Assure`;
    const path = window.location.pathname;
    if (lastAnnouncedPath === path) return;
    const firstPage = lastAnnouncedPath === null;
    lastAnnouncedPath = path;
    if (firstPage) return;
    // An error summary or success banner that took focus itself wins.
    if (document.activeElement?.closest('.govuk-error-summary, .govuk-notification-banner--success')) return;
    const main = document.getElementById('main-content');
    focusElement(main?.querySelector<HTMLElement>('h1') ?? main);
  }, [title, hasErrors]);
}

/**
 * For a form inside a page (add a member, add a role): while it shows errors, the page title starts
 * "Error: " as it would for a whole-page form.
 */
export function useErrorTitlePrefix(hasErrors: boolean) {
  useEffect(() => {
    if (!hasErrors) return;
    if (!document.title.startsWith('Error: ')) document.title = `Error: ${document.title}`;
    return () => {
      document.title = document.title.replace(/^Error: /, '');
    };
  }, [hasErrors]);
}
