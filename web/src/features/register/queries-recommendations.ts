import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { usePartnership } from '../../app/session';
import type { GroupSummary, Page } from '../../app/types';
import type {
  ActionSummaryForRecommendation,
  Recommendation,
  RecommendationSettings,
  Theme,
} from './types-recommendations';

// Recommendations are cached under [partnership, 'recommendations', ...] and themes under
// [partnership, 'themes', ...], so one change refreshes every page that shows them.

export function useRecommendation(id: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'recommendations', 'detail', id],
    queryFn: () => api.get<Recommendation>(path(`recommendations/${id}`)),
  });
}

/** The actions answering one recommendation (the first 100). */
export function useActionsFor(recommendationId: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'actions', 'for-recommendation', recommendationId],
    queryFn: () =>
      api.get<Page<ActionSummaryForRecommendation>>(
        path(`actions${queryString({ recommendationId, pageSize: 100 })}`),
      ),
  });
}

/** Every theme (active and retired), by name. */
export function useThemes() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'themes', 'all'],
    queryFn: async () => {
      const all: Theme[] = [];
      for (let page = 1; page <= 20; page++) {
        const result = await api.get<Page<Theme>>(
          path(`themes${queryString({ page, pageSize: 100, includeInactive: 'true' })}`),
        );
        all.push(...result.items);
        if (all.length >= result.total || result.items.length === 0) break;
      }
      return all;
    },
  });
}

/** The partnership's active governance groups, for "monitoring group" selects. */
export function useGroupOptions() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'groups', 'options'],
    queryFn: async () => {
      const result = await api.get<Page<GroupSummary>>(path(`groups${queryString({ pageSize: 100 })}`));
      return result.items.filter((g) => g.active);
    },
    staleTime: 60_000,
  });
}

export function useRecommendationSettings() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'recommendation-settings'],
    queryFn: () => api.get<RecommendationSettings>(path('recommendation-settings')),
  });
}

/** After a change to a recommendation: its pages, the register and the actions lists. */
export function useRefreshRecommendations() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [partnershipId, 'recommendations'] });
    await queryClient.invalidateQueries({ queryKey: [partnershipId, 'actions'] });
  };
}

export function useRefreshThemes() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [partnershipId, 'themes'] });
}
