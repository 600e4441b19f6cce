import { useLocation, useSearchParams } from 'react-router';

/**
 * A list page's search, page and filters live in the URL, so back, forward, reload and sharing a link
 * all show the same results.
 */
export function useListParams<K extends string = never>(extraKeys: readonly K[] = []) {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const rawPage = Number(params.get('page') ?? '1');
  const page = Number.isInteger(rawPage) && rawPage >= 1 ? rawPage : 1;
  const q = params.get('q') ?? '';
  const includeInactive = params.get('includeInactive') === 'true';
  const extra = Object.fromEntries(extraKeys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;

  /** The URL of this list with some values changed (empty values are dropped). */
  const hrefWith = (changes: Record<string, string | number | boolean | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '' || value === false) next.delete(key);
      else next.set(key, String(value));
    }
    if (next.get('page') === '1') next.delete('page');
    const s = next.toString();
    return s ? `${pathname}?${s}` : pathname;
  };

  return {
    q,
    page,
    includeInactive,
    extra,
    hrefWith,
    hrefFor: (p: number) => hrefWith({ page: p }),
    /** The key that identifies these results for the query cache. */
    key: params.toString(),
  };
}

export type ListParams<K extends string = never> = ReturnType<typeof useListParams<K>>;
