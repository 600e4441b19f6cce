import type { ReactNode } from 'react';
import { cx } from './class-names';

export type SummaryRow = {
  key: ReactNode;
  value: ReactNode;
  /** e.g. { href: 'edit', text: 'Change', visuallyHiddenText: 'name' } rendered by the caller as links. */
  actions?: ReactNode[];
};

export function SummaryList({ rows, noBorder }: { rows: SummaryRow[]; noBorder?: boolean }) {
  const anyActions = rows.some((r) => r.actions && r.actions.length > 0);
  return (
    <dl className={cx('govuk-summary-list', noBorder && 'govuk-summary-list--no-border')}>
      {rows.map((row, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed per page
          key={i}
          className={cx(
            'govuk-summary-list__row',
            anyActions && !row.actions?.length && 'govuk-summary-list__row--no-actions',
          )}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.actions?.length ? (
            <dd className="govuk-summary-list__actions">
              {row.actions.length === 1 ? (
                row.actions[0]
              ) : (
                <ul className="govuk-summary-list__actions-list">
                  {row.actions.map((action, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: actions are fixed per row
                    <li className="govuk-summary-list__actions-list-item" key={j}>
                      {action}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
