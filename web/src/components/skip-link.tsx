import type { MouseEvent } from 'react';
import { focusElement } from '../app/page-title';

/** The first thing in the page: jumps keyboard users past the header and navigation. */
export function SkipLink({ target = 'main-content' }: { target?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(target);
    if (!main) return;
    event.preventDefault();
    focusElement(main);
    main.scrollIntoView();
  };
  return (
    <a href={`#${target}`} className="govuk-skip-link" data-module="govuk-skip-link" onClick={onClick}>
      Skip to main content
    </a>
  );
}
