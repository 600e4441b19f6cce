import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api';
import { LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import type { Person, PersonSummary } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { changeLinks } from '../common/change-links';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, withFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { usePartnershipRecord, useRefresh } from '../common/queries';
import { isAgencyScoped, RoleFields, roleAgencyCheck, roleText } from '../common/role-fields';
import { SearchForm } from '../common/search-form';

export function PeoplePage() {
  const flash = useFlash();
  const { list, query } = useListPage<PersonSummary>({ resource: 'people', title: 'People' });
  if (query.isPending) return <Loading what="people" />;
  if (query.error) return <LoadError error={query.error} />;

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
      <ListResults
        results={query.data}
        hrefFor={list.hrefFor}
        noun="person"
        nounPlural="people"
        empty={list.q ? <p className="govuk-body">No people match “{list.q}”.</p> : null}
      >
        {(items) => (
          <Table<PersonSummary>
            caption="People in the partnership"
            captionHidden
            rows={items}
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
        )}
      </ListResults>
    </>
  );
}

function usePerson() {
  const { personId = '' } = useParams();
  return { personId, query: usePartnershipRecord<Person>('people', personId) };
}

function AddRoleForm({ person }: { person: Person }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefresh('people');
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

export function PersonPage() {
  const { personId, query } = usePerson();
  const { path } = usePartnership();
  const { session } = useSession();
  const refresh = useRefresh('people');
  const flash = useFlash();
  usePageTitle(query.data ? query.data.name : null);
  if (query.isPending) return <Loading what="person" />;
  if (query.error) return <LoadError error={query.error} />;
  const person = query.data;
  const canManage = person.allowedVerbs.includes('manage');
  const isMe = session?.person.id === person.id;
  const change = changeLinks(canManage ? `/admin/people/${personId}/edit` : null);
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
            <InlineAction
              buttonText="Reactivate"
              onAction={async () => {
                await api.post(path(`people/${person.id}/reactivate`));
                await refresh();
              }}
              done={{ to: `/admin/people/${person.id}`, flash: `${person.name} reactivated`, replace: true }}
            >
              <p className="govuk-body">
                {person.name} has been deactivated in this partnership. Reactivate them to give them access
                again.
              </p>
            </InlineAction>
          )}
        </>
      ) : null}
    </>
  );
}

function EditPersonForm({ person }: { person: Person }) {
  const { path } = usePartnership();
  const refresh = useRefresh('people');
  const form = useEntityForm({
    title: `Change details for ${person.name}`,
    initial: { name: person.name, jobTitle: person.jobTitle ?? '', version: person.version },
    draftKey: `person:${person.id}`,
    fieldOrder: ['name', 'jobTitle'],
    save: async (v, version) => {
      await api.put(path(`people/${person.id}`), {
        name: v.name,
        jobTitle: v.jobTitle.trim() || null,
        version,
      });
      await refresh();
    },
    done: () => ({ to: `/admin/people/${person.id}`, flash: 'Details saved' }),
  });

  return (
    <FormPage
      form={form}
      backTo={`/admin/people/${person.id}`}
      caption={person.email}
      heading="Change details"
      submitText="Save changes"
      conflict={{
        fields: [
          { name: 'name', label: 'Name' },
          { name: 'jobTitle', label: 'Job title' },
        ],
        fromSaved: (c) => ({
          name: String(c.name ?? ''),
          jobTitle: String(c.jobTitle ?? ''),
          version: Number(c.version),
        }),
      }}
    >
      <TextInput {...form.field('name')} label="Full name" autoComplete="off" spellCheck={false} />
      <TextInput {...form.field('jobTitle')} label="Job title (optional)" autoComplete="off" />
    </FormPage>
  );
}

export function EditPersonPage() {
  const { query } = usePerson();
  return (
    <Loaded query={query} what="person">
      {(person) => <EditPersonForm person={person} />}
    </Loaded>
  );
}

export function DeactivatePersonPage() {
  const { personId, query } = usePerson();
  const { path } = usePartnership();
  const refresh = useRefresh('people');
  return (
    <Loaded query={query} what="person">
      {(person) => (
        <ConfirmAction
          title={`Deactivate ${person.name}?`}
          caption="People"
          confirmText="Deactivate"
          cancelTo={`/admin/people/${personId}`}
          onConfirm={async () => {
            await api.post(path(`people/${personId}/deactivate`));
            await refresh();
          }}
          done={{ to: `/admin/people/${personId}`, flash: `${person.name} deactivated` }}
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
      )}
    </Loaded>
  );
}

export function RemoveRolePage() {
  const { personId, query } = usePerson();
  const { membershipId } = useParams();
  const { path } = usePartnership();
  const refresh = useRefresh('people');
  return (
    <Loaded query={query} what="person">
      {(person) => {
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
            }}
            done={{ to: `/admin/people/${personId}`, flash: 'Role removed' }}
          >
            <p className="govuk-body">
              {person.name} will no longer be able to do what this role allows. Everything they did in the
              role is kept, and you can give them the role again later.
            </p>
          </ConfirmAction>
        );
      }}
    </Loaded>
  );
}
