import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button';

/**
 * A list's status filter: a select and a Show button that puts the choice in the URL (page back to 1).
 * Keyed by the URL's values by the caller, so back and forward reset the select.
 */
export function StatusFilter({
  status,
  options,
  hrefWith,
}: {
  status: string;
  options: { value: string; text: string }[];
  hrefWith(c: Record<string, string | null>): string;
}) {
  const navigate = useNavigate();
  const [value, setValue] = useState(status);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(hrefWith({ status: value || null, page: null }));
  };
  return (
    <form className="app-filter" onSubmit={onSubmit} noValidate>
      <div className="govuk-form-group app-filter__group">
        <label className="govuk-label govuk-label--s" htmlFor="status">
          Status
        </label>
        <select
          className="govuk-select"
          id="status"
          name="status"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        >
          <option value="">All</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" className="app-filter__button">
        Show
      </Button>
    </form>
  );
}
