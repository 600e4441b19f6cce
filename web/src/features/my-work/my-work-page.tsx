import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { formatDate, plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import type { Agency } from '../../app/types';
import { NotificationBanner } from '../../components/notification-banner';
import { Table } from '../../components/table';
import { Tag } from '../../components/tag';
import { useFlash } from '../common/flash';
import type { MyWork, MyWorkItem } from '../notifications/types';

export function MyWorkPage() {
  const { session, currentPartnership } = useSession();
  const ledAgencyIds = [
    ...new Set(
      (currentPartnership?.roles ?? [])
        .filter((r) => r.role === 'agency_lead' && r.agencyId)
        .map((r) => r.agencyId!),
    ),
  ];
  const { partnershipId, path } = usePartnership();
  const flash = useFlash();
  const query = useQuery({
    queryKey: [partnershipId, 'my-work'],
    queryFn: () => api.get<MyWork>(path('my-work')),
  });
  usePageTitle(query.isPending || query.error ? null : 'My work');

  if (query.isPending) return <Loading what="list of your work" />;
  if (query.error) return <LoadError error={query.error} />;
  const { items, unreadNotifications } = query.data;
  const overdue = items.filter((i) => i.overdue).length;

  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">My work</h1>
      <p className="govuk-body-l">Hello {session?.person.name}.</p>
      <p className="govuk-body">
        <Link to="/notifications" className="govuk-link">
          {unreadNotifications === 0
            ? 'Notifications'
            : `${plural(unreadNotifications, 'unread notification')}`}
        </Link>
        {unreadNotifications === 0 ? ': none unread' : null}
      </p>
      {(currentPartnership?.roles ?? []).some(
        (r) => r.role === 'board_viewer' || r.role === 'lead_sponsor',
      ) ? (
        <p className="govuk-body">
          <Link to="/register/summary" className="govuk-link">
            Board summary
          </Link>
          : how the partnership’s recommendations are turning into change
        </p>
      ) : null}
      {items.length === 0 ? (
        <div className="govuk-inset-text">
          You have nothing waiting for you. When you are asked to complete an audit, a self-assessment or an
          action, it will appear here, with its due date.
        </div>
      ) : (
        <>
          {overdue > 0 ? (
            <p className="govuk-body">
              <strong>{plural(overdue, 'thing is', 'things are')} overdue.</strong>
            </p>
          ) : null}
          <Table<MyWorkItem>
            caption={`${plural(items.length, 'thing')} waiting for you, overdue first`}
            rows={items}
            rowKey={(i) => `${i.itemType}:${i.itemId}`}
            columns={[
              {
                header: 'What',
                label: 'What',
                cell: (i) => (
                  <Link to={i.href} className="govuk-link">
                    {i.title}
                  </Link>
                ),
              },
              { header: 'Kind', label: 'Kind', cell: (i) => i.kind },
              {
                header: 'Due',
                label: 'Due',
                cell: (i) => (
                  <>
                    {i.dueDate ? formatDate(i.dueDate) : 'No due date'}
                    {i.overdue ? (
                      <>
                        {' '}
                        <Tag colour="red">Overdue</Tag>
                      </>
                    ) : i.daysUntilDue === 0 ? (
                      <>
                        {' '}
                        <Tag colour="orange">Due today</Tag>
                      </>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
      {ledAgencyIds.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">{ledAgencyIds.length === 1 ? 'Your agency' : 'Your agencies'}</h2>
          <ul className="govuk-list">
            {ledAgencyIds.map((id) => (
              <li key={id}>
                <AgencyLink agencyId={id} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** A link to an agency the person leads, where they look after its sections. */
function AgencyLink({ agencyId }: { agencyId: string }) {
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'agencies', 'detail', agencyId],
    queryFn: () => api.get<Agency>(path(`agencies/${agencyId}`)),
  });
  return (
    <Link to={`/admin/agencies/${agencyId}`} className="govuk-link">
      {query.data?.name ?? 'Your agency'}
      <span className="govuk-visually-hidden">: its details and sections</span>
    </Link>
  );
}
