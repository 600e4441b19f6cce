import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The "Change <what>" action of a summary list row, all going to the record's edit page; none when
 * the person may not change it (`to` is null).
 */
export const changeLinks =
  (to: string | null) =>
  (what: string): ReactNode[] | undefined =>
    to === null
      ? undefined
      : [
          <Link key="change" to={to} className="govuk-link">
            Change<span className="govuk-visually-hidden"> {what}</span>
          </Link>,
        ];
