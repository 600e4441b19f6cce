import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import { usePartnership } from '../../app/session';
import type { Page } from '../../app/types';
import type {
  Activity,
  AgencyView,
  CalendarFeedStatus,
  ChangesPage,
  MonthList,
  ProgrammeDetail,
  ProgrammeSummary,
} from './types';

// Everything about programmes and their activities is cached under [partnership, 'programme', ...], so
// one change refreshes the grid, the month list and the activity pages alike.
const RESOURCE = 'programme';

function useProgrammeQuery<T>(key: unknown[], path: string, enabled = true) {
  const { partnershipId, path: under } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, RESOURCE, ...key],
    queryFn: () => api.get<T>(under(path)),
    enabled,
  });
}

export const useProgrammes = (page = 1) =>
  useProgrammeQuery<Page<ProgrammeSummary>>(
    ['list', page],
    `programmes${queryString({ page, pageSize: 25, includeInactive: 'true' })}`,
  );
export const useProgramme = (id: string) =>
  useProgrammeQuery<ProgrammeDetail>(['detail', id], `programmes/${id}`);
export const useMonthList = (id: string) =>
  useProgrammeQuery<MonthList>(['months', id], `programmes/${id}/months`);
export const useAgencyView = (id: string, agencyId: string) =>
  useProgrammeQuery<AgencyView>(
    ['agency', id, agencyId],
    `programmes/${id}/agencies/${agencyId}`,
    !!agencyId,
  );
export const useChanges = (id: string, page: number) =>
  useProgrammeQuery<ChangesPage>(
    ['changes', id, page],
    `programmes/${id}/changes-since-approval${queryString({ page, pageSize: 25 })}`,
  );
export const useActivity = (id: string) => useProgrammeQuery<Activity>(['activity', id], `activities/${id}`);

/** After any change to a programme or an activity. */
export function useRefreshProgramme() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [partnershipId, RESOURCE] });
}

export const CALENDAR_FEED_KEY = ['me', 'calendar-feed'];
export const useCalendarFeed = () =>
  useQuery({ queryKey: CALENDAR_FEED_KEY, queryFn: () => api.get<CalendarFeedStatus>('/me/calendar-feed') });
