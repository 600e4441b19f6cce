/**
 * The statutory and local date rules of case reviews (domain-facts §5), in working days: weekends and
 * England and Wales bank holidays never count (server/platform/working-days.ts). Day 0 is the start date
 * and is never counted, so "within 5 working days of becoming aware" is addWorkingDays(aware, 5).
 *
 * Pure functions over ISO dates; the services store the dates they compute so that lists can filter on
 * them, and recompute them whenever a start date changes.
 */
import {
  RAPID_REVIEW_STEPS,
  type RapidReviewStep,
  REVIEW_PUBLICATION_MONTHS,
} from '../../../contracts/case-reviews.js';
import { addCalendarMonths } from '../../../contracts/recommendations.rules.js';
import { addWorkingDays, countWorkingDays, type IsoDate } from '../../platform/working-days.js';

/** s16C Children Act 2004: the local authority notifies the national panel within 5 working days of becoming aware. */
export const NOTIFICATION_WORKING_DAYS = 5;
/** The rapid review's decision reaches the national panel within 15 working days of the notification. */
export const RAPID_REVIEW_WORKING_DAYS = 15;
/** Agencies answer a request for their summary of involvement within 3 working days. */
export const AGENCY_SUMMARY_WORKING_DAYS = 3;
/** Local SAR protocols confirm receipt of a referral within 5 working days. */
export const SAR_ACKNOWLEDGE_WORKING_DAYS = 5;

/** When each rapid-review step is due, in working days after the notification was sent (day 0). */
export const RAPID_REVIEW_STEP_DAYS: Record<RapidReviewStep, number> = {
  request_information: 3,
  agency_summaries: 3 + AGENCY_SUMMARY_WORKING_DAYS,
  collate: 7,
  decision_meeting: 13,
  decision_sent: RAPID_REVIEW_WORKING_DAYS,
};

/** The last day the notification to the national panel is in time. */
export const notificationDueOn = (becameAwareOn: IsoDate): IsoDate =>
  addWorkingDays(becameAwareOn, NOTIFICATION_WORKING_DAYS);

/** Whether a notification sent on `sentOn` was within 5 working days of becoming aware. */
export const notificationInTime = (becameAwareOn: IsoDate, sentOn: IsoDate): boolean =>
  sentOn <= notificationDueOn(becameAwareOn);

/** The rapid review's timetable from the day the notification was sent: each step and its due date. */
export function rapidReviewTimetable(
  notifiedOn: IsoDate,
): { step: RapidReviewStep; position: number; dueOn: IsoDate }[] {
  return RAPID_REVIEW_STEPS.map((step, position) => ({
    step,
    position,
    dueOn: addWorkingDays(notifiedOn, RAPID_REVIEW_STEP_DAYS[step]),
  }));
}

/** The rapid review's deadline: working day 15 after the notification was sent. */
export const rapidReviewDueOn = (notifiedOn: IsoDate): IsoDate =>
  addWorkingDays(notifiedOn, RAPID_REVIEW_WORKING_DAYS);

/** Agencies' summaries are due 3 working days after information was actually requested. */
export const agencySummariesDueOn = (requestedOn: IsoDate): IsoDate =>
  addWorkingDays(requestedOn, AGENCY_SUMMARY_WORKING_DAYS);

/** A SAR referral's receipt is confirmed within 5 working days. */
export const sarAcknowledgeDueOn = (receivedOn: IsoDate): IsoDate =>
  addWorkingDays(receivedOn, SAR_ACKNOWLEDGE_WORKING_DAYS);

/** A review is expected to be published within 6 months of initiation (month ends clamp: 31 Aug → 28/29 Feb). */
export const reviewTargetPublicationOn = (initiatedOn: IsoDate): IsoDate =>
  addCalendarMonths(initiatedOn, REVIEW_PUBLICATION_MONTHS);

/** Which working day of the clock `on` is (day 0 = start); never negative. */
export const workingDayOf = (start: IsoDate, on: IsoDate): number =>
  on <= start ? 0 : countWorkingDays(start, on);

/** A dated step is overdue once today is after its due date and it is not done. */
export const isOverdue = (dueOn: IsoDate, doneOn: IsoDate | null, today: IsoDate): boolean =>
  doneOn === null && today > dueOn;

/** The Monday and Sunday of the week containing `today` (for "due this week" queries). */
export function weekOf(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const t = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)));
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(t - weekday * 86_400_000), to: iso(t + (6 - weekday) * 86_400_000) };
}

/** A care leaver's death needs no rapid review; a serious incident does. */
export const needsRapidReview = (kind: 'serious_incident' | 'care_leaver_death') =>
  kind === 'serious_incident';
