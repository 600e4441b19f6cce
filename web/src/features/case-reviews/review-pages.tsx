import { Link, useParams } from 'react-router';
import {
  type CaseKind,
  REVIEW_EVENT_KIND_LABELS,
  REVIEW_EVENT_KINDS,
  REVIEW_KIND_LABELS,
  REVIEW_PUBLICATION_MONTHS,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  REVIEWER_KIND_LABELS,
  REVIEWER_KINDS,
  type ReviewEventKind,
  type ReviewKind,
  type ReviewStatus,
} from '../../../../contracts/case-reviews';
import { PRIORITY_LEVEL_LABELS, PRIORITY_LEVELS } from '../../../../contracts/recommendations';
import { api } from '../../app/api';
import { InlineLoadError, NotFoundPage } from '../../app/error-pages';
import { formatDate } from '../../app/format';
import { usePartnership } from '../../app/session';
import { BackLink } from '../../components/back-link';
import { Checkboxes, SingleCheckbox } from '../../components/checkboxes';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { Table } from '../../components/table';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { useAgencyOptions } from '../common/agency-options';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { useGroupOptions, useThemes } from '../register/queries-recommendations';
import { CaseFileWriteLoaded, caseFileCaption, caseFilePath, ukToday } from './parts';
import { useRefreshCaseFiles, useRefreshRecommendationsToo } from './queries';
import type { CaseFile, CaseFileRecommendation, Review, ReviewEvent } from './types';

// A case file's reviews (LCSPR, SAR, partnership and single-agency reviews) and their milestones, the
// recommendations it puts into the register, and the people named on it.

const dateField = { type: 'date', className: 'app-date-input' } as const;
const showDate = (v: unknown) => (v ? formatDate(String(v)) : 'Not set');

/** An LCSPR suits a child's case file, a SAR an adult's; partnership and single-agency reviews suit both. */
const REVIEW_KINDS_FOR: Record<CaseKind, ReviewKind[]> = {
  child: ['lcspr', 'partnership_review', 'single_agency_review'],
  adult: ['sar', 'partnership_review', 'single_agency_review'],
};

function useReview(file: CaseFile) {
  const { reviewId = '' } = useParams();
  return file.reviews.find((r) => r.id === reviewId) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Starting and updating a review
// ---------------------------------------------------------------------------------------------------

export function NewReviewPage() {
  return <CaseFileWriteLoaded>{(file) => <NewReviewForm file={file} />}</CaseFileWriteLoaded>;
}

function NewReviewForm({ file }: { file: CaseFile }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const kinds = REVIEW_KINDS_FOR[file.kind];
  // The decision usually says which review follows.
  const suggested: ReviewKind | '' =
    file.rapidReview?.decision === 'lcspr'
      ? 'lcspr'
      : file.rapidReview?.decision === 'partnership_review' ||
          file.sarReferral?.decision === 'partnership_review'
        ? 'partnership_review'
        : file.rapidReview?.decision === 'single_agency_review' ||
            file.sarReferral?.decision === 'single_agency_review'
          ? 'single_agency_review'
          : file.sarReferral?.decision === 'sar' || file.sarReferral?.decision === 'discretionary_sar'
            ? 'sar'
            : '';
  const form = useEntityForm({
    title: 'Start a review',
    initial: {
      kind: suggested as string,
      title: '',
      initiatedOn: ukToday(),
      recommendNationalReview: file.rapidReview?.recommendNationalReview ?? false,
    },
    draftKey: `case-file:${file.id}:review:new`,
    fieldOrder: ['kind', 'title', 'initiatedOn'],
    choiceMessages: { kind: 'Select the kind of review' },
    save: async (v) => {
      await api.post(path(`case-files/${file.id}/reviews`), {
        kind: v.kind || undefined,
        title: v.title,
        initiatedOn: v.initiatedOn || undefined,
        recommendNationalReview: v.kind === 'lcspr' && v.recommendNationalReview,
      });
      await refresh();
      return v.title.trim();
    },
    done: (title: string) => ({ to: caseFilePath(file.id), flash: `${title} started` }),
  });
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={caseFileCaption(file)}
      submitText="Start review"
      intro={
        <p className="govuk-body">
          Its target publication date is {REVIEW_PUBLICATION_MONTHS} months after the date it was initiated.
          You can change it later, with the reason for any delay.
        </p>
      }
    >
      <Radios
        {...form.field('kind')}
        legend="Kind of review"
        legendSize="s"
        items={kinds.map((k) => ({
          value: k,
          text: REVIEW_KIND_LABELS[k],
          conditional:
            k === 'lcspr' ? (
              <SingleCheckbox
                id="recommendNationalReview"
                label="The partnership recommended a national review"
                checked={form.values.recommendNationalReview}
                onChange={(c) => form.setValue('recommendNationalReview', c)}
              />
            ) : undefined,
        }))}
      />
      <TextInput
        {...form.field('title')}
        label="Title"
        labelSize="s"
        hint={`For example, LCSPR ${file.reference}. Use the reference, never a name.`}
        spellCheck
      />
      <TextInput
        {...form.field('initiatedOn')}
        label="Date the review was initiated"
        labelSize="s"
        {...dateField}
      />
    </FormPage>
  );
}

export function EditReviewPage() {
  return <CaseFileWriteLoaded>{(file) => <EditReviewFor file={file} />}</CaseFileWriteLoaded>;
}

function EditReviewFor({ file }: { file: CaseFile }) {
  const review = useReview(file);
  if (!review) return <NotFoundPage message="This review could not be found." />;
  return <EditReviewForm key={review.version} file={file} review={review} />;
}

type ReviewValues = {
  title: string;
  status: string;
  reviewerName: string;
  reviewerKind: string;
  reviewerAppointedOn: string;
  termsOfReference: string;
  familyInvolvement: string;
  targetPublicationOn: string;
  publishedOn: string;
  delayReason: string;
  version: number;
};

const reviewValuesOf = (r: Review): ReviewValues => ({
  title: r.title,
  status: r.status,
  reviewerName: r.reviewerName ?? '',
  reviewerKind: r.reviewerKind ?? '',
  reviewerAppointedOn: r.reviewerAppointedOn ?? '',
  termsOfReference: r.termsOfReference ?? '',
  familyInvolvement: r.familyInvolvement ?? '',
  targetPublicationOn: r.targetPublicationOn,
  publishedOn: r.publishedOn ?? '',
  delayReason: r.delayReason ?? '',
  version: r.version,
});

function EditReviewForm({ file, review }: { file: CaseFile; review: Review }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const form = useEntityForm<ReviewValues>({
    title: `Update ${review.title}`,
    initial: reviewValuesOf(review),
    draftKey: `case-file:${file.id}:review:${review.id}`,
    fieldOrder: [
      'title',
      'status',
      'reviewerName',
      'reviewerKind',
      'reviewerAppointedOn',
      'termsOfReference',
      'familyInvolvement',
      'targetPublicationOn',
      'publishedOn',
      'delayReason',
    ],
    save: async (v, version) => {
      await api.put(path(`case-files/${file.id}/reviews/${review.id}`), {
        title: v.title,
        status: v.status,
        reviewerName: v.reviewerName.trim() || null,
        reviewerKind: v.reviewerKind || null,
        reviewerAppointedOn: v.reviewerAppointedOn || null,
        termsOfReference: v.termsOfReference.trim() || null,
        familyInvolvement: v.familyInvolvement.trim() || null,
        targetPublicationOn: v.targetPublicationOn || undefined,
        publishedOn: v.publishedOn || null,
        delayReason: v.delayReason.trim() || null,
        version,
      });
      await refresh();
    },
    done: () => ({ to: caseFilePath(file.id), flash: 'Review saved' }),
  });
  const f = form.field;
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={`${caseFileCaption(file)} · ${REVIEW_KIND_LABELS[review.kind]}`}
      submitText="Save changes"
      conflict={{
        fields: [
          { name: 'title', label: 'Title' },
          {
            name: 'status',
            label: 'Status',
            show: (v) => REVIEW_STATUS_LABELS[v as ReviewStatus] ?? 'Not set',
          },
          { name: 'reviewerName', label: 'Reviewer' },
          { name: 'targetPublicationOn', label: 'Target publication', show: showDate },
          { name: 'publishedOn', label: 'Published', show: showDate },
          { name: 'delayReason', label: 'Reason for the delay' },
        ],
        fromSaved: (c) => reviewValuesOf(c as unknown as Review),
      }}
    >
      <TextInput {...f('title')} label="Title" labelSize="s" spellCheck />
      <Select
        {...f('status')}
        label="Status"
        labelSize="s"
        options={REVIEW_STATUSES.map((s) => ({ value: s, text: REVIEW_STATUS_LABELS[s] }))}
      />
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Reviewer</legend>
        <TextInput {...f('reviewerName')} label="Reviewer’s name (optional)" labelSize="s" spellCheck />
        <Radios
          {...f('reviewerKind')}
          legend="Independent or internal? (optional)"
          legendSize="s"
          inline
          items={REVIEWER_KINDS.map((k) => ({ value: k, text: REVIEWER_KIND_LABELS[k] }))}
        />
        <TextInput
          {...f('reviewerAppointedOn')}
          label="Date the reviewer was appointed (optional)"
          labelSize="s"
          {...dateField}
        />
      </fieldset>
      <Textarea
        {...f('termsOfReference')}
        label="Terms of reference (optional)"
        labelSize="s"
        rows={6}
        spellCheck
      />
      <Textarea
        {...f('familyInvolvement')}
        label="How the family was involved (optional)"
        labelSize="s"
        rows={4}
        spellCheck
      />
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Publication</legend>
        <TextInput
          {...f('targetPublicationOn')}
          label="Target publication date"
          labelSize="s"
          hint={`${REVIEW_PUBLICATION_MONTHS} months after the review was initiated (${formatDate(review.initiatedOn)}), unless changed`}
          {...dateField}
        />
        <TextInput
          {...f('publishedOn')}
          label="Date it was published (optional)"
          labelSize="s"
          {...dateField}
        />
        <Textarea
          {...f('delayReason')}
          label="Reason for any delay (optional)"
          labelSize="s"
          hint="Needed when it is published after its target date, or the target date has passed"
          rows={3}
          spellCheck
        />
      </fieldset>
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------------

type EventValues = {
  kind: string;
  title: string;
  agencyId: string;
  dueOn: string;
  doneOn: string;
  notes: string;
  version: number;
};

const eventValuesOf = (e: Partial<ReviewEvent>): EventValues => ({
  kind: e.kind ?? '',
  title: e.title ?? '',
  agencyId: e.agencyId ?? '',
  dueOn: e.dueOn ?? '',
  doneOn: e.doneOn ?? '',
  notes: e.notes ?? '',
  version: e.version ?? 0,
});

export function NewEventPage() {
  return <CaseFileWriteLoaded>{(file) => <EventFor file={file} />}</CaseFileWriteLoaded>;
}

export function EditEventPage() {
  return <CaseFileWriteLoaded>{(file) => <EventFor file={file} editing />}</CaseFileWriteLoaded>;
}

function EventFor({ file, editing }: { file: CaseFile; editing?: boolean }) {
  const review = useReview(file);
  const { eventId = '' } = useParams();
  if (!review) return <NotFoundPage message="This review could not be found." />;
  if (!editing) return <EventForm file={file} review={review} />;
  const event = review.events.find((e) => e.id === eventId);
  if (!event) return <NotFoundPage message="This milestone could not be found." />;
  return <EventForm key={event.version} file={file} review={review} event={event} />;
}

function EventForm({ file, review, event }: { file: CaseFile; review: Review; event?: ReviewEvent }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const agencies = useAgencyOptions();
  const base = `case-files/${file.id}/reviews/${review.id}/events`;
  const form = useEntityForm<EventValues>({
    title: event ? `Change: ${event.title}` : 'Add a milestone',
    initial: eventValuesOf(event ?? {}),
    draftKey: event
      ? `case-file:${file.id}:event:${event.id}`
      : `case-file:${file.id}:review:${review.id}:event:new`,
    fieldOrder: ['kind', 'title', 'agencyId', 'dueOn', 'doneOn', 'notes'],
    choiceMessages: { kind: 'Select what this milestone is' },
    save: async (v, version) => {
      const body = {
        kind: v.kind || undefined,
        title: v.title,
        agencyId: v.agencyId || null,
        dueOn: v.dueOn || null,
        doneOn: v.doneOn || null,
        notes: v.notes.trim() || null,
      };
      if (event) await api.put(path(`${base}/${event.id}`), { ...body, version });
      else await api.post(path(base), body);
      await refresh();
    },
    done: () => ({ to: caseFilePath(file.id), flash: event ? 'Milestone saved' : 'Milestone added' }),
  });
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={`${caseFileCaption(file)} · ${review.title}`}
      submitText={event ? 'Save changes' : 'Add milestone'}
      conflict={
        event
          ? {
              fields: [
                { name: 'title', label: 'Title' },
                { name: 'dueOn', label: 'Due', show: showDate },
                { name: 'doneOn', label: 'Done', show: showDate },
                { name: 'notes', label: 'Notes' },
              ],
              fromSaved: (c) => eventValuesOf(c as unknown as ReviewEvent),
            }
          : undefined
      }
    >
      <Select
        {...form.field('kind')}
        label="What is it?"
        labelSize="s"
        placeholder="Choose what it is"
        options={REVIEW_EVENT_KINDS.map((k) => ({
          value: k,
          text: REVIEW_EVENT_KIND_LABELS[k as ReviewEventKind],
        }))}
        className="app-full-width"
      />
      <TextInput
        {...form.field('title')}
        label="Title"
        labelSize="s"
        hint="For example, Second panel meeting, or Police agency report"
        spellCheck
      />
      {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
      <Select
        {...form.field('agencyId')}
        label="Agency (optional)"
        labelSize="s"
        hint="For an agency report"
        placeholder="No agency"
        options={(agencies.data ?? []).map((a) => ({ value: a.id, text: a.name }))}
        className="app-full-width"
      />
      <TextInput {...form.field('dueOn')} label="Due (optional)" labelSize="s" {...dateField} />
      <TextInput
        {...form.field('doneOn')}
        label="Date it happened (optional)"
        labelSize="s"
        hint="Leave it empty until it has happened"
        {...dateField}
      />
      <Textarea {...form.field('notes')} label="Notes (optional)" labelSize="s" rows={3} spellCheck />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// A recommendation into the register
// ---------------------------------------------------------------------------------------------------

export function NewCaseRecommendationPage() {
  return <CaseFileWriteLoaded>{(file) => <CaseRecommendationForm file={file} />}</CaseFileWriteLoaded>;
}

type CaseRecValues = {
  reviewId: string;
  title: string;
  detail: string;
  themeId: string;
  priority: string;
  monitoringGroupId: string;
  agencyIds: string[];
};

/** The decision record a recommendation can come from when it is not from a review. */
const decisionSource = (file: CaseFile) =>
  file.kind === 'child'
    ? { value: 'decision', text: 'The rapid review', ok: !!file.rapidReview }
    : { value: 'decision', text: 'The SAR referral and panel decision', ok: !!file.sarReferral };

function CaseRecommendationForm({ file }: { file: CaseFile }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const refreshRegister = useRefreshRecommendationsToo();
  const agencies = useAgencyOptions();
  const themes = useThemes();
  const groups = useGroupOptions();
  const decision = decisionSource(file);
  const sources = [
    ...file.reviews.map((r) => ({ value: r.id, text: `${r.title} (${REVIEW_KIND_LABELS[r.kind]})` })),
    ...(decision.ok ? [{ value: decision.value, text: decision.text }] : []),
  ];
  const form = useEntityForm<CaseRecValues, CaseFileRecommendation | null>({
    title: 'Add a recommendation',
    initial: {
      reviewId: sources.length === 1 ? sources[0]!.value : '',
      title: '',
      detail: '',
      themeId: file.themes[0]?.id ?? '',
      priority: 'medium',
      monitoringGroupId: '',
      agencyIds: [],
    },
    draftKey: `case-file:${file.id}:recommendation:new`,
    fieldOrder: ['reviewId', 'title', 'detail', 'themeId', 'priority', 'monitoringGroupId', 'agencyIds'],
    validate: (v): Record<string, string> =>
      sources.length > 0 && !v.reviewId ? { reviewId: 'Select where the recommendation came from' } : {},
    save: async (v) => {
      const answer = await api.post<CaseFileRecommendation | CaseFile>(
        path(`case-files/${file.id}/recommendations`),
        {
          reviewId: v.reviewId && v.reviewId !== 'decision' ? v.reviewId : null,
          title: v.title,
          detail: v.detail.trim() || null,
          themeId: v.themeId || null,
          priority: v.priority || 'medium',
          monitoringGroupId: v.monitoringGroupId || null,
          agencyIds: v.agencyIds,
        },
      );
      // The answer is the new recommendation; should it be the whole case file (as other changes under
      // a case file answer), the newest recommendation with this title is the one just added.
      const created =
        'recommendations' in answer
          ? ([...answer.recommendations].reverse().find((r) => r.title === v.title.trim()) ?? null)
          : answer;
      await refresh();
      await refreshRegister();
      return created;
    },
    done: (created) => ({
      to: caseFilePath(file.id),
      flash: created
        ? `${created.reference} added to the recommendations register as a draft`
        : 'Recommendation added to the register as a draft',
    }),
  });
  return (
    <FormPage
      form={form}
      backTo={caseFilePath(file.id)}
      caption={caseFileCaption(file)}
      submitText="Add to the register"
      intro={
        <p className="govuk-body">
          It goes into the partnership’s recommendations register as a draft, where it is agreed, tracked and
          checked for impact. The register names its source by the case file’s reference ({file.reference}),
          never the code or initials.
        </p>
      }
    >
      {sources.length > 0 ? (
        <Radios {...form.field('reviewId')} legend="Where did it come from?" legendSize="s" items={sources} />
      ) : null}
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
        hint="The finding behind it and what would show it has made a difference. No names."
        spellCheck
      />
      {themes.error ? <InlineLoadError error={themes.error} what="the themes" /> : null}
      <Select
        {...form.field('themeId')}
        label="Theme (optional)"
        labelSize="s"
        placeholder="No theme"
        options={(themes.data ?? []).filter((t) => t.active).map((t) => ({ value: t.id, text: t.name }))}
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
        options={(groups.data ?? []).map((g) => ({ value: g.id, text: g.name }))}
        className="app-full-width"
      />
      {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
      <Checkboxes
        id="agencyIds"
        legend="Agencies it is addressed to"
        legendSize="s"
        hint="Select all that apply"
        error={form.errors.agencyIds}
        items={(agencies.data ?? []).map((a) => ({ value: a.id, text: a.name }))}
        values={form.values.agencyIds}
        onChange={(v) => form.setValue('agencyIds', v)}
        small
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------------
// Named people
// ---------------------------------------------------------------------------------------------------

export function NamedPeoplePage() {
  // Keyed by who is named, so the form starts empty again after naming someone.
  return (
    <CaseFileWriteLoaded verb="grant">
      {(file) => <NamedPeople key={file.access.map((a) => a.personId).join()} file={file} />}
    </CaseFileWriteLoaded>
  );
}

function NamedPeople({ file }: { file: CaseFile }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const people = usePeopleOptions();
  const flash = useFlash();
  const named = new Set(file.access.map((a) => a.personId));
  const options = (people.data ?? [])
    .filter(
      (p) => p.active && !named.has(p.id) && !p.roles.some((r) => r.role === 'case_review_group_member'),
    )
    .map((p) => ({ value: p.id, text: personOptionText(p) }));
  const form = useEntityForm({
    title: `People named on ${file.reference}`,
    initial: { personId: '', level: 'read' },
    fieldOrder: ['personId', 'level'],
    choiceMessages: { personId: 'Select the person to name on the case file' },
    save: async (v) => {
      await api.post(path(`case-files/${file.id}/access`), {
        personId: v.personId || undefined,
        level: v.level,
      });
      await refresh();
      return options.find((o) => o.value === v.personId)?.text ?? 'The person';
    },
    done: (who: string) => ({
      to: `${caseFilePath(file.id)}/people`,
      flash: `${who} can now see this case file`,
      replace: true,
    }),
  });
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <FormPage
        form={form}
        backTo={caseFilePath(file.id)}
        caption={caseFileCaption(file)}
        submitText="Name them on the case file"
        intro={
          <>
            <p className="govuk-body">
              Members of the case review group can always see and change every case file. Name anyone else who
              needs to, such as an independent reviewer, and whether they may change it. Everything they open
              is recorded.
            </p>
            {file.access.length === 0 ? (
              <p className="govuk-body">Nobody else is named on it yet.</p>
            ) : (
              <Table
                className="app-case-table"
                caption="Named people"
                captionSize="s"
                rows={file.access}
                rowKey={(a) => a.personId}
                columns={[
                  { header: 'Person', cell: (a) => a.name },
                  { header: 'Can', cell: (a) => (a.level === 'edit' ? 'Read and change it' : 'Read it') },
                  {
                    header: <span className="govuk-visually-hidden">Action</span>,
                    label: '',
                    cell: (a) => (
                      <Link
                        to={`${caseFilePath(file.id)}/people/${a.personId}/remove`}
                        className="govuk-link"
                      >
                        Remove<span className="govuk-visually-hidden"> {a.name}</span>
                      </Link>
                    ),
                  },
                ]}
              />
            )}
            <h2 className="govuk-heading-m">Name someone</h2>
          </>
        }
      >
        {people.error ? <InlineLoadError error={people.error} what="the people" /> : null}
        <Select
          {...form.field('personId')}
          label="Person"
          labelSize="s"
          placeholder="Choose a person"
          options={options}
          className="app-full-width"
        />
        <Radios
          {...form.field('level')}
          legend="What may they do?"
          legendSize="s"
          items={[
            { value: 'read', text: 'Read it' },
            { value: 'edit', text: 'Read and change it' },
          ]}
        />
      </FormPage>
    </>
  );
}

export function RemoveNamedPersonPage() {
  return (
    <CaseFileWriteLoaded verb="grant">{(file) => <RemoveNamedPerson file={file} />}</CaseFileWriteLoaded>
  );
}

function RemoveNamedPerson({ file }: { file: CaseFile }) {
  const { personId = '' } = useParams();
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  const entry = file.access.find((a) => a.personId === personId);
  if (!entry) return <NotFoundPage message="This person is not named on the case file." />;
  return (
    <>
      <BackLink to={`${caseFilePath(file.id)}/people`} />
      <ConfirmAction
        title={`Remove ${entry.name} from ${file.reference}?`}
        caption={caseFileCaption(file)}
        confirmText="Remove"
        cancelTo={`${caseFilePath(file.id)}/people`}
        onConfirm={async () => {
          await api.delete(path(`case-files/${file.id}/access/${entry.personId}`));
          await refresh();
        }}
        done={{
          to: `${caseFilePath(file.id)}/people`,
          flash: `${entry.name} removed from ${file.reference}`,
        }}
      >
        <p className="govuk-body">
          They will no longer see this case file, unless they join the case review group. What they did on it
          stays in the audit log.
        </p>
      </ConfirmAction>
    </>
  );
}
