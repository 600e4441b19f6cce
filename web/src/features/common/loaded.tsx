import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadError, Loading } from '../../app/error-pages';

/**
 * A page that needs its data first: "Loading the <what>…" meanwhile, the not found, no permission or
 * service problem page if loading fails, and then what `children` makes of the data (which sets the
 * page title, so the title and focus wait for the real heading).
 */
export function Loaded<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children(data: T): ReactNode;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.error) return <LoadError error={query.error} />;
  return children(query.data);
}
