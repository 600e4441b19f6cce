import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { usePartnership } from '../../app/session';
import type { AgencySummary, Page } from '../../app/types';

/** Active agencies in the partnership, for "which agency" selects. */
export function useAgencyOptions() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'agencies', 'all'],
    queryFn: async () => {
      const all: AgencySummary[] = [];
      for (let page = 1; page <= 20; page++) {
        const result = await api.get<Page<AgencySummary>>(
          path(`agencies${queryString({ page, pageSize: 100 })}`),
        );
        all.push(...result.items);
        if (all.length >= result.total || result.items.length === 0) break;
      }
      return all.filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    },
    staleTime: 60_000,
  });
}
