import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AGENCY_TYPE_LABELS, AGENCY_TYPES, type AgencyType } from '../../../../contracts/org';
import { api, queryString } from '../../app/api';
import { InlineLoadError, LoadError, Loading } from '../../app/error-pages';
import { plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Agency, AgencySummary, AvailableAgency } from '../../app/types';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Select } from '../../components/select';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { useFlash, withFlash } from '../common/flash';
import { ActionProblem } from '../common/form-feedback';
import { FormPage, useEntityForm } from '../common/form-page';
import { ListResults, useListPage } from '../common/list-page';
import { useListParams } from '../common/list-params';
import { useRefresh } from '../common/queries';
import { SearchForm } from '../common/search-form';

export const agencyTypeLabel = (type: string) => AGENCY_TYPE_LABELS[type as AgencyType] ?? type;
export const agencyTypeOptions = AGENCY_TYPES.map((t) => ({ value: t, text: AGENCY_TYPE_LABELS[t] }));

export function AgenciesPage() {
  const flash = useFlash();
  const { list, query } = useListPage<AgencySummary>({ resource: 'agencies', title: 'Agencies' });
  if (query.isPending) return <Loading what="agencies" />;
  if (query.error) return <LoadError error={query.error} />;

  return (
    <>
      <BackLink to="/admin">Back to admin</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Agencies</h1>
      <ButtonGroup>
        <ButtonLink to="/admin/agencies/new">Create agency</ButtonLink>
        <ButtonLink to="/admin/agencies/add-existing" variant="secondary">
          Add an agency from another partnership
        </ButtonLink>
      </ButtonGroup>
      <SearchForm
        key={list.key}
        label="Search agencies"
        hint="Search by name"
        q={list.q}
        includeInactive={list.includeInactive}
        inactiveLabel="Include deactivated agencies"
        hrefWith={list.hrefWith}
      />
      <ListResults
        results={query.data}
        hrefFor={list.hrefFor}
        noun="agency"
        nounPlural="agencies"
        empty={
          list.q ? (
            <p className="govuk-body">
              No agencies match “{list.q}”. Check the spelling or search for part of the name.
            </p>
          ) : null
        }
      >
        {(items) => (
          <Table<AgencySummary>
            caption="Agencies in the partnership"
            captionHidden
            rows={items}
            rowKey={(a) => a.id}
            columns={[
              {
                header: 'Name',
                cell: (a) => (
                  <Link to={`/admin/agencies/${a.id}`} className="govuk-link">
                    {a.name}
                  </Link>
                ),
              },
              { header: 'Type', cell: (a) => agencyTypeLabel(a.type) },
              {
                header: 'Partnerships',
                cell: (a) =>
                  a.partnershipCount > 1
                    ? `Shared with ${plural(a.partnershipCount - 1, 'other partnership')}`
                    : 'This one only',
              },
              { header: 'Status', cell: (a) => <ActiveTag active={a.active} /> },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

export function NewAgencyPage() {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefresh('agencies');
  const form = useEntityForm({
    title: 'Create an agency',
    initial: { name: '', type: '' },
    draftKey: `agency:new:${partnershipId}`,
    choiceMessages: { type: 'Select the type of agency' },
    save: async (v) => {
      const agency = await api.post<Agency>(path('agencies'), { name: v.name, type: v.type || undefined });
      await refresh();
      return agency;
    },
    done: (agency) => ({ to: `/admin/agencies/${agency.id}`, flash: 'Agency created' }),
  });

  return (
    <FormPage
      form={form}
      backTo="/admin/agencies"
      submitText="Create agency"
      intro={
        <p className="govuk-body">
          If the agency already works with another partnership in Assure (a police force or an NHS trust, for
          example),{' '}
          <Link to="/admin/agencies/add-existing" className="govuk-link">
            add it from that partnership
          </Link>{' '}
          instead, so both partnerships share one record.
        </p>
      }
    >
      <TextInput {...form.field('name')} label="Agency name" hint="For example, Anytown Police" spellCheck />
      <Select
        {...form.field('type')}
        label="Type of agency"
        options={agencyTypeOptions}
        placeholder="Choose a type"
      />
    </FormPage>
  );
}

/** Share an agency that another partnership already has, so both work from one record. */
export function AddExistingAgencyPage() {
  const { partnershipId, path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefresh('agencies');
  const list = useListParams();
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ message: string; requestId: string | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const query = useQuery({
    queryKey: [partnershipId, 'agencies-available', list.q],
    queryFn: () => api.get<AvailableAgency[]>(path(`agencies-available${queryString({ q: list.q })}`)),
    enabled: list.q.length > 0,
  });
  usePageTitle('Add an agency from another partnership', problem !== null);

  const link = async (agency: AvailableAgency) => {
    if (pendingId) return;
    setPendingId(agency.id);
    setProblem(null);
    try {
      await api.post(path(`agencies/${agency.id}/link`));
      await refresh();
      navigate(`/admin/agencies/${agency.id}`, withFlash(`${agency.name} added to the partnership`));
    } catch (error) {
      const e = error as { message?: string; requestId?: string | null; status?: number };
      setProblem({
        message:
          e.status && e.status >= 500
            ? 'Sorry, there is a problem with the service. Try again later.'
            : (e.message ?? 'The agency could not be added'),
        requestId: e.status && e.status >= 500 ? (e.requestId ?? null) : null,
      });
      setAttempt((n) => n + 1);
    } finally {
      setPendingId(null);
    }
  };

  return (
    <>
      <BackLink to="/admin/agencies" />
      {problem ? <ActionProblem problem={problem} focusKey={attempt} /> : null}
      <h1 className="govuk-heading-l">Add an agency from another partnership</h1>
      <p className="govuk-body">
        Agencies such as police forces and NHS trusts often work with several partnerships. Adding one here
        shares its record: each partnership keeps its own work, and a change to the agency’s name is seen by
        all of them.
      </p>
      <SearchForm
        key={list.key}
        label="Search agencies in other partnerships"
        hint="Search by name"
        q={list.q}
        hrefWith={list.hrefWith}
      />
      {list.q === '' ? null : query.isPending ? (
        <Loading what="agencies" />
      ) : query.error ? (
        <InlineLoadError error={query.error} what="the agencies" />
      ) : query.data.length === 0 ? (
        <p className="govuk-body" role="status">
          No agencies in other partnerships match “{list.q}”. You can{' '}
          <Link to="/admin/agencies/new" className="govuk-link">
            create a new agency
          </Link>{' '}
          instead.
        </p>
      ) : (
        <>
          <p className="govuk-body" role="status">
            {plural(query.data.length, 'agency', 'agencies')} found
          </p>
          <Table<AvailableAgency>
            caption="Agencies you can add"
            captionHidden
            rows={query.data}
            rowKey={(a) => a.id}
            columns={[
              { header: 'Name', cell: (a) => a.name },
              { header: 'Type', cell: (a) => agencyTypeLabel(a.type) },
              {
                header: <span className="govuk-visually-hidden">Action</span>,
                cell: (a) => (
                  <Button
                    type="button"
                    variant="secondary"
                    className="govuk-!-margin-bottom-0"
                    pending={pendingId === a.id}
                    disabled={pendingId !== null && pendingId !== a.id}
                    onClick={() => void link(a)}
                  >
                    Add<span className="govuk-visually-hidden"> {a.name}</span>
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
