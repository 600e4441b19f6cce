import { Link } from 'react-router';

/** The page numbers to show: first, last, and the neighbours of the current one, with gaps. */
export function pageItems(current: number, last: number): (number | 'gap')[] {
  const wanted = new Set([1, last, current - 1, current, current + 1].filter((n) => n >= 1 && n <= last));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: (number | 'gap')[] = [];
  for (const n of sorted) {
    const prev = items[items.length - 1];
    if (typeof prev === 'number' && n - prev > 1) items.push('gap');
    items.push(n);
  }
  return items;
}

const PrevIcon = () => (
  <svg
    className="govuk-pagination__icon govuk-pagination__icon--prev"
    xmlns="http://www.w3.org/2000/svg"
    height="13"
    width="15"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 15 13"
  >
    <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
  </svg>
);

const NextIcon = () => (
  <svg
    className="govuk-pagination__icon govuk-pagination__icon--next"
    xmlns="http://www.w3.org/2000/svg"
    height="13"
    width="15"
    aria-hidden="true"
    focusable="false"
    viewBox="0 0 15 13"
  >
    <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
  </svg>
);

/** GOV.UK pagination; every page is a real link (URL carries the page), so back and forward work. */
export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor(page: number): string;
}) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (last <= 1) return null;
  return (
    <nav className="govuk-pagination" aria-label="Pagination">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={hrefFor(page - 1)} rel="prev">
            <PrevIcon />
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {pageItems(page, last).map((item, i) =>
          item === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity
            <li key={`gap-${i}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
              &ctdot;
            </li>
          ) : (
            <li
              key={item}
              className={
                item === page
                  ? 'govuk-pagination__item govuk-pagination__item--current'
                  : 'govuk-pagination__item'
              }
            >
              <Link
                className="govuk-link govuk-pagination__link"
                to={hrefFor(item)}
                aria-label={`Page ${item}`}
                aria-current={item === page ? 'page' : undefined}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < last ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={hrefFor(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <NextIcon />
          </Link>
        </div>
      ) : null}
    </nav>
  );
}

/** "Showing 1 to 25 of 132 agencies", announced politely when a search or page changes. */
export function ResultCount({
  page,
  pageSize,
  total,
  noun,
  nounPlural = `${noun}s`,
}: {
  page: number;
  pageSize: number;
  total: number;
  noun: string;
  nounPlural?: string;
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const lastShown = Math.min(total, page * pageSize);
  const text =
    total === 0
      ? `No ${nounPlural} found`
      : total <= pageSize && page === 1
        ? `Showing ${total} ${total === 1 ? noun : nounPlural}`
        : `Showing ${first} to ${lastShown} of ${total} ${nounPlural}`;
  return (
    <p className="govuk-body" role="status">
      {text}
    </p>
  );
}
