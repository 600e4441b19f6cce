import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  KEY_DATE_LABELS,
  programmeYearOf,
  YEAR_KIND_LABELS,
  YEAR_KINDS,
  yearLabel,
} from '../../../../contracts/programme';
import { api } from '../../app/api';
import { formatDate, formatDateTime, plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { Button, ButtonLink } from '../../components/button';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { Pagination } from '../../components/pagination';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag, Tag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { useAgencyOptions } from '../common/agency-options';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, useNavigateWithFlash } from '../common/flash';
import { ConflictPanel, FormFeedback } from '../common/form-feedback';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { Loaded } from '../common/loaded';
import { ActivityList, approvalText, keyDatesText, ProgrammeHeader, recordedText, StatusTag } from './parts';
import {
  useAgencyView,
  useChanges,
  useMonthList,
  useProgramme,
  useProgrammes,
  useRefreshProgramme,
} from './queries';
import type { ActivitySummary, ProgrammeDetail, ProgrammeSummary } from './types';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** /programme: the current year's programme, or the list of years with a way to start this year's. */
export function ProgrammeIndexPage() {
  const [params] = useSearchParams();
  const listOnly = params.get('view') === 'years';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = useProgrammes(page);
  const currentYear = programmeYearOf(today(), 'financial');
  return (
    <Loaded query={query} what="programmes">
      {(list) => {
        const current = list.items.find(
          (p) => p.active && p.yearKind === 'financial' && p.startYear === currentYear,
        );
        if (current && !listOnly && page === 1) return <Navigate to={`/programme/${current.id}`} replace />;
        return <ProgrammeYears list={list} current={current} currentYear={currentYear} page={page} />;
      }}
    </Loaded>
  );
}

function ProgrammeYears({
  list,
  current,
  currentYear,
  page,
}: {
  list: { items: ProgrammeSummary[]; total: number; page: number; pageSize: number };
  current: ProgrammeSummary | undefined;
  currentYear: number;
  page: number;
}) {
  usePageTitle('QA programme');
  const flash = useFlash();
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">QA programme</h1>
      <p className="govuk-body">
        Each year’s planned assurance activities, by quarter, as the Executive agreed them.
      </p>
      {current ? (
        <p className="govuk-body">
          <Link to={`/programme/${current.id}`} className="govuk-link">
            Open the {current.yearLabel} programme
          </Link>
        </p>
      ) : (
        <NewProgrammeForm currentYear={currentYear} />
      )}
      <h2 className="govuk-heading-m">Programme years</h2>
      {list.total === 0 ? (
        <p className="govuk-body">There are no programmes yet.</p>
      ) : (
        <>
          <Table<ProgrammeSummary>
            caption="Programme years"
            captionHidden
            rows={list.items}
            rowKey={(p) => p.id}
            columns={[
              {
                header: 'Year',
                cell: (p) => (
                  <Link to={`/programme/${p.id}`} className="govuk-link">
                    {p.yearLabel}
                    {p.yearKind === 'academic' ? ' (academic)' : ''}
                  </Link>
                ),
              },
              { header: 'Title', cell: (p) => p.title },
              { header: 'Activities', cell: (p) => String(p.activityCount), numeric: true },
              {
                header: 'Approval',
                cell: (p) => (p.approval ? `Approved ${formatDate(p.approval.approvedOn)}` : 'Not approved'),
              },
              { header: 'Status', cell: (p) => <ActiveTag active={p.active} /> },
            ]}
          />
          <Pagination
            page={page}
            pageSize={list.pageSize}
            total={list.total}
            hrefFor={(n) => `/programme?view=years${n > 1 ? `&page=${n}` : ''}`}
          />
        </>
      )}
    </>
  );
}

/** Offered when this year has no programme: start one (planners only; the server decides). */
function NewProgrammeForm({ currentYear }: { currentYear: number }) {
  const { path, partnershipId } = usePartnership();
  const refresh = useRefreshProgramme();
  const [open, setOpen] = useState(false);
  const form = useEntityForm({
    title: 'QA programme',
    initial: {
      startYear: String(currentYear),
      yearKind: 'financial',
      title: `QA programme ${yearLabel(currentYear)}`,
    },
    draftKey: `programme:new:${partnershipId}`,
    fieldOrder: ['yearKind', 'startYear', 'title'],
    save: async (v) => {
      const made = await api.post<ProgrammeDetail>(path('programmes'), {
        startYear: Number(v.startYear),
        yearKind: v.yearKind,
        title: v.title,
      });
      await refresh();
      return made;
    },
    done: (made) => ({ to: `/programme/${made.id}`, flash: `${made.title} started` }),
  });
  if (!open && !form.hasErrors) {
    return (
      <>
        <InsetText>There is no programme for {yearLabel(currentYear)} yet.</InsetText>
        <Button type="button" onClick={() => setOpen(true)}>
          Start the {yearLabel(currentYear)} programme
        </Button>
      </>
    );
  }
  const years = [currentYear - 1, currentYear, currentYear + 1, currentYear + 2];
  return (
    <>
      <FormFeedback form={form} />
      <h2 className="govuk-heading-m">Start a programme</h2>
      <form onSubmit={form.saveAt(0)} noValidate>
        <Radios
          {...form.field('yearKind')}
          legend="Kind of year"
          legendSize="s"
          items={YEAR_KINDS.map((k) => ({ value: k, text: YEAR_KIND_LABELS[k] }))}
        />
        <Select
          {...form.field('startYear')}
          label="Year"
          labelSize="s"
          options={years.map((y) => ({ value: String(y), text: yearLabel(y) }))}
        />
        <TextInput {...form.field('title')} label="Title" labelSize="s" spellCheck />
        <Button pending={form.pending}>Start programme</Button>
      </form>
    </>
  );
}

function useProgrammeId() {
  const { programmeId = '' } = useParams();
  return programmeId;
}

/** The year as a grid: a row for each kind of activity, a column for each quarter (like the Sandwell schedule). */
export function QuarterGridPage() {
  const id = useProgrammeId();
  const query = useProgramme(id);
  return (
    <Loaded query={query} what="programme">
      {(programme) => <QuarterGrid programme={programme} />}
    </Loaded>
  );
}

type GridRow = { key: string; label: string; byQuarter: ActivitySummary[][]; add?: boolean };

function QuarterGrid({ programme }: { programme: ProgrammeDetail }) {
  const writes = programme.allowedVerbs.includes('write') && programme.active;
  const rows: GridRow[] = ACTIVITY_KINDS.filter((k) => programme.activities.some((a) => a.kind === k)).map(
    (k) => ({
      key: k,
      label: ACTIVITY_KIND_LABELS[k],
      byQuarter: [1, 2, 3, 4].map((q) => programme.activities.filter((a) => a.kind === k && a.quarter === q)),
    }),
  );
  if (writes) rows.push({ key: 'add', label: 'Plan more', byQuarter: [[], [], [], []], add: true });
  return (
    <>
      <ProgrammeHeader
        programme={programme}
        view="grid"
        changesSinceApproval={programme.changesSinceApproval}
      />
      {programme.activities.length === 0 ? (
        <InsetText>No activities are planned in this programme yet.</InsetText>
      ) : null}
      {rows.length ? (
        <Table<GridRow>
          caption={`${programme.title}: activities by quarter`}
          captionHidden
          className="app-programme-grid"
          rows={rows}
          rowKey={(r) => r.key}
          columns={[
            { header: 'Kind of activity', cell: (r) => r.label },
            ...programme.quarters.map((q) => ({
              header: (
                <>
                  Q{q.quarter}
                  <span className="govuk-!-display-block govuk-!-font-weight-regular govuk-!-font-size-16">
                    {q.label}
                  </span>
                </>
              ),
              label: `Q${q.quarter}`,
              cell: (r: GridRow) =>
                r.add ? (
                  <Link
                    to={`/programme/activities/new?programmeId=${programme.id}&quarter=${q.quarter}`}
                    className="govuk-link"
                  >
                    Add activity to Q{q.quarter}
                  </Link>
                ) : r.byQuarter[q.quarter - 1].length ? (
                  <ActivityList activities={r.byQuarter[q.quarter - 1]} />
                ) : (
                  ''
                ),
            })),
          ]}
        />
      ) : null}
      {programme.allowedVerbs.includes('write') ? <ProgrammeActiveControl programme={programme} /> : null}
    </>
  );
}

/** Deactivate (through a confirmation page) or reactivate (here, easily undone) the programme. */
function ProgrammeActiveControl({ programme }: { programme: ProgrammeDetail }) {
  const { path } = usePartnership();
  const refresh = useRefreshProgramme();
  if (programme.active)
    return (
      <>
        <h2 className="govuk-heading-m">Deactivate this programme</h2>
        <p className="govuk-body">
          When the programme was started by mistake or has been replaced. Its activities and approval are
          kept.
        </p>
        <ButtonLink to={`/programme/${programme.id}/deactivate`} variant="warning">
          Deactivate programme
        </ButtonLink>
      </>
    );
  return (
    <InlineAction
      heading="Reactivate this programme"
      buttonText="Reactivate programme"
      onAction={async () => {
        await api.post(path(`programmes/${programme.id}/reactivate`));
        await refresh();
      }}
      done={{ to: `/programme/${programme.id}`, flash: 'Programme reactivated', replace: true }}
    >
      <p className="govuk-body">
        This programme is deactivated. Reactivate it to plan and change its activities again. It cannot be
        reactivated while another active programme covers the same year.
      </p>
    </InlineAction>
  );
}

/** Change the programme's title. */
export function RenameProgrammePage() {
  const query = useProgramme(useProgrammeId());
  return (
    <Loaded query={query} what="programme">
      {(programme) => <RenameProgrammeForm programme={programme} />}
    </Loaded>
  );
}

function RenameProgrammeForm({ programme }: { programme: ProgrammeDetail }) {
  const { path } = usePartnership();
  const refresh = useRefreshProgramme();
  const form = useEntityForm({
    title: 'Rename the programme',
    initial: { title: programme.title, version: programme.version },
    draftKey: `programme:${programme.id}:title`,
    fieldOrder: ['title'],
    save: async (v, version) => {
      await api.put(path(`programmes/${programme.id}`), { title: v.title, version });
      await refresh();
    },
    done: () => ({ to: `/programme/${programme.id}`, flash: 'Programme renamed' }),
  });
  return (
    <FormPage
      form={form}
      backTo={`/programme/${programme.id}`}
      caption={yearCaption(programme)}
      submitText="Save title"
      conflict={{
        fields: [{ name: 'title', label: 'Title' }],
        fromSaved: (c) => ({ title: String(c.title ?? ''), version: Number(c.version) }),
      }}
    >
      <TextInput
        {...form.field('title')}
        label="Title"
        hint="For example, Northshire QA programme 2026–27"
        spellCheck
      />
    </FormPage>
  );
}

const yearCaption = (p: ProgrammeSummary) =>
  `QA programme ${p.yearLabel}${p.yearKind === 'academic' ? ' (academic year)' : ''}`;

/** "it can still be read, with its 12 activities and the Executive’s approval" */
function keptText(p: ProgrammeDetail) {
  const kept = [
    p.activities.length ? `its ${plural(p.activities.length, 'activity', 'activities')}` : null,
    p.approval ? 'the Executive’s approval' : null,
  ].filter(Boolean);
  return `it can still be read${kept.length ? `, with ${kept.join(' and ')}` : ''}`;
}

/** Confirm deactivating the programme: what stops and what is kept. */
export function DeactivateProgrammePage() {
  const id = useProgrammeId();
  const query = useProgramme(id);
  const { path } = usePartnership();
  const refresh = useRefreshProgramme();
  return (
    <Loaded query={query} what="programme">
      {(programme) => (
        <ConfirmAction
          title={`Deactivate ${programme.title}?`}
          caption={yearCaption(programme)}
          confirmText="Deactivate programme"
          cancelTo={`/programme/${id}`}
          onConfirm={async () => {
            await api.post(path(`programmes/${id}/deactivate`));
            await refresh();
          }}
          done={{ to: `/programme/${id}`, flash: 'Programme deactivated' }}
        >
          <p className="govuk-body">Deactivating does not delete anything:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>{keptText(programme)}</li>
            <li>no activity can be planned or changed in it</li>
            <li>its key dates leave everyone’s calendar feeds</li>
            <li>another programme can be started for {programme.yearLabel}</li>
          </ul>
          <p className="govuk-body">
            You can reactivate it later, as long as no other active programme covers the same year.
          </p>
        </ConfirmAction>
      )}
    </Loaded>
  );
}

/** Every key date of the programme, month by month. */
export function MonthsPage() {
  const id = useProgrammeId();
  const query = useMonthList(id);
  const detail = useProgramme(id);
  return (
    <Loaded query={query} what="month-by-month list">
      {({ programme, months }) => (
        <>
          <ProgrammeHeader
            programme={programme}
            view="months"
            changesSinceApproval={detail.data?.changesSinceApproval}
          />
          {months.map((m) => (
            <section key={m.month} aria-labelledby={`month-${m.month}`}>
              <h3 className="govuk-heading-s" id={`month-${m.month}`}>
                {m.label}
                {m.inYear ? '' : ' (outside the programme year)'}
              </h3>
              {m.entries.length === 0 ? (
                <p className="govuk-body govuk-hint">Nothing due.</p>
              ) : (
                <Table
                  caption={`Key dates in ${m.label}`}
                  captionHidden
                  rows={m.entries}
                  rowKey={(e) => `${e.activity.id}-${e.keyDate}`}
                  columns={[
                    {
                      header: 'Date',
                      cell: (e) => formatDate(e.date),
                      className: 'govuk-!-width-one-quarter',
                    },
                    {
                      header: 'What',
                      cell: (e) => KEY_DATE_LABELS[e.keyDate],
                    },
                    {
                      header: 'Activity',
                      cell: (e) => (
                        <Link to={`/programme/activities/${e.activity.id}`} className="govuk-link">
                          {e.activity.title}
                        </Link>
                      ),
                    },
                    {
                      header: 'Status',
                      cell: (e) => <StatusTag status={e.activity.status} />,
                    },
                  ]}
                />
              )}
            </section>
          ))}
        </>
      )}
    </Loaded>
  );
}

/** Choose an agency, then see what the programme asks of it month by month, with clashes marked. */
export function AgenciesPage() {
  const id = useProgrammeId();
  const [params] = useSearchParams();
  const agencyId = params.get('agencyId') ?? '';
  const programme = useProgramme(id);
  return (
    <Loaded query={programme} what="programme">
      {(p) => (
        <>
          <ProgrammeHeader programme={p} view="agencies" changesSinceApproval={p.changesSinceApproval} />
          <AgencyChooser programmeId={id} agencyId={agencyId} />
          {agencyId ? <AgencyWorkload programmeId={id} agencyId={agencyId} /> : null}
        </>
      )}
    </Loaded>
  );
}

function AgencyChooser({ programmeId, agencyId }: { programmeId: string; agencyId: string }) {
  const options = useAgencyOptions();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState(agencyId);
  return (
    <form
      className="app-filter"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) navigate(`/programme/${programmeId}/agencies?agencyId=${chosen}`);
      }}
    >
      <Select
        id="agencyId"
        label="Agency"
        labelSize="s"
        value={chosen}
        onChange={setChosen}
        placeholder="Choose an agency"
        options={(options.data ?? []).map((a) => ({ value: a.id, text: a.name }))}
        className="app-full-width"
      />
      <div className="govuk-form-group">
        <Button className="app-filter__button">Show what is coming</Button>
      </div>
    </form>
  );
}

function AgencyWorkload({ programmeId, agencyId }: { programmeId: string; agencyId: string }) {
  const query = useAgencyView(programmeId, agencyId);
  if (query.isPending)
    return (
      <p className="govuk-body" role="status">
        Loading…
      </p>
    );
  if (query.error) return <p className="govuk-body">That agency could not be found in this partnership.</p>;
  const view = query.data;
  const clashes = view.months.filter((m) => m.clash);
  return (
    <>
      <h3 className="govuk-heading-m">{view.agency.name}</h3>
      {view.activities.length === 0 ? (
        <p className="govuk-body">This programme involves {view.agency.name} in no activities.</p>
      ) : (
        <>
          <p className="govuk-body">
            {view.agency.name} is involved in {plural(view.activities.length, 'activity', 'activities')}.
            {clashes.length
              ? ` ${plural(clashes.length, 'month has', 'months have')} two or more deadlines: ${clashes.map((m) => m.label).join(', ')}.`
              : ' No month has more than one deadline.'}
          </p>
          <Table
            caption={`What is coming to ${view.agency.name}, month by month`}
            captionSize="s"
            rows={view.months}
            rowKey={(m) => m.month}
            columns={[
              {
                header: 'Month',
                cell: (m) => (
                  <>
                    {m.label}
                    {m.clash ? (
                      <>
                        {' '}
                        <Tag colour="orange">Possible clash</Tag>
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: 'Key dates', cell: (m) => String(m.count), numeric: true },
              { header: 'Deadlines', cell: (m) => String(m.deadlines), numeric: true },
              {
                header: 'What is due',
                cell: (m) =>
                  m.entries.length ? (
                    <ul className="govuk-list govuk-!-margin-bottom-0">
                      {m.entries.map((e) => (
                        <li key={`${e.activity.id}-${e.keyDate}`}>
                          {formatDate(e.date)}: {KEY_DATE_LABELS[e.keyDate].toLowerCase()},{' '}
                          <Link to={`/programme/activities/${e.activity.id}`} className="govuk-link">
                            {e.activity.title}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    ''
                  ),
              },
            ]}
          />
          <Table<ActivitySummary>
            caption={`Activities involving ${view.agency.name}`}
            captionSize="s"
            rows={view.activities}
            rowKey={(a) => a.id}
            columns={[
              {
                header: 'Activity',
                cell: (a) => (
                  <Link to={`/programme/activities/${a.id}`} className="govuk-link">
                    {a.title}
                  </Link>
                ),
              },
              { header: 'Quarter', cell: (a) => `Q${a.quarter}` },
              { header: 'Status', cell: (a) => <StatusTag status={a.status} /> },
              { header: 'Key dates', cell: (a) => keyDatesText(a) },
            ]}
          />
        </>
      )}
    </>
  );
}

/** The Executive's approval: who, when, at which meeting; recording it (admins); changes made since. */
export function ApprovalPage() {
  const id = useProgrammeId();
  const query = useProgramme(id);
  return (
    <Loaded query={query} what="programme">
      {(programme) => (
        <>
          <ProgrammeHeader programme={programme} view="approval" changesSinceApproval={0} />
          {programme.approval ? (
            <SummaryList
              rows={[
                { key: 'Approved by', value: programme.approval.approvedBy },
                { key: 'Approved on', value: formatDate(programme.approval.approvedOn) },
                { key: 'Meeting', value: programme.approval.approvalMeeting },
                {
                  key: 'Recorded',
                  value: recordedText(programme)
                    .replace(/^Recorded /, '')
                    .replace(/\.$/, ''),
                },
              ]}
            />
          ) : (
            <p className="govuk-body">{approvalText(programme)}</p>
          )}
          {programme.allowedVerbs.includes('approve') && programme.active ? (
            <ApprovalForm programme={programme} />
          ) : null}
          {programme.approval ? <ChangesSinceApproval programme={programme} /> : null}
        </>
      )}
    </Loaded>
  );
}

function ApprovalForm({ programme }: { programme: ProgrammeDetail }) {
  const { path } = usePartnership();
  const refresh = useRefreshProgramme();
  const form = useEntityForm({
    title: `Approval – ${programme.title}`,
    initial: {
      approvedBy: programme.approval?.approvedBy ?? '',
      approvedOn: programme.approval?.approvedOn ?? '',
      approvalMeeting: programme.approval?.approvalMeeting ?? '',
      version: programme.version,
    },
    draftKey: `programme:${programme.id}:approval`,
    fieldOrder: ['approvedBy', 'approvedOn', 'approvalMeeting'],
    save: async (v, version) => {
      await api.post(path(`programmes/${programme.id}/approval`), {
        approvedBy: v.approvedBy,
        approvedOn: v.approvedOn,
        approvalMeeting: v.approvalMeeting,
        version,
      });
      await refresh();
    },
    done: () => ({ to: `/programme/${programme.id}/approval`, flash: 'Approval recorded', replace: true }),
  });
  return (
    <>
      <h3 className="govuk-heading-s">
        {programme.approval ? 'Correct the approval' : 'Record the approval'}
      </h3>
      <FormFeedback form={form} />
      {form.conflict ? (
        <ConflictPanel
          conflict={flatConflict(form.conflict)}
          fields={[
            { name: 'approvedBy', label: 'Approved by' },
            { name: 'approvedOn', label: 'Date approved' },
            { name: 'approvalMeeting', label: 'Meeting' },
          ]}
          values={form.values}
          pending={form.pending}
          onKeepMine={() => void form.saveAt(Number(form.conflict?.current.version))()}
          onUseTheirs={() => {
            const c = form.conflict!.current as { approval?: Record<string, string> | null; version: number };
            form.setValues({
              approvedBy: c.approval?.approvedBy ?? '',
              approvedOn: c.approval?.approvedOn ?? '',
              approvalMeeting: c.approval?.approvalMeeting ?? '',
              version: c.version,
            });
            form.dismissConflict();
          }}
        />
      ) : null}
      <form onSubmit={form.saveAt(form.values.version)} noValidate>
        <TextInput
          {...form.field('approvedBy')}
          label="Approved by"
          labelSize="s"
          hint="Who approved it for the Executive, for example the chair"
          spellCheck
        />
        <TextInput
          {...form.field('approvedOn')}
          label="Date approved"
          labelSize="s"
          type="date"
          className="app-date-input"
        />
        <TextInput
          {...form.field('approvalMeeting')}
          label="Meeting"
          labelSize="s"
          hint="For example, Safeguarding Executive, 21 April 2026"
          spellCheck
        />
        <Button pending={form.pending}>Record approval</Button>
      </form>
    </>
  );
}

/** The saved programme's approval fields at the top level, as the conflict panel compares them. */
function flatConflict(conflict: { message: string; current: Record<string, unknown> }) {
  const approval = (conflict.current.approval ?? {}) as Record<string, unknown>;
  return { ...conflict, current: { ...approval, version: conflict.current.version } };
}

function ChangesSinceApproval({ programme }: { programme: ProgrammeDetail }) {
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = useChanges(programme.id, page);
  return (
    <section aria-labelledby="changes-heading">
      <h3 className="govuk-heading-m" id="changes-heading">
        Changes since approval
      </h3>
      {query.isPending ? (
        <p className="govuk-body" role="status">
          Loading the changes…
        </p>
      ) : query.error ? (
        <p className="govuk-body">The changes could not be loaded. Try again later.</p>
      ) : query.data.total === 0 ? (
        <p className="govuk-body">Nothing has changed since the approval was recorded.</p>
      ) : (
        <>
          <p className="govuk-body">
            {plural(query.data.total, 'change')} since the approval was recorded on{' '}
            {formatDateTime(query.data.approvalRecordedAt)}. The Executive may need to see them.
          </p>
          <Table
            caption="Changes since approval"
            captionHidden
            rows={query.data.items}
            rowKey={(c) => String(c.id)}
            columns={[
              { header: 'When', cell: (c) => formatDateTime(c.at) },
              { header: 'Who', cell: (c) => c.personName ?? 'Assure' },
              {
                header: 'What',
                cell: (c) =>
                  c.entity === 'activity' ? (
                    <>
                      {ACTION_LABELS[c.action] ?? c.action}:{' '}
                      <Link to={`/programme/activities/${c.entityId}`} className="govuk-link">
                        {c.activityTitle}
                      </Link>
                    </>
                  ) : (
                    `Programme ${ACTION_LABELS[c.action]?.toLowerCase() ?? c.action}`
                  ),
              },
              {
                header: 'Change',
                cell: (c) =>
                  c.action === 'created' ? (
                    'Added to the programme'
                  ) : (
                    <ul className="govuk-list govuk-!-margin-bottom-0">
                      {c.changes.map((ch) => (
                        <li key={ch.field}>
                          {ch.label}: {ch.before ?? 'not set'} <span aria-hidden="true">→</span>
                          <span className="govuk-visually-hidden"> changed to </span> {ch.after ?? 'not set'}
                        </li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
          <Pagination
            page={page}
            pageSize={query.data.pageSize}
            total={query.data.total}
            hrefFor={(n) => `/programme/${programme.id}/approval${n > 1 ? `?page=${n}` : ''}`}
          />
        </>
      )}
    </section>
  );
}

const ACTION_LABELS: Record<string, string> = {
  created: 'Added',
  updated: 'Changed',
  status_changed: 'Status changed',
  deactivated: 'Deactivated',
  reactivated: 'Reactivated',
};

/** Copy a programme forward to the next year. */
export function CopyForwardPage() {
  const id = useProgrammeId();
  const query = useProgramme(id);
  const { path } = usePartnership();
  const refresh = useRefreshProgramme();
  const goTo = useNavigateWithFlash();
  return (
    <Loaded query={query} what="programme">
      {(programme) => {
        const next = yearLabel(programme.startYear + 1);
        const copied = programme.activities.filter((a) => a.status !== 'cancelled').length;
        return (
          <ConfirmAction
            title={`Copy forward to ${next}?`}
            caption={programme.title}
            confirmText={`Copy forward to ${next}`}
            warning={false}
            cancelTo={`/programme/${programme.id}`}
            onConfirm={async () => {
              const made = await api.post<ProgrammeDetail>(
                path(`programmes/${programme.id}/copy-forward`),
                {},
              );
              await refresh();
              goTo({
                to: `/programme/${made.id}`,
                flash: `${made.title} started from ${programme.yearLabel}`,
              });
            }}
          >
            <p className="govuk-body">This starts the {next} programme from this one:</p>
            <ul className="govuk-list govuk-list--bullet">
              <li>
                {plural(copied, 'activity', 'activities')} copied as planned, in the same quarters, with the
                same leads and agencies
              </li>
              <li>every date moved one year on (29 February becomes 28 February)</li>
              <li>cancelled activities left out</li>
              <li>the Executive’s approval is not copied: the new programme needs its own</li>
            </ul>
            <p className="govuk-body">This programme stays as it is.</p>
          </ConfirmAction>
        );
      }}
    </Loaded>
  );
}
