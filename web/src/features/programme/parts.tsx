import type { ReactNode } from 'react';
import { Link } from 'react-router';
import {
  ACTIVITY_STATUS_LABELS,
  type ActivityStatus,
  KEY_DATE_LABELS,
  KEY_DATES,
  yearLabel,
} from '../../../../contracts/programme';
import { formatDate, formatDateTime, plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { NotificationBanner } from '../../components/notification-banner';
import { Tag, type TagColour } from '../../components/tag';
import { useFlash } from '../common/flash';
import type { ActivitySummary, ProgrammeDetail, ProgrammeSummary } from './types';
import './programme.css';

const STATUS_COLOURS: Record<ActivityStatus, TagColour> = {
  planned: 'grey',
  in_progress: 'blue',
  reporting: 'purple',
  complete: 'green',
  cancelled: 'red',
  deferred: 'orange',
};

export function StatusTag({ status }: { status: ActivityStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{ACTIVITY_STATUS_LABELS[status]}</Tag>;
}

/** "Deadline 5 June 2026 · Panel or audit day 18 June 2026" */
export function keyDatesText(a: ActivitySummary) {
  return KEY_DATES.filter((k) => a[k])
    .map((k) => `${KEY_DATE_LABELS[k]} ${formatDate(a[k])}`)
    .join(' · ');
}

/** Activities as a list of links with their status and key dates (a grid cell, a month, an agency). */
export function ActivityList({
  activities,
  showDates = true,
}: {
  activities: ActivitySummary[];
  showDates?: boolean;
}) {
  return (
    <ul className="app-activity-list">
      {activities.map((a) => (
        <li className="app-activity-list__item" key={a.id}>
          <Link to={`/programme/activities/${a.id}`} className="govuk-link">
            {a.title}
          </Link>
          <span className="app-activity-list__status">
            <StatusTag status={a.status} />
          </span>
          {showDates ? (
            <span className="app-activity-list__meta">
              {KEY_DATES.filter((k) => a[k]).map((k) => (
                <span key={k} className="app-activity-list__date">
                  {KEY_DATE_LABELS[k]} {formatDate(a[k])}
                </span>
              ))}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export const approvalText = (p: ProgrammeSummary) =>
  p.approval
    ? `Approved by ${p.approval.approvedBy} on ${formatDate(p.approval.approvedOn)} at ${p.approval.approvalMeeting}.`
    : 'Not yet approved by the Executive.';

export type ProgrammeView = 'grid' | 'months' | 'agencies' | 'approval';

const VIEWS: { view: ProgrammeView; text: string; path: string }[] = [
  { view: 'grid', text: 'Quarter grid', path: '' },
  { view: 'months', text: 'Month by month', path: '/months' },
  { view: 'agencies', text: 'By agency', path: '/agencies' },
  { view: 'approval', text: 'Approval', path: '/approval' },
];

/**
 * The top of every programme view: success banner, caption and title, the approval line, links to act
 * on the programme, and the secondary navigation between its views.
 */
export function ProgrammeHeader({
  programme,
  view,
  changesSinceApproval,
}: {
  programme: ProgrammeSummary | ProgrammeDetail;
  view: ProgrammeView;
  changesSinceApproval?: number;
}) {
  const flash = useFlash();
  const current = VIEWS.find((v) => v.view === view)!;
  usePageTitle(`${current.text} – ${programme.title}`);
  const base = `/programme/${programme.id}`;
  const writes = programme.allowedVerbs.includes('write');
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <span className="govuk-caption-l">
        QA programme {programme.yearLabel}
        {programme.yearKind === 'academic' ? ' (academic year)' : ''}
      </span>
      <h1 className="govuk-heading-l">{programme.title}</h1>
      {!programme.active ? (
        <p className="govuk-body">
          <Tag colour="grey">Deactivated</Tag> This programme is deactivated: it can be read but not planned.
        </p>
      ) : null}
      <p className="govuk-body">
        {approvalText(programme)}
        {programme.approval && changesSinceApproval ? (
          <>
            {' '}
            <Link to={`${base}/approval`} className="govuk-link">
              {plural(changesSinceApproval, 'change')} since approval
            </Link>
          </>
        ) : null}
      </p>
      <div className="app-programme-actions">
        <Link to="/programme?view=years" className="govuk-link">
          All programme years
        </Link>
        {writes ? (
          <Link to={`${base}/rename`} className="govuk-link">
            Rename this programme
          </Link>
        ) : null}
        {writes && programme.active ? (
          <Link to={`${base}/copy-forward`} className="govuk-link">
            Copy forward to {yearLabel(programme.startYear + 1)}
          </Link>
        ) : null}
        <Link to="/programme/calendar-feed" className="govuk-link">
          Your deadlines in your calendar
        </Link>
      </div>
      <nav className="app-sub-nav" aria-label="Programme views">
        <ul className="app-sub-nav__list">
          {VIEWS.map((v) => (
            <li className="app-sub-nav__item" key={v.view}>
              <Link
                to={`${base}${v.path}`}
                className="govuk-link govuk-link--no-visited-state app-sub-nav__link"
                aria-current={v.view === view ? 'page' : undefined}
              >
                {v.text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="govuk-heading-m">{current.text}</h2>
    </>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-inline">{children}</span>;
}

export const recordedText = (p: ProgrammeSummary) =>
  p.approval
    ? `Recorded${p.approval.recordedByName ? ` by ${p.approval.recordedByName}` : ''} on ${formatDateTime(p.approval.recordedAt)}.`
    : '';
