import { Link } from 'react-router';
import {
  ABUSE_OR_NEGLECT_LABELS,
  CASE_KIND_LABELS,
  HARM_LABELS,
  INCIDENT_PLACE_LABELS,
  NOTIFICATION_KIND_LABELS,
  RAPID_REVIEW_DECISION_LABELS,
  RAPID_REVIEW_STEP_LABELS,
  REVIEW_EVENT_KIND_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  REVIEWER_KIND_LABELS,
  SAR_DECISION_LABELS,
  SAR_OUTCOME_LABELS,
} from '../../../../contracts/case-reviews';
import { api } from '../../app/api';
import { formatDate, formatDateTime, plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import { BackLink } from '../../components/back-link';
import { ButtonLink } from '../../components/button';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { SummaryList, type SummaryRow } from '../../components/summary-list';
import { Table } from '../../components/table';
import { Tag } from '../../components/tag';
import { useFlash } from '../common/flash';
import { InlineAction } from '../common/inline-action';
import { Loaded } from '../common/loaded';
import { RecommendationStatusTag } from '../register/recommendation-pages';
import {
  CASE_FILE_STAGE_LABELS,
  caseFilePath,
  DueStatusTag,
  dateOrNot,
  Muted,
  notSet,
  OverdueTag,
  useCaseFileId,
  yesNo,
} from './parts';
import { useCaseFile, useRefreshCaseFiles } from './queries';
import type {
  CaseFile,
  Notification,
  RapidReview,
  RapidReviewStepView,
  Review,
  ReviewEvent,
  SarReferral,
  SummaryRequest,
} from './types';

// One case file (PRODUCT.md §4.8), kept scannable: its summary, then one section per stage (the
// notification and rapid review for a child, the SAR referral for an adult), the reviews with their
// milestones, the recommendations it led to, and the people named on it. Long forms are pages of their own.

/** /case-reviews/:caseFileId */
export function CaseFilePage() {
  const query = useCaseFile(useCaseFileId());
  return (
    <Loaded query={query} what="case file">
      {(file) => <CaseFileDetail file={file} />}
    </Loaded>
  );
}

/** A link inside a section, named for screen readers by what it changes. */
function ChangeLink({ to, text = 'Change', hidden }: { to: string; text?: string; hidden?: string }) {
  return (
    <Link to={to} className="govuk-link">
      {text}
      {hidden ? <span className="govuk-visually-hidden"> {hidden}</span> : null}
    </Link>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="app-case-section" aria-labelledby={`${id}-heading`}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function CaseFileDetail({ file }: { file: CaseFile }) {
  usePageTitle(`${file.reference}: ${file.label}`);
  const flash = useFlash();
  const base = caseFilePath(file.id);
  const canWrite = file.allowedVerbs.includes('write');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <BackLink to="/case-reviews">Back to case reviews</BackLink>
        {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
        <span className="govuk-caption-l">
          {file.reference} · {CASE_KIND_LABELS[file.kind]}
        </span>
        <h1 className="govuk-heading-l">{file.label}</h1>
      </div>
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <SummaryList
          rows={[
            { key: 'Reference', value: file.reference },
            { key: 'Code or initials', value: file.label },
            { key: 'Child or adult', value: CASE_KIND_LABELS[file.kind] },
            ...(file.stage
              ? [{ key: 'Stage', value: CASE_FILE_STAGE_LABELS[file.stage] ?? file.stage }]
              : []),
            {
              key: 'Summary',
              value: file.summary ? <span className="app-pre-wrap">{file.summary}</span> : notSet,
            },
            {
              key: 'Themes',
              value: file.themes.length ? file.themes.map((t) => t.name).join(', ') : <Muted>None</Muted>,
            },
          ]}
        />
        {canWrite ? (
          <p className="govuk-body">
            <ChangeLink to={`${base}/edit`} text="Change the code, summary or themes" />
          </p>
        ) : null}
      </div>
      <div className="govuk-grid-column-full">
        {file.kind === 'child' ? (
          <>
            <NotificationSection file={file} />
            {file.notification?.kind === 'care_leaver_death' ? null : <RapidReviewSection file={file} />}
          </>
        ) : (
          <SarSection file={file} />
        )}
        <ReviewsSection file={file} />
        <RecommendationsSection file={file} />
        <NamedPeopleSection file={file} />
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// Notification (children)
// ---------------------------------------------------------------------------------------------------

/** "Sent in time" / "Late: reason" / "Not sent yet", with the due date and how it was worked out. */
export function notificationStatus(n: Notification) {
  if (!n.notifiedPanelOn) {
    return (
      <>
        Not sent yet{n.workingDay <= 5 ? `: working day ${n.workingDay} of 5` : ''}
        <OverdueTag overdue={n.overdue} />
      </>
    );
  }
  return n.inTime ? (
    <>
      {formatDate(n.notifiedPanelOn)} <Tag colour="green">Sent in time</Tag>
    </>
  ) : (
    <>
      {formatDate(n.notifiedPanelOn)} <Tag colour="red">Late</Tag>
      {n.lateReason ? (
        <>
          <br />
          <span className="app-pre-wrap">Late: {n.lateReason}</span>
        </>
      ) : null}
    </>
  );
}

function NotificationSection({ file }: { file: CaseFile }) {
  const n = file.notification;
  const base = caseFilePath(file.id);
  const canWrite = file.allowedVerbs.includes('write');
  return (
    <Section id="notification" title="Notification to the national panel">
      {!n ? (
        <>
          <p className="govuk-body">
            No notification has been recorded. The local authority notifies the Child Safeguarding Practice
            Review Panel within 5 working days of becoming aware of a serious incident.
          </p>
          {canWrite ? (
            <ButtonLink to={`${base}/notification`} variant="secondary">
              Record the notification
            </ButtonLink>
          ) : null}
        </>
      ) : (
        <>
          <SummaryList
            rows={[
              { key: 'What was notified', value: NOTIFICATION_KIND_LABELS[n.kind] },
              { key: 'Local authority became aware', value: formatDate(n.becameAwareOn) },
              ...(n.kind === 'serious_incident'
                ? [
                    { key: 'Harm', value: n.harm ? HARM_LABELS[n.harm] : notSet },
                    {
                      key: 'Abuse or neglect',
                      value: n.abuseOrNeglect ? ABUSE_OR_NEGLECT_LABELS[n.abuseOrNeglect] : notSet,
                    },
                    { key: 'Where', value: n.place ? INCIDENT_PLACE_LABELS[n.place] : notSet },
                  ]
                : [{ key: 'Age at death', value: n.ageAtDeath ?? notSet }]),
              {
                key: 'Due',
                value: `Due by ${formatDate(n.notifyDueOn)}, 5 working days after ${formatDate(n.becameAwareOn)}`,
              },
              { key: 'Sent to the national panel', value: notificationStatus(n) },
              { key: 'Ofsted told', value: dateOrNot(n.ofstedNotifiedOn, <Muted>Not recorded</Muted>) },
            ]}
          />
          {n.kind === 'care_leaver_death' ? (
            <InsetText>The death of a care leaver is notified but needs no rapid review.</InsetText>
          ) : null}
          {canWrite ? (
            <p className="govuk-body">
              <ChangeLink to={`${base}/notification`} text="Change the notification" />
            </p>
          ) : null}
        </>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------------
// Rapid review (children)
// ---------------------------------------------------------------------------------------------------

function RapidReviewSection({ file }: { file: CaseFile }) {
  const rr = file.rapidReview;
  const n = file.notification;
  const canWrite = file.allowedVerbs.includes('write');
  return (
    <Section id="rapid-review" title="Rapid review">
      {rr ? (
        <RapidReviewDetail file={file} rr={rr} />
      ) : !n ? (
        <p className="govuk-body">A rapid review is opened once the notification has been sent.</p>
      ) : !n.notifiedPanelOn ? (
        <p className="govuk-body">
          Record the date the notification was sent to the national panel first: the rapid review’s 15 working
          days start from that day.
        </p>
      ) : canWrite ? (
        <OpenRapidReview file={file} notifiedOn={n.notifiedPanelOn} />
      ) : (
        <p className="govuk-body">The rapid review has not been opened yet.</p>
      )}
    </Section>
  );
}

function OpenRapidReview({ file, notifiedOn }: { file: CaseFile; notifiedOn: string }) {
  const { path } = usePartnership();
  const refresh = useRefreshCaseFiles();
  return (
    <InlineAction
      buttonText="Open the rapid review"
      onAction={async () => {
        await api.post(path(`case-files/${file.id}/rapid-review`));
        await refresh();
      }}
      done={{ to: caseFilePath(file.id), flash: 'Rapid review opened', replace: true }}
    >
      <p className="govuk-body">
        Its timetable runs for 15 working days from {formatDate(notifiedOn)}, the day the notification was
        sent: information requested from agencies, their summaries, collation, the decision meeting, and the
        decision sent to the national panel.
      </p>
    </InlineAction>
  );
}

function RapidReviewDetail({ file, rr }: { file: CaseFile; rr: RapidReview }) {
  const base = caseFilePath(file.id);
  const canWrite = file.allowedVerbs.includes('write');
  const sent = rr.decisionSentOn;
  return (
    <>
      <p className="govuk-body app-case-clock">
        {sent
          ? `Decision sent to the national panel on ${formatDate(sent)}`
          : rr.workingDay <= 15
            ? `Working day ${rr.workingDay} of 15`
            : `Working day ${rr.workingDay}: the 15 working days ended on ${formatDate(rr.dueOn)}`}
        <OverdueTag overdue={rr.overdue} />
      </p>
      <p className="govuk-body">
        Started {formatDate(rr.startedOn)} (day 0, the day the notification was sent). The decision is due
        with the national panel by {formatDate(rr.dueOn)}, working day 15.
      </p>
      <TimetableTable file={file} steps={rr.steps} canWrite={canWrite} />
      <h3 className="govuk-heading-s">Agencies’ summaries of involvement</h3>
      <SummaryRequests requests={rr.summaryRequests} />
      {canWrite ? (
        <p className="govuk-body">
          <Link to={`${base}/summary-requests`} className="govuk-link">
            {rr.summaryRequests.length
              ? 'Request summaries from more agencies'
              : 'Request summaries from agencies'}
          </Link>
        </p>
      ) : null}
      <h3 className="govuk-heading-s">Decision</h3>
      <RapidReviewDecisionSummary rr={rr} />
      {canWrite ? (
        <ButtonLink to={`${base}/decision`} variant={rr.decision ? 'secondary' : 'primary'}>
          {rr.decision ? 'Change the decision' : 'Record the decision'}
        </ButtonLink>
      ) : null}
    </>
  );
}

function TimetableTable({
  file,
  steps,
  canWrite,
}: {
  file: CaseFile;
  steps: RapidReviewStepView[];
  canWrite: boolean;
}) {
  const sorted = [...steps].sort((a, b) => a.position - b.position);
  return (
    <Table<RapidReviewStepView>
      className="app-case-table"
      caption="Rapid review timetable"
      captionSize="s"
      rows={sorted}
      rowKey={(s) => s.id}
      columns={[
        { header: 'Step', cell: (s) => s.label || RAPID_REVIEW_STEP_LABELS[s.step] },
        { header: 'Owner', cell: (s) => s.ownerName ?? <Muted>No owner</Muted> },
        {
          header: 'Due',
          cell: (s) => (
            <>
              {formatDate(s.dueOn)}
              <br />
              <Muted>Working day {s.dueWorkingDay}</Muted>
            </>
          ),
        },
        { header: 'Done', cell: (s) => dateOrNot(s.doneOn, <Muted>Not yet</Muted>) },
        {
          header: 'Status',
          cell: (s) => <DueStatusTag dueOn={s.dueOn} doneOn={s.doneOn} overdue={s.overdue} />,
        },
        ...(canWrite
          ? [
              {
                header: <span className="govuk-visually-hidden">Action</span>,
                label: '',
                cell: (s: RapidReviewStepView) => (
                  <ChangeLink
                    to={`${caseFilePath(file.id)}/rapid-review/steps/${s.id}`}
                    text="Update"
                    hidden={s.label || RAPID_REVIEW_STEP_LABELS[s.step]}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function SummaryRequests({ requests }: { requests: SummaryRequest[] }) {
  if (requests.length === 0) return <p className="govuk-body">No agency has been asked for a summary yet.</p>;
  const submitted = requests.filter((r) => r.status === 'submitted').length;
  return (
    <>
      <p className="govuk-body">
        {submitted} of {plural(requests.length, 'agency', 'agencies')} submitted.
      </p>
      <Table<SummaryRequest>
        caption="Agencies’ summaries of involvement"
        captionHidden
        rows={requests}
        rowKey={(r) => r.responseId}
        columns={[
          {
            header: 'Agency',
            cell: (r) => (
              <Link to={`/responses/${r.responseId}`} className="govuk-link">
                {r.agencyName ?? r.title}
                <span className="govuk-visually-hidden">: summary of involvement</span>
              </Link>
            ),
          },
          {
            header: 'Status',
            cell: (r) =>
              r.status === 'submitted' ? (
                <Tag colour="green">Submitted</Tag>
              ) : r.overdue ? (
                <Tag colour="red">Overdue</Tag>
              ) : (
                <Tag colour="grey">Waiting</Tag>
              ),
          },
          { header: 'Due', cell: (r) => dateOrNot(r.dueOn, <Muted>No due date</Muted>) },
          {
            header: 'Submitted',
            cell: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : <Muted>Not yet</Muted>),
          },
        ]}
      />
    </>
  );
}

function RapidReviewDecisionSummary({ rr }: { rr: RapidReview }) {
  if (!rr.decision) return <p className="govuk-body">No decision has been recorded yet.</p>;
  const rows: SummaryRow[] = [
    {
      key: 'Decision',
      value: (
        <>
          {RAPID_REVIEW_DECISION_LABELS[rr.decision]}
          {rr.decision === 'lcspr' && rr.recommendNationalReview ? (
            <>
              <br />
              Recommends a national review
            </>
          ) : null}
        </>
      ),
    },
    { key: 'Decided by', value: rr.decidedBy ?? notSet },
    { key: 'Decided on', value: dateOrNot(rr.decidedOn) },
    {
      key: 'Justification',
      value: rr.justification ? <span className="app-pre-wrap">{rr.justification}</span> : notSet,
    },
    {
      key: 'Sent to the national panel',
      value: rr.decisionSentOn ? (
        <>
          {formatDate(rr.decisionSentOn)}{' '}
          {(rr.decisionInTime ?? rr.decisionSentOn <= rr.dueOn) ? (
            <Tag colour="green">In time</Tag>
          ) : (
            <Tag colour="red">Late</Tag>
          )}
        </>
      ) : (
        <>
          Not sent yet, due by {formatDate(rr.dueOn)}
          <OverdueTag overdue={rr.overdue} />
        </>
      ),
    },
    ...thresholdsRows(rr),
  ];
  return <SummaryList rows={rows} />;
}

function thresholdsRows(d: {
  concernsNotIdentified: boolean;
  thresholdsLearning: string | null;
}): SummaryRow[] {
  return [
    {
      key: 'Safeguarding concerns identified beforehand',
      value: d.concernsNotIdentified ? 'No' : 'Yes',
    },
    ...(d.concernsNotIdentified
      ? [
          {
            key: 'Thresholds learning',
            value: d.thresholdsLearning ? (
              <span className="app-pre-wrap">{d.thresholdsLearning}</span>
            ) : (
              notSet
            ),
          },
        ]
      : []),
  ];
}

// ---------------------------------------------------------------------------------------------------
// SAR referral (adults)
// ---------------------------------------------------------------------------------------------------

function SarSection({ file }: { file: CaseFile }) {
  const s = file.sarReferral;
  const base = caseFilePath(file.id);
  const canWrite = file.allowedVerbs.includes('write');
  return (
    <Section id="sar-referral" title="Safeguarding adult review referral">
      {!s ? (
        <>
          <p className="govuk-body">No referral has been recorded.</p>
          {canWrite ? (
            <ButtonLink to={`${base}/sar-referral`} variant="secondary">
              Record the referral
            </ButtonLink>
          ) : null}
        </>
      ) : (
        <>
          <p className="govuk-body">
            {s.mandatory ? <Tag colour="purple">Mandatory SAR</Tag> : <Tag colour="grey">Discretionary</Tag>}
          </p>
          <SarReferralSummary s={s} />
          {canWrite ? (
            <p className="govuk-body">
              <ChangeLink to={`${base}/sar-referral`} text="Change the referral" />
            </p>
          ) : null}
          <h3 className="govuk-heading-s">Panel decision</h3>
          {s.decision ? (
            <SummaryList
              rows={[
                { key: 'Decision', value: SAR_DECISION_LABELS[s.decision] },
                { key: 'Decided by', value: s.decidedBy ?? notSet },
                { key: 'Decided on', value: dateOrNot(s.decidedOn) },
                {
                  key: 'Justification',
                  value: s.justification ? <span className="app-pre-wrap">{s.justification}</span> : notSet,
                },
                ...thresholdsRows(s),
              ]}
            />
          ) : (
            <p className="govuk-body">The review panel has not decided yet.</p>
          )}
          {canWrite ? (
            <ButtonLink to={`${base}/sar-decision`} variant={s.decision ? 'secondary' : 'primary'}>
              {s.decision ? 'Change the panel decision' : 'Record the panel decision'}
            </ButtonLink>
          ) : null}
        </>
      )}
    </Section>
  );
}

function SarReferralSummary({ s }: { s: SarReferral }) {
  return (
    <SummaryList
      rows={[
        { key: 'Received', value: formatDate(s.receivedOn) },
        { key: 'Referred by', value: s.referrerAgency?.name ?? <Muted>Not recorded</Muted> },
        { key: 'Care and support needs', value: yesNo(s.hasCareAndSupportNeeds) },
        { key: 'Concern about how agencies worked together', value: yesNo(s.concernAboutJointWorking) },
        { key: 'What happened', value: SAR_OUTCOME_LABELS[s.outcome] },
        {
          key: 'Care Act section 44',
          value: s.mandatory
            ? 'Mandatory: agencies’ joint working is a concern and the adult died or experienced serious abuse or neglect'
            : 'Discretionary: the partnership may still arrange a review',
        },
        {
          key: 'Receipt confirmed',
          value: s.acknowledgedOn ? (
            <>
              {formatDate(s.acknowledgedOn)}{' '}
              {s.acknowledgedInTime === false ? (
                <Tag colour="red">Late</Tag>
              ) : (
                <Tag colour="green">In time</Tag>
              )}
            </>
          ) : (
            <>
              Not yet, due by {formatDate(s.acknowledgeDueOn)}, 5 working days after{' '}
              {formatDate(s.receivedOn)}
              <OverdueTag overdue={s.overdue} />
            </>
          ),
        },
      ]}
    />
  );
}

// ---------------------------------------------------------------------------------------------------
// Reviews and their milestones
// ---------------------------------------------------------------------------------------------------

function ReviewsSection({ file }: { file: CaseFile }) {
  const base = caseFilePath(file.id);
  const canWrite = file.allowedVerbs.includes('write');
  return (
    <Section id="reviews" title="Reviews">
      {file.reviews.length === 0 ? (
        <p className="govuk-body">No review has been started from this case file.</p>
      ) : (
        file.reviews.map((r) => <ReviewBlock key={r.id} file={file} review={r} canWrite={canWrite} />)
      )}
      {canWrite ? (
        <ButtonLink to={`${base}/reviews/new`} variant="secondary">
          Start a review
        </ButtonLink>
      ) : null}
    </Section>
  );
}

function ReviewBlock({ file, review: r, canWrite }: { file: CaseFile; review: Review; canWrite: boolean }) {
  const base = `${caseFilePath(file.id)}/reviews/${r.id}`;
  const late = r.publishedLate ?? (r.publishedOn ? r.publishedOn > r.targetPublicationOn : false);
  return (
    <div className="app-case-review">
      <h3 className="govuk-heading-s">
        {r.title} <span className="govuk-visually-hidden">, </span>
        <Tag colour={r.status === 'published' || r.status === 'closed' ? 'green' : 'blue'}>
          {REVIEW_STATUS_LABELS[r.status]}
        </Tag>
        <OverdueTag overdue={r.overdue} />
      </h3>
      <SummaryList
        rows={[
          {
            key: 'Kind',
            value: (
              <>
                {REVIEW_KIND_LABELS[r.kind]}
                {r.recommendNationalReview ? (
                  <>
                    <br />
                    Recommends a national review
                  </>
                ) : null}
              </>
            ),
          },
          { key: 'Initiated', value: formatDate(r.initiatedOn) },
          {
            key: 'Reviewer',
            value: r.reviewerName ? (
              <>
                {r.reviewerName}
                {r.reviewerKind ? ` (${REVIEWER_KIND_LABELS[r.reviewerKind].toLowerCase()})` : ''}
                {r.reviewerAppointedOn ? `, appointed ${formatDate(r.reviewerAppointedOn)}` : ''}
              </>
            ) : (
              <Muted>Not appointed</Muted>
            ),
          },
          {
            key: 'Terms of reference',
            value: r.termsOfReference ? <span className="app-pre-wrap">{r.termsOfReference}</span> : notSet,
          },
          {
            key: 'Family involvement',
            value: r.familyInvolvement ? <span className="app-pre-wrap">{r.familyInvolvement}</span> : notSet,
          },
          { key: 'Target publication', value: formatDate(r.targetPublicationOn) },
          {
            key: 'Published',
            value: r.publishedOn ? (
              <>
                {formatDate(r.publishedOn)}{' '}
                {late ? <Tag colour="red">Late</Tag> : <Tag colour="green">On time</Tag>}
              </>
            ) : (
              <Muted>Not published</Muted>
            ),
          },
          ...(r.delayReason
            ? [{ key: 'Reason for the delay', value: <span className="app-pre-wrap">{r.delayReason}</span> }]
            : []),
        ]}
      />
      {canWrite ? (
        <p className="govuk-body">
          <ChangeLink to={`${base}/edit`} text="Update the review" hidden={r.title} />
        </p>
      ) : null}
      {r.events.length === 0 ? (
        <p className="govuk-body">No milestones recorded yet.</p>
      ) : (
        <Table<ReviewEvent>
          className="app-case-table"
          caption={`Milestones: ${r.title}`}
          captionSize="s"
          rows={r.events}
          rowKey={(e) => e.id}
          columns={[
            {
              header: 'Milestone',
              cell: (e) => (
                <>
                  {e.title}
                  <br />
                  <Muted>
                    {REVIEW_EVENT_KIND_LABELS[e.kind]}
                    {e.agency ? `, ${e.agency.name}` : ''}
                  </Muted>
                </>
              ),
            },
            { header: 'Due', cell: (e) => dateOrNot(e.dueOn, <Muted>No due date</Muted>) },
            { header: 'Done', cell: (e) => dateOrNot(e.doneOn, <Muted>Not yet</Muted>) },
            {
              header: 'Status',
              cell: (e) => <DueStatusTag dueOn={e.dueOn} doneOn={e.doneOn} overdue={e.overdue} />,
            },
            ...(canWrite
              ? [
                  {
                    header: <span className="govuk-visually-hidden">Action</span>,
                    label: '',
                    cell: (e: ReviewEvent) => (
                      <ChangeLink to={`${base}/events/${e.id}/edit`} hidden={e.title} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canWrite ? (
        <p className="govuk-body">
          <Link to={`${base}/events/new`} className="govuk-link">
            Add a milestone<span className="govuk-visually-hidden"> to {r.title}</span>
          </Link>
        </p>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// Recommendations and named people
// ---------------------------------------------------------------------------------------------------

function RecommendationsSection({ file }: { file: CaseFile }) {
  const canWrite = file.allowedVerbs.includes('write');
  // The register's own pages are for admins, the QA group, scrutineers and the case review group
  // (recommendations.policy.ts); someone only named on the case file follows its recommendations here.
  const { roles } = useSession();
  const hasSource =
    file.reviews.length > 0 || (file.kind === 'child' ? !!file.rapidReview : !!file.sarReferral);
  const seesRegister = roles.some(
    (r) =>
      r === 'partnership_admin' ||
      r === 'qa_group_member' ||
      r === 'independent_scrutineer' ||
      r === 'case_review_group_member',
  );
  return (
    <Section id="recommendations" title="Recommendations">
      {file.recommendations.length === 0 ? (
        <p className="govuk-body">No recommendations have been made from this case file yet.</p>
      ) : (
        <Table
          caption="Recommendations from this case file"
          captionHidden
          rows={file.recommendations}
          rowKey={(r) => r.id}
          columns={[
            {
              header: 'Recommendation',
              cell: (r) => (
                <>
                  {seesRegister ? (
                    <Link to={`/register/recommendations/${r.id}`} className="govuk-link">
                      {r.reference}: {r.title}
                    </Link>
                  ) : (
                    `${r.reference}: ${r.title}`
                  )}
                  <br />
                  <Muted>{r.sourceTitle}</Muted>
                </>
              ),
            },
            {
              header: 'Status',
              cell: (r) => <RecommendationStatusTag status={r.status} />,
            },
            {
              header: 'Next impact check',
              cell: (r) => dateOrNot(r.nextImpactCheckOn, <Muted>None scheduled</Muted>),
            },
          ]}
        />
      )}
      {!seesRegister && file.recommendations.length > 0 ? (
        <p className="govuk-body">
          The QA group tracks them in the partnership’s recommendations register; their status and next impact
          check show here.
        </p>
      ) : null}
      {canWrite && hasSource ? (
        <ButtonLink to={`${caseFilePath(file.id)}/recommendations/new`} variant="secondary">
          Add a recommendation
        </ButtonLink>
      ) : canWrite ? (
        <p className="govuk-body">
          A recommendation comes from the {file.kind === 'child' ? 'rapid review' : 'SAR referral decision'}{' '}
          or a review: record one of those first.
        </p>
      ) : null}
    </Section>
  );
}

function NamedPeopleSection({ file }: { file: CaseFile }) {
  const canGrant = file.allowedVerbs.includes('grant');
  return (
    <Section id="named-people" title="People named on this case file">
      <p className="govuk-body">Besides the case review group, only these people can see this case file.</p>
      {file.access.length === 0 ? (
        <p className="govuk-body">Nobody else is named on it.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {file.access.map((a) => (
            <li key={a.personId}>
              {a.name}: {a.level === 'edit' ? 'can read and change it' : 'can read it'}
            </li>
          ))}
        </ul>
      )}
      {canGrant ? (
        <p className="govuk-body">
          <Link to={`${caseFilePath(file.id)}/people`} className="govuk-link">
            Name people on this case file
          </Link>
        </p>
      ) : null}
    </Section>
  );
}
