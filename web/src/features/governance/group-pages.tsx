import { Link, useNavigate, useParams } from 'react-router';
import { GROUP_KIND_LABELS, GROUP_KINDS, GROUP_MEMBER_ROLES } from '../../../../contracts/org';
import { api } from '../../app/api';
import { InlineLoadError, LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Group, GroupKind, GroupMemberRole, GroupSummary } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { changeLinks } from '../common/change-links';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, withFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { usePartnershipRecord, useRefresh } from '../common/queries';
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
  const flash = useFlash();
  const { list, query } = useListPage<GroupSummary>({ resource: 'groups', title: 'Governance groups' });
  if (query.isPending) return <Loading what="groups" />;
  if (query.error) return <LoadError error={query.error} />;

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
      <ListResults results={query.data} hrefFor={list.hrefFor} noun="group">
        {(items) => (
          <Table<GroupSummary>
            caption="Governance groups"
            captionHidden
            rows={items}
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
        )}
      </ListResults>
    </>
  );
}

function useGroup() {
  const { groupId = '' } = useParams();
  return { groupId, query: usePartnershipRecord<Group>('groups', groupId) };
}

function AddMemberForm({ group }: { group: Group }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefresh('groups');
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
  const { path } = usePartnership();
  const refresh = useRefresh('groups');
  const flash = useFlash();
  usePageTitle(query.data ? query.data.name : null);
  if (query.isPending) return <Loading what="group" />;
  if (query.error) return <LoadError error={query.error} />;
  const group = query.data;
  const canManage = group.allowedVerbs.includes('manage');
  const change = changeLinks(canManage ? `/admin/groups/${groupId}/edit` : null);
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
          <InlineAction
            heading="Reactivate this group"
            buttonText="Reactivate group"
            onAction={async () => {
              await api.post(path(`groups/${group.id}/reactivate`));
              await refresh();
            }}
            done={{ to: `/admin/groups/${group.id}`, flash: 'Group reactivated', replace: true }}
          />
        )
      ) : null}
    </>
  );
}

function GroupForm({ group }: { group?: Group }) {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefresh('groups');
  const form = useEntityForm({
    title: group ? 'Change group details' : 'Add a governance group',
    initial: {
      name: group?.name ?? '',
      kind: (group?.kind ?? '') as string,
      description: group?.description ?? '',
      version: group?.version ?? 0,
    },
    draftKey: group ? `group:${group.id}` : `group:new:${partnershipId}`,
    fieldOrder: ['name', 'kind', 'description'],
    choiceMessages: { kind: 'Select the kind of group' },
    save: async (v, version) => {
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
    done: (id) => ({ to: `/admin/groups/${id}`, flash: group ? 'Group saved' : 'Group added' }),
  });

  return (
    <FormPage
      form={form}
      backTo={group ? `/admin/groups/${group.id}` : '/admin/groups'}
      submitText={group ? 'Save changes' : 'Add group'}
      conflict={{
        fields: [
          { name: 'name', label: 'Name' },
          { name: 'kind', label: 'Kind', show: (v) => kindLabel(String(v ?? '')) },
          { name: 'description', label: 'Description' },
        ],
        fromSaved: (c) => ({
          name: String(c.name ?? ''),
          kind: String(c.kind ?? ''),
          description: String(c.description ?? ''),
          version: Number(c.version),
        }),
      }}
    >
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
    </FormPage>
  );
}

export function NewGroupPage() {
  return <GroupForm />;
}

export function EditGroupPage() {
  const { query } = useGroup();
  return (
    <Loaded query={query} what="group">
      {(group) => <GroupForm group={group} />}
    </Loaded>
  );
}

export function DeactivateGroupPage() {
  const { groupId, query } = useGroup();
  const { path } = usePartnership();
  const refresh = useRefresh('groups');
  return (
    <Loaded query={query} what="group">
      {(group) => (
        <ConfirmAction
          title={`Deactivate ${group.name}?`}
          caption="Governance groups"
          confirmText="Deactivate group"
          cancelTo={`/admin/groups/${groupId}`}
          onConfirm={async () => {
            await api.post(path(`groups/${groupId}/deactivate`));
            await refresh();
          }}
          done={{ to: `/admin/groups/${groupId}`, flash: 'Group deactivated' }}
        >
          <p className="govuk-body">Deactivating does not delete anything:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>its members, meetings and decisions are kept</li>
            <li>no new items can be sent to it</li>
          </ul>
          <p className="govuk-body">You can reactivate it at any time.</p>
        </ConfirmAction>
      )}
    </Loaded>
  );
}

/** Change a member's role in the group, or take them off it. */
export function GroupMemberPage() {
  const { groupId, query } = useGroup();
  const { personId = '' } = useParams();
  return (
    <Loaded query={query} what="group">
      {(group) => {
        const member = group.members.find((m) => m.personId === personId);
        if (!member) return <NotFoundPage />;
        return <GroupMemberForm group={group} member={member} groupId={groupId} />;
      }}
    </Loaded>
  );
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
  const refresh = useRefresh('groups');
  const form = useEntityForm({
    title: `${member.name}’s role in ${group.name}`,
    initial: { memberRole: member.memberRole as string },
    save: async (v) => {
      await api.put(path(`groups/${groupId}/members/${member.personId}`), {
        memberRole: v.memberRole,
      });
      await refresh();
    },
    done: () => ({ to: `/admin/groups/${groupId}`, flash: `${member.name}’s role saved` }),
  });
  return (
    <FormPage
      form={form}
      backTo={`/admin/groups/${groupId}`}
      caption={group.name}
      // The radios' legend is the page heading.
      heading={null}
      submitText="Save"
      after={
        <>
          <h2 className="govuk-heading-m">Take {member.name} off this group</h2>
          <p className="govuk-body">Their past attendance and decisions are kept.</p>
          <ButtonLink to={`/admin/groups/${groupId}/members/${member.personId}/remove`} variant="warning">
            Remove from group
          </ButtonLink>
        </>
      }
    >
      <Radios
        {...form.field('memberRole')}
        legend={`${member.name}’s role in the group`}
        legendSize="l"
        isPageHeading
        items={memberRoleItems}
      />
    </FormPage>
  );
}

export function RemoveGroupMemberPage() {
  const { groupId, query } = useGroup();
  const { personId = '' } = useParams();
  const { path } = usePartnership();
  const refresh = useRefresh('groups');
  return (
    <Loaded query={query} what="group">
      {(group) => {
        const member = group.members.find((m) => m.personId === personId);
        if (!member) return <NotFoundPage />;
        return (
          <ConfirmAction
            title={`Remove ${member.name} from ${group.name}?`}
            caption="Governance groups"
            confirmText="Remove from group"
            cancelTo={`/admin/groups/${groupId}`}
            onConfirm={async () => {
              await api.delete(path(`groups/${groupId}/members/${personId}`));
              await refresh();
            }}
            done={{ to: `/admin/groups/${groupId}`, flash: `${member.name} removed from the group` }}
          >
            <p className="govuk-body">
              They will no longer be listed as a member. Meetings they attended and decisions they took part
              in are kept.
            </p>
          </ConfirmAction>
        );
      }}
    </Loaded>
  );
}
