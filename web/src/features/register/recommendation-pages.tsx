import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  ACTION_STATUS_LABELS,
  IMPACT_JUDGEMENT_LABELS,
  type ImpactJudgement,
  PRIORITY_LEVEL_LABELS,
  PRIORITY_LEVELS,
  type PriorityLevel,
  RAG_LABELS,
  RECOMMENDATION_SOURCE_LABELS,
  RECOMMENDATION_SOURCES,
  RECOMMENDATION_STATUS_LABELS,
  RECOMMENDATION_STATUSES,
  type RecommendationSource,
  type RecommendationStatus,
} from '../../../../contracts/recommendations';
import { impactCheckMonthsProblem } from '../../../../contracts/recommendations.rules';
import { ApiError, api } from '../../app/api';
import { ForbiddenPage, InlineLoadError, LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { formatDate, formatDateTime, plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import { BackLink } from '../../components/back-link';
import { Button, ButtonLink } from '../../components/button';
import { Checkboxes } from '../../components/checkboxes';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag, Tag, type TagColour } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { useAgencyOptions } from '../common/agency-options';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import {
  useActionsFor,
  useGroupOptions,
  useRecommendation,
  useRecommendationSettings,
  useRefreshRecommendations,
  useRefreshThemes,
  useThemes,
} from './queries-recommendations';
import type { Recommendation, RecommendationSummary, Theme } from './types-recommendations';

// The register's recommendation pages (PRODUCT.md §4.9): the register itself with its filters, adding and
// changing a recommendation, one recommendation with its actions, impact checks and timeline, its status
// moves and closure, the theme taxonomy, and the impact-check months (admin).

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const STATUS_COLOURS: Record<RecommendationStatus, TagColour> = {
  draft: 'grey',
  agreed: 'blue',
  in_progress: 'turquoise',
  impact_check: 'purple',
  closed: 'green',
  not_accepted: 'red',
};

export function RecommendationStatusTag({ status }: { status: RecommendationStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{RECOMMENDATION_STATUS_LABELS[status]}</Tag>;
}

const JUDGEMENT_COLOURS: Record<ImpactJudgement, TagColour> = {
  embedded: 'green',
  partly_embedded: 'yellow',
  not_embedded: 'red',
};

function Muted({ children }: { children: ReactNode }) {
  return <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-inline">{children}</span>;
}

/** Admins and QA group members add to the register and look after its themes (the server decides). */
function useManagesRegister() {
  const { roles } = useSession();
  return roles.includes('partnership_admin') || roles.includes('qa_group_member');
}

// ---------------------------------------------------------------------------------------------------
// The register
// ---------------------------------------------------------------------------------------------------

const FILTER_KEYS = ['source', 'agencyId', 'themeId', 'priority', 'status', 'overdue'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const REGISTER_LINKS = [
  { to: '/register/actions', text: 'Actions and action plans' },
  { to: '/register/impact-checks', text: 'Impact checks' },
  { to: '/register/assurance-requests', text: 'Single-agency assurance requests' },
  { to: '/register/scrutiny', text: 'Scrutiny and peer review' },
  { to: '/register/summary', text: 'Board summary and exports' },
];

/** /register: every recommendation the person may see, filtered and searched through the URL. */
export function RegisterPage() {
  const flash = useFlash();
  const manages = useManagesRegister();
  const { list, query } = useListPage<RecommendationSummary, FilterKey>({
    resource: 'recommendations',
    title: 'Recommendations register',
    extraKeys: FILTER_KEYS,
    filters: (l) => ({ q: l.q, ...l.extra }),
  });
  const filtered = list.q !== '' || FILTER_KEYS.some((k) => list.extra[k] !== '');
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Recommendations register</h1>
      <p className="govuk-body">
        Every recommendation the partnership has made, from audits, reviews, self-assessments, scrutiny,
        inspections and visits, and how far each has got.
      </p>
      <nav aria-label="The register">
        <ul className="govuk-list app-register-links">
          {REGISTER_LINKS.map((l) => (
            <li key={l.to}>
              <Link to={l.to} className="govuk-link">
                {l.text}
              </Link>
            </li>
          ))}
          {manages ? (
            <li>
              <Link to="/register/themes" className="govuk-link">
                Themes
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {manages ? <ButtonLink to="/register/recommendations/new">Add a recommendation</ButtonLink> : null}
      <RegisterFilters key={list.key} list={list} />
      {filtered ? (
        <p className="govuk-body">
          <Link to="/register" className="govuk-link">
            Clear filters
          </Link>
        </p>
      ) : null}
      {query.isPending ? (
        <Loading what="recommendations" />
      ) : query.error ? (
        <LoadError error={query.error} />
      ) : (
        <ListResults
          results={query.data}
          hrefFor={list.hrefFor}
          noun="recommendation"
          empty={
            <p className="govuk-body">
              {filtered ? 'No recommendations match these filters.' : 'There are no recommendations yet.'}
            </p>
          }
        >
          {(items) => <RegisterTable items={items} />}
        </ListResults>
      )}
    </>
  );
}

function RegisterTable({ items }: { items: RecommendationSummary[] }) {
  return (
    <Table<RecommendationSummary>
      caption="Recommendations"
      captionHidden
      rows={items}
      rowKey={(r) => r.id}
      className="app-register-table"
      columns={[
        { header: 'Reference', cell: (r) => r.reference },
        {
          header: 'Recommendation',
          cell: (r) => (
            <Link to={`/register/recommendations/${r.id}`} className="govuk-link">
              {r.title}
            </Link>
          ),
        },
        {
          header: 'Source',
          cell: (r) => (
            <>
              {r.sourceTitle}
              <br />
              <Muted>{RECOMMENDATION_SOURCE_LABELS[r.sourceKind]}</Muted>
            </>
          ),
        },
        { header: 'Theme', cell: (r) => r.theme?.name ?? <Muted>None</Muted> },
        { header: 'Priority', cell: (r) => PRIORITY_LEVEL_LABELS[r.priority] },
        {
          header: 'Agencies',
          cell: (r) => (
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {r.agencies.map((a) => (
                <li key={a.id}>{a.name}</li>
              ))}
            </ul>
          ),
        },
        {
          header: 'Status',
          cell: (r) => (
            <>
              <RecommendationStatusTag status={r.status} />
              {r.overdue ? (
                <>
                  {' '}
                  <Tag colour="red">Overdue</Tag>
                </>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

type ListParamsLike = {
  q: string;
  extra: Record<FilterKey, string>;
  hrefWith(changes: Record<string, string | number | boolean | null | undefined>): string;
};

/** The register's filters, a GET-style form: applying them puts them in the URL (page back to 1). */
function RegisterFilters({ list }: { list: ListParamsLike }) {
  const navigate = useNavigate();
  const agencies = useAgencyOptions();
  const themes = useThemes();
  const [values, setValues] = useState({ q: list.q, ...list.extra });
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, string | null> = { page: null, q: values.q.trim() || null };
    for (const k of FILTER_KEYS) changes[k] = values[k] || null;
    navigate(list.hrefWith(changes));
  };
  const select = (id: FilterKey, label: string, options: { value: string; text: string }[], all = 'All') => (
    <div className="govuk-grid-column-one-third">
      <Select
        id={`filter-${id}`}
        name={id}
        label={label}
        labelSize="s"
        value={values[id]}
        onChange={set(id)}
        placeholder={all}
        options={options}
        className="app-full-width"
      />
    </div>
  );
  return (
    <search>
      <form className="app-audit-filter" onSubmit={onSubmit} noValidate aria-label="Filter the register">
        <h2 className="govuk-heading-m">Filter the register</h2>
        {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
        {themes.error ? <InlineLoadError error={themes.error} what="the themes" /> : null}
        <TextInput
          id="filter-q"
          name="q"
          label="Search by title"
          labelSize="s"
          value={values.q}
          onChange={set('q')}
          type="search"
          autoComplete="off"
          width="two-thirds"
        />
        <div className="govuk-grid-row">
          {select(
            'source',
            'Source',
            RECOMMENDATION_SOURCES.map((s) => ({ value: s, text: RECOMMENDATION_SOURCE_LABELS[s] })),
            'All sources',
          )}
          {select(
            'agencyId',
            'Agency',
            (agencies.data ?? []).map((a) => ({ value: a.id, text: a.name })),
            'All agencies',
          )}
          {select(
            'themeId',
            'Theme',
            (themes.data ?? []).map((t) => ({
              value: t.id,
              text: t.active ? t.name : `${t.name} (retired)`,
            })),
            'All themes',
          )}
        </div>
        <div className="govuk-grid-row">
          {select(
            'priority',
            'Priority',
            PRIORITY_LEVELS.map((p) => ({ value: p, text: PRIORITY_LEVEL_LABELS[p] })),
            'All priorities',
          )}
          {select(
            'status',
            'Status',
            RECOMMENDATION_STATUSES.map((s) => ({ value: s, text: RECOMMENDATION_STATUS_LABELS[s] })),
            'All statuses',
          )}
          {select(
            'overdue',
            'Overdue',
            [
              { value: 'true', text: 'Overdue only' },
              { value: 'false', text: 'Not overdue' },
            ],
            'Overdue or not',
          )}
        </div>
        <Button variant="secondary">Apply filters</Button>
      </form>
    </search>
  );
}

// ---------------------------------------------------------------------------------------------------
// Adding and changing a recommendation
// ---------------------------------------------------------------------------------------------------

type RecValues = {
  title: string;
  detail: string;
  sourceKind: string;
  sourceTitle: string;
  sourceDate: string;
  themeId: string;
  priority: string;
  monitoringGroupId: string;
  agencyIds: string[];
  version: number;
};

const REC_FIELDS = [
  'title',
  'detail',
  'sourceKind',
  'sourceTitle',
  'sourceDate',
  'themeId',
  'priority',
  'monitoringGroupId',
  'agencyIds',
];

const recValuesOf = (r: Partial<Recommendation>): RecValues => ({
  title: r.title ?? '',
  detail: r.detail ?? '',
  sourceKind: r.sourceKind ?? '',
  sourceTitle: r.sourceTitle ?? '',
  sourceDate: r.sourceDate ?? '',
  themeId: r.theme?.id ?? '',
  priority: r.priority ?? 'medium',
  monitoringGroupId: r.monitoringGroup?.id ?? '',
  agencyIds: (r.agencies ?? []).map((a) => a.id),
  version: r.version ?? 0,
});

function RecommendationForm({ recommendation: rec }: { recommendation?: Recommendation }) {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefreshRecommendations();
  const agencies = useAgencyOptions();
  const themes = useThemes();
  const groups = useGroupOptions();
  const form = useEntityForm<RecValues, Recommendation>({
    title: rec ? `Change ${rec.reference}` : 'Add a recommendation',
    initial: recValuesOf(rec ?? {}),
    draftKey: rec ? `recommendation:${rec.id}` : `recommendation:new:${partnershipId}`,
    fieldOrder: REC_FIELDS,
    choiceMessages: { sourceKind: 'Select where the recommendation came from' },
    save: async (v, version) => {
      const body = {
        title: v.title,
        detail: v.detail.trim() || null,
        sourceKind: v.sourceKind,
        sourceTitle: v.sourceTitle,
        sourceDate: v.sourceDate || null,
        themeId: v.themeId || null,
        priority: v.priority || 'medium',
        monitoringGroupId: v.monitoringGroupId || null,
        agencyIds: v.agencyIds,
        // Keep any link to the record it came from, which this form does not change.
        ...(rec?.sourceType && rec.sourceId ? { sourceType: rec.sourceType, sourceId: rec.sourceId } : {}),
      };
      const saved = rec
        ? await api.put<Recommendation>(path(`recommendations/${rec.id}`), { ...body, version })
        : await api.post<Recommendation>(path('recommendations'), body);
      await refresh();
      return saved;
    },
    done: (saved) => ({
      to: `/register/recommendations/${saved.id}`,
      flash: rec ? 'Recommendation saved' : `${saved.reference} added as a draft`,
    }),
  });

  const agencyItems = [
    ...(agencies.data ?? []).map((a) => ({ value: a.id, text: a.name })),
    ...(rec?.agencies ?? [])
      .filter((a) => !(agencies.data ?? []).some((o) => o.id === a.id))
      .map((a) => ({ value: a.id, text: `${a.name} (no longer active)` })),
  ];
  const themeOptions = (themes.data ?? [])
    .filter((t) => t.active || t.id === rec?.theme?.id)
    .map((t) => ({ value: t.id, text: t.active ? t.name : `${t.name} (retired)` }));
  const groupOptions = [
    ...(groups.data ?? []).map((g) => ({ value: g.id, text: g.name })),
    ...(rec?.monitoringGroup && !(groups.data ?? []).some((g) => g.id === rec.monitoringGroup!.id)
      ? [{ value: rec.monitoringGroup.id, text: rec.monitoringGroup.name }]
      : []),
  ];
  const nameOf = (options: { value: string; text: string }[]) => (v: unknown) =>
    options.find((o) => o.value === v)?.text ?? (v ? String(v) : 'Not set');

  return (
    <FormPage
      form={form}
      backTo={rec ? `/register/recommendations/${rec.id}` : '/register'}
      caption={rec ? rec.reference : 'Recommendations register'}
      submitText={rec ? 'Save changes' : 'Add recommendation'}
      conflict={
        rec
          ? {
              fields: [
                { name: 'title', label: 'Recommendation' },
                { name: 'detail', label: 'Detail' },
                {
                  name: 'sourceKind',
                  label: 'Where it came from',
                  show: (v) => RECOMMENDATION_SOURCE_LABELS[v as RecommendationSource] ?? 'Not set',
                },
                { name: 'sourceTitle', label: 'Source' },
                {
                  name: 'sourceDate',
                  label: 'Date of the source',
                  show: (v) => (v ? formatDate(String(v)) : 'Not set'),
                },
                {
                  name: 'priority',
                  label: 'Priority',
                  show: (v) => PRIORITY_LEVEL_LABELS[v as PriorityLevel] ?? 'Not set',
                },
                { name: 'themeId', label: 'Theme', show: nameOf(themeOptions) },
                { name: 'monitoringGroupId', label: 'Monitoring group', show: nameOf(groupOptions) },
              ],
              fromSaved: (c) => recValuesOf(c as unknown as Recommendation),
            }
          : undefined
      }
    >
      <Textarea
        {...form.field('title')}
        label="Recommendation"
        labelSize="s"
        hint="What the partnership asks agencies to do, in one or two sentences"
        rows={3}
        spellCheck
      />
      <Textarea
        {...form.field('detail')}
        label="Detail (optional)"
        labelSize="s"
        hint="The finding behind it and what would show it has made a difference"
        spellCheck
      />
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Where it came from</legend>
        <Select
          {...form.field('sourceKind')}
          label="Kind of source"
          labelSize="s"
          placeholder="Choose the kind of source"
          options={RECOMMENDATION_SOURCES.map((s) => ({ value: s, text: RECOMMENDATION_SOURCE_LABELS[s] }))}
          className="app-full-width"
        />
        <TextInput
          {...form.field('sourceTitle')}
          label="Name of the source"
          labelSize="s"
          hint="For example, Multi-agency audit: neglect of children under five"
          spellCheck
        />
        <TextInput
          {...form.field('sourceDate')}
          label="Date of the source (optional)"
          labelSize="s"
          hint="When the audit, review, inspection or visit reported"
          type="date"
          className="app-date-input"
        />
      </fieldset>
      <Select
        {...form.field('themeId')}
        label="Theme (optional)"
        labelSize="s"
        placeholder="No theme"
        options={themeOptions}
      />
      <Radios
        {...form.field('priority')}
        legend="Priority"
        legendSize="s"
        inline
        items={PRIORITY_LEVELS.map((p) => ({ value: p, text: PRIORITY_LEVEL_LABELS[p] }))}
      />
      <Select
        {...form.field('monitoringGroupId')}
        label="Monitoring group (optional)"
        labelSize="s"
        hint="The group that checks progress and approves closing it"
        placeholder="No group yet"
        options={groupOptions}
        className="app-full-width"
      />
      {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
      <Checkboxes
        id="agencyIds"
        legend="Agencies it is addressed to"
        legendSize="s"
        hint="Each agency answers it with its own actions. Select all that apply."
        error={form.errors.agencyIds}
        items={agencyItems}
        values={form.values.agencyIds}
        onChange={(v) => form.setValue('agencyIds', v)}
        small
      />
    </FormPage>
  );
}

export function NewRecommendationPage() {
  const manages = useManagesRegister();
  if (!manages) return <ForbiddenPage />;
  return <RecommendationForm />;
}

function useRecommendationId() {
  const { recommendationId = '' } = useParams();
  return recommendationId;
}

export function EditRecommendationPage() {
  const query = useRecommendation(useRecommendationId());
  return (
    <Loaded query={query} what="recommendation">
      {(rec) =>
        rec.allowedVerbs.includes('edit') && rec.status !== 'closed' ? (
          <RecommendationForm recommendation={rec} />
        ) : (
          <ForbiddenPage />
        )
      }
    </Loaded>
  );
}

// ---------------------------------------------------------------------------------------------------
// One recommendation
// ---------------------------------------------------------------------------------------------------

/** The status moves a person may make, each as a button to the status page. */
const MOVE_TEXT: Record<RecommendationStatus, (from: RecommendationStatus) => string> = {
  agreed: () => 'Agree it',
  not_accepted: () => 'Do not accept it',
  draft: () => 'Reconsider it',
  in_progress: (from) => (from === 'impact_check' ? 'Reopen its actions' : 'Mark it in progress'),
  impact_check: () => 'Move it to impact checking',
  closed: () => 'Close it',
};

export function RecommendationPage() {
  const query = useRecommendation(useRecommendationId());
  return (
    <Loaded query={query} what="recommendation">
      {(rec) => <RecommendationDetail rec={rec} />}
    </Loaded>
  );
}

function RecommendationDetail({ rec }: { rec: Recommendation }) {
  usePageTitle(`${rec.reference}: ${rec.title}`);
  const flash = useFlash();
  const base = `/register/recommendations/${rec.id}`;
  const canEdit = rec.allowedVerbs.includes('edit') && rec.status !== 'closed';
  const canMove = rec.allowedVerbs.includes('changeStatus');
  const canClose =
    rec.allowedVerbs.includes('close') && (rec.status === 'in_progress' || rec.status === 'impact_check');
  const none = <Muted>Not set</Muted>;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <BackLink to="/register">Back to the register</BackLink>
        {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
        <span className="govuk-caption-l">{rec.reference}</span>
        <h1 className={rec.title.length > 120 ? 'govuk-heading-m' : 'govuk-heading-l'}>{rec.title}</h1>
        <p className="govuk-body">
          <RecommendationStatusTag status={rec.status} />
          {rec.overdue ? (
            <>
              {' '}
              <Tag colour="red">Overdue</Tag>
            </>
          ) : null}
        </p>
        {rec.status === 'not_accepted' && rec.statusReason ? (
          <InsetText>
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Why it was not accepted</h2>
            <p className="govuk-body app-pre-wrap govuk-!-margin-bottom-0">{rec.statusReason}</p>
          </InsetText>
        ) : rec.statusReason ? (
          <InsetText>
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Reason for its last change of status</h2>
            <p className="govuk-body app-pre-wrap govuk-!-margin-bottom-0">{rec.statusReason}</p>
          </InsetText>
        ) : null}
        {canEdit || canMove || canClose ? (
          <div className="govuk-button-group">
            {canEdit ? (
              <ButtonLink to={`${base}/edit`} variant="secondary">
                Change details
              </ButtonLink>
            ) : null}
            {canMove
              ? rec.nextStatuses.map((s) => (
                  <ButtonLink key={s} to={`${base}/status?to=${s}`} variant="secondary">
                    {MOVE_TEXT[s](rec.status)}
                  </ButtonLink>
                ))
              : null}
            {canClose ? <ButtonLink to={`${base}/close`}>Close it</ButtonLink> : null}
          </div>
        ) : null}
      </div>
      <div className="govuk-grid-column-two-thirds">
        <SummaryList
          rows={[
            { key: 'Reference', value: rec.reference },
            { key: 'Recommendation', value: <span className="app-pre-wrap">{rec.title}</span> },
            {
              key: 'Detail',
              value: rec.detail ? <span className="app-pre-wrap">{rec.detail}</span> : none,
            },
            { key: 'Where it came from', value: RECOMMENDATION_SOURCE_LABELS[rec.sourceKind] },
            { key: 'Source', value: rec.sourceTitle },
            { key: 'Date of the source', value: rec.sourceDate ? formatDate(rec.sourceDate) : none },
            { key: 'Theme', value: rec.theme?.name ?? none },
            { key: 'Priority', value: PRIORITY_LEVEL_LABELS[rec.priority] },
            { key: 'Monitoring group', value: rec.monitoringGroup?.name ?? none },
            { key: 'Status', value: RECOMMENDATION_STATUS_LABELS[rec.status] },
            { key: 'Agreed on', value: rec.agreedOn ? formatDate(rec.agreedOn) : <Muted>Not agreed</Muted> },
            ...(rec.closure
              ? [
                  { key: 'Closed on', value: formatDate(rec.closure.closedOn) },
                  { key: 'Closing approved by', value: rec.closure.approvedBy },
                  { key: 'At the meeting', value: rec.closure.meeting },
                  ...(rec.closure.recordedByName
                    ? [{ key: 'Approval recorded by', value: rec.closure.recordedByName }]
                    : []),
                ]
              : []),
            { key: 'Added', value: formatDateTime(rec.createdAt) },
          ]}
        />
        <h2 className="govuk-heading-m">Agencies it is addressed to</h2>
        <ul className="govuk-list govuk-list--bullet">
          {rec.agencies.map((a) => (
            <li key={a.id}>{a.name}</li>
          ))}
        </ul>
        <ActionsAnswering rec={rec} />
        <ImpactChecks rec={rec} />
        <Timeline rec={rec} />
      </div>
    </div>
  );
}

function ActionsAnswering({ rec }: { rec: Recommendation }) {
  const actions = useActionsFor(rec.id);
  const canAdd = rec.status !== 'closed' && rec.status !== 'not_accepted' && rec.status !== 'draft';
  return (
    <section aria-labelledby="actions-heading">
      <h2 className="govuk-heading-m" id="actions-heading">
        Actions answering it
      </h2>
      {actions.isPending ? (
        <p className="govuk-body">Loading the actions…</p>
      ) : actions.error ? (
        <InlineLoadError error={actions.error} what="the actions" />
      ) : actions.data.items.length === 0 ? (
        <p className="govuk-body">No agency has added an action for it yet.</p>
      ) : (
        <Table
          caption="Actions answering this recommendation"
          captionHidden
          rows={actions.data.items}
          rowKey={(a) => a.id}
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
            { header: 'Owner', cell: (a) => a.owner?.name ?? <Muted>None</Muted> },
            { header: 'Due', cell: (a) => (a.dueOn ? formatDate(a.dueOn) : <Muted>Not set</Muted>) },
            {
              header: 'Status',
              cell: (a) => (
                <>
                  {ACTION_STATUS_LABELS[a.status]}
                  {a.rag ? ` (${RAG_LABELS[a.rag]})` : ''}
                  {a.overdue ? (
                    <>
                      {' '}
                      <Tag colour="red">Overdue</Tag>
                    </>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
      {canAdd ? (
        <p className="govuk-body">
          <Link to={`/register/actions/new?recommendationId=${rec.id}`} className="govuk-link">
            Add an action<span className="govuk-visually-hidden"> answering {rec.reference}</span>
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function ImpactChecks({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="impact-checks-heading">
      <h2 className="govuk-heading-m" id="impact-checks-heading">
        Impact checks
      </h2>
      {rec.impactChecks.length === 0 ? (
        <p className="govuk-body">
          {rec.agreedOn
            ? 'It has no impact checks.'
            : 'Impact checks are scheduled when the recommendation is agreed.'}
        </p>
      ) : (
        <Table
          caption="Impact checks"
          captionHidden
          rows={rec.impactChecks}
          rowKey={(c) => c.id}
          columns={[
            {
              header: 'Check',
              cell: (c) => (
                <Link to={`/register/impact-checks/${c.id}`} className="govuk-link">
                  {c.months} month check
                </Link>
              ),
            },
            { header: 'Due', cell: (c) => formatDate(c.dueOn) },
            {
              header: 'Judgement',
              cell: (c) =>
                c.judgement ? (
                  <>
                    <Tag colour={JUDGEMENT_COLOURS[c.judgement]}>{IMPACT_JUDGEMENT_LABELS[c.judgement]}</Tag>
                    {c.judgedOn ? <Muted> on {formatDate(c.judgedOn)}</Muted> : null}
                  </>
                ) : (
                  <Muted>Not judged yet</Muted>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}

function Timeline({ rec }: { rec: Recommendation }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 className="govuk-heading-m" id="timeline-heading">
        Timeline
      </h2>
      {rec.timeline.length === 0 ? (
        <p className="govuk-body">Nothing has happened to it yet.</p>
      ) : (
        <ol className="govuk-list app-timeline" reversed>
          {rec.timeline.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is read-only and ordered by the server
            <li key={i} className="app-timeline__item">
              <p className="govuk-body govuk-!-margin-bottom-1">
                <strong>{t.summary}</strong>
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-3">
                {formatDateTime(t.at)}
                {t.personName ? ` by ${t.personName}` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------
// Status moves and closure
// ---------------------------------------------------------------------------------------------------

export function RecommendationStatusPage() {
  const query = useRecommendation(useRecommendationId());
  return (
    <Loaded query={query} what="recommendation">
      {(rec) => (rec.allowedVerbs.includes('changeStatus') ? <StatusForm rec={rec} /> : <ForbiddenPage />)}
    </Loaded>
  );
}

const MOVE_HINTS: Partial<Record<RecommendationStatus, string>> = {
  agreed: 'Impact checks are scheduled from the date it was agreed.',
  not_accepted: 'The reason stays on the recommendation for everyone to see.',
  draft: 'It goes back to draft, so it can be changed and agreed later.',
};

function StatusForm({ rec }: { rec: Recommendation }) {
  const { path } = usePartnership();
  const { data: settings } = useRecommendationSettings();
  const [params] = useSearchParams();
  const wanted = params.get('to') ?? '';
  const refresh = useRefreshRecommendations();
  const base = `/register/recommendations/${rec.id}`;
  const form = useEntityForm({
    title: `Change the status of ${rec.reference}`,
    initial: {
      status: rec.nextStatuses.includes(wanted as RecommendationStatus) ? wanted : '',
      agreedOn: today(),
      reason: '',
      version: rec.version,
    },
    draftKey: `recommendation:${rec.id}:status`,
    fieldOrder: ['status', 'agreedOn', 'reason'],
    choiceMessages: { status: 'Choose what happens to the recommendation' },
    validate: (v): Record<string, string> => {
      if (!v.status) return { status: 'Choose what happens to the recommendation' };
      if (v.status === 'agreed' && !v.agreedOn)
        return { agreedOn: 'Enter the date it was agreed, for example 2026-06-30' };
      if (v.status === 'not_accepted' && !v.reason.trim())
        return { reason: 'Enter why the recommendation was not accepted' };
      return {};
    },
    save: async (v, version) => {
      await api.post(path(`recommendations/${rec.id}/status`), {
        status: v.status,
        agreedOn: v.status === 'agreed' ? v.agreedOn : undefined,
        reason: v.status === 'agreed' ? null : v.reason.trim() || null,
        version,
      });
      await refresh();
      return v.status as RecommendationStatus;
    },
    done: (status: RecommendationStatus) => ({
      to: base,
      flash:
        status === 'agreed'
          ? `${rec.reference} agreed`
          : `${rec.reference} is now ${RECOMMENDATION_STATUS_LABELS[status].toLowerCase()}`,
    }),
  });
  const months = settings?.impactCheckMonths.join(', ');
  const reasonField = (label: string, hint?: string) => (
    <Textarea {...form.field('reason')} label={label} hint={hint} rows={3} spellCheck />
  );
  if (rec.nextStatuses.length === 0) {
    return (
      <>
        <BackLink to={base} />
        <h1 className="govuk-heading-l">{rec.reference} cannot change status</h1>
        <p className="govuk-body">
          It is {RECOMMENDATION_STATUS_LABELS[rec.status].toLowerCase()}, so there is no status it can move
          to.
        </p>
      </>
    );
  }
  return (
    <FormPage
      form={form}
      backTo={base}
      heading={null}
      submitText="Change status"
      intro={null}
      conflict={{
        fields: [
          {
            name: 'status',
            label: 'Status',
            show: (v) => RECOMMENDATION_STATUS_LABELS[v as RecommendationStatus] ?? 'Not set',
          },
          { name: 'statusReason', label: 'Reason' },
        ],
        fromSaved: (c) => ({ status: '', agreedOn: today(), reason: '', version: Number(c.version) }),
      }}
    >
      <span className="govuk-caption-l">
        {rec.reference}: {rec.title}
      </span>
      <Radios
        {...form.field('status')}
        legend={`What happens to ${rec.reference}?`}
        legendSize="l"
        isPageHeading
        hint={`It is ${RECOMMENDATION_STATUS_LABELS[rec.status].toLowerCase()} now.`}
        items={rec.nextStatuses.map((s) => ({
          value: s,
          text: MOVE_TEXT[s](rec.status),
          hint:
            s === 'agreed' && months
              ? `Impact checks will fall ${months} months after the date it was agreed.`
              : MOVE_HINTS[s],
          conditional:
            s === 'agreed' ? (
              <TextInput
                {...form.field('agreedOn')}
                label="Date it was agreed"
                hint="It cannot be in the future"
                type="date"
                className="app-date-input"
              />
            ) : s === 'not_accepted' ? (
              reasonField('Why was it not accepted?')
            ) : (
              reasonField('Reason (optional)', 'Say why, so others can follow what happened')
            ),
        }))}
      />
    </FormPage>
  );
}

export function CloseRecommendationPage() {
  const query = useRecommendation(useRecommendationId());
  return (
    <Loaded query={query} what="recommendation">
      {(rec) => (rec.allowedVerbs.includes('close') ? <CloseForm rec={rec} /> : <ForbiddenPage />)}
    </Loaded>
  );
}

function CloseForm({ rec }: { rec: Recommendation }) {
  const { path } = usePartnership();
  const refresh = useRefreshRecommendations();
  const base = `/register/recommendations/${rec.id}`;
  const form = useEntityForm({
    title: `Close ${rec.reference}`,
    initial: { approvedBy: '', meeting: '', closedOn: today(), version: rec.version },
    draftKey: `recommendation:${rec.id}:close`,
    fieldOrder: ['approvedBy', 'meeting', 'closedOn'],
    save: async (v, version) => {
      try {
        await api.post(path(`recommendations/${rec.id}/close`), {
          approvedBy: v.approvedBy,
          meeting: v.meeting,
          closedOn: v.closedOn,
          version,
        });
      } catch (error) {
        // Name the agencies whose evidence is missing, which the server lists beside its reason.
        const missing = error instanceof ApiError ? error.details?.missingAgencies : undefined;
        if (error instanceof ApiError && Array.isArray(missing) && missing.length > 0) {
          const names = (missing as { name: string }[]).map((a) => a.name).join(', ');
          throw new ApiError(error.status, {
            error: error.code,
            message: `${error.message} Waiting for: ${names}.`,
            details: error.details,
            requestId: error.requestId ?? undefined,
          });
        }
        throw error;
      }
      await refresh();
    },
    done: () => ({ to: base, flash: `${rec.reference} closed` }),
  });
  const judged = rec.impactChecks.filter((c) => c.judgement);
  return (
    <FormPage
      form={form}
      backTo={base}
      caption="Recommendations register"
      submitText="Close recommendation"
      intro={
        <>
          <p className="govuk-body">{rec.title}</p>
          <p className="govuk-body">
            A recommendation closes only when its latest judged impact check found the change embedded, every
            agency it is addressed to gave evidence for that check, and the monitoring group approved closing
            it.
          </p>
          <p className="govuk-body">
            {judged.length === 0
              ? 'None of its impact checks has a judgement yet.'
              : `${plural(judged.length, 'impact check')} judged so far: ${judged
                  .map((c) => `${c.months} months, ${IMPACT_JUDGEMENT_LABELS[c.judgement!].toLowerCase()}`)
                  .join('; ')}.`}
          </p>
        </>
      }
      conflict={{
        fields: [
          {
            name: 'status',
            label: 'Status',
            show: (v) => RECOMMENDATION_STATUS_LABELS[v as RecommendationStatus] ?? 'Not set',
          },
        ],
        fromSaved: (c) => ({ ...form.values, version: Number(c.version) }),
      }}
    >
      <TextInput
        {...form.field('approvedBy')}
        label="Who approved closing it"
        labelSize="s"
        hint="For the monitoring group, for example Chair of the QA group"
        spellCheck
      />
      <TextInput
        {...form.field('meeting')}
        label="The meeting at which it was approved"
        labelSize="s"
        hint="For example, QA group, 12 November 2026"
        spellCheck
      />
      <TextInput
        {...form.field('closedOn')}
        label="Date it was closed"
        labelSize="s"
        type="date"
        className="app-date-input"
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Themes
// ---------------------------------------------------------------------------------------------------

export function ThemesPage() {
  const flash = useFlash();
  const manages = useManagesRegister();
  const themes = useThemes();
  usePageTitle(themes.data ? 'Themes' : null);
  if (!manages) return <ForbiddenPage />;
  if (themes.isPending) return <Loading what="themes" />;
  if (themes.error) return <LoadError error={themes.error} />;
  const sorted = [...themes.data].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'en-GB'),
  );
  return (
    <>
      <BackLink to="/register">Back to the register</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Themes</h1>
      <p className="govuk-body">
        The partnership’s shared themes, such as neglect or the voice of the child. Recommendations are tagged
        with one, so the register and reports can show what was learned about each.
      </p>
      <ButtonLink to="/register/themes/new">Add a theme</ButtonLink>
      {sorted.length === 0 ? (
        <p className="govuk-body">There are no themes yet.</p>
      ) : (
        <Table<Theme>
          caption="Themes"
          captionHidden
          rows={sorted}
          rowKey={(t) => t.id}
          columns={[
            { header: 'Theme', cell: (t) => t.name },
            { header: 'Description', cell: (t) => t.description ?? <Muted>None</Muted> },
            { header: 'Status', cell: (t) => <ActiveTag active={t.active} /> },
            {
              header: <span className="govuk-visually-hidden">Action</span>,
              label: '',
              cell: (t) => (
                <Link to={`/register/themes/${t.id}/edit`} className="govuk-link">
                  Change<span className="govuk-visually-hidden"> {t.name}</span>
                </Link>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

function ThemeForm({ theme }: { theme?: Theme }) {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefreshThemes();
  const form = useEntityForm({
    title: theme ? `Change ${theme.name}` : 'Add a theme',
    initial: {
      name: theme?.name ?? '',
      description: theme?.description ?? '',
      version: theme?.version ?? 0,
    },
    draftKey: theme ? `theme:${theme.id}` : `theme:new:${partnershipId}`,
    fieldOrder: ['name', 'description'],
    save: async (v, version) => {
      const body = { name: v.name, description: v.description.trim() || null };
      if (theme) await api.put(path(`themes/${theme.id}`), { ...body, version });
      else await api.post(path('themes'), body);
      await refresh();
      return v.name.trim();
    },
    done: (name: string) => ({ to: '/register/themes', flash: theme ? 'Theme saved' : `${name} added` }),
  });
  return (
    <FormPage
      form={form}
      backTo="/register/themes"
      caption="Themes"
      submitText={theme ? 'Save changes' : 'Add theme'}
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
      after={theme ? <ThemeActive theme={theme} /> : null}
    >
      <TextInput
        {...form.field('name')}
        label="Name"
        hint="For example, Neglect or Voice of the child"
        spellCheck
      />
      <Textarea {...form.field('description')} label="Description (optional)" rows={3} spellCheck />
    </FormPage>
  );
}

function ThemeActive({ theme }: { theme: Theme }) {
  const { path } = usePartnership();
  const refresh = useRefreshThemes();
  return (
    <InlineAction
      heading={theme.active ? 'Retire this theme' : 'Bring this theme back'}
      buttonText={theme.active ? 'Deactivate theme' : 'Reactivate theme'}
      onAction={async () => {
        await api.post(path(`themes/${theme.id}/${theme.active ? 'deactivate' : 'reactivate'}`));
        await refresh();
      }}
      done={{
        to: '/register/themes',
        flash: `${theme.name} ${theme.active ? 'deactivated' : 'reactivated'}`,
      }}
    >
      <p className="govuk-body">
        {theme.active
          ? 'It will not be offered for new recommendations. Recommendations already tagged with it keep it. You can reactivate it at any time.'
          : 'This theme is deactivated. Reactivate it to tag new recommendations with it.'}
      </p>
    </InlineAction>
  );
}

export function NewThemePage() {
  const manages = useManagesRegister();
  return manages ? <ThemeForm /> : <ForbiddenPage />;
}

export function EditThemePage() {
  const { themeId = '' } = useParams();
  const manages = useManagesRegister();
  const themes = useThemes();
  if (!manages) return <ForbiddenPage />;
  if (themes.isPending) return <Loading what="theme" />;
  if (themes.error) return <LoadError error={themes.error} />;
  const theme = themes.data.find((t) => t.id === themeId);
  if (!theme) return <NotFoundPage />;
  return <ThemeForm key={`${theme.id}:${theme.version}`} theme={theme} />;
}

// ---------------------------------------------------------------------------------------------------
// Settings: when impact checks fall (admins)
// ---------------------------------------------------------------------------------------------------

const parseMonths = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));

export function RegisterSettingsPage() {
  const { isAdmin } = useSession();
  const query = useRecommendationSettings();
  if (!isAdmin) return <ForbiddenPage />;
  return (
    <Loaded query={query} what="register settings">
      {(settings) => (
        <SettingsForm key={settings.version} months={settings.impactCheckMonths} version={settings.version} />
      )}
    </Loaded>
  );
}

function SettingsForm({ months, version }: { months: number[]; version: number }) {
  const { path, partnershipId } = usePartnership();
  const refresh = useRefreshRecommendations();
  const form = useEntityForm({
    title: 'Impact checks',
    initial: { impactCheckMonths: months.join(', '), version },
    draftKey: `register-settings:${partnershipId}`,
    fieldOrder: ['impactCheckMonths'],
    validate: (v): Record<string, string> => {
      const parsed = parseMonths(v.impactCheckMonths);
      if (parsed.some((n) => Number.isNaN(n)))
        return { impactCheckMonths: 'Enter whole numbers of months, separated by commas, like 3, 6, 12' };
      const problem = impactCheckMonthsProblem(parsed);
      return problem ? { impactCheckMonths: problem } : {};
    },
    save: async (v, at) => {
      await api.put(path('recommendation-settings'), {
        impactCheckMonths: parseMonths(v.impactCheckMonths),
        version: at,
      });
      await refresh();
    },
    done: () => ({ to: '/admin/register-settings', flash: 'Impact check months saved', replace: true }),
  });
  const flash = useFlash();
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <FormPage
        form={form}
        backTo="/admin"
        caption="Recommendations register"
        submitText="Save"
        intro={
          <p className="govuk-body">
            When a recommendation is agreed, Assure schedules its impact checks this many months after the
            date it was agreed. Recommendations already agreed keep the checks they have.
          </p>
        }
        conflict={{
          fields: [
            {
              name: 'impactCheckMonths',
              label: 'Months',
              show: (v) => (Array.isArray(v) ? v.join(', ') : String(v ?? '')),
            },
          ],
          fromSaved: (c) => ({
            impactCheckMonths: Array.isArray(c.impactCheckMonths) ? c.impactCheckMonths.join(', ') : '',
            version: Number(c.version),
          }),
        }}
      >
        <TextInput
          {...form.field('impactCheckMonths')}
          label="Months after agreement"
          labelSize="s"
          hint="Whole numbers in ascending order, separated by commas, for example 3, 6, 12"
          width="10"
          inputMode="numeric"
          autoComplete="off"
        />
      </FormPage>
    </>
  );
}
