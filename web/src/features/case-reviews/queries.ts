import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { usePartnership, useSession } from '../../app/session';
import type { CaseFile, CaseReviewCounts, Dashboard } from './types';

// Case files are cached under [partnership, 'case-files', ...] (lists under 'list', one file under 'detail')
// and the dashboard and counts under [partnership, 'case-reviews', ...], so one change refreshes them all.
// Each read is audit-logged by the server, so nothing here polls.

/** Members of the case review group open case files and see them all; others see only files naming them. */
export function useInCaseReviewGroup() {
  const { roles } = useSession();
  return roles.includes('case_review_group_member');
}

/** Annual counts carry no case detail: the case review group, partnership admins and board viewers. */
export function useCanSeeCaseReviewCounts() {
  const { roles } = useSession();
  return (
    roles.includes('case_review_group_member') ||
    roles.includes('partnership_admin') ||
    roles.includes('board_viewer')
  );
}

export function useCaseFile(id: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'case-files', 'detail', id],
    queryFn: () => api.get<CaseFile>(path(`case-files/${id}`)),
  });
}

export function useCaseReviewDashboard() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'case-reviews', 'dashboard'],
    queryFn: () => api.get<Dashboard>(path('case-reviews/dashboard')),
  });
}

export function useCaseReviewCounts(year: number) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'case-reviews', 'counts', year],
    queryFn: () => api.get<CaseReviewCounts>(path(`case-reviews/counts${queryString({ year })}`)),
    placeholderData: (previous) => previous,
  });
}

/** After a change to a case file: the file, the register, the dashboard and the counts. */
export function useRefreshCaseFiles() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [partnershipId, 'case-files'] });
    await queryClient.invalidateQueries({ queryKey: [partnershipId, 'case-reviews'] });
  };
}

/** After a recommendation is added from a case file, the register shows it too. */
export function useRefreshRecommendationsToo() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [partnershipId, 'recommendations'] });
}
