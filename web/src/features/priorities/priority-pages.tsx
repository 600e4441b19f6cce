import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { usePartnership } from '../../app/session';
import type { Priority } from '../../app/types';
import { BackLink } from '../../components/back-link';
import { ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { usePartnershipRecord, useRefresh } from '../common/queries';
import { SearchForm } from '../common/search-form';

export function PrioritiesPage() {
  const flash = useFlash();
  const { list, query } = useListPage<Priority>({ resource: 'priorities', title: 'Priorities' });
  if (query.isPending) return <Loading what="priorities" />;
  if (query.error) return <LoadError error={query.error} />;

  return (
    <>
      <BackLink to="/admin">Back to admin</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Priorities</h1>
      <p className="govuk-body">
        The partnership’s strategic priorities. Audits, reviews and indicators are linked to one, so reports
        can show what was learned about each.
      </p>
      <ButtonLink to="/admin/priorities/new">Add a priority</ButtonLink>
      <SearchForm
        key={list.key}
        label="Search priorities"
        q={list.q}
        includeInactive={list.includeInactive}
        inactiveLabel="Include deactivated priorities"
        hrefWith={list.hrefWith}
      />
      <ListResults results={query.data} hrefFor={list.hrefFor} noun="priority" nounPlural="priorities">
        {(items) => (
          <Table<Priority>
            caption="Priorities"
            captionHidden
            rows={items}
            rowKey={(p) => p.id}
            columns={[
              { header: 'Priority', cell: (p) => p.name },
              {
                header: 'Description',
                cell: (p) => p.description ?? <span className="app-muted">None</span>,
              },
              { header: 'Status', cell: (p) => <ActiveTag active={p.active} /> },
              {
                header: <span className="govuk-visually-hidden">Action</span>,
                cell: (p) => (
                  <Link to={`/admin/priorities/${p.id}/edit`} className="govuk-link">
                    Change<span className="govuk-visually-hidden"> {p.name}</span>
                  </Link>
                ),
              },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

function usePriority() {
  const { priorityId = '' } = useParams();
  return { priorityId, query: usePartnershipRecord<Priority>('priorities', priorityId) };
}

function PriorityForm({ priority }: { priority?: Priority }) {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefresh('priorities');
  const form = useEntityForm({
    title: priority ? 'Change priority' : 'Add a priority',
    initial: {
      name: priority?.name ?? '',
      description: priority?.description ?? '',
      version: priority?.version ?? 0,
    },
    draftKey: priority ? `priority:${priority.id}` : `priority:new:${partnershipId}`,
    fieldOrder: ['name', 'description'],
    save: async (v, version) => {
      const body = { name: v.name, description: v.description.trim() || null };
      if (priority) await api.put(path(`priorities/${priority.id}`), { ...body, version });
      else await api.post(path('priorities'), body);
      await refresh();
    },
    done: () => ({ to: '/admin/priorities', flash: priority ? 'Priority saved' : 'Priority added' }),
  });

  return (
    <FormPage
      form={form}
      backTo="/admin/priorities"
      submitText={priority ? 'Save changes' : 'Add priority'}
      conflict={{
        fields: [
          { name: 'name', label: 'Name' },
          { name: 'description', label: 'Description' },
        ],
        fromSaved: (c) => ({
          name: String(c.name ?? ''),
          description: String(c.description ?? ''),
          version: Number(c.version),
        }),
      }}
      after={priority ? <PriorityStatus priority={priority} /> : null}
    >
      <TextInput
        {...form.field('name')}
        label="Name"
        hint="For example, Neglect or All-age exploitation"
        spellCheck
      />
      <Textarea
        {...form.field('description')}
        label="Description (optional)"
        hint="What the partnership wants to achieve under this priority"
        spellCheck
      />
    </FormPage>
  );
}

function PriorityStatus({ priority }: { priority: Priority }) {
  const { path } = usePartnership();
  const refresh = useRefresh('priorities');
  if (priority.active) {
    return (
      <>
        <h2 className="govuk-heading-m">Deactivate this priority</h2>
        <p className="govuk-body">
          When the partnership stops working on it. Everything linked to it is kept.
        </p>
        <ButtonLink to={`/admin/priorities/${priority.id}/deactivate`} variant="warning">
          Deactivate priority
        </ButtonLink>
      </>
    );
  }
  return (
    <InlineAction
      heading="Reactivate this priority"
      buttonText="Reactivate priority"
      onAction={async () => {
        await api.post(path(`priorities/${priority.id}/reactivate`));
        await refresh();
      }}
      done={{ to: '/admin/priorities', flash: `${priority.name} reactivated` }}
    >
      <p className="govuk-body">This priority is deactivated. Reactivate it to link new work to it.</p>
    </InlineAction>
  );
}

export function NewPriorityPage() {
  return <PriorityForm />;
}

export function EditPriorityPage() {
  const { query } = usePriority();
  return (
    <Loaded query={query} what="priority">
      {(priority) => <PriorityForm priority={priority} />}
    </Loaded>
  );
}

export function DeactivatePriorityPage() {
  const { priorityId, query } = usePriority();
  const { path } = usePartnership();
  const refresh = useRefresh('priorities');
  return (
    <Loaded query={query} what="priority">
      {(priority) => (
        <ConfirmAction
          title={`Deactivate ${priority.name}?`}
          caption="Priorities"
          confirmText="Deactivate priority"
          cancelTo={`/admin/priorities/${priorityId}/edit`}
          onConfirm={async () => {
            await api.post(path(`priorities/${priorityId}/deactivate`));
            await refresh();
          }}
          done={{ to: '/admin/priorities', flash: `${priority.name} deactivated` }}
        >
          <p className="govuk-body">Deactivating does not delete anything:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>audits, reviews and reports already linked to it keep the link</li>
            <li>it will not be offered for new work</li>
          </ul>
          <p className="govuk-body">You can reactivate it at any time.</p>
        </ConfirmAction>
      )}
    </Loaded>
  );
}
