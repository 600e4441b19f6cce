import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { usePartnership } from '../../app/session';
import type { Page, PersonSummary } from '../../app/types';

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/** Everyone active in the partnership, for "choose a person" selects (owner, member, audit filter). */
export function usePeopleOptions(opts: { includeInactive?: boolean } = {}) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'people', 'all', opts.includeInactive ?? false],
    queryFn: async () => {
      const all: PersonSummary[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const result = await api.get<Page<PersonSummary>>(
          path(
            `people${queryString({ page, pageSize: PAGE_SIZE, includeInactive: opts.includeInactive ? 'true' : undefined })}`,
          ),
        );
        all.push(...result.items);
        if (all.length >= result.total || result.items.length === 0) break;
      }
      return all.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    },
    staleTime: 60_000,
  });
}

export const personOptionText = (p: { name: string; email: string }) => `${p.name} (${p.email})`;
