import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type ActionStatus,
  RAG,
  RAG_LABELS,
  type Rag,
  RECOMMENDATION_STATUS_LABELS,
  recommendationReference,
} from '../../../../contracts/recommendations';
import { actionNextStatuses } from '../../../../contracts/recommendations.rules';
import { ApiError, api } from '../../app/api';
import { NotFoundPage } from '../../app/error-pages';
import { formatDate, formatDateTime, plural } from '../../app/format';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Page } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonLink } from '../../components/button';
import { Checkboxes, SingleCheckbox } from '../../components/checkboxes';
import { cx } from '../../components/class-names';
import { Details } from '../../components/details';
import { EvidenceFileList, EvidenceFileUpload } from '../../components/evidence-files';
import { ErrorMessage, FormGroup } from '../../components/form-group';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { Pagination, ResultCount } from '../../components/pagination';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { Tag, type TagColour } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { useAgencyOptions } from '../common/agency-options';
import { useFlash, withFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';
import { FormPage, useEntityForm } from '../common/form-page';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { RemindersSent } from '../notifications/reminders-sent';
import { DateInput } from '../responses/form-engine/question-field';
import {
  IN_FORCE,
  useAction,
  useActionPlan,
  useActionRoles,
  useAgencyRecommendations,
  useRecommendationOption,
  useRefreshActions,
  useUnansweredRecommendations,
} from './action-queries';
import type {
  ActionDetail,
  ActionFile,
  ActionPlan,
  ActionSummary,
  LinkedRecommendation,
  PlanAction,
  ProgressUpdate,
  RecommendationOption,
} from './action-types';
import './action-pages.css';

// The register's action pages (PRODUCT.md §4.9): the list of actions, one action with its progress
// updates and evidence, adding and changing an action, its status, and an agency's whole action plan.

const STATUS_COLOURS: Record<ActionStatus, TagColour> = {
  not_started: 'grey',
  in_progress: 'blue',
  complete: 'green',
  cancelled: 'orange',
};
const RAG_COLOURS: Record<Rag, TagColour> = { red: 'red', amber: 'yellow', green: 'green' };

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{ACTION_STATUS_LABELS[status]}</Tag>;
}

export function RagTag({ rag }: { rag: Rag | null }) {
  if (!rag) return <span className="app-muted">Not rated</span>;
  return (
    <Tag colour={RAG_COLOURS[rag]}>
      <span className="govuk-visually-hidden">RAG </span>
      {RAG_LABELS[rag]}
    </Tag>
  );
}

const OverdueTag = () => <Tag colour="red">Overdue</Tag>;

const notSet = <span className="app-muted">Not set</span>;

/** "R-3" links to the recommendations an action answers. */
function RecommendationLinks({ items }: { items: LinkedRecommendation[] }) {
  if (items.length === 0) return <span className="app-muted">None</span>;
  return (
    <ul className="govuk-list app-inline-list govuk-!-margin-bottom-0">
      {items.map((r) => (
        <li key={r.id}>
          <Link to={`/register/recommendations/${r.id}`} className="govuk-link" title={r.title}>
            {recommendationReference(r.number)}
            <span className="govuk-visually-hidden">: {r.title}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function DueText({ a }: { a: ActionSummary }) {
  return (
    <>
      {a.dueOn ? formatDate(a.dueOn) : notSet}
      {a.overdue ? (
        <>
          {' '}
          <OverdueTag />
        </>
      ) : null}
    </>
  );
}

/** Today in the UK, as a calendar date. */
function todayIso() {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// ---------------------------------------------------------------------------------------------------
// /register/actions

const FILTER_KEYS = ['agencyId', 'status', 'overdue', 'mine'] as const;

/** Actions the person may see, with filters in the URL. */
export function ActionsPage() {
  const roles = useActionRoles();
  const { list, query } = useListPage<ActionSummary, (typeof FILTER_KEYS)[number]>({
    resource: 'actions',
    title: 'Actions',
    extraKeys: FILTER_KEYS,
    filters: (l) => ({
      agencyId: l.extra.agencyId || undefined,
      status: (ACTION_STATUSES as readonly string[]).includes(l.extra.status) ? l.extra.status : undefined,
      overdue: l.extra.overdue === 'true' || l.extra.overdue === 'false' ? l.extra.overdue : undefined,
      ownerPersonId: l.extra.mine === 'true' ? roles.personId : undefined,
    }),
  });
  const flash = useFlash();
  return (
    <>
      <BackLink to="/register">Back to the register</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <span className="govuk-caption-l">Register</span>
      <h1 className="govuk-heading-l">Actions</h1>
      <p className="govuk-body">
        What agencies are doing to answer the partnership’s recommendations. One action can answer several
        recommendations addressed to its agency.
      </p>
      <div className="govuk-button-group">
        {roles.plansAny ? <ButtonLink to="/register/actions/new">Add an action</ButtonLink> : null}
        <Link to="/register/action-plans" className="govuk-link">
          Agencies’ action plans
        </Link>
      </div>
      <ActionFilters key={list.key} extra={list.extra} hrefWith={list.hrefWith} />
      {query.isPending ? (
        <p className="govuk-body" role="status">
          Loading the actions…
        </p>
      ) : query.error ? (
        <ErrorMessage id="actions-load">
          {query.error instanceof ApiError ? query.error.message : 'The actions could not be loaded'}
        </ErrorMessage>
      ) : (
        <ListResults
          results={query.data}
          hrefFor={list.hrefFor}
          noun="action"
          empty={<p className="govuk-body">No actions match. Change the filters to see more.</p>}
        >
          {(items) => <ActionsTable items={items} caption="Actions" />}
        </ListResults>
      )}
    </>
  );
}

function ActionsTable({ items, caption }: { items: ActionSummary[]; caption: string }) {
  return (
    <Table<ActionSummary>
      caption={caption}
      captionHidden
      rows={items}
      rowKey={(a) => a.id}
      className="app-actions-table"
      columns={[
        {
          header: 'Action',
          cell: (a) => (
            <Link to={`/register/actions/${a.id}`} className="govuk-link">
              {a.title}
            </Link>
          ),
        },
        { header: 'Agency', cell: (a) => a.agency.name },
        { header: 'Owner', cell: (a) => a.owner?.name ?? notSet },
        { header: 'Due', cell: (a) => <DueText a={a} /> },
        { header: 'Status', cell: (a) => <ActionStatusTag status={a.status} /> },
        { header: 'RAG', cell: (a) => <RagTag rag={a.rag} /> },
        { header: 'Answers', cell: (a) => <RecommendationLinks items={a.recommendations} /> },
      ]}
    />
  );
}

/** The agencies a person may filter or plan by: every active one, or only those they lead. */
function useVisibleAgencies(restrictTo?: string[]) {
  const agencies = useAgencyOptions();
  const all = agencies.data ?? [];
  return {
    isPending: agencies.isPending,
    items: restrictTo ? all.filter((a) => restrictTo.includes(a.id)) : all,
  };
}

function ActionFilters({
  extra,
  hrefWith,
}: {
  extra: Record<(typeof FILTER_KEYS)[number], string>;
  hrefWith(c: Record<string, string | null>): string;
}) {
  const navigate = useNavigate();
  const roles = useActionRoles();
  const agencies = useVisibleAgencies(roles.seesAll ? undefined : roles.ledAgencyIds);
  const [values, setValues] = useState(extra);
  const set = (k: keyof typeof values) => (v: string) => setValues((x) => ({ ...x, [k]: v }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(
      hrefWith({
        agencyId: values.agencyId || null,
        status: values.status || null,
        overdue: values.overdue || null,
        mine: values.mine === 'true' ? 'true' : null,
        page: null,
      }),
    );
  };
  return (
    <form className="app-filter app-action-filter" onSubmit={onSubmit} noValidate aria-label="Filter actions">
      {agencies.items.length > 1 ? (
        <Select
          id="agencyId"
          label="Agency"
          labelSize="s"
          value={values.agencyId}
          onChange={set('agencyId')}
          placeholder="All agencies"
          options={agencies.items.map((a) => ({ value: a.id, text: a.name }))}
          className="app-action-filter__select"
        />
      ) : null}
      <Select
        id="status"
        label="Status"
        labelSize="s"
        value={values.status}
        onChange={set('status')}
        placeholder="Any status"
        options={ACTION_STATUSES.map((s) => ({ value: s, text: ACTION_STATUS_LABELS[s] }))}
      />
      <Select
        id="overdue"
        label="Overdue"
        labelSize="s"
        value={values.overdue}
        onChange={set('overdue')}
        placeholder="Overdue or not"
        options={[
          { value: 'true', text: 'Overdue only' },
          { value: 'false', text: 'Not overdue' },
        ]}
      />
      <SingleCheckbox
        id="mine"
        label="Only actions I own"
        checked={values.mine === 'true'}
        onChange={(c) => set('mine')(c ? 'true' : '')}
      />
      <Button variant="secondary" className="app-filter__button">
        Show actions
      </Button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------
// Adding and changing an action

type ActionValues = {
  agencyId: string;
  title: string;
  description: string;
  ownerPersonId: string;
  dueOn: string;
  rag: string;
  recommendationIds: string[];
  version: number;
};

const FIELD_ORDER = [
  'agencyId',
  'title',
  'description',
  'ownerPersonId',
  'dueOn',
  'rag',
  'recommendationIds',
];

const valuesOf = (a: ActionDetail): ActionValues => ({
  agencyId: a.agency.id,
  title: a.title,
  description: a.description ?? '',
  ownerPersonId: a.owner?.id ?? '',
  dueOn: a.dueOn ?? '',
  rag: a.rag ?? '',
  recommendationIds: a.recommendations.map((r) => r.id).sort(),
  version: a.version,
});

const recommendationText = (r: { number: number; title: string }) =>
  `${recommendationReference(r.number)}: ${r.title}`;

/** /register/actions/new?recommendationId=&agencyId= */
export function NewActionPage() {
  const [params] = useSearchParams();
  const recommendationId = params.get('recommendationId') ?? '';
  const agencyId = params.get('agencyId') ?? '';
  if (recommendationId) return <NewActionFor recommendationId={recommendationId} agencyId={agencyId} />;
  return <ActionForm presetAgencyId={agencyId} />;
}

function NewActionFor({ recommendationId, agencyId }: { recommendationId: string; agencyId: string }) {
  const query = useRecommendationOption(recommendationId);
  return (
    <Loaded query={query} what="recommendation">
      {(r) => <ActionForm recommendation={r} presetAgencyId={agencyId} />}
    </Loaded>
  );
}

export function EditActionPage() {
  const { actionId = '' } = useParams();
  const query = useAction(actionId);
  return (
    <Loaded query={query} what="action">
      {(a) =>
        a.allowedVerbs.includes('edit') ? (
          <ActionForm action={a} />
        ) : (
          <NotFoundPage message="You cannot change this action" />
        )
      }
    </Loaded>
  );
}

/** Flattens the server's current action (after a 409) into the form's values, for the side-by-side view. */
async function withFlatConflict<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (e) {
    if (e instanceof ApiError && e.isConflict && e.details?.current) {
      e.details.current = valuesOf(e.details.current as unknown as ActionDetail);
    }
    throw e;
  }
}

function ActionForm({
  action,
  recommendation,
  presetAgencyId = '',
}: {
  action?: ActionDetail;
  recommendation?: RecommendationOption;
  presetAgencyId?: string;
}) {
  const { partnershipId, path } = usePartnership();
  const roles = useActionRoles();
  const refresh = useRefreshActions();
  const people = usePeopleOptions();
  const allAgencies = useAgencyOptions();
  // Agencies this action may be for: those the recommendation is addressed to, or any; an agency lead
  // only ever sees their own.
  const agencyOptions = (
    recommendation
      ? recommendation.agencies
      : (allAgencies.data ?? []).map((a) => ({ id: a.id, name: a.name }))
  ).filter((a) => roles.plansFor(a.id));
  const onlyAgency = agencyOptions.length === 1 ? agencyOptions[0].id : '';
  const initialAgency =
    agencyOptions.find((a) => a.id === presetAgencyId)?.id ??
    (recommendation && onlyAgency ? onlyAgency : presetAgencyId && !recommendation ? presetAgencyId : '');
  const backTo = action
    ? `/register/actions/${action.id}`
    : recommendation
      ? `/register/recommendations/${recommendation.id}`
      : '/register/actions';
  const form = useEntityForm<ActionValues, ActionDetail>({
    title: action ? `Change ${action.title}` : 'Add an action',
    initial: action
      ? valuesOf(action)
      : {
          agencyId: initialAgency || onlyAgency,
          title: '',
          description: '',
          ownerPersonId: '',
          dueOn: '',
          rag: '',
          recommendationIds: recommendation ? [recommendation.id] : [],
          version: 0,
        },
    draftKey: action
      ? `action:${action.id}`
      : `action:new:${partnershipId}:${recommendation?.id ?? presetAgencyId}`,
    fieldOrder: FIELD_ORDER,
    choiceMessages: { agencyId: 'Choose the agency whose action this is' },
    save: async (v, version) => {
      const body = {
        title: v.title,
        description: v.description.trim() || null,
        ownerPersonId: v.ownerPersonId || null,
        dueOn: v.dueOn || null,
        rag: v.rag || null,
        recommendationIds: v.recommendationIds,
      };
      const saved = action
        ? await withFlatConflict(api.put<ActionDetail>(path(`actions/${action.id}`), { ...body, version }))
        : await api.post<ActionDetail>(path('actions'), { ...body, agencyId: v.agencyId });
      await refresh();
      return saved;
    },
    done: (saved) => ({
      to: `/register/actions/${saved.id}`,
      flash: action ? 'Action saved' : 'Action added',
    }),
  });
  const agencyId = form.values.agencyId;
  const recs = useAgencyRecommendations(agencyId);
  const linked = action?.recommendations ?? [];
  const recOptions: { id: string; number: number; title: string; status: string }[] = [
    ...(recs.data ?? []).filter((r) => IN_FORCE.includes(r.status) || linked.some((l) => l.id === r.id)),
    ...linked.filter((l) => !(recs.data ?? []).some((r) => r.id === l.id)),
  ].sort((a, b) => a.number - b.number);
  const ownerOptions = (people.data ?? [])
    .filter((p) => p.active)
    .map((p) => ({ value: p.id, text: personOptionText(p) }));
  if (action?.owner && !ownerOptions.some((o) => o.value === action.owner!.id))
    ownerOptions.push({ value: action.owner.id, text: `${action.owner.name} (no longer a member)` });
  const ownerName = (id: unknown) =>
    (people.data ?? []).find((p) => p.id === id)?.name ?? (id ? String(id) : notSet);
  const recRefs = (ids: unknown) => {
    const list = Array.isArray(ids) ? (ids as string[]) : [];
    if (!list.length) return notSet;
    return list
      .map((id) => recOptions.find((r) => r.id === id)?.number ?? 0)
      .sort((a, b) => a - b)
      .map((n) => (n ? recommendationReference(n) : '?'))
      .join(', ');
  };

  return (
    <FormPage
      form={form}
      backTo={backTo}
      caption={
        action
          ? action.agency.name
          : recommendation
            ? `Answering ${recommendationReference(recommendation.number)}`
            : 'Actions'
      }
      submitText={action ? 'Save changes' : 'Add action'}
      intro={
        action ? null : (
          <p className="govuk-body">
            An action says what the agency will do, who owns it and by when. One action can answer several
            recommendations addressed to the agency, so there is no need for an action per recommendation.
          </p>
        )
      }
      conflict={
        action
          ? {
              fields: [
                { name: 'title', label: 'Title' },
                { name: 'description', label: 'Description' },
                { name: 'ownerPersonId', label: 'Owner', show: ownerName },
                { name: 'dueOn', label: 'Due date', show: (v) => (v ? formatDate(String(v)) : notSet) },
                { name: 'rag', label: 'RAG', show: (v) => (v ? RAG_LABELS[v as Rag] : notSet) },
                { name: 'recommendationIds', label: 'Recommendations it answers', show: recRefs },
              ],
              fromSaved: (c) => c as unknown as ActionValues,
            }
          : undefined
      }
    >
      {action ? null : agencyOptions.length === 0 && !allAgencies.isPending ? (
        <FormGroup error={form.errors.agencyId}>
          <ErrorMessage id="agencyId">{form.errors.agencyId}</ErrorMessage>
          <InsetText>
            {recommendation
              ? 'This recommendation is not addressed to an agency you can plan actions for.'
              : 'You cannot plan actions for any agency.'}
          </InsetText>
        </FormGroup>
      ) : (
        <Select
          {...form.field('agencyId')}
          onChange={(v) => {
            form.setValue('agencyId', v);
            form.setValue('recommendationIds', recommendation ? [recommendation.id] : []);
          }}
          label="Agency"
          labelSize="s"
          hint={recommendation ? 'The agencies this recommendation is addressed to' : undefined}
          placeholder="Choose an agency"
          options={agencyOptions.map((a) => ({ value: a.id, text: a.name }))}
        />
      )}
      <TextInput
        {...form.field('title')}
        label="Title"
        labelSize="s"
        hint="What the agency will do, for example: Refresh neglect training for all frontline officers"
        spellCheck
      />
      <Textarea
        {...form.field('description')}
        label="Description (optional)"
        labelSize="s"
        hint="How it will be done and what will show it has worked"
        rows={4}
        spellCheck
      />
      <Select
        {...form.field('ownerPersonId')}
        label="Owner (optional)"
        labelSize="s"
        hint="The person who will make sure it happens; they can record progress"
        placeholder="No owner yet"
        options={ownerOptions}
        className="app-full-width"
      />
      <DateInput
        id="dueOn"
        legend="Due date (optional)"
        legendSize="s"
        hint="For example, 30 9 2026"
        error={form.errors.dueOn}
        value={form.values.dueOn}
        onChange={(v) => form.setValue('dueOn', v)}
      />
      <Radios
        {...form.field('rag')}
        legend="RAG rating (optional)"
        legendSize="s"
        hint="How confident the agency is that it will be done well and on time"
        small
        items={[...RAG.map((r) => ({ value: r, text: RAG_LABELS[r] })), { value: '', text: 'Not rated yet' }]}
      />
      {agencyId ? (
        recs.isPending ? (
          <p className="govuk-body">Loading the recommendations addressed to the agency…</p>
        ) : recOptions.length === 0 ? (
          <FormGroup error={form.errors.recommendationIds}>
            <ErrorMessage id="recommendationIds">{form.errors.recommendationIds}</ErrorMessage>
            <InsetText>
              No open recommendations are addressed to this agency, so it needs no action yet.
            </InsetText>
          </FormGroup>
        ) : (
          <Checkboxes
            id="recommendationIds"
            legend="Recommendations it answers"
            legendSize="s"
            hint="Open recommendations addressed to the agency. Choose every one this action answers."
            error={form.errors.recommendationIds}
            items={recOptions.map((r) => ({
              value: r.id,
              text: recommendationText(r),
              hint: RECOMMENDATION_STATUS_LABELS[r.status as keyof typeof RECOMMENDATION_STATUS_LABELS],
            }))}
            values={form.values.recommendationIds}
            onChange={(v) => form.setValue('recommendationIds', v)}
            small
          />
        )
      ) : (
        <FormGroup error={form.errors.recommendationIds}>
          <ErrorMessage id="recommendationIds">{form.errors.recommendationIds}</ErrorMessage>
          <p className="govuk-body app-muted">
            Choose the agency to see the recommendations addressed to it.
          </p>
        </FormGroup>
      )}
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// /register/actions/:id

export function ActionPage() {
  const { actionId = '' } = useParams();
  const query = useAction(actionId);
  return (
    <Loaded query={query} what="action">
      {(a) => <ActionView action={a} />}
    </Loaded>
  );
}

function ActionView({ action: a }: { action: ActionDetail }) {
  usePageTitle(a.title);
  const flash = useFlash();
  const canEdit = a.allowedVerbs.includes('edit');
  const canProgress = a.allowedVerbs.includes('progress');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <BackLink to="/register/actions">Back to actions</BackLink>
        {flash ? (
          <NotificationBanner type="success" heading={flash.heading}>
            {flash.body ? <p className="govuk-body">{flash.body}</p> : null}
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">{a.agency.name}</span>
        <h1 className="govuk-heading-l">{a.title}</h1>
        <p className="govuk-body app-tag-row">
          <ActionStatusTag status={a.status} /> <RagTag rag={a.rag} /> {a.overdue ? <OverdueTag /> : null}
        </p>
        {canEdit || canProgress ? (
          <div className="govuk-button-group">
            {canEdit ? <ButtonLink to={`/register/actions/${a.id}/edit`}>Change details</ButtonLink> : null}
            {canProgress ? (
              <ButtonLink to={`/register/actions/${a.id}/status`} variant="secondary">
                Change status
              </ButtonLink>
            ) : null}
          </div>
        ) : null}
        <SummaryList
          rows={[
            {
              key: 'Agency',
              value: (
                <Link to={`/register/agencies/${a.agency.id}/action-plan`} className="govuk-link">
                  {a.agency.name}
                  <span className="govuk-visually-hidden"> action plan</span>
                </Link>
              ),
            },
            { key: 'Owner', value: a.owner?.name ?? notSet },
            { key: 'Due', value: <DueText a={a} /> },
            { key: 'Status', value: ACTION_STATUS_LABELS[a.status] },
            ...(a.completedOn ? [{ key: 'Completed', value: formatDate(a.completedOn) }] : []),
            { key: 'RAG', value: a.rag ? RAG_LABELS[a.rag] : notSet },
            {
              key: 'Description',
              value: a.description ? <span className="app-pre-wrap">{a.description}</span> : notSet,
            },
          ]}
        />
        <h2 className="govuk-heading-m">Recommendations it answers</h2>
        <ul className="govuk-list govuk-list--spaced">
          {a.recommendations.map((r) => (
            <li key={r.id}>
              <Link to={`/register/recommendations/${r.id}`} className="govuk-link">
                {recommendationText(r)}
              </Link>{' '}
              <span className="app-muted">({RECOMMENDATION_STATUS_LABELS[r.status]})</span>
            </li>
          ))}
        </ul>
        <h2 className="govuk-heading-m" id="progress">
          Progress updates
        </h2>
        {a.updates.length === 0 ? (
          <p className="govuk-body">No progress has been recorded yet.</p>
        ) : (
          <ol className="app-updates">
            {a.updates.map((u, i) => (
              <UpdateItem key={u.id} action={a} update={u} canProgress={canProgress} newest={i === 0} />
            ))}
          </ol>
        )}
        {canProgress && a.status !== 'cancelled' ? <AddUpdateForm action={a} /> : null}
        <RemindersSent itemType="action" itemId={a.id} />
      </div>
    </div>
  );
}

function UpdateItem({
  action,
  update: u,
  canProgress,
  newest,
}: {
  action: ActionDetail;
  update: ProgressUpdate;
  canProgress: boolean;
  /** Evidence usually goes on the latest update, so only its upload is open; older ones fold away. */
  newest: boolean;
}) {
  const { path } = usePartnership();
  const refresh = useRefreshActions();
  const headingId = `update-${u.id}`;
  const fileOf = (f: ActionFile) => path(`actions/${action.id}/files/${f.id}`);
  return (
    <li className="app-updates__item" aria-labelledby={headingId}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2" id={headingId}>
        {formatDate(u.updateOn)}
      </h3>
      {u.rag ? (
        <p className="govuk-body govuk-!-margin-bottom-2">
          <RagTag rag={u.rag} />
        </p>
      ) : null}
      <p className="govuk-body app-pre-wrap">{u.body}</p>
      <p className="govuk-body-s app-muted">
        {u.createdBy ? `Recorded by ${u.createdBy.name}, ` : 'Recorded '}
        {formatDateTime(u.createdAt)}
      </p>
      {u.files.length > 0 ? (
        <>
          <h4 className="govuk-heading-s govuk-!-margin-bottom-1">Evidence</h4>
          <EvidenceFileList
            id={headingId}
            files={u.files}
            pathOf={fileOf}
            removePath={canProgress ? fileOf : undefined}
            onRemoved={refresh}
          />
        </>
      ) : null}
      {canProgress ? (
        newest ? (
          <UploadEvidence action={action} update={u} />
        ) : (
          <Details summary="Add evidence to this update">
            <UploadEvidence action={action} update={u} />
          </Details>
        )
      ) : null}
    </li>
  );
}

/** A GOV.UK file upload that adds an evidence file to one progress update. */
function UploadEvidence({ action, update }: { action: ActionDetail; update: ProgressUpdate }) {
  const { path } = usePartnership();
  const refresh = useRefreshActions();
  return (
    <EvidenceFileUpload
      id={`file-${update.id}`}
      uploadPath={path(`actions/${action.id}/updates/${update.id}/files`)}
      label="Add an evidence file"
      context={`to the update of ${formatDate(update.updateOn)}`}
      onUploaded={refresh}
    />
  );
}

/** "Add a progress update": what happened, when, and the RAG now; evidence is uploaded to it after. */
function AddUpdateForm({ action }: { action: ActionDetail }) {
  const { path } = usePartnership();
  const refresh = useRefreshActions();
  const navigate = useNavigate();
  const form = useForm({
    initial: { body: '', updateOn: todayIso(), rag: action.rag ?? '' },
    draftKey: `action:${action.id}:update`,
    fieldOrder: ['body', 'updateOn', 'rag'],
  });
  useErrorTitlePrefix(form.hasErrors);
  const onSubmit = form.submit(
    async (v) => {
      await api.post(path(`actions/${action.id}/updates`), {
        body: v.body,
        updateOn: v.updateOn,
        rag: v.rag || null,
      });
      await refresh();
    },
    () => {
      form.setValues({ body: '', updateOn: todayIso(), rag: '' });
      navigate(`/register/actions/${action.id}`, {
        replace: true,
        ...withFlash('Progress update added', 'You can now add evidence files to it under Progress updates.'),
      });
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="app-add-update" aria-labelledby="add-update-heading">
      <h2 className="govuk-heading-m" id="add-update-heading">
        Add a progress update
      </h2>
      <FormFeedback form={form} />
      <Textarea
        {...form.field('body')}
        label="What progress has been made?"
        labelSize="s"
        hint="What has been done since the last update, and what it has changed"
        rows={4}
        spellCheck
      />
      <DateInput
        id="updateOn"
        legend="Date of the update"
        legendSize="s"
        hint="Today or earlier, for example 15 6 2026"
        error={form.errors.updateOn}
        value={form.values.updateOn}
        onChange={(v) => form.setValue('updateOn', v)}
      />
      <Radios
        {...form.field('rag')}
        legend="RAG rating now (optional)"
        legendSize="s"
        hint="It becomes the action’s RAG rating"
        small
        inline
        items={[...RAG.map((r) => ({ value: r, text: RAG_LABELS[r] })), { value: '', text: 'No change' }]}
      />
      <p className="govuk-body">You can add evidence files to the update once it is saved.</p>
      <Button pending={form.pending} pendingText="Adding the update…">
        Add update
      </Button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------
// /register/actions/:id/status

export function ActionStatusPage() {
  const { actionId = '' } = useParams();
  const query = useAction(actionId);
  return (
    <Loaded query={query} what="action">
      {(a) =>
        a.allowedVerbs.includes('progress') ? (
          <StatusForm action={a} />
        ) : (
          <NotFoundPage message="You cannot change the status of this action" />
        )
      }
    </Loaded>
  );
}

const statusChoiceText = (from: ActionStatus, to: ActionStatus) => {
  if (to === 'in_progress')
    return from === 'not_started' ? 'Start it (in progress)' : 'Reopen it (in progress)';
  if (to === 'complete') return 'Mark it complete';
  if (to === 'cancelled') return 'Cancel it';
  return ACTION_STATUS_LABELS[to];
};

function StatusForm({ action }: { action: ActionDetail }) {
  const { path } = usePartnership();
  const refresh = useRefreshActions();
  const form = useEntityForm({
    title: `Change the status of ${action.title}`,
    initial: { status: '', reason: '', version: action.version },
    draftKey: `action:${action.id}:status`,
    fieldOrder: ['status', 'reason'],
    choiceMessages: { status: 'Choose the new status' },
    validate: (v): Record<string, string> => {
      if (!v.status) return { status: 'Choose the new status' };
      if (v.status === 'cancelled' && !v.reason.trim())
        return { reason: 'Enter why the action is being cancelled' };
      return {};
    },
    save: async (v, version) => {
      await api.post(path(`actions/${action.id}/status`), {
        status: v.status,
        reason: v.status === 'cancelled' ? v.reason.trim() || null : null,
        version,
      });
      await refresh();
    },
    done: () => ({ to: `/register/actions/${action.id}`, flash: 'Status changed' }),
  });
  return (
    <FormPage
      form={form}
      backTo={`/register/actions/${action.id}`}
      heading={null}
      submitText="Change status"
      conflict={{
        fields: [
          { name: 'status', label: 'Status', show: (v) => ACTION_STATUS_LABELS[v as ActionStatus] ?? notSet },
        ],
        fromSaved: (c) => ({ status: '', reason: form.values.reason, version: Number(c.version) }),
      }}
    >
      <span className="govuk-caption-l">{action.agency.name}</span>
      <Radios
        {...form.field('status')}
        legend={`Change the status of ${action.title}`}
        legendSize="l"
        isPageHeading
        hint={`It is ${ACTION_STATUS_LABELS[action.status].toLowerCase()} now.`}
        items={actionNextStatuses(action.status).map((s) => ({
          value: s,
          text: statusChoiceText(action.status, s),
          hint: s === 'complete' ? 'Today becomes its completion date' : undefined,
          conditional:
            s === 'cancelled' ? (
              <Textarea
                {...form.field('reason')}
                label="Why is it being cancelled?"
                hint="This is kept as a progress update on the action"
                rows={3}
                spellCheck
              />
            ) : undefined,
        }))}
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// /register/action-plans and /register/agencies/:agencyId/action-plan

/** Agencies whose action plan the person may open; an agency lead of one agency goes straight to it. */
export function ActionPlansPage() {
  const roles = useActionRoles();
  const agencies = useAgencyOptions();
  if (!roles.seesAll && roles.ledAgencyIds.length === 1)
    return <Navigate to={`/register/agencies/${roles.ledAgencyIds[0]}/action-plan`} replace />;
  return (
    <Loaded query={agencies} what="agencies">
      {(all) => (
        <ActionPlanList
          agencies={roles.seesAll ? all : all.filter((a) => roles.ledAgencyIds.includes(a.id))}
        />
      )}
    </Loaded>
  );
}

function ActionPlanList({ agencies }: { agencies: { id: string; name: string }[] }) {
  usePageTitle('Action plans');
  return (
    <>
      <BackLink to="/register">Back to the register</BackLink>
      <span className="govuk-caption-l">Register</span>
      <h1 className="govuk-heading-l">Action plans</h1>
      {agencies.length === 0 ? (
        <p className="govuk-body">
          You can see an agency’s action plan if you lead that agency, or if you are a partnership admin, a QA
          group member or an independent scrutineer.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            Each agency’s actions on one page: what is overdue, in progress and done, and the recommendations
            it has not answered yet.
          </p>
          <ul className="govuk-list govuk-list--spaced">
            {agencies.map((a) => (
              <li key={a.id}>
                <Link to={`/register/agencies/${a.id}/action-plan`} className="govuk-link">
                  {a.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function ActionPlanPage() {
  const { agencyId = '' } = useParams();
  const page = pageFrom(useSearchParams()[0]);
  const query = useActionPlan(agencyId, page);
  return (
    <Loaded query={query} what="action plan">
      {(plan) => <ActionPlanView plan={plan} />}
    </Loaded>
  );
}

/** The page number in the URL (1 when missing or not a page number). */
const pageFrom = (params: URLSearchParams) => {
  const n = Number(params.get('page'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
};
const planHref = (agencyId: string, page = 1) =>
  `/register/agencies/${agencyId}/action-plan${page > 1 ? `?page=${page}` : ''}`;
const thousands = (n: number) => n.toLocaleString('en-GB');

function ActionPlanView({ plan }: { plan: ActionPlan }) {
  const title = `${plan.agency.name} action plan`;
  usePageTitle(plan.page > 1 ? `${title} (page ${plan.page})` : title);
  const roles = useActionRoles();
  const plans = roles.plansFor(plan.agency.id);
  const shown = plan.groups.filter((g) => g.actions.length > 0);
  const counts: [string, number][] = [
    ['Open', plan.counts.open],
    ['On track', plan.counts.onTrack],
    ['Overdue', plan.counts.overdue],
    ['Complete', plan.counts.complete],
    ['Cancelled', plan.counts.cancelled],
  ];
  // Where each group starts in the whole plan, so a group split across pages can say which of it is here.
  const pageStart = (plan.page - 1) * plan.pageSize;
  const groupStarts = plan.groups.map((_, i) => plan.groups.slice(0, i).reduce((n, g) => n + g.total, 0));
  return (
    <>
      <BackLink to={roles.seesAll || roles.ledAgencyIds.length > 1 ? '/register/action-plans' : '/register'}>
        Back
      </BackLink>
      <span className="govuk-caption-l">Action plan</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        Open actions, and those completed or cancelled recently, as of {formatDate(plan.today)}: overdue
        first, then soonest due.
      </p>
      <h2 className="govuk-heading-m">Actions at a glance</h2>
      <dl className="app-plan-counts">
        {counts.map(([label, n]) => (
          <div
            key={label}
            className={cx(
              'app-plan-counts__item',
              label === 'Overdue' && n > 0 && 'app-plan-counts__item--alert',
            )}
          >
            <dt className="govuk-body-s govuk-!-margin-bottom-1">{label}</dt>
            <dd className="govuk-heading-l govuk-!-margin-bottom-0">{thousands(n)}</dd>
          </div>
        ))}
      </dl>
      {plans ? (
        <ButtonLink to={`/register/actions/new?agencyId=${plan.agency.id}`}>Add an action</ButtonLink>
      ) : null}
      {plan.total === 0 ? (
        <p className="govuk-body">
          This agency has no open actions, and none completed or cancelled recently.
        </p>
      ) : shown.length === 0 ? (
        <p className="govuk-body">
          There is no page {plan.page} of this plan.{' '}
          <Link to={planHref(plan.agency.id)} className="govuk-link">
            Go to the first page
          </Link>
          .
        </p>
      ) : (
        <>
          {plan.total > plan.pageSize ? (
            <ResultCount page={plan.page} pageSize={plan.pageSize} total={plan.total} noun="action" />
          ) : null}
          {shown.map((g) => {
            const first = Math.max(0, pageStart - groupStarts[plan.groups.indexOf(g)]) + 1;
            const last = first + g.actions.length - 1;
            const part = first > 1 || last < g.total;
            return (
              <section key={g.key} aria-labelledby={`group-${g.key}`}>
                <h2 className="govuk-heading-m" id={`group-${g.key}`}>
                  {g.label} <span className="app-muted">({thousands(g.total)})</span>
                </h2>
                {part ? (
                  <p className="govuk-body-s app-muted">
                    Showing {thousands(first)} to {thousands(last)} of {thousands(g.total)}
                    {first > 1
                      ? `; ${thousands(first - 1)} more on the previous ${first - 1 > plan.pageSize ? 'pages' : 'page'}`
                      : ''}
                    {last < g.total
                      ? `; ${thousands(g.total - last)} more on the next ${g.total - last > plan.pageSize ? 'pages' : 'page'}`
                      : ''}
                  </p>
                ) : null}
                <Table<PlanAction>
                  caption={
                    part
                      ? `${g.label}: actions ${first} to ${last} of ${g.total}`
                      : `${g.label}: ${plural(g.total, 'action')}`
                  }
                  captionHidden
                  rows={g.actions}
                  rowKey={(a) => a.id}
                  className="app-actions-table"
                  columns={[
                    {
                      header: 'Action',
                      cell: (a) => (
                        <Link to={`/register/actions/${a.id}`} className="govuk-link">
                          {a.title}
                        </Link>
                      ),
                    },
                    { header: 'Owner', cell: (a) => a.owner?.name ?? notSet },
                    { header: 'Due', cell: (a) => <DueText a={a} /> },
                    { header: 'Status', cell: (a) => <ActionStatusTag status={a.status} /> },
                    { header: 'RAG', cell: (a) => <RagTag rag={a.rag} /> },
                    { header: 'Answers', cell: (a) => <RecommendationLinks items={a.recommendations} /> },
                    {
                      header: 'Latest update',
                      cell: (a) =>
                        a.latestUpdate ? (
                          <>
                            <strong>{formatDate(a.latestUpdate.updateOn)}</strong>{' '}
                            <span className="app-clamp">{a.latestUpdate.body}</span>
                          </>
                        ) : (
                          <span className="app-muted">None yet</span>
                        ),
                    },
                  ]}
                />
              </section>
            );
          })}
          <Pagination
            page={plan.page}
            pageSize={plan.pageSize}
            total={plan.total}
            hrefFor={(p) => planHref(plan.agency.id, p)}
          />
        </>
      )}
      <h2 className="govuk-heading-m">
        Recommendations with no action yet
        {plan.unansweredTotal > 0 ? (
          <span className="app-muted"> ({thousands(plan.unansweredTotal)})</span>
        ) : null}
      </h2>
      {plan.unansweredTotal === 0 ? (
        <p className="govuk-body">
          Every recommendation addressed to this agency has an action answering it.
        </p>
      ) : (
        <>
          {plan.unansweredTotal > plan.unansweredRecommendations.length ? (
            <p className="govuk-body">The {plan.unansweredRecommendations.length} oldest:</p>
          ) : null}
          <UnansweredList items={plan.unansweredRecommendations} agencyId={plan.agency.id} plans={plans} />
          {plan.unansweredTotal > plan.unansweredRecommendations.length ? (
            <p className="govuk-body">
              <Link to={`/register/agencies/${plan.agency.id}/action-plan/unanswered`} className="govuk-link">
                See all {thousands(plan.unansweredTotal)} recommendations with no action yet
              </Link>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

/** Recommendations with no action yet, each with a link to add one for those who plan the agency's actions. */
function UnansweredList({
  items,
  agencyId,
  plans,
}: {
  items: LinkedRecommendation[];
  agencyId: string;
  plans: boolean;
}) {
  return (
    <ul className="govuk-list govuk-list--spaced">
      {items.map((r) => (
        <li key={r.id}>
          <Link to={`/register/recommendations/${r.id}`} className="govuk-link">
            {recommendationText(r)}
          </Link>{' '}
          <span className="app-muted">({RECOMMENDATION_STATUS_LABELS[r.status]})</span>
          {plans ? (
            <>
              <br />
              <Link
                to={`/register/actions/new?recommendationId=${r.id}&agencyId=${agencyId}`}
                className="govuk-link"
              >
                Add an action
                <span className="govuk-visually-hidden"> for {recommendationReference(r.number)}</span>
              </Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** /register/agencies/:agencyId/action-plan/unanswered: every recommendation with no action yet, paged. */
export function UnansweredRecommendationsPage() {
  const { agencyId = '' } = useParams();
  const page = pageFrom(useSearchParams()[0]);
  const query = useUnansweredRecommendations(agencyId, page);
  const roles = useActionRoles();
  return (
    <Loaded query={query} what="recommendations with no action yet">
      {(result) => <UnansweredView result={result} plans={roles.plansFor(result.agency.id)} />}
    </Loaded>
  );
}

function UnansweredView({
  result,
  plans,
}: {
  result: Page<LinkedRecommendation> & { agency: { id: string; name: string } };
  plans: boolean;
}) {
  const title = `${result.agency.name}: recommendations with no action yet`;
  usePageTitle(result.page > 1 ? `${title} (page ${result.page})` : title);
  const href = (p: number) =>
    `/register/agencies/${result.agency.id}/action-plan/unanswered${p > 1 ? `?page=${p}` : ''}`;
  return (
    <>
      <BackLink to={planHref(result.agency.id)}>Back to the action plan</BackLink>
      <span className="govuk-caption-l">{result.agency.name} action plan</span>
      <h1 className="govuk-heading-l">Recommendations with no action yet</h1>
      <p className="govuk-body">
        Recommendations in force, addressed to {result.agency.name}, that none of its actions answers yet,
        oldest first.
      </p>
      <ResultCount page={result.page} pageSize={result.pageSize} total={result.total} noun="recommendation" />
      {result.items.length > 0 ? (
        <UnansweredList items={result.items} agencyId={result.agency.id} plans={plans} />
      ) : result.total > 0 ? (
        <p className="govuk-body">
          There is no page {result.page}.{' '}
          <Link to={href(1)} className="govuk-link">
            Go to the first page
          </Link>
          .
        </p>
      ) : null}
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={href} />
    </>
  );
}
