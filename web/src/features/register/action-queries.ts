import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../../../../contracts/recommendations';
import { api, queryString } from '../../app/api';
import { usePartnership, useSession } from '../../app/session';
import type { Page } from '../../app/types';
import type { ActionDetail, ActionPlan, LinkedRecommendation, RecommendationOption } from './action-types';

// Actions, their plans and the recommendations they answer are cached under [partnership, 'actions', ...]
// and [partnership, 'recommendations', ...], so one change refreshes the list, the plan and the action.
const RESOURCE = 'actions';

/** Recommendations an agency is expected to answer, and a new action may be linked to. */
export const IN_FORCE: RecommendationStatus[] = ['agreed', 'in_progress', 'impact_check'];
export const LINKABLE: RecommendationStatus[] = RECOMMENDATION_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'not_accepted',
);

export function useAction(id: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, RESOURCE, 'detail', id],
    queryFn: () => api.get<ActionDetail>(path(`actions/${id}`)),
  });
}

/** One page of an agency's action plan (the page in the URL). */
export function useActionPlan(agencyId: string, page: number) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, RESOURCE, 'plan', agencyId, page],
    queryFn: () =>
      api.get<ActionPlan>(path(`agencies/${agencyId}/action-plan${page > 1 ? queryString({ page }) : ''}`)),
  });
}

/** One page of the recommendations addressed to an agency that none of its actions answers yet. */
export function useUnansweredRecommendations(agencyId: string, page: number) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, RESOURCE, 'plan', agencyId, 'unanswered', page],
    queryFn: () =>
      api.get<Page<LinkedRecommendation> & { agency: { id: string; name: string } }>(
        path(`agencies/${agencyId}/action-plan/unanswered${queryString({ page })}`),
      ),
  });
}

export function useRecommendationOption(id: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'recommendations', 'detail', id],
    queryFn: () => api.get<RecommendationOption>(path(`recommendations/${id}`)),
    enabled: !!id,
  });
}

/** Every recommendation addressed to an agency (all pages), newest first; filtered by the caller. */
export function useAgencyRecommendations(agencyId: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'recommendations', 'for-agency', agencyId],
    queryFn: async () => {
      const all: RecommendationOption[] = [];
      for (let page = 1; page <= 20; page++) {
        const result = await api.get<Page<RecommendationOption>>(
          path(`recommendations${queryString({ agencyId, page, pageSize: 100 })}`),
        );
        all.push(...result.items);
        if (all.length >= result.total || result.items.length === 0) break;
      }
      return all.sort((a, b) => a.number - b.number);
    },
    enabled: !!agencyId,
  });
}

/** After any change to an action: lists, plans, the action, and the recommendations (their status moves). */
export function useRefreshActions() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [partnershipId, RESOURCE] }),
      queryClient.invalidateQueries({ queryKey: [partnershipId, 'recommendations'] }),
    ]);
}

/** What the signed-in person may do with actions, from their roles (the server still decides). */
export function useActionRoles() {
  const { currentPartnership, session } = useSession();
  const roles = currentPartnership?.roles ?? [];
  const oversees = roles.some((r) => r.role === 'partnership_admin' || r.role === 'qa_group_member');
  const seesAll = oversees || roles.some((r) => r.role === 'independent_scrutineer');
  const ledAgencyIds = [
    ...new Set(roles.filter((r) => r.role === 'agency_lead' && r.agencyId).map((r) => r.agencyId as string)),
  ];
  return {
    personId: session?.person.id ?? '',
    oversees,
    seesAll,
    ledAgencyIds,
    /** May plan an action for this agency. */
    plansFor: (agencyId: string) => oversees || ledAgencyIds.includes(agencyId),
    plansAny: oversees || ledAgencyIds.length > 0,
  };
}
