import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, queryString } from '../../app/api';
import { LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import type { Page, Person, PersonSummary } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Pagination, ResultCount } from '../../components/pagination';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, withFlash } from '../common/flash';
import { ConflictPanel, FormFeedback } from '../common/form-feedback';
import { useListParams } from '../common/list-params';
import { isAgencyScoped, RoleFields, roleAgencyCheck, roleText } from '../common/role-fields';
import { SearchForm } from '../common/search-form';

const PAGE_SIZE = 25;

export function PeoplePage() {
  const { partnershipId, path } = usePartnership();
  const list = useListParams();
  const flash = useFlash();
  const query = useQuery({
    queryKey: [partnershipId, 'people', 'list', list.key],
    queryFn: () =>
      api.get<Page<PersonSummary>>(
        path(
          `people${queryString({
            q: list.q,
            page: list.page,
            pageSize: PAGE_SIZE,
            includeInactive: list.includeInactive ? 'true' : undefined,
          })}`,
        ),
      ),
    placeholderData: (previous) => previous,
  });
  usePageTitle(query.data ? 'People' : null);
  if (query.isPending) return <Loading what="people" />;
  if (query.error) return <LoadError error={query.error} />;
  const data = query.data;

  return (
    <>
      <BackLink to="/admin">Back to admin</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">People</h1>
      <p className="govuk-body">
        To add someone,{' '}
        <Link to="/admin/invitations/new" className="govuk-link">
          invite them by email
        </Link>
        . They choose their own password.
      </p>
      <SearchForm
        key={list.key}
        label="Search people"
        hint="Search by name or email address"
        q={list.q}
        includeInactive={list.includeInactive}
        inactiveLabel="Include people who have been deactivated"
        hrefWith={list.hrefWith}
      />
      <ResultCount
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        noun="person"
        nounPlural="people"
      />
      {data.items.length > 0 ? (
        <Table<PersonSummary>
          caption="People in the partnership"
          captionHidden
          rows={data.items}
          rowKey={(p) => p.id}
          columns={[
            {
              header: 'Name',
              cell: (p) => (
                <Link to={`/admin/people/${p.id}`} className="govuk-link">
                  {p.name}
                </Link>
              ),
            },
            { header: 'Email address', cell: (p) => <span className="app-break-word">{p.email}</span> },
            {
              header: 'Roles',
              cell: (p) =>
                p.roles.length === 0 ? (
                  <span className="app-muted">No roles</span>
                ) : (
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {p.roles.map((r) => (
                      <li key={r.membershipId}>{roleText(r)}</li>
                    ))}
                  </ul>
                ),
            },
            { header: 'Status', cell: (p) => <ActiveTag active={p.active} /> },
          ]}
        />
      ) : list.q ? (
        <p className="govuk-body">No people match “{list.q}”.</p>
      ) : null}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} hrefFor={list.hrefFor} />
    </>
  );
}

function usePerson() {
  const { personId = '' } = useParams();
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'people', 'detail', personId],
    queryFn: () => api.get<Person>(path(`people/${personId}`)),
  });
  return { personId, query };
}

function useRefreshPeople() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [partnershipId, 'people'] });
}

function AddRoleForm({ person }: { person: Person }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPeople();
  const form = useForm({
    initial: { role: '', agencyId: '' },
    draftKey: `person-role:${person.id}`,
    choiceMessages: { role: 'Select the role to add' },
    alongsideServer: roleAgencyCheck,
  });
  useErrorTitlePrefix(form.hasErrors);
  const held = person.roles.filter((r) => r.active && !isAgencyScoped(r.role)).map((r) => r.role);
  return (
    <form
      onSubmit={form.submit(
        async (v) => {
          await api.post(path(`people/${person.id}/roles`), {
            role: v.role || undefined,
            agencyId: isAgencyScoped(v.role) ? v.agencyId || undefined : null,
          });
          await refresh();
        },
        () => {
          form.setValues({ role: '', agencyId: '' });
          navigate(`/admin/people/${person.id}`, { replace: true, ...withFlash('Role added') });
        },
      )}
      noValidate
    >
      <h2 className="govuk-heading-m" id="add-role">
        Add a role
      </h2>
      <FormFeedback form={form} />
      <RoleFields
        role={form.values.role}
        agencyId={form.values.agencyId}
        errors={form.errors}
        onRole={(role) => form.setValue('role', role)}
        onAgency={(agencyId) => form.setValue('agencyId', agencyId)}
        legend="Which role should they have?"
        exclude={held}
      />
      <Button variant="secondary" pending={form.pending}>
        Add role
      </Button>
    </form>
  );
}

function ReactivatePerson({ person }: { person: Person }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPeople();
  const form = useForm({ initial: {} });
  useErrorTitlePrefix(form.hasErrors);
  return (
    <form
      onSubmit={form.submit(
        async () => {
          await api.post(path(`people/${person.id}/reactivate`));
          await refresh();
        },
        () =>
          navigate(`/admin/people/${person.id}`, {
            replace: true,
            ...withFlash(`${person.name} reactivated`),
          }),
      )}
      noValidate
    >
      <FormFeedback form={form} />
      <p className="govuk-body">
        {person.name} has been deactivated in this partnership. Reactivate them to give them access again.
      </p>
      <Button variant="secondary" pending={form.pending}>
        Reactivate
      </Button>
    </form>
  );
}

export function PersonPage() {
  const { personId, query } = usePerson();
  const { session } = useSession();
  const flash = useFlash();
  usePageTitle(query.data ? query.data.name : null);
  if (query.isPending) return <Loading what="person" />;
  if (query.error) return <LoadError error={query.error} />;
  const person = query.data;
  const canManage = person.allowedVerbs.includes('manage');
  const isMe = session?.person.id === person.id;
  const change = (what: string) =>
    canManage
      ? [
          <Link key="change" to={`/admin/people/${personId}/edit`} className="govuk-link">
            Change<span className="govuk-visually-hidden"> {what}</span>
          </Link>,
        ]
      : undefined;
  const roles = person.roles.filter((r) => r.active);

  return (
    <>
      <BackLink to="/admin/people">Back to people</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <span className="govuk-caption-l">Person</span>
      <h1 className="govuk-heading-l">{person.name}</h1>
      <SummaryList
        rows={[
          { key: 'Name', value: person.name, actions: change('name') },
          { key: 'Email address', value: <span className="app-break-word">{person.email}</span> },
          {
            key: 'Job title',
            value: person.jobTitle ?? <span className="app-muted">Not given</span>,
            actions: change('job title'),
          },
          { key: 'Status in this partnership', value: <ActiveTag active={person.active} /> },
        ]}
      />

      <h2 className="govuk-heading-m">Roles</h2>
      {roles.length === 0 ? (
        <p className="govuk-body">{person.name} has no roles in this partnership.</p>
      ) : (
        <Table
          caption={`Roles held by ${person.name}`}
          captionHidden
          rows={roles}
          rowKey={(r) => r.membershipId}
          columns={[
            { header: 'Role', cell: (r) => roleText({ role: r.role, agencyName: null }) },
            {
              header: 'Agency',
              cell: (r) => r.agencyName ?? <span className="app-muted">Whole partnership</span>,
            },
            ...(canManage
              ? [
                  {
                    header: <span className="govuk-visually-hidden">Action</span>,
                    cell: (r: Person['roles'][number]) => (
                      <Link
                        to={`/admin/people/${personId}/roles/${r.membershipId}/remove`}
                        className="govuk-link"
                      >
                        Remove<span className="govuk-visually-hidden"> role {roleText(r)}</span>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canManage && person.active ? <AddRoleForm person={person} /> : null}

      {canManage && !isMe ? (
        <>
          <h2 className="govuk-heading-m">{person.active ? 'Deactivate' : 'Reactivate'}</h2>
          {person.active ? (
            <>
              <p className="govuk-body">
                Deactivate {person.name} when they leave or no longer take part. They lose access to this
                partnership; everything they did is kept.
              </p>
              <ButtonLink to={`/admin/people/${personId}/deactivate`} variant="warning">
                Deactivate {person.name}
              </ButtonLink>
            </>
          ) : (
            <ReactivatePerson person={person} />
          )}
        </>
      ) : null}
    </>
  );
}

function EditPersonForm({ person }: { person: Person }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPeople();
  const form = useForm({
    initial: { name: person.name, jobTitle: person.jobTitle ?? '', version: person.version },
    draftKey: `person:${person.id}`,
    fieldOrder: ['name', 'jobTitle'],
  });
  usePageTitle(`Change details for ${person.name}`, form.hasErrors);

  const save = (version: number) =>
    form.submit(
      async (v) => {
        await api.put(path(`people/${person.id}`), {
          name: v.name,
          jobTitle: v.jobTitle.trim() || null,
          version,
        });
        await refresh();
      },
      () => navigate(`/admin/people/${person.id}`, withFlash('Details saved')),
    );

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/admin/people/${person.id}`} />
        <FormFeedback form={form} />
        {form.conflict ? (
          <ConflictPanel
            conflict={form.conflict}
            fields={[
              { name: 'name', label: 'Name' },
              { name: 'jobTitle', label: 'Job title' },
            ]}
            values={form.values}
            pending={form.pending}
            onKeepMine={() => void save(Number(form.conflict?.current.version))()}
            onUseTheirs={() => {
              const c = form.conflict!.current;
              form.setValues({
                name: String(c.name ?? ''),
                jobTitle: String(c.jobTitle ?? ''),
                version: Number(c.version),
              });
              form.dismissConflict();
            }}
          />
        ) : null}
        <span className="govuk-caption-l">{person.email}</span>
        <h1 className="govuk-heading-l">Change details</h1>
        <form onSubmit={save(form.values.version)} noValidate>
          <TextInput {...form.field('name')} label="Full name" autoComplete="off" spellCheck={false} />
          <TextInput {...form.field('jobTitle')} label="Job title (optional)" autoComplete="off" />
          <ButtonGroup>
            <Button pending={form.pending}>Save changes</Button>
            <Link to={`/admin/people/${person.id}`} className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}

export function EditPersonPage() {
  const { query } = usePerson();
  usePageTitle(null);
  if (query.isPending) return <Loading what="person" />;
  if (query.error) return <LoadError error={query.error} />;
  return <EditPersonForm person={query.data} />;
}

export function DeactivatePersonPage() {
  const { personId, query } = usePerson();
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPeople();
  usePageTitle(null);
  if (query.isPending) return <Loading what="person" />;
  if (query.error) return <LoadError error={query.error} />;
  const person = query.data;
  return (
    <ConfirmAction
      title={`Deactivate ${person.name}?`}
      caption="People"
      confirmText="Deactivate"
      cancelTo={`/admin/people/${personId}`}
      onConfirm={async () => {
        await api.post(path(`people/${personId}/deactivate`));
        await refresh();
        navigate(`/admin/people/${personId}`, withFlash(`${person.name} deactivated`));
      }}
    >
      <p className="govuk-body">
        Deactivating removes {person.name} from this partnership. It does not delete anything:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>they will no longer be able to see or do anything in this partnership</li>
        <li>what they wrote, submitted and approved is kept, with their name on it</li>
        <li>their access to any other partnership is not affected</li>
      </ul>
      <p className="govuk-body">You can reactivate them at any time.</p>
    </ConfirmAction>
  );
}

export function RemoveRolePage() {
  const { personId, query } = usePerson();
  const { membershipId } = useParams();
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPeople();
  usePageTitle(null);
  if (query.isPending) return <Loading what="person" />;
  if (query.error) return <LoadError error={query.error} />;
  const person = query.data;
  const role = person.roles.find((r) => r.membershipId === membershipId && r.active);
  if (!role) return <NotFoundPage />;
  return (
    <ConfirmAction
      title={`Remove the role ${roleText(role)}?`}
      caption={person.name}
      confirmText="Remove role"
      cancelTo={`/admin/people/${personId}`}
      onConfirm={async () => {
        await api.post(path(`people/${personId}/roles/${membershipId}/remove`));
        await refresh();
        navigate(`/admin/people/${personId}`, withFlash('Role removed'));
      }}
    >
      <p className="govuk-body">
        {person.name} will no longer be able to do what this role allows. Everything they did in the role is
        kept, and you can give them the role again later.
      </p>
    </ConfirmAction>
  );
}
