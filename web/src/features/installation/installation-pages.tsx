import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { COVERS_LABELS, PARTNERSHIP_COVERS } from '../../../../contracts/org';
import { api, queryString } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { usePageTitle } from '../../app/page-title';
import type { Page } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { Pagination, ResultCount } from '../../components/pagination';
import { Radios } from '../../components/radios';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, withFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';
import { useListParams } from '../common/list-params';
import { SearchForm } from '../common/search-form';

// The installation's own administration: service admins create and deactivate partnerships. Being a
// service admin shows no partnership's data; that still needs a role in the partnership.

export type InstallationPartnership = {
  id: string;
  name: string;
  covers: (typeof PARTNERSHIP_COVERS)[number];
  active: boolean;
  memberCount: number;
  agencyCount: number;
  createdAt: string;
};

const BASE = '/installation/partnerships';
const LIST = '/service/partnerships';
const coversItems = PARTNERSHIP_COVERS.map((c) => ({ value: c, text: COVERS_LABELS[c] }));

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['installation'] });
}

export function InstallationPartnershipsPage() {
  const list = useListParams();
  const flash = useFlash();
  const query = useQuery({
    queryKey: ['installation', 'partnerships', list.key],
    queryFn: () =>
      api.get<Page<InstallationPartnership>>(
        `${BASE}${queryString({
          q: list.q,
          page: list.page,
          pageSize: 25,
          includeInactive: list.includeInactive ? 'true' : undefined,
        })}`,
      ),
    placeholderData: (previous) => previous,
  });
  usePageTitle(query.data ? 'Partnerships in Assure' : null);
  if (query.isPending) return <Loading what="partnerships" />;
  if (query.error) return <LoadError error={query.error} />;
  const data = query.data;
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <span className="govuk-caption-l">Service admin</span>
      <h1 className="govuk-heading-l">Partnerships in Assure</h1>
      <p className="govuk-body">
        Every partnership this installation hosts. Create one to invite its first partnership admin, who then
        sets up its agencies and people. You see no partnership’s records unless you also hold a role in it.
      </p>
      <ButtonLink to={`${LIST}/new`}>Create a partnership</ButtonLink>
      <SearchForm
        key={list.key}
        label="Search partnerships"
        q={list.q}
        includeInactive={list.includeInactive}
        inactiveLabel="Include deactivated partnerships"
        hrefWith={list.hrefWith}
      />
      <ResultCount
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        noun="partnership"
        nounPlural="partnerships"
      />
      {data.items.length > 0 ? (
        <Table<InstallationPartnership>
          caption="Partnerships"
          captionHidden
          rows={data.items}
          rowKey={(p) => p.id}
          columns={[
            { header: 'Partnership', cell: (p) => p.name },
            { header: 'Covers', cell: (p) => COVERS_LABELS[p.covers] },
            { header: 'People', cell: (p) => String(p.memberCount), numeric: true },
            { header: 'Agencies', cell: (p) => String(p.agencyCount), numeric: true },
            { header: 'Status', cell: (p) => <ActiveTag active={p.active} /> },
            {
              header: <span className="govuk-visually-hidden">Action</span>,
              cell: (p) => (
                <Link to={`${LIST}/${p.id}/${p.active ? 'deactivate' : 'reactivate'}`} className="govuk-link">
                  {p.active ? 'Deactivate' : 'Reactivate'}
                  <span className="govuk-visually-hidden"> {p.name}</span>
                </Link>
              ),
            },
          ]}
        />
      ) : null}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} hrefFor={list.hrefFor} />
    </>
  );
}

export function NewInstallationPartnershipPage() {
  const navigate = useNavigate();
  const refresh = useRefresh();
  const form = useForm({
    initial: { name: '', covers: '', adminName: '', adminEmail: '' },
    draftKey: 'installation:partnership:new',
    fieldOrder: ['name', 'covers', 'adminName', 'adminEmail'],
  });
  usePageTitle('Create a partnership', form.hasErrors);
  const save = form.submit(
    async (v) => {
      await api.post(BASE, v);
      await refresh();
    },
    () => navigate(LIST, withFlash('Partnership created. Its first admin has been sent an invitation.')),
  );
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={LIST} />
        <FormFeedback form={form} />
        <span className="govuk-caption-l">Service admin</span>
        <h1 className="govuk-heading-l">Create a partnership</h1>
        <form onSubmit={save} noValidate>
          <TextInput
            {...form.field('name')}
            label="Partnership name"
            hint="For example, Westshire Safeguarding Partnership"
            spellCheck
          />
          <Radios
            {...form.field('covers')}
            legend="Who does the partnership cover?"
            legendSize="s"
            items={coversItems}
          />
          <h2 className="govuk-heading-m">First partnership admin</h2>
          <InsetText>
            They get an email with a single-use link, valid for 7 days, to set up their account. They then
            invite everyone else.
          </InsetText>
          <TextInput {...form.field('adminName')} label="Full name" autoComplete="off" spellCheck={false} />
          <TextInput
            {...form.field('adminEmail')}
            label="Email address"
            type="email"
            autoComplete="off"
            spellCheck={false}
          />
          <ButtonGroup>
            <Button pending={form.pending}>Create partnership</Button>
            <Link to={LIST} className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}

function useInstallationPartnership(id: string) {
  return useQuery({
    queryKey: ['installation', 'partnerships', 'one', id],
    queryFn: () => api.get<InstallationPartnership>(`${BASE}/${id}`),
  });
}

function ChangePartnershipStatusPage({ active }: { active: boolean }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const refresh = useRefresh();
  const query = useInstallationPartnership(id);
  usePageTitle(null);
  if (query.isPending) return <Loading what="partnership" />;
  if (query.error) return <LoadError error={query.error} />;
  const p = query.data;
  return (
    <ConfirmAction
      title={active ? `Reactivate ${p.name}` : `Deactivate ${p.name}`}
      caption="Service admin"
      confirmText={active ? 'Reactivate partnership' : 'Deactivate partnership'}
      warning={!active}
      cancelTo={LIST}
      onConfirm={async () => {
        await api.post(`${BASE}/${p.id}/${active ? 'reactivate' : 'deactivate'}`);
        await refresh();
        navigate(LIST, withFlash(`${p.name} ${active ? 'reactivated' : 'deactivated'}`));
      }}
    >
      {active ? (
        <p className="govuk-body">Its {p.memberCount} people get back the access their roles give them.</p>
      ) : (
        <p className="govuk-body">
          Its {p.memberCount} people lose access to it at once. Nothing is deleted: its records, audit log and
          people stay, and reactivating it restores their access.
        </p>
      )}
    </ConfirmAction>
  );
}

export const DeactivateInstallationPartnershipPage = () => <ChangePartnershipStatusPage active={false} />;
export const ReactivateInstallationPartnershipPage = () => <ChangePartnershipStatusPage active />;
