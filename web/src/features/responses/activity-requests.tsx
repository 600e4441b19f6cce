import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { RESPONSE_STATUS_LABELS } from '../../../../contracts/responses';
import { api, queryString } from '../../app/api';
import { InlineLoadError } from '../../app/error-pages';
import { formatDate } from '../../app/format';
import { usePartnership } from '../../app/session';
import type { Page } from '../../app/types';
import { ButtonLink } from '../../components/button';
import { Table } from '../../components/table';
import { Tag } from '../../components/tag';
import type { ResponseSummary } from './types';

/**
 * The requests sent for one programme activity (one form per agency or person), with a link to send
 * another when the person may. Mounted on the activity's page.
 */
export function ActivityRequests({ activityId, canSend }: { activityId: string; canSend: boolean }) {
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'responses', 'activity', activityId],
    queryFn: () =>
      api.get<Page<ResponseSummary>>(path(`responses${queryString({ activityId, pageSize: 100 })}`)),
  });
  const send = canSend ? (
    <ButtonLink to={`/requests/new${queryString({ activityId })}`} variant="secondary">
      Send a request for this activity
    </ButtonLink>
  ) : null;
  if (query.isPending) return <p className="govuk-body">Loading the requests…</p>;
  if (query.error) return <InlineLoadError error={query.error} what="the requests" />;
  const items = query.data.items;
  if (items.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">Requests</h2>
        <p className="govuk-body">No requests have been sent for this activity that you can see.</p>
        {send}
      </>
    );
  }
  return (
    <>
      <Table<ResponseSummary>
        caption="Requests"
        rows={items}
        rowKey={(r) => r.id}
        columns={[
          {
            header: 'Request',
            label: 'Request',
            cell: (r) => (
              <Link className="govuk-link" to={`/responses/${r.id}`}>
                {r.title}
              </Link>
            ),
          },
          { header: 'To', label: 'To', cell: (r) => r.agency?.name ?? r.assignee?.name ?? '' },
          { header: 'Due', label: 'Due', cell: (r) => (r.dueOn ? formatDate(r.dueOn) : 'No date') },
          {
            header: 'Status',
            label: 'Status',
            cell: (r) => (
              <Tag colour={r.status === 'submitted' ? 'green' : 'blue'}>
                {RESPONSE_STATUS_LABELS[r.status]}
              </Tag>
            ),
          },
        ]}
      />
      {query.data.total > items.length ? (
        <p className="govuk-body">
          Showing the first {items.length} of {query.data.total} requests.
        </p>
      ) : null}
      {send}
    </>
  );
}
