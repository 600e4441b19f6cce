import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import {
  ABUSE_OR_NEGLECT,
  ABUSE_OR_NEGLECT_LABELS,
  CARE_LEAVER_MAX_AGE,
  HARM_LABELS,
  HARMS,
  INCIDENT_PLACE_LABELS,
  INCIDENT_PLACES,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
  RAPID_REVIEW_DECISION_LABELS,
  RAPID_REVIEW_DECISIONS,
  RAPID_REVIEW_STEP_LABELS,
  type RapidReviewDecision,
  SAR_DECISION_LABELS,
  SAR_DECISIONS,
  SAR_OUTCOME_LABELS,
  SAR_OUTCOMES,
  type SarDecision,
  sarReferralIsMandatory,
} from '../../../../contracts/case-reviews';
import { api, type FieldErrors, queryString } from '../../app/api';
import { InlineLoadError, NotFoundPage } from '../../app/error-pages';
import { formatDate, plural } from '../../app/format';
import { usePartnership } from '../../app/session';
import type { Page } from '../../app/types';
import { Checkboxes, SingleCheckbox } from '../../components/checkboxes';
import { InsetText } from '../../components/inset-text';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { useAgencyOptions } from '../common/agency-options';
import { FormPage, useEntityForm } from '../common/form-page';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { notificationStatus } from './case-file-page';
import { CaseFileWriteLoaded, caseFileCaption, caseFilePath, ukToday } from './parts';
import { useRefreshCaseFiles } from './queries';
import { CaseFileForm } from './register-pages';
import type { CaseFile, RapidReview, RapidReviewStepView, SarReferral } from './types';

// The forms of one case file, each a page of its own so the case file stays scannable: its code and
// themes, the notification, one rapid review step, the summary requests, the rapid review decision, the
// SAR referral and the panel decision. Every form keeps a draft, shows the error summary, and after a stale
// save shows both versions (see FormPage).

const dateField = { type: 'date', className: 'app-date-input' } as const;

/** Dates shown in a conflict. */
const showDate = (v: unknown) => (v ? formatDate(String(v)) : 'Not set');

export function EditCaseFilePage() {
  return (
    <CaseFileWriteLoaded>{(file) => <CaseFileForm key={file.version} file={file} />}</CaseFileWriteLoaded>
  );
}

// ---------------------------------------------------------------------------------------------------
// Notification
// ---------------------------------------------------------------------------------------------------

type NotificationValues = {
  kind: string;
  becameAwareOn: string;
  harm: string;
  abuseOrNeglect: string;
  place: string;
  ageAtDeath: string;
  notifiedPanelOn: string;
  ofstedNotifiedOn: string;
  lateReason: string;
  version: number;
};

const notificationValuesOf = (n: CaseFile['notification']): NotificationValues => ({
  kind: n?.kind ?? '',
  becameAwareOn: n?.becameAwareOn ?? '',
  harm: n?.harm ?? '',
  abuseOrNeglect: n?.abuseOrNeglect ?? '',
  place: n?.place ?? '',
  ageAtDeath: n?.ageAtDeath != null ? String(n.ageAtDeath) : '',
  notifiedPanelOn: n?.notifiedPanelOn ?? '',
  ofstedNotifiedOn: n?.ofstedNotifiedOn ?? '',
  lateReason: n?.lateReason ?? '',
  version: n?.version ?? 0,
});

export function NotificationPage() {
  return (
    <CaseFileWriteLoaded>
      {(file) =>
        file.kind === 'child' ? (
          <NotificationForm key={file.notification?.version ?? 0} file={file} />
        ) : (
          <NotFoundPage message="Notifications to the national panel are for children’s case files." />
        )
      }
    </CaseFileWriteLoaded>
  );
}

function NotificationForm({ file }: { file: CaseFile }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const n = file.notification;
  const form = useEntityForm<NotificationValues>({
    title: n ? 'Change the notification' : 'Record the notification',
    initial: notificationValuesOf(n),
    draftKey: `case-file:${file.id}:notification`,
    fieldOrder: [
      'kind',
      'harm',
      'abuseOrNeglect',
      'place',
      'ageAtDeath',
      'becameAwareOn',
      'notifiedPanelOn',
      'lateReason',
      'ofstedNotifiedOn',
    ],
    choiceMessages: { kind: 'Select what is being notified' },
    validate: (v): FieldErrors =>
      v.kind === 'care_leaver_death' && v.ageAtDeath.trim() !== '' && !/^\d+$/.test(v.ageAtDeath.trim())
        ? { ageAtDeath: 'Enter the age as a whole number, for example 19' }
        : {},
    save: async (v, version) => {
      const incident = v.kind === 'serious_incident';
      await api.put(path(`case-files/${file.id}/notification`), {
        kind: v.kind || undefined,
        becameAwareOn: v.becameAwareOn || undefined,
        harm: incident ? v.harm || null : null,
        abuseOrNeglect: incident ? v.abuseOrNeglect || null : null,
        place: incident ? v.place || null : null,
        ageAtDeath:
          v.kind === 'care_leaver_death' && v.ageAtDeath.trim() ? Number(v.ageAtDeath.trim()) : null,
        notifiedPanelOn: v.notifiedPanelOn || null,
        ofstedNotifiedOn: v.ofstedNotifiedOn || null,
        lateReason: v.lateReason.trim() || null,
        ...(n ? { version } : {}),
      });
      await refresh();
    },
    done: () => ({ to: caseFilePath(file.id), flash: n ? 'Notification saved' : 'Notification recorded' }),
  });
  const f = form.field;
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={caseFileCaption(file)}
      submitText={n ? 'Save changes' : 'Record notification'}
      intro={
        <>
          <p className="govuk-body">
            The local authority notifies the Child Safeguarding Practice Review Panel within 5 working days of
            becoming aware. Weekends and bank holidays do not count. Assure works out the due date from the
            date the local authority became aware.
          </p>
          {n ? (
            <InsetText>
              Due by {formatDate(n.notifyDueOn)}, 5 working days after {formatDate(n.becameAwareOn)}. Sent:{' '}
              {notificationStatus(n)}
            </InsetText>
          ) : null}
        </>
      }
      conflict={
        n
          ? {
              fields: [
                {
                  name: 'kind',
                  label: 'What is being notified',
                  show: (v) => NOTIFICATION_KIND_LABELS[v as NotificationKind] ?? 'Not set',
                },
                { name: 'becameAwareOn', label: 'Local authority became aware', show: showDate },
                { name: 'notifiedPanelOn', label: 'Sent to the national panel', show: showDate },
                { name: 'lateReason', label: 'Reason it was late' },
                { name: 'ofstedNotifiedOn', label: 'Ofsted told', show: showDate },
              ],
              fromSaved: (c) => notificationValuesOf(c as unknown as CaseFile['notification']),
            }
          : undefined
      }
    >
      <Radios
        {...f('kind')}
        legend="What is being notified?"
        legendSize="s"
        items={NOTIFICATION_KINDS.map((k) => ({
          value: k,
          text: NOTIFICATION_KIND_LABELS[k],
          hint:
            k === 'serious_incident'
              ? 'Abuse or neglect is known or suspected. A rapid review follows.'
              : 'Notified, but no rapid review is needed.',
          conditional:
            k === 'serious_incident' ? (
              <>
                <Radios
                  {...f('harm')}
                  legend="What happened to the child?"
                  legendSize="s"
                  items={HARMS.map((h) => ({ value: h, text: HARM_LABELS[h] }))}
                />
                <Radios
                  {...f('abuseOrNeglect')}
                  legend="Is abuse or neglect known or suspected?"
                  legendSize="s"
                  items={ABUSE_OR_NEGLECT.map((a) => ({ value: a, text: ABUSE_OR_NEGLECT_LABELS[a] }))}
                />
                <Radios
                  {...f('place')}
                  legend="Where did it happen?"
                  legendSize="s"
                  items={INCIDENT_PLACES.map((p) => ({ value: p, text: INCIDENT_PLACE_LABELS[p] }))}
                />
              </>
            ) : (
              <TextInput
                {...f('ageAtDeath')}
                label="Age at death"
                hint={`Care leavers’ deaths are notified up to and including age ${CARE_LEAVER_MAX_AGE}`}
                width="3"
                inputMode="numeric"
                autoComplete="off"
              />
            ),
        }))}
      />
      <TextInput
        {...f('becameAwareOn')}
        label="Date the local authority became aware"
        labelSize="s"
        hint="The 5 working days start the next working day"
        {...dateField}
      />
      <TextInput
        {...f('notifiedPanelOn')}
        label="Date the notification was sent to the national panel (optional)"
        labelSize="s"
        hint="Leave it empty until it has been sent. The rapid review’s 15 working days start on this day."
        {...dateField}
      />
      <Textarea
        {...f('lateReason')}
        label="If it was sent late, why? (optional)"
        labelSize="s"
        hint="Needed when it was sent more than 5 working days after the local authority became aware"
        rows={3}
        spellCheck
      />
      <TextInput
        {...f('ofstedNotifiedOn')}
        label="Date Ofsted was told (optional)"
        labelSize="s"
        {...dateField}
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// One rapid review step
// ---------------------------------------------------------------------------------------------------

export function StepPage() {
  const { stepId = '' } = useParams();
  return (
    <CaseFileWriteLoaded>
      {(file) => {
        const step = file.rapidReview?.steps.find((s) => s.id === stepId);
        return step ? (
          <StepForm key={step.version} file={file} step={step} />
        ) : (
          <NotFoundPage message="This step of the rapid review could not be found." />
        );
      }}
    </CaseFileWriteLoaded>
  );
}

type StepValues = { ownerPersonId: string; dueOn: string; doneOn: string; notes: string; version: number };
const stepValuesOf = (s: RapidReviewStepView): StepValues => ({
  ownerPersonId: s.ownerPersonId ?? '',
  dueOn: s.dueOn,
  doneOn: s.doneOn ?? '',
  notes: s.notes ?? '',
  version: s.version,
});

/** The people who may own a step: members of the case review group and people named on the file. */
function useOwnerOptions(file: CaseFile, current: string | null) {
  const people = usePeopleOptions();
  const named = new Set(file.access.map((a) => a.personId));
  const options = (people.data ?? [])
    .filter(
      (p) =>
        p.id === current ||
        (p.active && (named.has(p.id) || p.roles.some((r) => r.role === 'case_review_group_member'))),
    )
    .map((p) => ({ value: p.id, text: personOptionText(p) }));
  return { options, error: people.error };
}

function StepForm({ file, step }: { file: CaseFile; step: RapidReviewStepView }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const owners = useOwnerOptions(file, step.ownerPersonId);
  const form = useEntityForm<StepValues>({
    title: `Update: ${step.label}`,
    initial: stepValuesOf(step),
    draftKey: `case-file:${file.id}:step:${step.id}`,
    fieldOrder: ['ownerPersonId', 'dueOn', 'doneOn', 'notes'],
    save: async (v, version) => {
      await api.put(path(`case-files/${file.id}/rapid-review/steps/${step.id}`), {
        ownerPersonId: v.ownerPersonId || null,
        dueOn: v.dueOn,
        doneOn: v.doneOn || null,
        notes: v.notes.trim() || null,
        version,
      });
      await refresh();
    },
    done: () => ({ to: caseFilePath(file.id), flash: `${step.label}: saved` }),
  });
  const ownerName = (id: unknown) =>
    owners.options.find((o) => o.value === id)?.text ?? (id ? String(id) : 'Nobody');
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={`${caseFileCaption(file)} · Rapid review`}
      submitText="Save"
      intro={
        <p className="govuk-body">
          Due on working day {step.dueWorkingDay} of 15 ({formatDate(step.dueOn)}). The owner sees it on My
          work and is reminded as it falls due.
        </p>
      }
      conflict={{
        fields: [
          { name: 'ownerPersonId', label: 'Owner', show: ownerName },
          { name: 'dueOn', label: 'Due', show: showDate },
          { name: 'doneOn', label: 'Done', show: showDate },
          { name: 'notes', label: 'Notes' },
        ],
        fromSaved: (c) => stepValuesOf(c as unknown as RapidReviewStepView),
      }}
    >
      {owners.error ? <InlineLoadError error={owners.error} what="the people" /> : null}
      <Select
        {...form.field('ownerPersonId')}
        label="Owner"
        labelSize="s"
        hint="A member of the case review group or someone named on this case file"
        placeholder="No owner"
        options={owners.options}
        className="app-full-width"
      />
      <TextInput {...form.field('dueOn')} label="Due" labelSize="s" {...dateField} />
      <TextInput
        {...form.field('doneOn')}
        label="Date it was done (optional)"
        labelSize="s"
        hint="Leave it empty until it is done"
        {...dateField}
      />
      <Textarea {...form.field('notes')} label="Notes (optional)" labelSize="s" rows={3} spellCheck />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Requesting agencies' summaries of involvement
// ---------------------------------------------------------------------------------------------------

type TemplateOption = { id: string; title: string; latestPublishedNumber: number | null; active: boolean };
type TemplateDetail = {
  id: string;
  versions: { id: string; number: number; status: 'draft' | 'published' }[];
};

/** The starter-library template the request is meant for; chosen first when the partnership has it. */
const SUMMARY_TEMPLATE_TITLE = 'Rapid review: summary of agency involvement';

export function SummaryRequestsPage() {
  return (
    <CaseFileWriteLoaded>
      {(file) =>
        file.rapidReview ? (
          <SummaryRequestForm file={file} rr={file.rapidReview} />
        ) : (
          <NotFoundPage message="Summaries are requested once the rapid review has been opened." />
        )
      }
    </CaseFileWriteLoaded>
  );
}

function SummaryRequestForm({ file, rr }: { file: CaseFile; rr: RapidReview }) {
  const { path, partnershipId } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const agencies = useAgencyOptions();
  const templates = useQuery({
    queryKey: [partnershipId, 'audit-templates', 'published-options'],
    queryFn: () => api.get<Page<TemplateOption>>(path(`audit-templates${queryString({ pageSize: 100 })}`)),
  });
  const published = (templates.data?.items ?? []).filter((t) => t.active && t.latestPublishedNumber !== null);
  const preferred = published.find((t) => t.title === SUMMARY_TEMPLATE_TITLE)?.id ?? '';
  const asked = new Set(rr.summaryRequests.map((r) => r.agencyId));
  const form = useEntityForm<{ agencyIds: string[]; templateId: string }>({
    title: 'Request summaries of involvement',
    initial: { agencyIds: [], templateId: '' },
    draftKey: `case-file:${file.id}:summary-requests`,
    fieldOrder: ['agencyIds', 'templateId'],
    validate: (v): FieldErrors => {
      const errors: FieldErrors = {};
      if (v.agencyIds.length === 0) errors.agencyIds = 'Select at least one agency';
      if (!(v.templateId || preferred)) errors.templateId = 'Select the form to send';
      return errors;
    },
    save: async (v) => {
      // The request keeps the template's latest published version for ever.
      const templateId = v.templateId || preferred;
      const detail = await api.get<TemplateDetail>(path(`audit-templates/${templateId}`));
      const latest = detail.versions
        .filter((x) => x.status === 'published')
        .sort((a, b) => b.number - a.number)[0];
      await api.post(path(`case-files/${file.id}/rapid-review/summary-requests`), {
        agencyIds: v.agencyIds,
        templateVersionId: latest?.id,
      });
      await refresh();
      return v.agencyIds.length;
    },
    done: (count) => ({
      to: caseFilePath(file.id),
      flash: `Summaries requested from ${plural(count as number, 'agency', 'agencies')}`,
    }),
  });
  const agencyItems = (agencies.data ?? []).map((a) => ({
    value: a.id,
    text: a.name,
    hint: asked.has(a.id) ? 'Already asked' : undefined,
  }));
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={`${caseFileCaption(file)} · Rapid review`}
      submitText="Send requests"
      pendingText="Sending…"
      intro={
        <>
          <p className="govuk-body">
            Each agency’s lead gets a form to fill in under Forms: their involvement with the child and
            family, with a chronology. Summaries are due 3 working days after today. The request names only
            the case file’s reference, never its code.
          </p>
          <p className="govuk-body">
            Sending them marks “{RAPID_REVIEW_STEP_LABELS.request_information}” done today if it is not done
            yet.
          </p>
        </>
      }
    >
      {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
      <Checkboxes
        id="agencyIds"
        legend="Which agencies?"
        legendSize="s"
        hint="Select all that apply"
        error={form.errors.agencyIds}
        items={agencyItems}
        values={form.values.agencyIds}
        onChange={(v) => form.setValue('agencyIds', v)}
        small
      />
      {templates.error ? <InlineLoadError error={templates.error} what="the forms" /> : null}
      <Select
        {...form.field('templateId')}
        value={form.values.templateId || preferred}
        label="Form to send"
        labelSize="s"
        hint="Only forms with a published version can be sent"
        placeholder={templates.isPending ? 'Loading forms…' : 'Choose a form'}
        options={published.map((t) => ({
          value: t.id,
          text: `${t.title} (version ${t.latestPublishedNumber})`,
        }))}
        className="app-full-width"
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// The rapid review decision
// ---------------------------------------------------------------------------------------------------

type DecisionValues = {
  decision: string;
  recommendNationalReview: boolean;
  decidedBy: string;
  decidedOn: string;
  justification: string;
  decisionSentOn: string;
  concerns: string;
  thresholdsLearning: string;
  version: number;
};

const decisionValuesOf = (rr: RapidReview): DecisionValues => ({
  decision: rr.decision ?? '',
  recommendNationalReview: rr.recommendNationalReview,
  decidedBy: rr.decidedBy ?? '',
  decidedOn: rr.decidedOn ?? '',
  justification: rr.justification ?? '',
  decisionSentOn: rr.decisionSentOn ?? '',
  concerns: rr.decision ? (rr.concernsNotIdentified ? 'not_identified' : 'identified') : '',
  thresholdsLearning: rr.thresholdsLearning ?? '',
  version: rr.version,
});

export function DecisionPage() {
  return (
    <CaseFileWriteLoaded>
      {(file) =>
        file.rapidReview ? (
          <DecisionForm key={file.rapidReview.version} file={file} rr={file.rapidReview} />
        ) : (
          <NotFoundPage message="The decision is recorded once the rapid review has been opened." />
        )
      }
    </CaseFileWriteLoaded>
  );
}

/** "Were safeguarding concerns identified before?" with thresholds learning revealed when they were not. */
/**
 * A decision's answers checked together before sending, so the error summary lists every missing one at
 * once: the server would take an unanswered "concerns identified?" as yes, so it is asked for here.
 */
function decisionProblems(v: {
  decision: string;
  decidedBy: string;
  decidedOn: string;
  justification: string;
  concerns: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.decision) errors.decision = 'Select the decision';
  if (!v.decidedBy.trim()) errors.decidedBy = 'Enter who decided';
  if (!v.decidedOn) errors.decidedOn = 'Enter the date of the decision';
  if (!v.justification.trim()) errors.justification = 'Enter the justification';
  if (!v.concerns) errors.concerns = 'Say whether agencies had identified safeguarding concerns';
  return errors;
}

type TextFieldProps = {
  id: string;
  name: string;
  value: string;
  error?: string;
  onChange(value: string): void;
};

function ConcernsRadios({
  form,
}: {
  form: { field(name: 'concerns' | 'thresholdsLearning'): TextFieldProps };
}) {
  return (
    <Radios
      {...form.field('concerns')}
      legend="Had agencies identified safeguarding concerns before this happened?"
      legendSize="s"
      items={[
        { value: 'identified', text: 'Yes' },
        {
          value: 'not_identified',
          text: 'No, concerns were not identified',
          conditional: (
            <Textarea
              {...form.field('thresholdsLearning')}
              label="Thresholds learning"
              hint="What this says about how agencies recognise and act on concerns, for the thresholds guidance"
              rows={4}
              spellCheck
            />
          ),
        },
      ]}
    />
  );
}

function DecisionForm({ file, rr }: { file: CaseFile; rr: RapidReview }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const form = useEntityForm<DecisionValues>({
    title: rr.decision ? 'Change the rapid review decision' : 'Record the rapid review decision',
    initial: { ...decisionValuesOf(rr), decidedOn: rr.decidedOn ?? ukToday() },
    draftKey: `case-file:${file.id}:decision`,
    fieldOrder: [
      'decision',
      'recommendNationalReview',
      'decidedBy',
      'decidedOn',
      'justification',
      'concerns',
      'thresholdsLearning',
      'decisionSentOn',
    ],
    choiceMessages: { decision: 'Select the decision' },
    validate: decisionProblems,
    save: async (v, version) => {
      await api.put(path(`case-files/${file.id}/rapid-review/decision`), {
        decision: v.decision || undefined,
        recommendNationalReview: v.decision === 'lcspr' && v.recommendNationalReview,
        decidedBy: v.decidedBy,
        decidedOn: v.decidedOn || undefined,
        justification: v.justification,
        decisionSentOn: v.decisionSentOn || null,
        concernsNotIdentified: v.concerns === 'not_identified',
        thresholdsLearning: v.concerns === 'not_identified' ? v.thresholdsLearning.trim() || null : null,
        version,
      });
      await refresh();
      return v.decision as RapidReviewDecision;
    },
    done: (d) => ({
      to: caseFilePath(file.id),
      flash: `Decision recorded: ${RAPID_REVIEW_DECISION_LABELS[d as RapidReviewDecision]}`,
    }),
  });
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={`${caseFileCaption(file)} · Rapid review`}
      submitText="Save decision"
      intro={
        <p className="govuk-body">
          The decision reaches the national panel by {formatDate(rr.dueOn)}, working day 15 after the
          notification was sent.{' '}
          {rr.decisionSentOn
            ? `It was sent on ${formatDate(rr.decisionSentOn)}, working day ${rr.workingDay}.`
            : rr.workingDay <= 15
              ? `It is working day ${rr.workingDay} now.`
              : `It is working day ${rr.workingDay} now: the decision is overdue.`}
        </p>
      }
      conflict={{
        fields: [
          {
            name: 'decision',
            label: 'Decision',
            show: (v) => RAPID_REVIEW_DECISION_LABELS[v as RapidReviewDecision] ?? 'Not set',
          },
          { name: 'decidedBy', label: 'Decided by' },
          { name: 'decidedOn', label: 'Decided on', show: showDate },
          { name: 'justification', label: 'Justification' },
          { name: 'decisionSentOn', label: 'Sent to the national panel', show: showDate },
        ],
        fromSaved: (c) => decisionValuesOf(c as unknown as RapidReview),
      }}
    >
      <Radios
        {...form.field('decision')}
        legend="What did the rapid review decide?"
        legendSize="s"
        items={RAPID_REVIEW_DECISIONS.map((d) => ({
          value: d,
          text: RAPID_REVIEW_DECISION_LABELS[d],
          conditional:
            d === 'lcspr' ? (
              <SingleCheckbox
                id="recommendNationalReview"
                label="The partnership also recommends a national review to the panel"
                checked={form.values.recommendNationalReview}
                onChange={(c) => form.setValue('recommendNationalReview', c)}
              />
            ) : undefined,
        }))}
      />
      <TextInput
        {...form.field('decidedBy')}
        label="Who decided"
        labelSize="s"
        hint="For example, the three safeguarding partners at the rapid review meeting"
        spellCheck
      />
      <TextInput {...form.field('decidedOn')} label="Date of the decision" labelSize="s" {...dateField} />
      <Textarea
        {...form.field('justification')}
        label="Justification"
        labelSize="s"
        hint="Why this option, against the criteria in Working Together"
        rows={6}
        spellCheck
      />
      <ConcernsRadios form={form} />
      <TextInput
        {...form.field('decisionSentOn')}
        label="Date the decision was sent to the national panel (optional)"
        labelSize="s"
        hint="Leave it empty until it has been sent"
        {...dateField}
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// SAR referral and the panel decision (adults)
// ---------------------------------------------------------------------------------------------------

type SarValues = {
  receivedOn: string;
  referrerAgencyId: string;
  hasCareAndSupportNeeds: string;
  concernAboutJointWorking: string;
  outcome: string;
  acknowledgedOn: string;
  version: number;
};

const sarValuesOf = (s: SarReferral | null): SarValues => ({
  receivedOn: s?.receivedOn ?? '',
  referrerAgencyId: s?.referrerAgencyId ?? '',
  hasCareAndSupportNeeds: s ? String(s.hasCareAndSupportNeeds) : '',
  concernAboutJointWorking: s ? String(s.concernAboutJointWorking) : '',
  outcome: s?.outcome ?? '',
  acknowledgedOn: s?.acknowledgedOn ?? '',
  version: s?.version ?? 0,
});

const yesNoItems = [
  { value: 'true', text: 'Yes' },
  { value: 'false', text: 'No' },
];
const toBool = (v: string) => (v === 'true' ? true : v === 'false' ? false : undefined);

export function SarReferralPage() {
  return (
    <CaseFileWriteLoaded>
      {(file) =>
        file.kind === 'adult' ? (
          <SarReferralForm key={file.sarReferral?.version ?? 0} file={file} />
        ) : (
          <NotFoundPage message="Safeguarding adult review referrals are for adults’ case files." />
        )
      }
    </CaseFileWriteLoaded>
  );
}

function SarReferralForm({ file }: { file: CaseFile }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const agencies = useAgencyOptions();
  const s = file.sarReferral;
  const form = useEntityForm<SarValues>({
    title: s ? 'Change the SAR referral' : 'Record a SAR referral',
    initial: sarValuesOf(s),
    draftKey: `case-file:${file.id}:sar-referral`,
    fieldOrder: [
      'receivedOn',
      'referrerAgencyId',
      'hasCareAndSupportNeeds',
      'concernAboutJointWorking',
      'outcome',
      'acknowledgedOn',
    ],
    choiceMessages: {
      hasCareAndSupportNeeds: 'Say whether the adult has needs for care and support',
      concernAboutJointWorking: 'Say whether there is concern about how agencies worked together',
      outcome: 'Select what happened to the adult',
    },
    save: async (v, version) => {
      await api.put(path(`case-files/${file.id}/sar-referral`), {
        receivedOn: v.receivedOn || undefined,
        referrerAgencyId: v.referrerAgencyId || null,
        hasCareAndSupportNeeds: toBool(v.hasCareAndSupportNeeds),
        concernAboutJointWorking: toBool(v.concernAboutJointWorking),
        outcome: v.outcome || undefined,
        acknowledgedOn: v.acknowledgedOn || null,
        ...(s ? { version } : {}),
      });
      await refresh();
    },
    done: () => ({ to: caseFilePath(file.id), flash: s ? 'Referral saved' : 'Referral recorded' }),
  });
  const v = form.values;
  const answered = v.concernAboutJointWorking !== '' && v.outcome !== '';
  const mandatory =
    answered &&
    sarReferralIsMandatory({
      hasCareAndSupportNeeds: v.hasCareAndSupportNeeds !== 'false',
      concernAboutJointWorking: v.concernAboutJointWorking === 'true',
      outcome: v.outcome as (typeof SAR_OUTCOMES)[number],
    });
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={caseFileCaption(file)}
      submitText={s ? 'Save changes' : 'Record referral'}
      intro={
        <p className="govuk-body">
          A review is mandatory under Care Act section 44 when an adult with needs for care and support died
          of, or experienced, serious abuse or neglect (known or suspected) and there is concern about how
          agencies worked together. Otherwise the partnership may arrange a discretionary review. Receipt is
          confirmed within 5 working days.
        </p>
      }
      conflict={
        s
          ? {
              fields: [
                { name: 'receivedOn', label: 'Received', show: showDate },
                { name: 'outcome', label: 'What happened' },
                { name: 'acknowledgedOn', label: 'Receipt confirmed', show: showDate },
              ],
              fromSaved: (c) => sarValuesOf(c as unknown as SarReferral),
            }
          : undefined
      }
    >
      <TextInput
        {...form.field('receivedOn')}
        label="Date the referral was received"
        labelSize="s"
        {...dateField}
      />
      {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
      <Select
        {...form.field('referrerAgencyId')}
        label="Referring agency (optional)"
        labelSize="s"
        placeholder="Not recorded"
        options={(agencies.data ?? []).map((a) => ({ value: a.id, text: a.name }))}
        className="app-full-width"
      />
      <Radios
        {...form.field('hasCareAndSupportNeeds')}
        legend="Does the adult have needs for care and support?"
        legendSize="s"
        hint="Whether or not the local authority was meeting them"
        inline
        items={yesNoItems}
      />
      <Radios
        {...form.field('concernAboutJointWorking')}
        legend="Is there concern about how agencies worked together to safeguard the adult?"
        legendSize="s"
        inline
        items={yesNoItems}
      />
      <Radios
        {...form.field('outcome')}
        legend="What happened to the adult?"
        legendSize="s"
        items={SAR_OUTCOMES.map((o) => ({ value: o, text: SAR_OUTCOME_LABELS[o] }))}
      />
      {answered ? (
        <InsetText>
          <span aria-live="polite">
            {mandatory
              ? 'On these answers the s44 criteria are met: a safeguarding adult review is mandatory.'
              : 'On these answers a review would be discretionary.'}
          </span>
        </InsetText>
      ) : null}
      <TextInput
        {...form.field('acknowledgedOn')}
        label="Date receipt was confirmed (optional)"
        labelSize="s"
        hint="Leave it empty until the referrer has been told"
        {...dateField}
      />
    </FormPage>
  );
}

type SarDecisionValues = {
  decision: string;
  decidedBy: string;
  decidedOn: string;
  justification: string;
  concerns: string;
  thresholdsLearning: string;
  version: number;
};

const sarDecisionValuesOf = (s: SarReferral): SarDecisionValues => ({
  decision: s.decision ?? '',
  decidedBy: s.decidedBy ?? '',
  decidedOn: s.decidedOn ?? '',
  justification: s.justification ?? '',
  concerns: s.decision ? (s.concernsNotIdentified ? 'not_identified' : 'identified') : '',
  thresholdsLearning: s.thresholdsLearning ?? '',
  version: s.version,
});

export function SarDecisionPage() {
  return (
    <CaseFileWriteLoaded>
      {(file) =>
        file.sarReferral ? (
          <SarDecisionForm key={file.sarReferral.version} file={file} s={file.sarReferral} />
        ) : (
          <NotFoundPage message="The panel decides once the referral has been recorded." />
        )
      }
    </CaseFileWriteLoaded>
  );
}

function SarDecisionForm({ file, s }: { file: CaseFile; s: SarReferral }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const form = useEntityForm<SarDecisionValues>({
    title: s.decision ? 'Change the panel decision' : 'Record the panel decision',
    initial: { ...sarDecisionValuesOf(s), decidedOn: s.decidedOn ?? ukToday() },
    draftKey: `case-file:${file.id}:sar-decision`,
    fieldOrder: ['decision', 'decidedBy', 'decidedOn', 'justification', 'concerns', 'thresholdsLearning'],
    choiceMessages: { decision: 'Select the panel decision' },
    validate: decisionProblems,
    save: async (v, version) => {
      await api.put(path(`case-files/${file.id}/sar-referral/decision`), {
        decision: v.decision || undefined,
        decidedBy: v.decidedBy,
        decidedOn: v.decidedOn || undefined,
        justification: v.justification,
        concernsNotIdentified: v.concerns === 'not_identified',
        thresholdsLearning: v.concerns === 'not_identified' ? v.thresholdsLearning.trim() || null : null,
        version,
      });
      await refresh();
      return v.decision as SarDecision;
    },
    done: (d) => ({
      to: caseFilePath(file.id),
      flash: `Panel decision recorded: ${SAR_DECISION_LABELS[d as SarDecision]}`,
    }),
  });
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={`${caseFileCaption(file)} · SAR referral`}
      submitText="Save decision"
      intro={
        <p className="govuk-body">
          {s.mandatory
            ? 'The s44 criteria are met for this referral: a safeguarding adult review is mandatory.'
            : 'The s44 criteria are not met for this referral: any review is discretionary.'}
        </p>
      }
      conflict={{
        fields: [
          {
            name: 'decision',
            label: 'Decision',
            show: (v) => SAR_DECISION_LABELS[v as SarDecision] ?? 'Not set',
          },
          { name: 'decidedBy', label: 'Decided by' },
          { name: 'decidedOn', label: 'Decided on', show: showDate },
          { name: 'justification', label: 'Justification' },
        ],
        fromSaved: (c) => sarDecisionValuesOf(c as unknown as SarReferral),
      }}
    >
      <Radios
        {...form.field('decision')}
        legend="What did the review panel decide?"
        legendSize="s"
        hint={
          s.mandatory
            ? 'A discretionary review is not offered: the s44 criteria are met.'
            : 'A mandatory review is not offered: the s44 criteria are not met.'
        }
        items={SAR_DECISIONS.filter(
          (d) => d === s.decision || (s.mandatory ? d !== 'discretionary_sar' : d !== 'sar'),
        ).map((d) => ({
          value: d,
          text: SAR_DECISION_LABELS[d],
        }))}
      />
      <TextInput
        {...form.field('decidedBy')}
        label="Who decided"
        labelSize="s"
        hint="For example, the SAR panel chaired by the independent chair"
        spellCheck
      />
      <TextInput {...form.field('decidedOn')} label="Date of the decision" labelSize="s" {...dateField} />
      <Textarea {...form.field('justification')} label="Justification" labelSize="s" rows={6} spellCheck />
      <ConcernsRadios form={form} />
    </FormPage>
  );
}
