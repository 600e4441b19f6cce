import { z } from 'zod';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  DEFAULT_IMPACT_CHECK_MONTHS,
  IMPACT_JUDGEMENT_LABELS,
  type ImpactJudgement,
  RECOMMENDATION_STATUS_LABELS,
  type RecommendationStatus,
} from './recommendations.js';

// The pure rules of the recommendations register (PRODUCT.md §4.9), shared by server and web so the page
// offers exactly what the server will accept: the status machine, when impact checks fall, and when a
// recommendation may be closed. No database, no clock: callers pass "today".

// ---------------------------------------------------------------------------------------------------
// Status machine
// ---------------------------------------------------------------------------------------------------

/**
 * Every allowed move. `closed` is reachable only through the closure rule (canClose), never by a plain
 * status change; agreed → in progress and → impact check also happen automatically (the first action
 * starting, the first impact check falling due), and impact check → in progress is the reopening a
 * "not embedded" judgement causes.
 */
export const RECOMMENDATION_TRANSITIONS: Record<RecommendationStatus, readonly RecommendationStatus[]> = {
  draft: ['agreed', 'not_accepted'],
  agreed: ['in_progress', 'impact_check'],
  in_progress: ['impact_check', 'closed'],
  impact_check: ['in_progress', 'closed'],
  closed: [],
  not_accepted: ['draft'],
};

/** The statuses a recommendation may move to next (including closed, which needs the closure rule). */
export function nextStatuses(from: RecommendationStatus): RecommendationStatus[] {
  return [...RECOMMENDATION_TRANSITIONS[from]];
}

/** The statuses a person may choose by a plain status change (closing has its own step). */
export function manualNextStatuses(from: RecommendationStatus): RecommendationStatus[] {
  return RECOMMENDATION_TRANSITIONS[from].filter((s) => s !== 'closed');
}

export function isAllowedTransition(from: RecommendationStatus, to: RecommendationStatus): boolean {
  return RECOMMENDATION_TRANSITIONS[from].includes(to);
}

const label = (s: RecommendationStatus) => RECOMMENDATION_STATUS_LABELS[s].toLowerCase();

/**
 * Why a plain status change from `from` to `to` is refused, in plain English, or null when it is allowed.
 * A move to closed is always refused here: it goes through the closure step (canClose).
 */
export function statusChangeRefusal(from: RecommendationStatus, to: RecommendationStatus): string | null {
  if (from === to) return `The recommendation is already ${label(from)}.`;
  if (to === 'closed') {
    if (!isAllowedTransition(from, to))
      return `A recommendation that is ${label(from)} cannot be closed: it must be in progress or having its impact checked.`;
    return 'Close a recommendation through the closure step, with the evidence and the monitoring group’s approval.';
  }
  if (isAllowedTransition(from, to)) return null;
  if (from === 'closed') return 'The recommendation is closed and cannot change status.';
  const allowed = manualNextStatuses(from).map(label);
  const options = allowed.length ? `From ${label(from)} it can move to: ${allowed.join(', ')}.` : '';
  return `A recommendation that is ${label(from)} cannot move to ${label(to)}. ${options}`.trim();
}

/** The automatic move when an action answering the recommendation starts (agreed → in progress). */
export function statusAfterActionStarted(status: RecommendationStatus): RecommendationStatus | null {
  return status === 'agreed' ? 'in_progress' : null;
}

/** The automatic move when its first impact check falls due (agreed or in progress → impact check). */
export function statusAfterImpactCheckDue(status: RecommendationStatus): RecommendationStatus | null {
  return status === 'agreed' || status === 'in_progress' ? 'impact_check' : null;
}

/** A "not embedded" judgement reopens the actions (impact check → in progress); other judgements move nothing. */
export function statusAfterJudgement(
  status: RecommendationStatus,
  judgement: ImpactJudgement,
): RecommendationStatus | null {
  return judgement === 'not_embedded' && status === 'impact_check' ? 'in_progress' : null;
}

// ---------------------------------------------------------------------------------------------------
// Action status machine
// ---------------------------------------------------------------------------------------------------

/**
 * Which status an action may move to from each status. Complete and cancelled may be reopened (back in
 * progress), as a "not embedded" impact-check judgement also does to completed actions by itself.
 */
export const ACTION_TRANSITIONS: Record<ActionStatus, readonly ActionStatus[]> = {
  not_started: ['in_progress', 'complete', 'cancelled'],
  in_progress: ['complete', 'cancelled'],
  complete: ['in_progress'],
  cancelled: ['in_progress'],
};

/** The statuses an action may move to next, in the order a page offers them. */
export function actionNextStatuses(from: ActionStatus): ActionStatus[] {
  return [...ACTION_TRANSITIONS[from]];
}

export function isAllowedActionTransition(from: ActionStatus, to: ActionStatus): boolean {
  return ACTION_TRANSITIONS[from].includes(to);
}

const actionLabel = (s: ActionStatus) => ACTION_STATUS_LABELS[s].toLowerCase();

/** Why an action may not move from `from` to `to`, in plain English, or null when it may. */
export function actionStatusChangeRefusal(from: ActionStatus, to: ActionStatus): string | null {
  if (from === to) return `The action is already ${actionLabel(from)}.`;
  if (isAllowedActionTransition(from, to)) return null;
  const allowed = ACTION_TRANSITIONS[from].map(actionLabel).join(', ');
  return `An action that is ${actionLabel(from)} cannot be made ${actionLabel(to)}. From ${actionLabel(from)} it can move to: ${allowed}.`;
}

// ---------------------------------------------------------------------------------------------------
// Impact-check scheduling
// ---------------------------------------------------------------------------------------------------

export const IMPACT_CHECK_MONTHS_MIN = 1;
export const IMPACT_CHECK_MONTHS_MAX = 60;
export const IMPACT_CHECK_COUNT_MAX = 6;

/** Why a list of impact-check months is not acceptable, or null when it is. */
export function impactCheckMonthsProblem(months: readonly number[]): string | null {
  if (months.length < 1) return 'Enter at least one impact check';
  if (months.length > IMPACT_CHECK_COUNT_MAX)
    return `Enter no more than ${IMPACT_CHECK_COUNT_MAX} impact checks`;
  for (const m of months) {
    if (!Number.isInteger(m)) return 'Impact check months must be whole numbers';
    if (m < IMPACT_CHECK_MONTHS_MIN || m > IMPACT_CHECK_MONTHS_MAX)
      return `Impact check months must be between ${IMPACT_CHECK_MONTHS_MIN} and ${IMPACT_CHECK_MONTHS_MAX}`;
  }
  for (let i = 1; i < months.length; i++) {
    if (months[i] === months[i - 1]) return 'Impact check months must not repeat';
    if (months[i] < months[i - 1]) return 'Impact check months must be in ascending order';
  }
  return null;
}

/** The months list as zod validates it at the edge (with the same messages). */
export const ZImpactCheckMonths = z
  .array(z.number({ message: 'Enter a number of months' }))
  .superRefine((months, ctx) => {
    const problem = impactCheckMonthsProblem(months);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const defaultImpactCheckMonths = (): number[] => [...DEFAULT_IMPACT_CHECK_MONTHS];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `months` calendar months after `date` (YYYY-MM-DD), clamped to the end of the month: 31 January plus one
 * month is 28 (or 29) February. Calendar arithmetic on the date itself, so no time zone can shift a day.
 */
export function addCalendarMonths(date: string, months: number): string {
  const match = DATE_RE.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new Error(`Not a calendar date: ${date}`);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** When each impact check falls after a recommendation agreed on `agreedOn`. */
export function impactCheckDates(
  agreedOn: string,
  months: readonly number[],
): { months: number; dueOn: string }[] {
  const problem = impactCheckMonthsProblem(months);
  if (problem) throw new Error(problem);
  return months.map((m) => ({ months: m, dueOn: addCalendarMonths(agreedOn, m) }));
}

// ---------------------------------------------------------------------------------------------------
// Closure
// ---------------------------------------------------------------------------------------------------

export type ClosureCheck = {
  months: number;
  dueOn: string;
  judgement: ImpactJudgement | null;
  /** The addressed agencies that gave evidence for this check. */
  evidenceAgencyIds: readonly string[];
};

export type ClosureApproval = {
  /** Who approved closure for the monitoring group (recorded as text, e.g. "Chair of the QA group"). */
  approvedBy: string;
  /** The meeting at which it was approved. */
  meeting: string;
  closedOn: string;
};

export type ClosureInput = {
  status: RecommendationStatus;
  /** The recommendation's current (not superseded) impact checks. */
  checks: readonly ClosureCheck[];
  addressedAgencyIds: readonly string[];
  approval: ClosureApproval | null;
  /** Today's date, YYYY-MM-DD. */
  today: string;
};

export type ClosureRefusal =
  | 'status'
  | 'no_judgement'
  | 'not_embedded'
  | 'missing_evidence'
  | 'no_approval'
  | 'future_date';

export type ClosureDecision =
  | { ok: true }
  | { ok: false; refusal: ClosureRefusal; reason: string; missingAgencyIds?: string[] };

/** The impact check whose judgement counts: the latest due (then the longest interval) that has one. */
export function latestJudgedCheck<T extends ClosureCheck>(checks: readonly T[]): T | null {
  let latest: T | null = null;
  for (const c of checks) {
    if (!c.judgement) continue;
    if (!latest || c.dueOn > latest.dueOn || (c.dueOn === latest.dueOn && c.months > latest.months))
      latest = c;
  }
  return latest;
}

/**
 * Whether a recommendation may close: its most recent judged impact check says "embedded", every addressed
 * agency gave evidence for that check, and the monitoring group's approval is recorded (who, at which
 * meeting, on a date not in the future). Otherwise the first reason, in plain English.
 */
export function canClose(input: ClosureInput): ClosureDecision {
  const { status, checks, addressedAgencyIds, approval, today } = input;
  if (!isAllowedTransition(status, 'closed')) {
    return {
      ok: false,
      refusal: 'status',
      reason: `A recommendation that is ${label(status)} cannot be closed: it must be in progress or having its impact checked.`,
    };
  }
  const latest = latestJudgedCheck(checks);
  if (!latest) {
    return {
      ok: false,
      refusal: 'no_judgement',
      reason:
        'No impact check has a judgement yet. The monitoring group must judge the change embedded before the recommendation can close.',
    };
  }
  if (latest.judgement !== 'embedded') {
    return {
      ok: false,
      refusal: 'not_embedded',
      reason: `The latest judged impact check (${latest.months} months, due ${latest.dueOn}) was judged ${IMPACT_JUDGEMENT_LABELS[
        latest.judgement as ImpactJudgement
      ].toLowerCase()}. It can close only once the change is judged embedded.`,
    };
  }
  const given = new Set(latest.evidenceAgencyIds);
  const missingAgencyIds = [...new Set(addressedAgencyIds)].filter((id) => !given.has(id));
  if (missingAgencyIds.length > 0) {
    const n = missingAgencyIds.length;
    return {
      ok: false,
      refusal: 'missing_evidence',
      reason: `${n} of the agencies it is addressed to ${n === 1 ? 'has' : 'have'} not given evidence for the ${latest.months} month impact check.`,
      missingAgencyIds,
    };
  }
  if (!approval?.approvedBy.trim() || !approval.meeting.trim() || !approval.closedOn) {
    return {
      ok: false,
      refusal: 'no_approval',
      reason:
        'Record the monitoring group’s approval: who approved closing it, at which meeting, and the date.',
    };
  }
  if (approval.closedOn > today) {
    return { ok: false, refusal: 'future_date', reason: 'The date it was closed cannot be in the future.' };
  }
  return { ok: true };
}

/**
 * An impact check opens for evidence this many days before it is due: only then does it appear on the
 * agency leads' My work (a 12-month check is not work a year ahead), and the reminders start within it.
 */
export const IMPACT_CHECK_OPENS_DAYS_BEFORE = 28;
