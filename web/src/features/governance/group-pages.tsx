import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { GROUP_KIND_LABELS, GROUP_KINDS, GROUP_MEMBER_ROLES } from '../../../../contracts/org';
import { api, queryString } from '../../app/api';
import { InlineLoadError, LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Group, GroupKind, GroupMemberRole, GroupSummary, Page } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Pagination, ResultCount } from '../../components/pagination';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, withFlash } from '../common/flash';
import { ConflictPanel, FormFeedback } from '../common/form-feedback';
import { useListParams } from '../common/list-params';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { SearchForm } from '../common/search-form';

// The contract has the member roles but no labels for them.
const MEMBER_ROLE_LABELS: Record<GroupMemberRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
};
const memberRoleItems = GROUP_MEMBER_ROLES.map((r) => ({ value: r, text: MEMBER_ROLE_LABELS[r] }));
const kindLabel = (kind: string) => GROUP_KIND_LABELS[kind as GroupKind] ?? kind;
const kindItems = GROUP_KINDS.map((k) => ({ value: k, text: GROUP_KIND_LABELS[k] }));

export function GroupsPage() {
  const { partnershipId, path } = usePartnership();
  const list = useListParams();
  const flash = useFlash();
  const query = useQuery({
    queryKey: [partnershipId, 'groups', 'list', list.key],
    queryFn: () =>
      api.get<Page<GroupSummary>>(
        path(
          `groups${queryString({
            q: list.q,
            page: list.page,
            pageSize: 25,
            includeInactive: list.includeInactive ? 'true' : undefined,
          })}`,
        ),
      ),
    placeholderData: (previous) => previous,
  });
  usePageTitle(query.data ? 'Governance groups' : null);
  if (query.isPending) return <Loading what="groups" />;
  if (query.error) return <LoadError error={query.error} />;
  const data = query.data;

  return (
    <>
      <BackLink to="/admin">Back to admin</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Governance groups</h1>
      <p className="govuk-body">
        The Executive, Board, QA group and subgroups that receive, discuss and approve the partnership’s work.
      </p>
      <ButtonLink to="/admin/groups/new">Add a group</ButtonLink>
      <SearchForm
        key={list.key}
        label="Search groups"
        q={list.q}
        includeInactive={list.includeInactive}
        inactiveLabel="Include deactivated groups"
        hrefWith={list.hrefWith}
      />
      <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} noun="group" />
      {data.items.length > 0 ? (
        <Table<GroupSummary>
          caption="Governance groups"
          captionHidden
          rows={data.items}
          rowKey={(g) => g.id}
          columns={[
            {
              header: 'Group',
              cell: (g) => (
                <Link to={`/admin/groups/${g.id}`} className="govuk-link">
                  {g.name}
                </Link>
              ),
            },
            { header: 'Kind', cell: (g) => kindLabel(g.kind) },
            { header: 'Members', numeric: true, cell: (g) => g.memberCount },
            { header: 'Status', cell: (g) => <ActiveTag active={g.active} /> },
          ]}
        />
      ) : null}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} hrefFor={list.hrefFor} />
    </>
  );
}

function useGroup() {
  const { groupId = '' } = useParams();
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'groups', 'detail', groupId],
    queryFn: () => api.get<Group>(path(`groups/${groupId}`)),
  });
  return { groupId, query };
}

function useRefreshGroups() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [partnershipId, 'groups'] });
}

function AddMemberForm({ group }: { group: Group }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshGroups();
  const people = usePeopleOptions();
  const form = useForm({
    initial: { personId: '', memberRole: 'member' },
    draftKey: `group-member:${group.id}`,
    validate: (v): Record<string, string> => (v.personId ? {} : { personId: 'Choose a person to add' }),
  });
  useErrorTitlePrefix(form.hasErrors);
  const memberIds = new Set(group.members.map((m) => m.personId));
  const options = (people.data ?? [])
    .filter((p) => p.active && !memberIds.has(p.id))
    .map((p) => ({ value: p.id, text: personOptionText(p) }));

  return (
    <form
      onSubmit={form.submit(
        async (v) => {
          await api.put(path(`groups/${group.id}/members/${v.personId}`), { memberRole: v.memberRole });
          await refresh();
        },
        () => {
          form.setValues({ personId: '', memberRole: 'member' });
          navigate(`/admin/groups/${group.id}`, { replace: true, ...withFlash('Member added') });
        },
      )}
      noValidate
    >
      <h2 className="govuk-heading-m">Add a member</h2>
      <FormFeedback form={form} />
      {people.error ? <InlineLoadError error={people.error} what="the people in the partnership" /> : null}
      <Select
        {...form.field('personId')}
        label="Person"
        hint="Only people in this partnership can be members"
        options={options}
        placeholder={people.isPending ? 'Loading people…' : 'Choose a person'}
      />
      <Radios
        {...form.field('memberRole')}
        legend="Their role in the group"
        legendSize="s"
        items={memberRoleItems}
        inline
        small
      />
      <Button variant="secondary" pending={form.pending}>
        Add member
      </Button>
    </form>
  );
}

export function GroupPage() {
  const { groupId, query } = useGroup();
  const flash = useFlash();
  usePageTitle(query.data ? query.data.name : null);
  if (query.isPending) return <Loading what="group" />;
  if (query.error) return <LoadError error={query.error} />;
  const group = query.data;
  const canManage = group.allowedVerbs.includes('manage');
  const change = (what: string) =>
    canManage
      ? [
          <Link key="change" to={`/admin/groups/${groupId}/edit`} className="govuk-link">
            Change<span className="govuk-visually-hidden"> {what}</span>
          </Link>,
        ]
      : undefined;
  const order = (r: GroupMemberRole) => GROUP_MEMBER_ROLES.indexOf(r);
  const members = [...group.members].sort(
    (a, b) => order(a.memberRole) - order(b.memberRole) || a.name.localeCompare(b.name),
  );

  return (
    <>
      <BackLink to="/admin/groups">Back to groups</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <span className="govuk-caption-l">Governance group</span>
      <h1 className="govuk-heading-l">{group.name}</h1>
      <SummaryList
        rows={[
          { key: 'Name', value: group.name, actions: change('name') },
          { key: 'Kind', value: kindLabel(group.kind), actions: change('kind') },
          {
            key: 'Description',
            value: group.description ?? <span className="app-muted">None</span>,
            actions: change('description'),
          },
          { key: 'Status', value: <ActiveTag active={group.active} /> },
        ]}
      />
      <h2 className="govuk-heading-m">Members</h2>
      {members.length === 0 ? (
        <p className="govuk-body">This group has no members yet.</p>
      ) : (
        <Table
          caption={`Members of ${group.name}`}
          captionHidden
          rows={members}
          rowKey={(m) => m.personId}
          columns={[
            { header: 'Name', cell: (m) => m.name },
            { header: 'Email address', cell: (m) => <span className="app-break-word">{m.email}</span> },
            { header: 'Role in group', cell: (m) => MEMBER_ROLE_LABELS[m.memberRole] ?? m.memberRole },
            ...(canManage
              ? [
                  {
                    header: <span className="govuk-visually-hidden">Action</span>,
                    cell: (m: Group['members'][number]) => (
                      <Link to={`/admin/groups/${groupId}/members/${m.personId}`} className="govuk-link">
                        Change<span className="govuk-visually-hidden"> {m.name}</span>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canManage && group.active ? <AddMemberForm group={group} /> : null}
      {canManage ? (
        group.active ? (
          <>
            <h2 className="govuk-heading-m">Deactivate this group</h2>
            <p className="govuk-body">
              When the group stops meeting. Its members, meetings and decisions are kept.
            </p>
            <ButtonLink to={`/admin/groups/${groupId}/deactivate`} variant="warning">
              Deactivate group
            </ButtonLink>
          </>
        ) : (
          <ReactivateGroup group={group} />
        )
      ) : null}
    </>
  );
}

function ReactivateGroup({ group }: { group: Group }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshGroups();
  const form = useForm({ initial: {} });
  useErrorTitlePrefix(form.hasErrors);
  return (
    <form
      onSubmit={form.submit(
        async () => {
          await api.post(path(`groups/${group.id}/reactivate`));
          await refresh();
        },
        () => navigate(`/admin/groups/${group.id}`, { replace: true, ...withFlash('Group reactivated') }),
      )}
      noValidate
    >
      <h2 className="govuk-heading-m">Reactivate this group</h2>
      <FormFeedback form={form} />
      <Button variant="secondary" pending={form.pending}>
        Reactivate group
      </Button>
    </form>
  );
}

function GroupForm({ group }: { group?: Group }) {
  const { partnershipId, path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshGroups();
  const form = useForm({
    initial: {
      name: group?.name ?? '',
      kind: (group?.kind ?? '') as string,
      description: group?.description ?? '',
      version: group?.version ?? 0,
    },
    draftKey: group ? `group:${group.id}` : `group:new:${partnershipId}`,
    fieldOrder: ['name', 'kind', 'description'],
    choiceMessages: { kind: 'Select the kind of group' },
  });
  const title = group ? 'Change group details' : 'Add a governance group';
  usePageTitle(title, form.hasErrors);
  const back = group ? `/admin/groups/${group.id}` : '/admin/groups';

  const save = (version: number) =>
    form.submit(
      async (v) => {
        const body = { name: v.name, kind: v.kind || undefined, description: v.description.trim() || null };
        if (group) {
          await api.put(path(`groups/${group.id}`), { ...body, version });
          await refresh();
          return group.id;
        }
        const created = await api.post<GroupSummary>(path('groups'), body);
        await refresh();
        return created.id;
      },
      (id) => navigate(`/admin/groups/${id as string}`, withFlash(group ? 'Group saved' : 'Group added')),
    );

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={back} />
        <FormFeedback form={form} />
        {form.conflict ? (
          <ConflictPanel
            conflict={form.conflict}
            fields={[
              { name: 'name', label: 'Name' },
              { name: 'kind', label: 'Kind', show: (v) => kindLabel(String(v ?? '')) },
              { name: 'description', label: 'Description' },
            ]}
            values={form.values}
            pending={form.pending}
            onKeepMine={() => void save(Number(form.conflict?.current.version))()}
            onUseTheirs={() => {
              const c = form.conflict!.current;
              form.setValues({
                name: String(c.name ?? ''),
                kind: String(c.kind ?? ''),
                description: String(c.description ?? ''),
                version: Number(c.version),
              });
              form.dismissConflict();
            }}
          />
        ) : null}
        <h1 className="govuk-heading-l">{title}</h1>
        <form onSubmit={save(form.values.version)} noValidate>
          <TextInput
            {...form.field('name')}
            label="Name"
            hint="For example, Quality and Performance subgroup"
            spellCheck
          />
          <Radios {...form.field('kind')} legend="Kind of group" legendSize="s" items={kindItems} />
          <Textarea
            {...form.field('description')}
            label="Description (optional)"
            hint="What the group is for"
            spellCheck
          />
          <ButtonGroup>
            <Button pending={form.pending}>{group ? 'Save changes' : 'Add group'}</Button>
            <Link to={back} className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}

export function NewGroupPage() {
  return <GroupForm />;
}

export function EditGroupPage() {
  const { query } = useGroup();
  usePageTitle(null);
  if (query.isPending) return <Loading what="group" />;
  if (query.error) return <LoadError error={query.error} />;
  return <GroupForm group={query.data} />;
}

export function DeactivateGroupPage() {
  const { groupId, query } = useGroup();
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshGroups();
  usePageTitle(null);
  if (query.isPending) return <Loading what="group" />;
  if (query.error) return <LoadError error={query.error} />;
  const group = query.data;
  return (
    <ConfirmAction
      title={`Deactivate ${group.name}?`}
      caption="Governance groups"
      confirmText="Deactivate group"
      cancelTo={`/admin/groups/${groupId}`}
      onConfirm={async () => {
        await api.post(path(`groups/${groupId}/deactivate`));
        await refresh();
        navigate(`/admin/groups/${groupId}`, withFlash('Group deactivated'));
      }}
    >
      <p className="govuk-body">Deactivating does not delete anything:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>its members, meetings and decisions are kept</li>
        <li>no new items can be sent to it</li>
      </ul>
      <p className="govuk-body">You can reactivate it at any time.</p>
    </ConfirmAction>
  );
}

/** Change a member's role in the group, or take them off it. */
export function GroupMemberPage() {
  const { groupId, query } = useGroup();
  const { personId = '' } = useParams();
  usePageTitle(null);
  if (query.isPending) return <Loading what="group" />;
  if (query.error) return <LoadError error={query.error} />;
  const member = query.data.members.find((m) => m.personId === personId);
  if (!member) return <NotFoundPage />;
  return <GroupMemberForm group={query.data} member={member} groupId={groupId} />;
}

function GroupMemberForm({
  group,
  member,
  groupId,
}: {
  group: Group;
  member: Group['members'][number];
  groupId: string;
}) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshGroups();
  const form = useForm({ initial: { memberRole: member.memberRole as string } });
  usePageTitle(`${member.name}’s role in ${group.name}`, form.hasErrors);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/admin/groups/${groupId}`} />
        <FormFeedback form={form} />
        <span className="govuk-caption-l">{group.name}</span>
        <form
          onSubmit={form.submit(
            async (v) => {
              await api.put(path(`groups/${groupId}/members/${member.personId}`), {
                memberRole: v.memberRole,
              });
              await refresh();
            },
            () => navigate(`/admin/groups/${groupId}`, withFlash(`${member.name}’s role saved`)),
          )}
          noValidate
        >
          <Radios
            {...form.field('memberRole')}
            legend={`${member.name}’s role in the group`}
            legendSize="l"
            isPageHeading
            items={memberRoleItems}
          />
          <ButtonGroup>
            <Button pending={form.pending}>Save</Button>
            <Link to={`/admin/groups/${groupId}`} className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
        <h2 className="govuk-heading-m">Take {member.name} off this group</h2>
        <p className="govuk-body">Their past attendance and decisions are kept.</p>
        <ButtonLink to={`/admin/groups/${groupId}/members/${member.personId}/remove`} variant="warning">
          Remove from group
        </ButtonLink>
      </div>
    </div>
  );
}

export function RemoveGroupMemberPage() {
  const { groupId, query } = useGroup();
  const { personId = '' } = useParams();
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshGroups();
  usePageTitle(null);
  if (query.isPending) return <Loading what="group" />;
  if (query.error) return <LoadError error={query.error} />;
  const member = query.data.members.find((m) => m.personId === personId);
  if (!member) return <NotFoundPage />;
  return (
    <ConfirmAction
      title={`Remove ${member.name} from ${query.data.name}?`}
      caption="Governance groups"
      confirmText="Remove from group"
      cancelTo={`/admin/groups/${groupId}`}
      onConfirm={async () => {
        await api.delete(path(`groups/${groupId}/members/${personId}`));
        await refresh();
        navigate(`/admin/groups/${groupId}`, withFlash(`${member.name} removed from the group`));
      }}
    >
      <p className="govuk-body">
        They will no longer be listed as a member. Meetings they attended and decisions they took part in are
        kept.
      </p>
    </ConfirmAction>
  );
}
