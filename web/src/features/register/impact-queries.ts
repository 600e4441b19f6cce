import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { usePartnership, useSession } from '../../app/session';
import type { Page } from '../../app/types';
import { usePartnershipRecord } from '../common/queries';
import type { AssuranceRequest, ImpactCheck, RecommendationOption, ScrutinyReview } from './impact-types';

// Cached under [partnership, resource, 'list' | 'detail', ...] like every other record (common/queries.ts).
export const IMPACT_CHECKS = 'impact-checks';
export const ASSURANCE_REQUESTS = 'assurance-requests';
export const SCRUTINY_REVIEWS = 'scrutiny-reviews';

export const useImpactCheck = (id: string) => usePartnershipRecord<ImpactCheck>(IMPACT_CHECKS, id);
export const useAssuranceRequest = (id: string) =>
  usePartnershipRecord<AssuranceRequest>(ASSURANCE_REQUESTS, id);
export const useScrutinyReview = (id: string) => usePartnershipRecord<ScrutinyReview>(SCRUTINY_REVIEWS, id);

/**
 * After a change to one of these records: the record's own lists and pages, the recommendations they
 * belong to (statuses, overdue flags) and My work.
 */
export function useRefreshRegister(resource: string) {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [resource, 'recommendations', 'my-work', 'reminders'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [partnershipId, key] }),
      ),
    );
}

/** Recommendations addressed to one agency, for choosing what an assurance request asks about. */
export function useRecommendationsOf(agencyId: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'recommendations', 'options', agencyId],
    queryFn: () =>
      api.get<Page<RecommendationOption>>(path(`recommendations${queryString({ agencyId, pageSize: 100 })}`)),
    enabled: !!agencyId,
  });
}

/** What the signed-in person's roles in this partnership let them do in this part of the register. */
export function useRegisterRoles() {
  const { currentPartnership, roles } = useSession();
  const isAdmin = roles.includes('partnership_admin');
  const judges = isAdmin || roles.includes('qa_group_member');
  const ownAgencyIds = [
    ...new Set(
      (currentPartnership?.roles ?? [])
        .filter(
          (r) =>
            r.agencyId && ['agency_lead', 'auditor_practitioner', 'education_provider_lead'].includes(r.role),
        )
        .map((r) => r.agencyId!),
    ),
  ];
  return {
    /** Admins and the QA group: ask agencies for assurance and record judgements. */
    judges,
    /** Admins, the QA group and independent scrutineers: keep the scrutiny plan. */
    writesScrutiny: judges || roles.includes('independent_scrutineer'),
    ownAgencyIds,
  };
}
