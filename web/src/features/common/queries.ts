import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { usePartnership } from '../../app/session';

// Each kind of record (agencies, people, groups, ...) is cached under [partnership, resource, ...]: its
// lists under 'list', one record under 'detail', so a change can refresh all of them at once.

/** One record of the partnership, e.g. `groups/<id>`. */
export function usePartnershipRecord<T>(resource: string, id: string) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, resource, 'detail', id],
    queryFn: () => api.get<T>(path(`${resource}/${id}`)),
  });
}

/** After a change: everything cached about that kind of record is fetched again. */
export function useRefresh(resource: string) {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [partnershipId, resource] });
}
