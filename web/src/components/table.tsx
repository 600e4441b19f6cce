import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { cx } from './class-names';

// Explicit roles, though the elements imply them: when CSS stacks the table on a small screen
// (display: block), browsers drop the implied table semantics, and these put them back.
const ROLE = {
  table: { role: 'table' },
  rowgroup: { role: 'rowgroup' },
  row: { role: 'row' },
  columnheader: { role: 'columnheader' },
  rowheader: { role: 'rowheader' },
  cell: { role: 'cell' },
} as const;

export type Column<T> = {
  header: ReactNode;
  /** The header as text, shown beside each value when the table is stacked on a small screen. */
  label?: string;
  cell(row: T): ReactNode;
  numeric?: boolean;
  /** A GOV.UK width class for the header, e.g. 'govuk-!-width-one-quarter'. */
  className?: string;
};

/**
 * A GOV.UK table with a caption. The first column is a row header (th scope="row"), so screen
 * readers name each row by it. On a small screen each row stacks into a block with its labels
 * (explicit ARIA roles keep it a table for screen readers when CSS changes its display); set
 * `stack={false}` to scroll sideways instead, inside a focusable region.
 */
export function Table<T>({
  caption,
  captionSize = 'm',
  captionHidden,
  columns,
  rows,
  rowKey,
  className,
  stack = true,
}: {
  caption: ReactNode;
  captionSize?: 's' | 'm' | 'l';
  /** Keep the caption for screen readers only (when a heading above already says it). */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string;
  className?: string;
  stack?: boolean;
}) {
  const captionId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollable, setScrollable] = useState(false);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => setScrollable(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    check();
    return () => observer.disconnect();
  }, []);
  const labels = columns.map((c) => c.label ?? (typeof c.header === 'string' ? c.header : ''));

  // Only a table wider than its box becomes a focusable, labelled region, so keyboard users can
  // scroll it sideways (WCAG 2.1.1) without an extra tab stop on every other table.
  return (
    <div
      className={cx('app-table-scroll', stack && 'app-table-scroll--stack')}
      ref={scrollRef}
      {...(scrollable ? { tabIndex: 0, role: 'region', 'aria-labelledby': captionId } : {})}
    >
      <table className={cx('govuk-table', stack && 'app-table--stack', className)} {...ROLE.table}>
        <caption
          id={captionId}
          className={cx(
            'govuk-table__caption',
            `govuk-table__caption--${captionSize}`,
            captionHidden && 'govuk-visually-hidden',
          )}
        >
          {caption}
        </caption>
        <thead className="govuk-table__head" {...ROLE.rowgroup}>
          <tr className="govuk-table__row" {...ROLE.row}>
            {columns.map((c, i) => headerCell(c, i))}
          </tr>
        </thead>
        <tbody className="govuk-table__body" {...ROLE.rowgroup}>
          {rows.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)} {...ROLE.row}>
              {columns.map((c, i) => bodyCell(c, row, i, labels[i]))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function headerCell<T>(column: Column<T>, index: number) {
  return (
    <th
      key={`head-${index}`}
      scope="col"
      {...ROLE.columnheader}
      className={cx(
        'govuk-table__header',
        column.numeric && 'govuk-table__header--numeric',
        column.className,
      )}
    >
      {column.header}
    </th>
  );
}

/** The first cell names the row (a row header); the rest are data cells. Columns never reorder. */
function bodyCell<T>(column: Column<T>, row: T, index: number, label: string) {
  const numeric = column.numeric && 'govuk-table__cell--numeric';
  // Seen only when stacked; screen readers already hear the column header.
  const stackedLabel = label ? (
    <span className="app-table__label" aria-hidden="true">
      {label}
    </span>
  ) : null;
  if (index === 0) {
    return (
      <th
        key={`cell-${index}`}
        scope="row"
        {...ROLE.rowheader}
        className={cx('govuk-table__header', numeric)}
      >
        {column.cell(row)}
      </th>
    );
  }
  return (
    <td key={`cell-${index}`} {...ROLE.cell} className={cx('govuk-table__cell', numeric)}>
      {stackedLabel}
      <span className="app-table__value">{column.cell(row)}</span>
    </td>
  );
}
