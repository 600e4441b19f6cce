import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { SingleCheckbox } from '../../components/checkboxes';

/**
 * A GET-style search: submitting puts the words in the URL (page back to 1). Keyed by the URL's
 * values by the caller, so back and forward refill the box.
 */
export function SearchForm({
  label,
  hint,
  q,
  includeInactive,
  inactiveLabel,
  hrefWith,
}: {
  label: string;
  hint?: string;
  q: string;
  /** Omit to hide the "include deactivated" box. */
  includeInactive?: boolean;
  inactiveLabel?: string;
  hrefWith(changes: Record<string, string | number | boolean | null>): string;
}) {
  const navigate = useNavigate();
  const [text, setText] = useState(q);
  const [inactive, setInactive] = useState(includeInactive ?? false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefWith({ q: text.trim(), page: null, includeInactive: inactive ? 'true' : null }));
  };

  return (
    <search>
      <form className="app-search" onSubmit={onSubmit} noValidate>
        <div className="govuk-form-group app-search__group">
          <label className="govuk-label govuk-label--s" htmlFor="search-q">
            {label}
          </label>
          {hint ? (
            <div className="govuk-hint" id="search-q-hint">
              {hint}
            </div>
          ) : null}
          <div className="app-search__row">
            <input
              className="govuk-input app-search__input"
              id="search-q"
              name="q"
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-describedby={hint ? 'search-q-hint' : undefined}
              autoComplete="off"
            />
            <button type="submit" className="govuk-button govuk-button--secondary app-search__button">
              Search
            </button>
          </div>
        </div>
        {includeInactive !== undefined ? (
          <SingleCheckbox
            id="include-inactive"
            label={inactiveLabel ?? 'Include deactivated'}
            checked={inactive}
            onChange={setInactive}
          />
        ) : null}
      </form>
    </search>
  );
}
