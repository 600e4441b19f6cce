import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY, type TReminderPolicy } from '../../../contracts/notifications.js';
import { addDays, daysBetween, dueReminderRules, dueWords, londonToday } from './reminders.rules.js';

const rules = (dueOn: string, today: string, sent: string[] = [], policy = DEFAULT_REMINDER_POLICY) =>
  dueReminderRules(policy, dueOn, today, sent).map((r) => r.rule);

/** Runs the scheduler day by day from `from` to `to`, remembering what it sent, as the daily job does. */
function simulate(
  dueOn: string,
  from: string,
  to: string,
  policy = DEFAULT_REMINDER_POLICY,
  skip: string[] = [],
) {
  const sent: string[] = [];
  const log: string[] = [];
  for (let day = from; daysBetween(day, to) >= 0; day = addDays(day, 1)) {
    if (skip.includes(day)) continue;
    for (const r of dueReminderRules(policy, dueOn, day, sent)) {
      sent.push(r.rule);
      log.push(`${day} ${r.rule}`);
    }
  }
  return log;
}

describe('dueReminderRules with the default policy', () => {
  it('reminds 7 days before, on the day, 3 days after, then weekly, and escalates at 14 and 28 days', () => {
    expect(simulate('2026-06-15', '2026-06-01', '2026-07-20')).toEqual([
      '2026-06-08 before:7',
      '2026-06-15 on_day',
      '2026-06-18 after:3',
      '2026-06-25 every:7:1',
      '2026-06-29 escalate:agency_lead',
      '2026-07-02 every:7:2',
      '2026-07-09 every:7:3',
      '2026-07-13 escalate:admin',
      '2026-07-16 every:7:4',
    ]);
  });

  it('sends nothing on the days in between, or before the first reminder', () => {
    expect(rules('2026-06-15', '2026-06-07')).toEqual([]);
    expect(rules('2026-06-15', '2026-06-09', ['before:7'])).toEqual([]);
    expect(rules('2026-06-15', '2026-06-16', ['before:7', 'on_day'])).toEqual([]);
  });

  it('never sends a rule twice for the same due date', () => {
    expect(rules('2026-06-15', '2026-06-08', ['before:7'])).toEqual([]);
    expect(rules('2026-06-15', '2026-06-29', ['every:7:1', 'escalate:agency_lead'])).toEqual([]);
  });
});

describe('calendar edges', () => {
  it('counts back across a month end', () => {
    expect(simulate('2026-03-03', '2026-02-20', '2026-03-03')).toEqual([
      '2026-02-24 before:7',
      '2026-03-03 on_day',
    ]);
    expect(simulate('2026-04-30', '2026-04-30', '2026-05-03')).toEqual([
      '2026-04-30 on_day',
      '2026-05-03 after:3',
    ]);
  });

  it('counts the 29th of February in a leap year, and not in other years', () => {
    expect(
      simulate('2028-03-01', '2028-02-20', '2028-03-01', { ...DEFAULT_REMINDER_POLICY, daysBefore: [1] }),
    ).toEqual(['2028-02-29 before:1', '2028-03-01 on_day']);
    expect(
      simulate('2027-03-01', '2027-02-20', '2027-03-01', { ...DEFAULT_REMINDER_POLICY, daysBefore: [1] }),
    ).toEqual(['2027-02-28 before:1', '2027-03-01 on_day']);
    expect(rules('2028-02-29', '2028-03-03', ['on_day'])).toEqual(['after:3']);
  });

  it('crosses a year end', () => {
    expect(rules('2027-01-02', '2026-12-26')).toEqual(['before:7']);
  });

  it('rejects a date that does not exist', () => {
    expect(() => rules('2027-02-29', '2027-03-01')).toThrow(RangeError);
  });
});

describe('a job that did not run for a few days', () => {
  it('sends only the latest missed reminder, once, not a burst', () => {
    // Down from the 7th to the 16th: before:7 and on_day were missed; on the 17th only on_day is sent.
    expect(rules('2026-06-15', '2026-06-17')).toEqual(['on_day']);
    const days = Array.from({ length: 10 }, (_, i) => addDays('2026-06-07', i));
    expect(simulate('2026-06-15', '2026-06-01', '2026-06-18', DEFAULT_REMINDER_POLICY, days)).toEqual([
      '2026-06-17 on_day',
      '2026-06-18 after:3',
    ]);
  });

  it('catches up on a weekly repeat with the latest one only', () => {
    expect(
      rules('2026-06-15', '2026-07-03', ['before:7', 'on_day', 'after:3', 'escalate:agency_lead']),
    ).toEqual(['every:7:2']);
  });

  it('still sends each escalation once, to their different people', () => {
    expect(rules('2026-06-15', '2026-08-01')).toEqual([
      'every:7:6',
      'escalate:agency_lead',
      'escalate:admin',
    ]);
  });
});

describe('a changed due date', () => {
  it('starts afresh: rules sent for the old date do not count for the new one', () => {
    // Was due on the 15th (before:7 and on_day sent for that date); moved to the 30th. The caller passes
    // only the rules sent for the 30th, i.e. none.
    expect(rules('2026-06-30', '2026-06-16', [])).toEqual([]);
    expect(rules('2026-06-30', '2026-06-23', [])).toEqual(['before:7']);
  });

  it('moved earlier, into the past: one overdue reminder rather than every missed one', () => {
    expect(rules('2026-06-10', '2026-06-15', [])).toEqual(['after:3']);
  });
});

describe('other policies', () => {
  const policy: TReminderPolicy = {
    daysBefore: [14, 3],
    onTheDay: false,
    daysAfter: [],
    thenEveryDays: 2,
    escalateToAgencyLeadAfterDays: null,
    escalateToAdminAfterDays: 5,
  };

  it('follows several reminders before, no day reminder, repeats from the due date and only an admin escalation', () => {
    expect(simulate('2026-06-15', '2026-05-25', '2026-06-21', policy)).toEqual([
      '2026-06-01 before:14',
      '2026-06-12 before:3',
      '2026-06-17 every:2:1',
      '2026-06-19 every:2:2',
      '2026-06-20 escalate:admin',
      '2026-06-21 every:2:3',
    ]);
  });

  it('sends nothing at all for an empty policy', () => {
    const none: TReminderPolicy = {
      daysBefore: [],
      onTheDay: false,
      daysAfter: [],
      thenEveryDays: null,
      escalateToAgencyLeadAfterDays: null,
      escalateToAdminAfterDays: null,
    };
    expect(simulate('2026-06-15', '2026-05-01', '2026-09-01', none)).toEqual([]);
  });
});

describe('words and dates', () => {
  it('says how due the item is from today', () => {
    expect(dueWords('2026-06-15', '2026-06-08')).toBe('due in 7 days');
    expect(dueWords('2026-06-15', '2026-06-14')).toBe('due tomorrow');
    expect(dueWords('2026-06-15', '2026-06-15')).toBe('due today');
    expect(dueWords('2026-06-15', '2026-06-16')).toBe('1 day overdue');
    expect(dueWords('2026-06-15', '2026-06-18')).toBe('3 days overdue');
  });

  it("takes today's date in England, not UTC", () => {
    // 23:30 UTC on 14 June is 00:30 on 15 June in British Summer Time.
    expect(londonToday(new Date('2026-06-14T23:30:00Z'))).toBe('2026-06-15');
    expect(londonToday(new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-14');
  });
});
