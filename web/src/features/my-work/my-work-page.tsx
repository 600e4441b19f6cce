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
import type { MyWork, MyWorkItem, MyWorkKind } from '../notifications/types';

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
  const { items, total, overdue, kinds, unreadNotifications } = query.data;
  const hidden = kinds.filter((k) => k.total > k.shown);

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
      {total === 0 ? (
        <div className="govuk-inset-text">
          You have nothing waiting for you. When you are asked to complete an audit, a self-assessment or an
          action, it will appear here, with its due date.
        </div>
      ) : (
        <>
          {overdue > 0 ? (
            <p className="govuk-body">
              <strong>{count(overdue, 'thing is', 'things are')} overdue.</strong>
            </p>
          ) : null}
          <Table<MyWorkItem>
            caption={
              hidden.length === 0
                ? `${count(total, 'thing')} waiting for you, overdue first`
                : `The ${count(items.length, 'most urgent thing', 'most urgent things')} of ${count(total, 'thing')} waiting for you, overdue first`
            }
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
          {hidden.length > 0 ? (
            <>
              <h2 className="govuk-heading-m">More of your work</h2>
              <ul className="govuk-list govuk-list--spaced">
                {hidden.map((k) => (
                  <MoreOfKind key={k.itemType} kind={k} leadsAnAgency={ledAgencyIds.length > 0} />
                ))}
              </ul>
            </>
          ) : null}
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

/** "4,262 things": numbers with thousands separators, as GOV.UK writes them. */
const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What each kind of work is called, and the list where all of it is (for an agency lead, or anyone else). */
const KINDS: Record<string, { one: string; many: string; place(leadsAnAgency: boolean): [string, string] }> =
  {
    form_response: {
      one: 'request to complete a form',
      many: 'requests to complete a form',
      place: () => ['/responses?mine=true&status=draft', 'See all your requests still in draft'],
    },
    qa_activity: {
      one: 'activity you lead',
      many: 'activities you lead',
      place: () => ['/programme', 'See the QA programme'],
    },
    action: {
      one: 'action',
      many: 'actions',
      place: (leadsAnAgency) =>
        leadsAnAgency
          ? ['/register/action-plans', 'See your agency’s action plan, overdue first']
          : ['/register/actions?mine=true', 'See all the actions you own'],
    },
    impact_check: {
      one: 'impact check waiting for evidence',
      many: 'impact checks waiting for evidence',
      place: () => ['/register/impact-checks?judged=false', 'See the impact checks not judged yet'],
    },
    assurance_request: {
      one: 'assurance request',
      many: 'assurance requests',
      place: () => ['/register/assurance-requests?state=open', 'See the open assurance requests'],
    },
    rapid_review_step: {
      one: 'rapid review step',
      many: 'rapid review steps',
      place: () => ['/case-reviews', 'See the case reviews'],
    },
  };

/** "4,262 more impact checks waiting for evidence (3,900 of the 4,312 are overdue). See the impact checks…" */
function MoreOfKind({ kind, leadsAnAgency }: { kind: MyWorkKind; leadsAnAgency: boolean }) {
  const k = KINDS[kind.itemType] ?? { one: 'other thing', many: 'other things', place: () => null };
  const place = k.place(leadsAnAgency);
  return (
    <li>
      <strong>{count(kind.total - kind.shown, `more ${k.one}`, `more ${k.many}`)}</strong>
      {kind.overdue > 0
        ? ` (${kind.overdue.toLocaleString('en-GB')} of the ${kind.total.toLocaleString('en-GB')} ${kind.overdue === 1 ? 'is' : 'are'} overdue)`
        : null}
      {place ? (
        <>
          {'. '}
          <Link to={place[0]} className="govuk-link">
            {place[1]}
          </Link>
        </>
      ) : null}
    </li>
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
