import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_KINDS,
  ACTIVITY_STATUS_LABELS,
  type ActivityStatus,
  KEY_DATE_LABELS,
  KEY_DATES,
  type KeyDate,
  quarterOfYear,
  STATUSES_NEEDING_REASON,
} from '../../../../contracts/programme';
import { api, queryString } from '../../app/api';
import { NotFoundPage } from '../../app/error-pages';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Page } from '../../app/types';
import { BackLink } from '../../components/back-link';
import { ButtonLink } from '../../components/button';
import { Checkboxes } from '../../components/checkboxes';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { useAgencyOptions } from '../common/agency-options';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { Loaded } from '../common/loaded';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { RemindersSent } from '../notifications/reminders-sent';
import { ActivityRequests } from '../responses/activity-requests';
import { StatusTag } from './parts';
import { useActivity, useProgramme, useRefreshProgramme } from './queries';
import type { Activity } from './types';

type Values = {
  kind: string;
  title: string;
  quarter: string;
  releasedOn: string;
  deadlineOn: string;
  meetingOn: string;
  reportDueOn: string;
  leadPersonId: string;
  agencyIds: string[];
  priorityId: string;
  templateId: string;
  description: string;
  version: number;
};

const FIELD_ORDER = [
  'kind',
  'title',
  'quarter',
  'releasedOn',
  'deadlineOn',
  'meetingOn',
  'reportDueOn',
  'leadPersonId',
  'agencyIds',
  'priorityId',
  'templateId',
  'description',
];

const DATE_HINTS: Record<KeyDate, string> = {
  releasedOn: 'When the request or audit tool goes out to agencies',
  deadlineOn: 'When agencies’ returns are due',
  meetingOn: 'The moderation meeting, scrutiny panel or audit day',
  reportDueOn: 'When the findings report is due',
};

const valuesOf = (a: Partial<Activity> & { version?: number }): Values => ({
  kind: a.kind ?? '',
  title: a.title ?? '',
  quarter: a.quarter ? String(a.quarter) : '',
  releasedOn: a.releasedOn ?? '',
  deadlineOn: a.deadlineOn ?? '',
  meetingOn: a.meetingOn ?? '',
  reportDueOn: a.reportDueOn ?? '',
  leadPersonId: a.lead?.id ?? '',
  agencyIds: (a.agencies ?? []).map((x) => x.id),
  priorityId: a.priority?.id ?? '',
  templateId: a.template?.id ?? '',
  description: a.description ?? '',
  version: a.version ?? 0,
});

function usePriorityOptions() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'priorities', 'all'],
    queryFn: () =>
      api.get<Page<{ id: string; name: string }>>(path(`priorities${queryString({ pageSize: 100 })}`)),
    staleTime: 60_000,
  });
}

function useTemplateOptions() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'audit-templates', 'options'],
    queryFn: () =>
      api.get<Page<{ id: string; title: string }>>(path(`audit-templates${queryString({ pageSize: 100 })}`)),
    staleTime: 60_000,
  });
}

/** The form to plan or change an activity, for a programme of a given year. */
function ActivityForm({
  programme,
  activity,
  quarter,
}: {
  programme: { id: string; title: string; startYear: number; yearKind: 'financial' | 'academic' };
  activity?: Activity;
  quarter?: string;
}) {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefreshProgramme();
  const people = usePeopleOptions();
  const agencyOptions = useAgencyOptions();
  const priorityOptions = usePriorityOptions();
  const templateOptions = useTemplateOptions();
  const backTo = activity ? `/programme/activities/${activity.id}` : `/programme/${programme.id}`;
  const form = useEntityForm<Values, Activity>({
    title: activity ? `Change ${activity.title}` : 'Plan an activity',
    initial: activity ? valuesOf(activity) : { ...valuesOf({}), quarter: quarter ?? '' },
    draftKey: activity ? `activity:${activity.id}` : `activity:new:${partnershipId}:${programme.id}`,
    fieldOrder: FIELD_ORDER,
    choiceMessages: { kind: 'Select the kind of activity', quarter: 'Choose the quarter the activity is in' },
    save: async (v, version) => {
      const body = {
        kind: v.kind,
        title: v.title,
        quarter: v.quarter ? Number(v.quarter) : null,
        releasedOn: v.releasedOn || null,
        deadlineOn: v.deadlineOn || null,
        meetingOn: v.meetingOn || null,
        reportDueOn: v.reportDueOn || null,
        leadPersonId: v.leadPersonId || null,
        agencyIds: v.agencyIds,
        priorityId: v.priorityId || null,
        templateId: v.templateId || null,
        description: v.description.trim() || null,
      };
      const saved = activity
        ? await api.put<Activity>(path(`activities/${activity.id}`), { ...body, version })
        : await api.post<Activity>(path('activities'), { ...body, programmeId: programme.id });
      await refresh();
      return saved;
    },
    done: (saved) =>
      activity
        ? { to: `/programme/activities/${saved.id}`, flash: 'Activity saved' }
        : { to: `/programme/${programme.id}`, flash: `${saved.title} added to Q${saved.quarter}` },
  });
  const agencyItems = [
    ...(agencyOptions.data ?? []).map((a) => ({ value: a.id, text: a.name })),
    ...(activity?.agencies ?? [])
      .filter((a) => !(agencyOptions.data ?? []).some((o) => o.id === a.id))
      .map((a) => ({ value: a.id, text: `${a.name} (no longer active)` })),
  ];
  const leadOptions = (people.data ?? [])
    .filter((p) => p.active)
    .map((p) => ({ value: p.id, text: personOptionText(p) }));
  if (activity?.lead && !leadOptions.some((o) => o.value === activity.lead!.id))
    leadOptions.push({ value: activity.lead.id, text: `${activity.lead.name} (no longer a member)` });

  return (
    <FormPage
      form={form}
      backTo={backTo}
      caption={`${programme.title}`}
      submitText={activity ? 'Save changes' : 'Add activity'}
      conflict={
        activity
          ? {
              fields: [
                { name: 'title', label: 'Title' },
                {
                  name: 'kind',
                  label: 'Kind',
                  show: (v) => ACTIVITY_KIND_LABELS[v as never] ?? String(v ?? ''),
                },
                { name: 'quarter', label: 'Quarter', show: (v) => (v ? `Q${v}` : 'Not set') },
                ...KEY_DATES.map((k) => ({
                  name: k,
                  label: KEY_DATE_LABELS[k],
                  show: (v: unknown) => (v ? formatDate(String(v)) : 'Not set'),
                })),
                { name: 'description', label: 'Description' },
              ],
              fromSaved: (c) => valuesOf(c as unknown as Activity),
            }
          : undefined
      }
    >
      <Select
        {...form.field('kind')}
        label="Kind of activity"
        labelSize="s"
        placeholder="Choose the kind"
        options={ACTIVITY_KINDS.map((k) => ({ value: k, text: ACTIVITY_KIND_LABELS[k] }))}
      />
      <TextInput
        {...form.field('title')}
        label="Title"
        labelSize="s"
        hint="For example, Multi-agency audit: neglect of children under five"
        spellCheck
      />
      <Radios
        {...form.field('quarter')}
        legend="Quarter"
        legendSize="s"
        items={[1, 2, 3, 4].map((q) => ({
          value: String(q),
          text: `Q${q}`,
          hint: quarterOfYear(programme.startYear, programme.yearKind, q).label,
        }))}
      />
      {KEY_DATES.map((k) => (
        <TextInput
          key={k}
          {...form.field(k)}
          label={`${KEY_DATE_LABELS[k]} (optional)`}
          labelSize="s"
          hint={DATE_HINTS[k]}
          type="date"
          className="app-date-input"
        />
      ))}
      <Select
        {...form.field('leadPersonId')}
        label="Lead (optional)"
        labelSize="s"
        placeholder="No lead yet"
        options={leadOptions}
        className="app-full-width"
      />
      <Checkboxes
        id="agencyIds"
        legend="Agencies involved (optional)"
        legendSize="s"
        hint="Each agency sees this activity in its own view of the programme"
        error={form.errors.agencyIds}
        items={agencyItems}
        values={form.values.agencyIds}
        onChange={(v) => form.setValue('agencyIds', v)}
        small
      />
      <Select
        {...form.field('priorityId')}
        label="Priority (optional)"
        labelSize="s"
        placeholder="No priority"
        options={[
          ...(priorityOptions.data?.items ?? []).map((p) => ({ value: p.id, text: p.name })),
          ...(activity?.priority &&
          !(priorityOptions.data?.items ?? []).some((p) => p.id === activity.priority!.id)
            ? [{ value: activity.priority.id, text: activity.priority.name }]
            : []),
        ]}
      />
      <Select
        {...form.field('templateId')}
        label="Audit tool (optional)"
        labelSize="s"
        placeholder="No audit tool"
        options={[
          ...(templateOptions.data?.items ?? []).map((t) => ({ value: t.id, text: t.title })),
          ...(activity?.template &&
          !(templateOptions.data?.items ?? []).some((t) => t.id === activity.template!.id)
            ? [{ value: activity.template.id, text: activity.template.title }]
            : []),
        ]}
        className="app-full-width"
      />
      <Textarea {...form.field('description')} label="Description (optional)" labelSize="s" spellCheck />
    </FormPage>
  );
}

/** /programme/activities/new?programmeId=&quarter= */
export function NewActivityPage() {
  const [params] = useSearchParams();
  const programmeId = params.get('programmeId') ?? '';
  const quarter = params.get('quarter') ?? '';
  if (!programmeId) return <NotFoundPage message="Choose a programme first, then add an activity to it" />;
  return <NewActivityFor programmeId={programmeId} quarter={/^[1-4]$/.test(quarter) ? quarter : undefined} />;
}

function NewActivityFor({ programmeId, quarter }: { programmeId: string; quarter?: string }) {
  const query = useProgramme(programmeId);
  return (
    <Loaded query={query} what="programme">
      {(programme) => <ActivityForm programme={programme} quarter={quarter} />}
    </Loaded>
  );
}

function useActivityId() {
  const { activityId = '' } = useParams();
  return activityId;
}

export function EditActivityPage() {
  const query = useActivity(useActivityId());
  return (
    <Loaded query={query} what="activity">
      {(activity) => <ActivityForm programme={activity.programme} activity={activity} />}
    </Loaded>
  );
}

export function ActivityPage() {
  const query = useActivity(useActivityId());
  return (
    <Loaded query={query} what="activity">
      {(activity) => <ActivityDetail activity={activity} />}
    </Loaded>
  );
}

function ActivityDetail({ activity: a }: { activity: Activity }) {
  usePageTitle(a.title);
  const flash = useFlash();
  const writes = a.allowedVerbs.includes('write') && a.programme.active;
  const quarter = quarterOfYear(a.programme.startYear, a.programme.yearKind, a.quarter);
  const none = <span className="govuk-hint govuk-!-margin-bottom-0">Not set</span>;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/programme/${a.programme.id}`}>Back to the programme</BackLink>
        {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
        <span className="govuk-caption-l">{ACTIVITY_KIND_LABELS[a.kind]}</span>
        <h1 className="govuk-heading-l">{a.title}</h1>
        <p className="govuk-body">
          <StatusTag status={a.status} />
          {a.statusReason ? <span className="govuk-!-margin-left-2">{a.statusReason}</span> : null}
        </p>
        {writes ? (
          <div className="govuk-button-group">
            <ButtonLink to={`/programme/activities/${a.id}/edit`}>Change details</ButtonLink>
            <ButtonLink to={`/programme/activities/${a.id}/status`} variant="secondary">
              Change status
            </ButtonLink>
          </div>
        ) : null}
        <SummaryList
          rows={[
            {
              key: 'Programme',
              value: (
                <Link to={`/programme/${a.programme.id}`} className="govuk-link">
                  {a.programme.title}
                </Link>
              ),
            },
            { key: 'Quarter', value: `Q${a.quarter} (${quarter.label})` },
            ...KEY_DATES.map((k) => ({ key: KEY_DATE_LABELS[k], value: a[k] ? formatDate(a[k]) : none })),
            { key: 'Lead', value: a.lead?.name ?? none },
            {
              key: 'Agencies involved',
              value: a.agencies.length ? (
                <ul className="govuk-list govuk-!-margin-bottom-0">
                  {a.agencies.map((x) => (
                    <li key={x.id}>{x.name}</li>
                  ))}
                </ul>
              ) : (
                none
              ),
            },
            { key: 'Priority', value: a.priority?.name ?? none },
            { key: 'Audit tool', value: a.template?.title ?? none },
            {
              key: 'Description',
              value: a.description ? <span className="app-pre-wrap">{a.description}</span> : none,
            },
          ]}
        />
        <ActivityRequests activityId={a.id} canSend={writes && a.template !== null} />
        <RemindersSent itemType="qa_activity" itemId={a.id} />
      </div>
    </div>
  );
}

/** Move an activity along its workflow; cancelled and deferred need a reason. */
export function ActivityStatusPage() {
  const query = useActivity(useActivityId());
  return (
    <Loaded query={query} what="activity">
      {(activity) => <StatusForm activity={activity} />}
    </Loaded>
  );
}

function StatusForm({ activity }: { activity: Activity }) {
  const { path } = usePartnership();
  const refresh = useRefreshProgramme();
  const form = useEntityForm({
    title: `Change the status of ${activity.title}`,
    initial: { status: '', reason: '', version: activity.version },
    draftKey: `activity:${activity.id}:status`,
    fieldOrder: ['status', 'reason'],
    choiceMessages: { status: 'Choose the new status' },
    validate: (v): Record<string, string> => (v.status ? {} : { status: 'Choose the new status' }),
    save: async (v, version) => {
      await api.post(path(`activities/${activity.id}/status`), {
        status: v.status,
        reason: STATUSES_NEEDING_REASON.includes(v.status as ActivityStatus) ? v.reason.trim() || null : null,
        version,
      });
      await refresh();
    },
    done: () => ({ to: `/programme/activities/${activity.id}`, flash: 'Status changed' }),
  });
  const reason = (status: ActivityStatus) => (
    <Textarea
      {...form.field('reason')}
      label={status === 'cancelled' ? 'Why was it cancelled?' : 'Why was it deferred, and until when?'}
      rows={3}
      spellCheck
    />
  );
  return (
    <FormPage
      form={form}
      backTo={`/programme/activities/${activity.id}`}
      heading={null}
      submitText="Change status"
      conflict={{
        fields: [
          {
            name: 'status',
            label: 'Status',
            show: (v) => ACTIVITY_STATUS_LABELS[v as ActivityStatus] ?? 'Not set',
          },
          { name: 'statusReason', label: 'Reason' },
        ],
        fromSaved: (c) => ({ status: '', reason: '', version: Number(c.version) }),
      }}
    >
      <Radios
        {...form.field('status')}
        legend={`Change the status of ${activity.title}`}
        legendSize="l"
        isPageHeading
        hint={`It is ${ACTIVITY_STATUS_LABELS[activity.status].toLowerCase()} now.`}
        items={activity.nextStatuses.map((s) => ({
          value: s,
          text: ACTIVITY_STATUS_LABELS[s],
          conditional: STATUSES_NEEDING_REASON.includes(s) ? reason(s) : undefined,
        }))}
      />
    </FormPage>
  );
}
