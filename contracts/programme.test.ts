import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TRANSITIONS,
  addMonths,
  canMoveActivity,
  monthsOfYear,
  oneYearOn,
  programmeYearOf,
  quarterOfYear,
  yearBounds,
  yearLabel,
} from './programme.js';

describe('programme years', () => {
  it('runs a financial year April to March and an academic year September to August', () => {
    expect(yearBounds(2026, 'financial')).toEqual({ startsOn: '2026-04-01', endsOn: '2027-03-31' });
    expect(yearBounds(2027, 'academic')).toEqual({ startsOn: '2027-09-01', endsOn: '2028-08-31' });
    expect(monthsOfYear(2026, 'financial').map((m) => m.month)).toEqual([
      4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3,
    ]);
    expect(yearLabel(2026)).toBe('2026–27');
    expect(yearLabel(2099)).toBe('2099–00');
  });

  it('names each quarter by its months, across the new year where it must', () => {
    expect(quarterOfYear(2026, 'financial', 4)).toEqual({
      quarter: 4,
      startsOn: '2027-01-01',
      endsOn: '2027-03-31',
      label: 'January to March 2027',
    });
    expect(quarterOfYear(2027, 'financial', 4).endsOn).toBe('2028-03-31');
    expect(quarterOfYear(2026, 'academic', 2)).toMatchObject({
      startsOn: '2026-12-01',
      endsOn: '2027-02-28',
      label: 'December 2026 to February 2027',
    });
    expect(quarterOfYear(2027, 'academic', 2).endsOn).toBe('2028-02-29');
  });

  it('finds the programme year of a date', () => {
    expect(programmeYearOf('2026-11-23', 'financial')).toBe(2026);
    expect(programmeYearOf('2027-03-31', 'financial')).toBe(2026);
    expect(programmeYearOf('2027-04-01', 'financial')).toBe(2027);
    expect(programmeYearOf('2026-08-31', 'academic')).toBe(2025);
  });

  it('moves a date one year on, turning 29 February into 28 February', () => {
    expect(oneYearOn('2026-06-12')).toBe('2027-06-12');
    expect(oneYearOn('2028-02-29')).toBe('2029-02-28');
    expect(oneYearOn('2027-02-28')).toBe('2028-02-28');
    expect(addMonths('2026-04-01', -6)).toBe('2025-10-01');
    expect(addMonths('2027-03-31', 6)).toBe('2027-09-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
});

describe('activity workflow', () => {
  it('goes planned → in progress → reporting → complete, and cancelled or deferred work can be planned again', () => {
    expect(canMoveActivity('planned', 'in_progress')).toBe(true);
    expect(canMoveActivity('in_progress', 'reporting')).toBe(true);
    expect(canMoveActivity('reporting', 'complete')).toBe(true);
    expect(canMoveActivity('planned', 'complete')).toBe(false);
    expect(canMoveActivity('complete', 'cancelled')).toBe(false);
    expect(canMoveActivity('cancelled', 'planned')).toBe(true);
    expect(canMoveActivity('deferred', 'planned')).toBe(true);
    for (const s of ACTIVITY_STATUSES) expect(ACTIVITY_TRANSITIONS[s]).not.toContain(s);
  });
});
