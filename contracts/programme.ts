import { z } from 'zod';

// Shared by server and web: the QA programme's vocabulary (PRODUCT.md §4.1).

/** Every kind of assurance activity a programme can hold (PRODUCT.md §2 and §4). */
export const ACTIVITY_KINDS = [
  'multi_agency_case_audit',
  'self_assessment',
  'education_audit',
  'thematic_review',
  'single_agency_assurance_request',
  'performance_data_return',
  'independent_scrutiny',
  'peer_review',
  'walk_the_floor',
  'survey',
  'multi_agency_overview_evaluation',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ZActivityKind = z.enum(ACTIVITY_KINDS, { message: 'Select the kind of activity' });

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  multi_agency_case_audit: 'Multi-agency case audit',
  self_assessment: 'Section 11 or Care Act self-assessment',
  education_audit: 'Section 175/157 education audit',
  thematic_review: 'Thematic review',
  single_agency_assurance_request: 'Single-agency assurance request',
  performance_data_return: 'Performance data return',
  independent_scrutiny: 'Independent scrutiny topic',
  peer_review: 'Peer review',
  walk_the_floor: 'Walk the floor',
  survey: 'Survey',
  multi_agency_overview_evaluation: 'Multi-agency overview evaluation',
};

/** planned → in progress → reporting → complete; cancelled or deferred need a reason. */
export const ACTIVITY_STATUSES = [
  'planned',
  'in_progress',
  'reporting',
  'complete',
  'cancelled',
  'deferred',
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ZActivityStatus = z.enum(ACTIVITY_STATUSES, { message: 'Select a status' });

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  reporting: 'Reporting',
  complete: 'Complete',
  cancelled: 'Cancelled',
  deferred: 'Deferred',
};

/** Financial year runs April–March; academic year September–August (for education audits). */
export const YEAR_KINDS = ['financial', 'academic'] as const;
export type YearKind = (typeof YEAR_KINDS)[number];
export const ZYearKind = z.enum(YEAR_KINDS, { message: 'Select financial or academic year' });

/** Statuses that need a reason (why it was cancelled, or until when it is deferred). */
export const STATUSES_NEEDING_REASON: readonly ActivityStatus[] = ['cancelled', 'deferred'];

/**
 * The activity's workflow: planned → in progress → reporting → complete, with cancel or defer from any
 * open state; a cancelled or deferred activity can be planned again, and a complete one reopened.
 */
export const ACTIVITY_TRANSITIONS: Record<ActivityStatus, readonly ActivityStatus[]> = {
  planned: ['in_progress', 'cancelled', 'deferred'],
  in_progress: ['reporting', 'planned', 'cancelled', 'deferred'],
  reporting: ['complete', 'in_progress', 'cancelled', 'deferred'],
  complete: ['reporting'],
  cancelled: ['planned'],
  deferred: ['planned'],
};

export const canMoveActivity = (from: ActivityStatus, to: ActivityStatus) =>
  ACTIVITY_TRANSITIONS[from].includes(to);

export const YEAR_KIND_LABELS: Record<YearKind, string> = {
  financial: 'Financial year (April to March)',
  academic: 'Academic year (September to August)',
};

/** The four key dates of an activity, in the order they happen. */
export const KEY_DATES = ['releasedOn', 'deadlineOn', 'meetingOn', 'reportDueOn'] as const;
export type KeyDate = (typeof KEY_DATES)[number];
export const KEY_DATE_LABELS: Record<KeyDate, string> = {
  releasedOn: 'Released',
  deadlineOn: 'Deadline',
  meetingOn: 'Panel or audit day',
  reportDueOn: 'Report due',
};

// Programme years and quarters. Dates are calendar dates (YYYY-MM-DD), never timestamps.

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The month (1–12) a programme year starts in. */
export const firstMonthOf = (kind: YearKind): number => (kind === 'financial' ? 4 : 9);

/** "2026–27" for the year starting in 2026. */
export const yearLabel = (startYear: number) =>
  `${startYear}–${String((startYear + 1) % 100).padStart(2, '0')}`;

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar months of a programme year, in order: [{ year, month (1–12) }] × 12. */
export function monthsOfYear(startYear: number, kind: YearKind) {
  const first = firstMonthOf(kind);
  return Array.from({ length: 12 }, (_, i) => {
    const m = first + i;
    return { year: m > 12 ? startYear + 1 : startYear, month: m > 12 ? m - 12 : m };
  });
}

/** "2026-04" */
export const monthKey = (year: number, month: number) => `${year}-${pad(month)}`;
/** "April 2026" for "2026-04". */
export const monthKeyLabel = (key: string) => {
  const [y, m] = key.split('-').map(Number);
  return `${MONTH_NAMES[m - 1]} ${y}`;
};

/** First and last day of the programme year. */
export function yearBounds(startYear: number, kind: YearKind) {
  const first = firstMonthOf(kind);
  const lastMonth = first === 1 ? 12 : first - 1;
  const lastYear = first === 1 ? startYear : startYear + 1;
  const lastDay = new Date(Date.UTC(lastYear, lastMonth, 0)).getUTCDate();
  return {
    startsOn: `${startYear}-${pad(first)}-01`,
    endsOn: `${lastYear}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

/** The quarter's months: { startsOn, endsOn, label: "April to June 2026" }. */
export function quarterOfYear(startYear: number, kind: YearKind, quarter: number) {
  const months = monthsOfYear(startYear, kind).slice((quarter - 1) * 3, quarter * 3);
  const a = months[0];
  const b = months[2];
  const lastDay = new Date(Date.UTC(b.year, b.month, 0)).getUTCDate();
  const label =
    a.year === b.year
      ? `${MONTH_NAMES[a.month - 1]} to ${MONTH_NAMES[b.month - 1]} ${b.year}`
      : `${MONTH_NAMES[a.month - 1]} ${a.year} to ${MONTH_NAMES[b.month - 1]} ${b.year}`;
  return {
    quarter,
    startsOn: `${a.year}-${pad(a.month)}-01`,
    endsOn: `${b.year}-${pad(b.month)}-${pad(lastDay)}`,
    label,
  };
}

/** The start year of the programme year a date (YYYY-MM-DD) falls in. */
export function programmeYearOf(date: string, kind: YearKind) {
  const [y, m] = date.split('-').map(Number);
  return m >= firstMonthOf(kind) ? y : y - 1;
}

/**
 * The same date one year on. 29 February becomes 28 February, since the next year has no 29th
 * (the deadline stays in the same month rather than slipping into March).
 */
export function oneYearOn(date: string) {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${pad(m)}-${pad(Math.min(d, lastDay))}`;
}

/** Adds whole months to a date, keeping the day where the month has it (used for "near the year"). */
export function addMonths(date: string, months: number) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${pad(nm)}-${pad(Math.min(d, lastDay))}`;
}

/** How far outside the programme year a key date may fall (work released before April, reports after March). */
export const MONTHS_OUTSIDE_YEAR_ALLOWED = 6;

/** A month with this many deadlines or more for one agency is shown as a possible clash. */
export const CLASH_DEADLINES = 2;
