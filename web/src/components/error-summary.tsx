import { type MouseEvent, type ReactNode, useEffect, useRef } from 'react';

export type ErrorSummaryItem = { text: string; href?: string };

/** Follows GOV.UK Frontend: focus the field and bring its label or legend into view. */
function focusTarget(event: MouseEvent<HTMLAnchorElement>, href: string) {
  const id = href.replace(/^#/, '');
  const input = document.getElementById(id);
  if (!input) return;
  event.preventDefault();
  const legend = input.closest('fieldset')?.querySelector('legend');
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (legend ?? label ?? input).scrollIntoView();
  input.focus({ preventScroll: true });
}

/**
 * The GOV.UK error summary. It takes focus when it appears and again after every failed attempt
 * (`focusKey` changes), so a screen reader user hears what went wrong at once.
 */
export function ErrorSummary({
  items = [],
  title = 'There is a problem',
  description,
  focusKey,
}: {
  items?: ErrorSummaryItem[];
  title?: string;
  description?: ReactNode;
  focusKey?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const show = items.length > 0 || description !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again on each failed attempt
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, focusKey]);

  if (!show) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description !== undefined ? <div className="govuk-body">{description}</div> : null}
          {items.length > 0 ? (
            <ul className="govuk-list govuk-error-summary__list">
              {items.map((item) => (
                <li key={`${item.href}-${item.text}`}>
                  {item.href ? (
                    <a href={item.href} onClick={(e) => focusTarget(e, item.href!)}>
                      {item.text}
                    </a>
                  ) : (
                    item.text
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
