import { describe, expect, it } from 'vitest';
import { sarIsMandatory } from '../../../contracts/case-reviews.js';
import {
  agencySummariesDueOn,
  isOverdue,
  needsRapidReview,
  notificationDueOn,
  notificationInTime,
  rapidReviewDueOn,
  rapidReviewTimetable,
  reviewTargetPublicationOn,
  sarAcknowledgeDueOn,
  weekOf,
  workingDayOf,
} from './case-reviews.rules.js';

// Every expected date below was worked out by hand from the England and Wales bank holidays:
// 2026: 1 Jan, 3 Apr (Good Friday), 6 Apr (Easter Monday), 4 May, 25 May, 31 Aug, 25 Dec, 28 Dec
// (Boxing Day falls on a Saturday). 2027: 1 Jan, 26 Mar, 29 Mar, 3 May, 31 May, 30 Aug, 27 and 28 Dec.

const timetable = (sent: string) =>
  Object.fromEntries(rapidReviewTimetable(sent).map((s) => [s.step, s.dueOn]));

describe('notification to the national panel: within 5 working days of becoming aware', () => {
  it('counts five weekdays, skipping the weekend', () => {
    expect(notificationDueOn('2026-11-20')).toBe('2026-11-27'); // Friday -> the next Friday
    expect(notificationDueOn('2026-11-23')).toBe('2026-11-30'); // Monday -> the next Monday
  });

  it('does not count the day of becoming aware, even at a weekend', () => {
    expect(notificationDueOn('2026-11-21')).toBe('2026-11-27'); // Saturday -> Friday
  });

  it('skips Christmas Day and the substitute Boxing Day', () => {
    expect(notificationDueOn('2026-12-21')).toBe('2026-12-30');
  });

  it('skips New Year’s Day across the turn of the year', () => {
    expect(notificationDueOn('2026-12-29')).toBe('2027-01-06');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(notificationDueOn('2026-04-01')).toBe('2026-04-10');
  });

  it('skips the early May and spring bank holidays', () => {
    expect(notificationDueOn('2026-04-30')).toBe('2026-05-08');
    expect(notificationDueOn('2026-05-22')).toBe('2026-06-01');
  });

  it('is in time on the fifth working day and late the day after', () => {
    expect(notificationInTime('2026-12-21', '2026-12-30')).toBe(true);
    expect(notificationInTime('2026-12-21', '2026-12-31')).toBe(false);
    expect(notificationInTime('2026-12-21', '2026-12-21')).toBe(true);
  });
});

describe('rapid review timetable: working days from the day the notification was sent', () => {
  it('runs across Christmas and New Year to working day 15', () => {
    expect(timetable('2026-12-14')).toEqual({
      request_information: '2026-12-17', // day 3
      agency_summaries: '2026-12-22', // 3 working days after the request
      collate: '2026-12-23', // day 7
      decision_meeting: '2027-01-05', // day 13, after 25, 28 Dec and 1 Jan
      decision_sent: '2027-01-07', // day 15
    });
    expect(rapidReviewDueOn('2026-12-14')).toBe('2027-01-07');
  });

  it('runs across Easter', () => {
    expect(timetable('2026-03-26')).toEqual({
      request_information: '2026-03-31',
      agency_summaries: '2026-04-07',
      collate: '2026-04-08',
      decision_meeting: '2026-04-16',
      decision_sent: '2026-04-20',
    });
  });

  it('runs across the early May bank holiday', () => {
    expect(timetable('2026-04-24')).toEqual({
      request_information: '2026-04-29',
      agency_summaries: '2026-05-05',
      collate: '2026-05-06',
      decision_meeting: '2026-05-14',
      decision_sent: '2026-05-18',
    });
  });

  it('lists the steps in order', () => {
    expect(rapidReviewTimetable('2026-04-24').map((s) => s.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives agencies 3 working days from the day information was actually requested', () => {
    expect(agencySummariesDueOn('2026-12-24')).toBe('2026-12-31'); // Christmas Eve
    expect(agencySummariesDueOn('2026-11-23')).toBe('2026-11-26');
  });

  it('says which working day of the clock a date is', () => {
    expect(workingDayOf('2026-12-14', '2026-12-14')).toBe(0);
    expect(workingDayOf('2026-12-14', '2027-01-07')).toBe(15);
    expect(workingDayOf('2026-12-14', '2026-12-26')).toBe(8); // Saturday after Christmas: still day 8
    expect(workingDayOf('2026-12-14', '2026-12-01')).toBe(0);
  });
});

describe('SAR referrals', () => {
  it('confirms receipt within 5 working days, skipping Easter 2027', () => {
    expect(sarAcknowledgeDueOn('2027-03-19')).toBe('2027-03-30');
  });

  it('is mandatory only with concern about joint working and death or serious abuse or neglect', () => {
    expect(sarIsMandatory(true, 'died')).toBe(true);
    expect(sarIsMandatory(true, 'serious_abuse_or_neglect')).toBe(true);
    expect(sarIsMandatory(true, 'neither')).toBe(false);
    expect(sarIsMandatory(false, 'died')).toBe(false);
  });
});

describe('reviews and the clock', () => {
  it('expects publication 6 months after initiation, clamped to the month end', () => {
    expect(reviewTargetPublicationOn('2026-03-15')).toBe('2026-09-15');
    expect(reviewTargetPublicationOn('2026-08-31')).toBe('2027-02-28');
    expect(reviewTargetPublicationOn('2027-08-31')).toBe('2028-02-29'); // leap year
  });

  it('is overdue only after the due date and while not done', () => {
    expect(isOverdue('2026-12-17', null, '2026-12-17')).toBe(false);
    expect(isOverdue('2026-12-17', null, '2026-12-18')).toBe(true);
    expect(isOverdue('2026-12-17', '2026-12-20', '2026-12-21')).toBe(false);
  });

  it('finds the Monday-to-Sunday week for "due this week"', () => {
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('needs a rapid review for a serious incident but not for a care leaver’s death', () => {
    expect(needsRapidReview('serious_incident')).toBe(true);
    expect(needsRapidReview('care_leaver_death')).toBe(false);
  });
});
