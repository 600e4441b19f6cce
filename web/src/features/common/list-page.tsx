import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, queryString } from '../../app/api';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Page } from '../../app/types';
import { Pagination, ResultCount } from '../../components/pagination';
import { type ListParams, useListParams } from './list-params';

type ApiParams = Record<string, string | undefined>;

/** A searchable list's parameters: the words, the page, and whether to include deactivated records. */
const searchParams = (list: Pick<ListParams, 'q' | 'page' | 'includeInactive'>, pageSize: number) => ({
  q: list.q,
  page: list.page,
  pageSize,
  includeInactive: list.includeInactive ? 'true' : undefined,
});

/**
 * A list page's data: its search, page and filters from the URL (see useListParams), and that page of
 * `resource` from the API, with the previous results kept on screen while the next ones load. The page
 * title is set once the first results are there.
 */
export function useListPage<T, K extends string = never>({
  resource,
  title,
  hasErrors = false,
  pageSize = 25,
  extraKeys,
  filters,
}: {
  /** The API's path under the partnership, e.g. `agencies`; also names the cached results. */
  resource: string;
  title: string;
  hasErrors?: boolean;
  pageSize?: number;
  /** URL parameters beyond the search, page and "include deactivated", e.g. `status`. */
  extraKeys?: readonly K[];
  /** The API's filters, from the URL; without it, the search words and "include deactivated". */
  filters?(list: ListParams<K>): ApiParams;
}) {
  const { partnershipId, path } = usePartnership();
  const list = useListParams(extraKeys);
  const params = filters ? { ...filters(list), page: list.page, pageSize } : searchParams(list, pageSize);
  const query = useQuery({
    queryKey: [partnershipId, resource, 'list', list.key],
    queryFn: () => api.get<Page<T>>(path(`${resource}${queryString(params)}`)),
    placeholderData: (previous) => previous,
  });
  usePageTitle(query.data ? title : null, hasErrors);
  return { list, query };
}

/**
 * One page of results: how many there are ("Showing 1 to 25 of 40 agencies", announced), the results
 * themselves or `empty` when there are none, and links to the other pages.
 */
export function ListResults<T>({
  results,
  hrefFor,
  noun,
  nounPlural,
  empty = null,
  children,
}: {
  results: Page<T>;
  hrefFor(page: number): string;
  noun: string;
  nounPlural?: string;
  empty?: ReactNode;
  children(items: T[]): ReactNode;
}) {
  return (
    <>
      <ResultCount
        page={results.page}
        pageSize={results.pageSize}
        total={results.total}
        noun={noun}
        nounPlural={nounPlural}
      />
      {results.items.length > 0 ? children(results.items) : empty}
      <Pagination page={results.page} pageSize={results.pageSize} total={results.total} hrefFor={hrefFor} />
    </>
  );
}
