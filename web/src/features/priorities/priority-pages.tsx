import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, queryString } from '../../app/api';
import { LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Page, Priority } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Pagination, ResultCount } from '../../components/pagination';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, withFlash } from '../common/flash';
import { ConflictPanel, FormFeedback } from '../common/form-feedback';
import { useListParams } from '../common/list-params';
import { SearchForm } from '../common/search-form';

export function PrioritiesPage() {
  const { partnershipId, path } = usePartnership();
  const list = useListParams();
  const flash = useFlash();
  const query = useQuery({
    queryKey: [partnershipId, 'priorities', 'list', list.key],
    queryFn: () =>
      api.get<Page<Priority>>(
        path(
          `priorities${queryString({
            q: list.q,
            page: list.page,
            pageSize: 25,
            includeInactive: list.includeInactive ? 'true' : undefined,
          })}`,
        ),
      ),
    placeholderData: (previous) => previous,
  });
  usePageTitle(query.data ? 'Priorities' : null);
  if (query.isPending) return <Loading what="priorities" />;
  if (query.error) return <LoadError error={query.error} />;
  const data = query.data;

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
      <ResultCount
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        noun="priority"
        nounPlural="priorities"
      />
      {data.items.length > 0 ? (
        <Table<Priority>
          caption="Priorities"
          captionHidden
          rows={data.items}
          rowKey={(p) => p.id}
          columns={[
            { header: 'Priority', cell: (p) => p.name },
            { header: 'Description', cell: (p) => p.description ?? <span className="app-muted">None</span> },
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
      ) : null}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} hrefFor={list.hrefFor} />
    </>
  );
}

/** There is no single-priority endpoint: find it in the (short) full list. */
function usePriority() {
  const { priorityId = '' } = useParams();
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'priorities', 'detail', priorityId],
    queryFn: async () => {
      for (let page = 1; page <= 20; page++) {
        const result = await api.get<Page<Priority>>(
          path(`priorities${queryString({ page, pageSize: 100, includeInactive: 'true' })}`),
        );
        const found = result.items.find((p) => p.id === priorityId);
        if (found) return found;
        if (page * 100 >= result.total) break;
      }
      return null;
    },
  });
  return { priorityId, query };
}

function useRefreshPriorities() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [partnershipId, 'priorities'] });
}

function PriorityForm({ priority }: { priority?: Priority }) {
  const { partnershipId, path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPriorities();
  const form = useForm({
    initial: {
      name: priority?.name ?? '',
      description: priority?.description ?? '',
      version: priority?.version ?? 0,
    },
    draftKey: priority ? `priority:${priority.id}` : `priority:new:${partnershipId}`,
    fieldOrder: ['name', 'description'],
  });
  const title = priority ? 'Change priority' : 'Add a priority';
  usePageTitle(title, form.hasErrors);

  const save = (version: number) =>
    form.submit(
      async (v) => {
        const body = { name: v.name, description: v.description.trim() || null };
        if (priority) await api.put(path(`priorities/${priority.id}`), { ...body, version });
        else await api.post(path('priorities'), body);
        await refresh();
      },
      () => navigate('/admin/priorities', withFlash(priority ? 'Priority saved' : 'Priority added')),
    );

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/priorities" />
        <FormFeedback form={form} />
        {form.conflict ? (
          <ConflictPanel
            conflict={form.conflict}
            fields={[
              { name: 'name', label: 'Name' },
              { name: 'description', label: 'Description' },
            ]}
            values={form.values}
            pending={form.pending}
            onKeepMine={() => void save(Number(form.conflict?.current.version))()}
            onUseTheirs={() => {
              const c = form.conflict!.current;
              form.setValues({
                name: String(c.name ?? ''),
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
            hint="For example, Neglect or All-age exploitation"
            spellCheck
          />
          <Textarea
            {...form.field('description')}
            label="Description (optional)"
            hint="What the partnership wants to achieve under this priority"
            spellCheck
          />
          <ButtonGroup>
            <Button pending={form.pending}>{priority ? 'Save changes' : 'Add priority'}</Button>
            <Link to="/admin/priorities" className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
        {priority ? <PriorityStatus priority={priority} /> : null}
      </div>
    </div>
  );
}

function PriorityStatus({ priority }: { priority: Priority }) {
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPriorities();
  const form = useForm({ initial: {} });
  useErrorTitlePrefix(form.hasErrors);
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
    <form
      onSubmit={form.submit(
        async () => {
          await api.post(path(`priorities/${priority.id}/reactivate`));
          await refresh();
        },
        () => navigate('/admin/priorities', withFlash(`${priority.name} reactivated`)),
      )}
      noValidate
    >
      <h2 className="govuk-heading-m">Reactivate this priority</h2>
      <FormFeedback form={form} />
      <p className="govuk-body">This priority is deactivated. Reactivate it to link new work to it.</p>
      <Button variant="secondary" pending={form.pending}>
        Reactivate priority
      </Button>
    </form>
  );
}

export function NewPriorityPage() {
  return <PriorityForm />;
}

export function EditPriorityPage() {
  const { query } = usePriority();
  usePageTitle(null);
  if (query.isPending) return <Loading what="priority" />;
  if (query.error) return <LoadError error={query.error} />;
  if (!query.data) return <NotFoundPage />;
  return <PriorityForm priority={query.data} />;
}

export function DeactivatePriorityPage() {
  const { priorityId, query } = usePriority();
  const { path } = usePartnership();
  const navigate = useNavigate();
  const refresh = useRefreshPriorities();
  usePageTitle(null);
  if (query.isPending) return <Loading what="priority" />;
  if (query.error) return <LoadError error={query.error} />;
  if (!query.data) return <NotFoundPage />;
  const priority = query.data;
  return (
    <ConfirmAction
      title={`Deactivate ${priority.name}?`}
      caption="Priorities"
      confirmText="Deactivate priority"
      cancelTo={`/admin/priorities/${priorityId}/edit`}
      onConfirm={async () => {
        await api.post(path(`priorities/${priorityId}/deactivate`));
        await refresh();
        navigate('/admin/priorities', withFlash(`${priority.name} deactivated`));
      }}
    >
      <p className="govuk-body">Deactivating does not delete anything:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>audits, reviews and reports already linked to it keep the link</li>
        <li>it will not be offered for new work</li>
      </ul>
      <p className="govuk-body">You can reactivate it at any time.</p>
    </ConfirmAction>
  );
}
