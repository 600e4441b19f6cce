import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  RAPID_REVIEW_DECISION_LABELS,
  type RapidReviewDecision,
  REVIEW_KIND_LABELS,
  type ReviewKind,
  SAR_DECISION_LABELS,
  type SarDecision,
} from '../../../../contracts/case-reviews';
import { api } from '../../app/api';
import { ForbiddenPage, InlineLoadError, LoadError, Loading } from '../../app/error-pages';
import { formatDate, plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { BackLink } from '../../components/back-link';
import { Button, ButtonLink } from '../../components/button';
import { Checkboxes } from '../../components/checkboxes';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { Table } from '../../components/table';
import { Tag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { ListResults, useListPage } from '../common/list-page';
import { useThemes } from '../register/queries-recommendations';
import { CASE_FILE_STAGE_LABELS, CASE_FILE_STAGES, caseFilePath, Muted, OverdueTag, ukToday } from './parts';
import {
  useCanSeeCaseReviewCounts,
  useCaseReviewCounts,
  useCaseReviewDashboard,
  useInCaseReviewGroup,
  useRefreshCaseFiles,
} from './queries';
import type { CaseFile, CaseFileSummary, CaseReviewCounts, CountRow, DashboardItem } from './types';

// The case reviews register (PRODUCT.md §4.8): every case file the person may read with its next due date,
// the dashboard of what is due this week and overdue, opening a case file, and the annual counts.

const FILTER_KEYS = ['kind', 'stage'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

function CaseReviewLinks() {
  const counts = useCanSeeCaseReviewCounts();
  return (
    <nav aria-label="Case reviews">
      <ul className="govuk-list app-case-links">
        <li>
          <Link to="/case-reviews/dashboard" className="govuk-link">
            Due this week and overdue
          </Link>
        </li>
        {counts ? (
          <li>
            <Link to="/case-reviews/counts" className="govuk-link">
              Annual counts
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** /case-reviews: the case files the person may read (all of them for the case review group). */
export function CaseReviewsPage() {
  const flash = useFlash();
  const inGroup = useInCaseReviewGroup();
  const { list, query } = useListPage<CaseFileSummary, FilterKey>({
    resource: 'case-files',
    title: 'Case reviews',
    extraKeys: FILTER_KEYS,
    filters: (l) => ({ q: l.q, ...l.extra }),
  });
  const filtered = list.q !== '' || FILTER_KEYS.some((k) => list.extra[k] !== '');
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Case reviews</h1>
      <p className="govuk-body">
        Serious incident notifications and rapid reviews for children, safeguarding adult review referrals,
        and the reviews that follow them, each with its statutory clock.
      </p>
      <p className="govuk-body">
        {inGroup
          ? 'Only the case review group and the people named on a case file can see it. Every time a case file is opened, it is recorded.'
          : 'You see the case files you are named on. Every time a case file is opened, it is recorded.'}
      </p>
      <CaseReviewLinks />
      {inGroup ? <ButtonLink to="/case-reviews/new">Open a case file</ButtonLink> : null}
      <CaseFileFilters key={list.key} list={list} />
      {filtered ? (
        <p className="govuk-body">
          <Link to="/case-reviews" className="govuk-link">
            Clear filters
          </Link>
        </p>
      ) : null}
      {query.isPending ? (
        <Loading what="case files" />
      ) : query.error ? (
        <LoadError error={query.error} />
      ) : (
        <ListResults
          results={query.data}
          hrefFor={list.hrefFor}
          noun="case file"
          empty={
            <p className="govuk-body">
              {filtered
                ? 'No case files match these filters.'
                : inGroup
                  ? 'There are no case files yet.'
                  : 'You are not named on any case file.'}
            </p>
          }
        >
          {(items) => <CaseFilesTable items={items} />}
        </ListResults>
      )}
    </>
  );
}

function CaseFilesTable({ items }: { items: CaseFileSummary[] }) {
  return (
    <Table<CaseFileSummary>
      caption="Case files"
      captionHidden
      rows={items}
      rowKey={(f) => f.id}
      columns={[
        {
          header: 'Case file',
          cell: (f) => (
            <Link to={caseFilePath(f.id)} className="govuk-link">
              {f.reference}: {f.label}
            </Link>
          ),
        },
        { header: 'Kind', cell: (f) => CASE_KIND_LABELS[f.kind] },
        { header: 'Stage', cell: (f) => CASE_FILE_STAGE_LABELS[f.stage] ?? f.stage },
        {
          header: 'Next due',
          cell: (f) =>
            f.nextDue ? (
              <>
                {f.nextDue.what}
                <br />
                {formatDate(f.nextDue.dueOn)}
                <OverdueTag overdue={f.nextDue.overdue} />
              </>
            ) : (
              <Muted>Nothing due</Muted>
            ),
        },
        {
          header: 'Themes',
          cell: (f) =>
            f.themes.length === 0 ? (
              <Muted>None</Muted>
            ) : (
              <ul className="govuk-list govuk-!-margin-bottom-0">
                {f.themes.map((t) => (
                  <li key={t.id}>{t.name}</li>
                ))}
              </ul>
            ),
        },
      ]}
    />
  );
}

type ListLike = {
  q: string;
  extra: Record<FilterKey, string>;
  hrefWith(changes: Record<string, string | number | boolean | null | undefined>): string;
};

/** Filters as a GET-style form: applying them puts them in the URL (page back to 1). */
function CaseFileFilters({ list }: { list: ListLike }) {
  const navigate = useNavigate();
  const [values, setValues] = useState({ q: list.q, ...list.extra });
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, string | null> = { page: null, q: values.q.trim() || null };
    for (const k of FILTER_KEYS) changes[k] = values[k] || null;
    navigate(list.hrefWith(changes));
  };
  return (
    <search>
      <form
        className="app-audit-filter app-case-filter"
        onSubmit={onSubmit}
        noValidate
        aria-label="Filter the case files"
      >
        <h2 className="govuk-heading-m">Filter the case files</h2>
        <TextInput
          id="filter-q"
          name="q"
          label="Search by reference or code"
          labelSize="s"
          hint="For example, C-7 or Child K"
          value={values.q}
          onChange={set('q')}
          type="search"
          autoComplete="off"
          width="two-thirds"
        />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              id="filter-kind"
              name="kind"
              label="Child or adult"
              labelSize="s"
              value={values.kind}
              onChange={set('kind')}
              placeholder="Children and adults"
              options={CASE_KINDS.map((k) => ({ value: k, text: CASE_KIND_LABELS[k] }))}
              className="app-full-width"
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              id="filter-stage"
              name="stage"
              label="Stage"
              labelSize="s"
              value={values.stage}
              onChange={set('stage')}
              placeholder="All stages"
              options={CASE_FILE_STAGES.map((s) => ({ value: s, text: CASE_FILE_STAGE_LABELS[s] }))}
              className="app-full-width"
            />
          </div>
        </div>
        <Button variant="secondary">Apply filters</Button>
      </form>
    </search>
  );
}

// ---------------------------------------------------------------------------------------------------
// Opening a case file
// ---------------------------------------------------------------------------------------------------

export function NewCaseFilePage() {
  const inGroup = useInCaseReviewGroup();
  return inGroup ? <CaseFileForm /> : <ForbiddenPage />;
}

type CaseFileValues = { kind: string; label: string; summary: string; themeIds: string[]; version: number };

/** Opening a case file, or changing its code, summary and themes. */
export function CaseFileForm({ file }: { file?: CaseFile }) {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const themes = useThemes();
  const form = useEntityForm<CaseFileValues, CaseFile>({
    title: file ? `Change ${file.reference}` : 'Open a case file',
    initial: {
      kind: file?.kind ?? '',
      label: file?.label ?? '',
      summary: file?.summary ?? '',
      themeIds: (file?.themes ?? []).map((t) => t.id),
      version: file?.version ?? 0,
    },
    draftKey: file ? `case-file:${file.id}` : `case-file:new:${partnershipId}`,
    fieldOrder: ['kind', 'label', 'summary', 'themeIds'],
    choiceMessages: { kind: 'Select whether this is about a child or an adult' },
    save: async (v, version) => {
      const body = { label: v.label, summary: v.summary.trim() || null, themeIds: v.themeIds };
      const saved = file
        ? await api.put<CaseFile>(path(`case-files/${file.id}`), { ...body, version })
        : await api.post<CaseFile>(path('case-files'), { ...body, kind: v.kind });
      await refresh();
      return saved;
    },
    done: (saved) => ({
      to: caseFilePath(saved.id),
      flash: file ? 'Case file saved' : `${saved.reference} opened`,
    }),
  });
  const themeItems = (themes.data ?? [])
    .filter((t) => t.active || form.values.themeIds.includes(t.id))
    .map((t) => ({ value: t.id, text: t.active ? t.name : `${t.name} (retired)` }));
  return (
    <FormPage
      form={form}
      backTo={file ? caseFilePath(file.id) : '/case-reviews'}
      caption={file ? `${file.reference}: ${file.label}` : 'Case reviews'}
      submitText={file ? 'Save changes' : 'Open case file'}
      intro={
        file ? null : (
          <p className="govuk-body">
            A case file holds the notification or referral, the rapid review or panel decision, and any review
            that follows. Only the case review group and the people you name on it can see it.
          </p>
        )
      }
      conflict={
        file
          ? {
              fields: [
                { name: 'label', label: 'Code or initials' },
                { name: 'summary', label: 'Summary' },
              ],
              fromSaved: (c) => ({
                kind: String(c.kind ?? file.kind),
                label: String(c.label ?? ''),
                summary: String(c.summary ?? ''),
                themeIds: Array.isArray(c.themes) ? (c.themes as { id: string }[]).map((t) => t.id) : [],
                version: Number(c.version),
              }),
            }
          : undefined
      }
    >
      {file ? null : (
        <Radios
          {...form.field('kind')}
          legend="Is this about a child or an adult?"
          legendSize="s"
          items={[
            {
              value: 'child',
              text: CASE_KIND_LABELS.child,
              hint: 'A serious incident notification and rapid review, or a care leaver’s death',
            },
            {
              value: 'adult',
              text: CASE_KIND_LABELS.adult,
              hint: 'A safeguarding adult review referral (Care Act section 44)',
            },
          ]}
        />
      )}
      <TextInput
        {...form.field('label')}
        label="Code or initials"
        labelSize="s"
        hint="For example, Child K or Adult M. Never a name: keep the case file as anonymous as you can."
        width="20"
        autoComplete="off"
        spellCheck={false}
      />
      <Textarea
        {...form.field('summary')}
        label="Summary (optional)"
        labelSize="s"
        hint="What happened, briefly. Do not include names, dates of birth, addresses or NHS numbers."
        rows={4}
        spellCheck
      />
      {themes.error ? <InlineLoadError error={themes.error} what="the themes" /> : null}
      <Checkboxes
        id="themeIds"
        legend="Themes (optional)"
        legendSize="s"
        hint="From the partnership’s shared themes, so recurring themes across reviews can be counted"
        error={form.errors.themeIds}
        items={themeItems}
        values={form.values.themeIds}
        onChange={(v) => form.setValue('themeIds', v)}
        small
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Dashboard
// ---------------------------------------------------------------------------------------------------

/** /case-reviews/dashboard: what is due this week and what is overdue, across the files the person may read. */
export function CaseReviewDashboardPage() {
  const query = useCaseReviewDashboard();
  usePageTitle(query.data ? 'Due this week and overdue' : null);
  if (query.isPending) return <Loading what="dashboard" />;
  if (query.error) return <LoadError error={query.error} />;
  const { overdue, dueThisWeek } = query.data;
  return (
    <>
      <BackLink to="/case-reviews">Back to case reviews</BackLink>
      <span className="govuk-caption-l">Case reviews</span>
      <h1 className="govuk-heading-l">Due this week and overdue</h1>
      <p className="govuk-body">
        Notifications, rapid review steps, agencies’ summaries, SAR acknowledgements, review milestones and
        target publication dates, on the case files you can see. Today is {formatDate(ukToday())}.
      </p>
      <DashboardTable
        caption={`Overdue: ${plural(overdue.length, 'item')}`}
        items={overdue}
        empty="Nothing is overdue."
      />
      <DashboardTable
        caption={`Due this week: ${plural(dueThisWeek.length, 'item')}`}
        items={dueThisWeek}
        empty="Nothing is due this week."
      />
    </>
  );
}

function DashboardTable({
  caption,
  items,
  empty,
}: {
  caption: string;
  items: DashboardItem[];
  empty: string;
}) {
  if (items.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">{caption}</h2>
        <p className="govuk-body">{empty}</p>
      </>
    );
  }
  return (
    <Table<DashboardItem>
      className="app-case-table"
      caption={caption}
      rows={items}
      rowKey={(i) => `${i.href}:${i.what}:${i.dueOn}`}
      columns={[
        {
          header: 'Case file',
          cell: (i) => (
            <Link to={i.href} className="govuk-link">
              {i.reference}
              <span className="govuk-visually-hidden">: {i.what}</span>
            </Link>
          ),
        },
        { header: 'What', cell: (i) => i.what },
        {
          header: 'Due',
          cell: (i) => (
            <>
              {formatDate(i.dueOn)}
              <OverdueTag overdue={i.overdue} />
              {!i.overdue && i.dueOn === ukToday() ? (
                <>
                  {' '}
                  <Tag colour="orange">Due today</Tag>
                </>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

// ---------------------------------------------------------------------------------------------------
// Annual counts
// ---------------------------------------------------------------------------------------------------

const FIRST_YEAR = 2018;

/** /case-reviews/counts?year=: counts by year and outcome for the annual report, and recurring themes. */
export function CaseReviewCountsPage() {
  const allowed = useCanSeeCaseReviewCounts();
  const [params] = useSearchParams();
  const thisYear = Number(ukToday().slice(0, 4));
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear + 1 ? asked : thisYear;
  const query = useCaseReviewCounts(year);
  usePageTitle(allowed && query.data ? `Case review counts for ${year}` : null);
  if (!allowed) return <ForbiddenPage />;
  const years = Array.from({ length: thisYear + 1 - FIRST_YEAR + 1 }, (_, i) => thisYear + 1 - i);
  return (
    <>
      <BackLink to="/case-reviews">Back to case reviews</BackLink>
      <span className="govuk-caption-l">Case reviews</span>
      <h1 className="govuk-heading-l">Case review counts for {year}</h1>
      <p className="govuk-body">
        For the annual report: notifications and referrals counted by the year they were made, reviews by the
        year they started or were published. No case detail is shown.
      </p>
      <YearForm key={year} year={year} years={years} />
      {query.isPending ? (
        <Loading what="counts" />
      ) : query.error ? (
        <LoadError error={query.error} />
      ) : (
        <CountsTables counts={query.data} />
      )}
    </>
  );
}

/** Choosing the year puts it in the URL; keyed by the year shown, so back and forward reset the select. */
function YearForm({ year, years }: { year: number; years: number[] }) {
  const navigate = useNavigate();
  const [choice, setChoice] = useState(String(year));
  return (
    <form
      className="app-filter"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/case-reviews/counts?year=${choice}`);
      }}
    >
      <div className="govuk-form-group app-filter__group">
        <label className="govuk-label govuk-label--s" htmlFor="year">
          Year
        </label>
        <select
          className="govuk-select"
          id="year"
          name="year"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" className="app-filter__button">
        Show counts
      </Button>
    </form>
  );
}

function CountsTable({ caption, rows }: { caption: string; rows: { what: string; count: number }[] }) {
  return (
    <Table<{ what: string; count: number }>
      caption={caption}
      rows={rows}
      rowKey={(r) => r.what}
      className="app-case-table"
      columns={[
        { header: 'What', cell: (r) => r.what },
        { header: 'Number', cell: (r) => r.count, numeric: true },
      ]}
    />
  );
}

/** One row per option in the contracts' order, then "Not decided yet" when there are any. */
const byLabel = <K extends string>(rows: CountRow[], labels: Record<K, string>) => {
  const undecided = rows.find((r) => r.key === 'undecided')?.count ?? 0;
  return [
    ...(Object.keys(labels) as K[]).map((k) => ({
      what: labels[k],
      count: rows.find((r) => r.key === k)?.count ?? 0,
    })),
    ...(undecided > 0 ? [{ what: 'Not decided yet', count: undecided }] : []),
  ];
};

function CountsTables({ counts }: { counts: CaseReviewCounts }) {
  const n = counts.notifications;
  const sar = counts.sarReferrals;
  const rv = counts.reviews;
  return (
    <>
      <CountsTable
        caption="Notifications to the national panel"
        rows={[
          { what: 'Serious incidents notified', count: n.total },
          { what: 'Sent within 5 working days', count: n.inTime },
          { what: 'Sent late', count: n.late },
          { what: 'Not sent yet', count: n.notSent },
          { what: 'Deaths of care leavers notified', count: n.careLeaverDeaths },
        ]}
      />
      <CountsTable
        caption="Rapid reviews by decision"
        rows={[
          ...byLabel<RapidReviewDecision>(counts.rapidReviews.byDecision, RAPID_REVIEW_DECISION_LABELS),
          { what: 'All rapid reviews', count: counts.rapidReviews.total },
          { what: 'Recommending a national review', count: counts.rapidReviews.recommendNationalReview },
        ]}
      />
      <CountsTable
        caption="Safeguarding adult review referrals"
        rows={[
          { what: 'Referrals received', count: sar.total },
          { what: 'The s44 criteria were met (mandatory)', count: sar.mandatory },
          { what: 'Discretionary', count: sar.discretionary },
          ...byLabel<SarDecision>(sar.byDecision, SAR_DECISION_LABELS).map((r) => ({
            ...r,
            what: `Decision: ${r.what}`,
          })),
        ]}
      />
      <CountsTable
        caption="Reviews"
        rows={[
          ...byLabel<ReviewKind>(rv.byKind, REVIEW_KIND_LABELS).map((r) => ({
            ...r,
            what: `Started: ${r.what}`,
          })),
          { what: 'Reviews started', count: rv.started },
          { what: 'Reviews published', count: rv.published },
          { what: 'Published after their target date', count: rv.publishedLate },
        ]}
      />
      {counts.themes.length === 0 ? (
        <>
          <h2 className="govuk-heading-m">Recurring themes</h2>
          <p className="govuk-body">No case files from this year have themes.</p>
        </>
      ) : (
        <Table
          caption="Recurring themes"
          className="app-case-table"
          rows={counts.themes}
          rowKey={(t) => t.id}
          columns={[
            {
              header: 'Theme',
              cell: (t) => (
                <>
                  {t.name}
                  {t.recurring ? (
                    <>
                      {' '}
                      <Tag colour="purple">Recurring</Tag>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: 'Case files', cell: (t) => t.caseFiles, numeric: true },
            { header: 'Reviews', cell: (t) => t.reviews, numeric: true },
          ]}
        />
      )}
    </>
  );
}
