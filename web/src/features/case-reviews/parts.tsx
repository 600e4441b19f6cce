import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { ForbiddenPage } from '../../app/error-pages';
import { formatDate } from '../../app/format';
import { Tag } from '../../components/tag';
import { Loaded } from '../common/loaded';
import { useCaseFile } from './queries';
import type { CaseFile, CaseFileStage } from './types';
import './case-reviews.css';

// Small pieces every case review page shares: the UK date, status tags for dated steps, and loading a case
// file for a page that changes it (the server decides; the page follows allowedVerbs).

const ukDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in the UK as 'YYYY-MM-DD': statutory clocks run on the UK date, whatever the browser's zone. */
export const ukToday = () => ukDate.format(new Date());

export const CASE_FILE_STAGE_LABELS: Record<CaseFileStage, string> = {
  notification: 'Notification',
  rapid_review: 'Rapid review',
  sar_referral: 'SAR referral',
  review: 'Review under way',
  decided: 'Decided',
  no_review: 'No review needed',
};
export const CASE_FILE_STAGES = Object.keys(CASE_FILE_STAGE_LABELS) as CaseFileStage[];

export function Muted({ children }: { children: ReactNode }) {
  return <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-inline">{children}</span>;
}

export const notSet = <Muted>Not set</Muted>;

export const dateOrNot = (iso: string | null | undefined, none: ReactNode = notSet) =>
  iso ? formatDate(iso) : none;

export const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/**
 * The state of one dated thing: Done, Overdue, Due today or Due (the rapid review timetable, milestones).
 * `overdue` comes from the server; "due today" is worked out on the UK date.
 */
export function DueStatusTag({
  dueOn,
  doneOn,
  overdue,
}: {
  dueOn: string | null;
  doneOn: string | null;
  overdue: boolean;
}) {
  if (doneOn) return <Tag colour="green">Done</Tag>;
  if (overdue) return <Tag colour="red">Overdue</Tag>;
  if (dueOn && dueOn === ukToday()) return <Tag colour="orange">Due today</Tag>;
  if (!dueOn) return <Tag colour="grey">No due date</Tag>;
  return <Tag colour="grey">Due</Tag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  return overdue ? (
    <>
      {' '}
      <Tag colour="red">Overdue</Tag>
    </>
  ) : null;
}

export function useCaseFileId() {
  const { caseFileId = '' } = useParams();
  return caseFileId;
}

/** Where a case file's page lives. */
export const caseFilePath = (id: string) => `/case-reviews/${id}`;

/**
 * A page that changes a case file: loads it (404 for anyone who may not read it, as the server answers),
 * and shows "no permission" to a named reader who may not change it.
 */
export function CaseFileWriteLoaded({
  verb = 'write',
  children,
}: {
  verb?: 'write' | 'grant';
  children(file: CaseFile): ReactNode;
}) {
  const query = useCaseFile(useCaseFileId());
  return (
    <Loaded query={query} what="case file">
      {(file) => (file.allowedVerbs.includes(verb) ? children(file) : <ForbiddenPage />)}
    </Loaded>
  );
}

/** "C-7: Child K", the caption over a case file's forms. */
export const caseFileCaption = (file: Pick<CaseFile, 'reference' | 'label'>) =>
  `${file.reference}: ${file.label}`;
