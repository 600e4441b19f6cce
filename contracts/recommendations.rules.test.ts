import { describe, expect, it } from 'vitest';
import {
  ACTION_STATUSES,
  type ActionStatus,
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
} from './recommendations.js';
import {
  actionNextStatuses,
  actionStatusChangeRefusal,
  addCalendarMonths,
  type ClosureCheck,
  type ClosureInput,
  canClose,
  impactCheckDates,
  impactCheckMonthsProblem,
  isAllowedActionTransition,
  isAllowedTransition,
  latestJudgedCheck,
  manualNextStatuses,
  nextStatuses,
  statusAfterActionStarted,
  statusAfterImpactCheckDue,
  statusAfterJudgement,
  statusChangeRefusal,
  ZImpactCheckMonths,
} from './recommendations.rules.js';

describe('status machine', () => {
  const allowed: [RecommendationStatus, RecommendationStatus][] = [
    ['draft', 'agreed'],
    ['draft', 'not_accepted'],
    ['agreed', 'in_progress'],
    ['agreed', 'impact_check'],
    ['in_progress', 'impact_check'],
    ['in_progress', 'closed'],
    ['impact_check', 'in_progress'],
    ['impact_check', 'closed'],
    ['not_accepted', 'draft'],
  ];

  it('allows exactly the listed transitions', () => {
    for (const from of RECOMMENDATION_STATUSES) {
      for (const to of RECOMMENDATION_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(isAllowedTransition(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('lists the next statuses, with closed only through the closure step', () => {
    expect(nextStatuses('draft')).toEqual(['agreed', 'not_accepted']);
    expect(nextStatuses('in_progress')).toEqual(['impact_check', 'closed']);
    expect(manualNextStatuses('in_progress')).toEqual(['impact_check']);
    expect(manualNextStatuses('impact_check')).toEqual(['in_progress']);
    expect(manualNextStatuses('closed')).toEqual([]);
    expect(manualNextStatuses('not_accepted')).toEqual(['draft']);
  });

  it('accepts allowed manual moves and explains refusals', () => {
    expect(statusChangeRefusal('draft', 'agreed')).toBeNull();
    expect(statusChangeRefusal('not_accepted', 'draft')).toBeNull();
    expect(statusChangeRefusal('draft', 'in_progress')).toBe(
      'A recommendation that is draft cannot move to in progress. From draft it can move to: agreed, not accepted.',
    );
    expect(statusChangeRefusal('agreed', 'agreed')).toBe('The recommendation is already agreed.');
    expect(statusChangeRefusal('closed', 'in_progress')).toBe(
      'The recommendation is closed and cannot change status.',
    );
    expect(statusChangeRefusal('in_progress', 'closed')).toMatch(/closure step/);
    expect(statusChangeRefusal('draft', 'closed')).toMatch(/cannot be closed/);
    expect(statusChangeRefusal('agreed', 'draft')).toMatch(/cannot move to draft/);
  });

  it('moves automatically when an action starts, a check falls due, or change is not embedded', () => {
    expect(statusAfterActionStarted('agreed')).toBe('in_progress');
    expect(statusAfterActionStarted('in_progress')).toBeNull();
    expect(statusAfterActionStarted('draft')).toBeNull();
    expect(statusAfterImpactCheckDue('agreed')).toBe('impact_check');
    expect(statusAfterImpactCheckDue('in_progress')).toBe('impact_check');
    expect(statusAfterImpactCheckDue('impact_check')).toBeNull();
    expect(statusAfterImpactCheckDue('closed')).toBeNull();
    expect(statusAfterJudgement('impact_check', 'not_embedded')).toBe('in_progress');
    expect(statusAfterJudgement('impact_check', 'partly_embedded')).toBeNull();
    expect(statusAfterJudgement('impact_check', 'embedded')).toBeNull();
    expect(statusAfterJudgement('in_progress', 'not_embedded')).toBeNull();
  });
});

describe('action status machine', () => {
  const allowed: [ActionStatus, ActionStatus][] = [
    ['not_started', 'in_progress'],
    ['not_started', 'complete'],
    ['not_started', 'cancelled'],
    ['in_progress', 'complete'],
    ['in_progress', 'cancelled'],
    ['complete', 'in_progress'],
    ['cancelled', 'in_progress'],
  ];

  it('allows exactly the listed transitions', () => {
    for (const from of ACTION_STATUSES) {
      for (const to of ACTION_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(isAllowedActionTransition(from, to), `${from} → ${to}`).toBe(expected);
        expect(actionStatusChangeRefusal(from, to) === null, `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('lists the next statuses in the order a page offers them, as a copy the caller may change', () => {
    expect(actionNextStatuses('not_started')).toEqual(['in_progress', 'complete', 'cancelled']);
    expect(actionNextStatuses('in_progress')).toEqual(['complete', 'cancelled']);
    expect(actionNextStatuses('complete')).toEqual(['in_progress']);
    expect(actionNextStatuses('cancelled')).toEqual(['in_progress']);
    actionNextStatuses('complete').push('cancelled');
    expect(actionNextStatuses('complete')).toEqual(['in_progress']);
  });

  it('explains a refused move in plain English', () => {
    expect(actionStatusChangeRefusal('cancelled', 'complete')).toBe(
      'An action that is cancelled cannot be made complete. From cancelled it can move to: in progress.',
    );
    expect(actionStatusChangeRefusal('in_progress', 'not_started')).toBe(
      'An action that is in progress cannot be made not started. From in progress it can move to: complete, cancelled.',
    );
    expect(actionStatusChangeRefusal('complete', 'complete')).toBe('The action is already complete.');
  });
});

describe('impact-check months', () => {
  it('accepts 1 to 6 ascending whole numbers from 1 to 60', () => {
    expect(impactCheckMonthsProblem([3, 6, 12])).toBeNull();
    expect(impactCheckMonthsProblem([1])).toBeNull();
    expect(impactCheckMonthsProblem([1, 2, 3, 12, 24, 60])).toBeNull();
  });

  it('refuses each kind of bad list', () => {
    expect(impactCheckMonthsProblem([])).toBe('Enter at least one impact check');
    expect(impactCheckMonthsProblem([1, 2, 3, 4, 5, 6, 7])).toBe('Enter no more than 6 impact checks');
    expect(impactCheckMonthsProblem([3, 6.5])).toBe('Impact check months must be whole numbers');
    expect(impactCheckMonthsProblem([0, 6])).toBe('Impact check months must be between 1 and 60');
    expect(impactCheckMonthsProblem([3, 61])).toBe('Impact check months must be between 1 and 60');
    expect(impactCheckMonthsProblem([-3])).toBe('Impact check months must be between 1 and 60');
    expect(impactCheckMonthsProblem([3, 3, 12])).toBe('Impact check months must not repeat');
    expect(impactCheckMonthsProblem([6, 3, 12])).toBe('Impact check months must be in ascending order');
  });

  it('validates the same way through zod', () => {
    expect(ZImpactCheckMonths.safeParse([3, 6, 12]).success).toBe(true);
    const bad = ZImpactCheckMonths.safeParse([12, 6]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toBe('Impact check months must be in ascending order');
    expect(ZImpactCheckMonths.safeParse(['3']).success).toBe(false);
  });
});

describe('impact-check dates', () => {
  it('adds calendar months', () => {
    expect(impactCheckDates('2026-06-15', [3, 6, 12])).toEqual([
      { months: 3, dueOn: '2026-09-15' },
      { months: 6, dueOn: '2026-12-15' },
      { months: 12, dueOn: '2027-06-15' },
    ]);
  });

  it('crosses year ends', () => {
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-10-01', 3)).toBe('2027-01-01');
    expect(addCalendarMonths('2026-12-31', 12)).toBe('2027-12-31');
    expect(addCalendarMonths('2026-01-10', 60)).toBe('2031-01-10');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addCalendarMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addCalendarMonths('2026-05-31', 6)).toBe('2026-11-30');
    // The clamp does not carry forward: 31 January + 2 months is 31 March, not 28 March.
    expect(addCalendarMonths('2026-01-31', 2)).toBe('2026-03-31');
  });

  it('handles leap years', () => {
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addCalendarMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addCalendarMonths('2028-02-29', 3)).toBe('2028-05-29');
    // Century years: 2100 is not a leap year, 2000 was.
    expect(addCalendarMonths('2099-11-30', 3)).toBe('2100-02-28');
    expect(addCalendarMonths('1999-11-30', 3)).toBe('2000-02-29');
    expect(impactCheckDates('2028-02-29', [3, 6, 12])).toEqual([
      { months: 3, dueOn: '2028-05-29' },
      { months: 6, dueOn: '2028-08-29' },
      { months: 12, dueOn: '2029-02-28' },
    ]);
    expect(impactCheckDates('2027-08-31', [6, 18])).toEqual([
      { months: 6, dueOn: '2028-02-29' },
      { months: 18, dueOn: '2029-02-28' },
    ]);
  });

  it('refuses a date that is not a calendar date, or a bad months list', () => {
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(/Not a calendar date/);
    expect(() => addCalendarMonths('2026-13-01', 1)).toThrow(/Not a calendar date/);
    expect(() => addCalendarMonths('15/06/2026', 1)).toThrow(/Not a calendar date/);
    expect(() => impactCheckDates('2026-06-15', [6, 3])).toThrow(/ascending/);
  });
});

describe('closure rule', () => {
  const A = 'agency-a';
  const B = 'agency-b';
  const approval = {
    approvedBy: 'Chair, QA group',
    meeting: 'QA group, 10 June 2027',
    closedOn: '2027-06-10',
  };
  const check = (over: Partial<ClosureCheck>): ClosureCheck => ({
    months: 12,
    dueOn: '2027-06-01',
    judgement: 'embedded',
    evidenceAgencyIds: [A, B],
    ...over,
  });
  const input = (over: Partial<ClosureInput> = {}): ClosureInput => ({
    status: 'impact_check',
    checks: [
      check({ months: 3, dueOn: '2026-09-01', judgement: 'partly_embedded', evidenceAgencyIds: [A] }),
      check({ months: 6, dueOn: '2026-12-01', judgement: null, evidenceAgencyIds: [] }),
      check({}),
    ],
    addressedAgencyIds: [A, B],
    approval,
    today: '2027-06-15',
    ...over,
  });

  it('closes with an embedded latest judgement, every agency’s evidence and a recorded approval', () => {
    expect(canClose(input())).toEqual({ ok: true });
    expect(canClose(input({ status: 'in_progress' }))).toEqual({ ok: true });
    // Approval recorded on the day itself.
    expect(canClose(input({ approval: { ...approval, closedOn: '2027-06-15' } }))).toEqual({ ok: true });
  });

  it('refuses from a status that cannot close', () => {
    for (const status of ['draft', 'agreed', 'not_accepted', 'closed'] as const) {
      const decision = canClose(input({ status }));
      expect(decision.ok, status).toBe(false);
      if (!decision.ok) expect(decision.refusal).toBe('status');
    }
    const draft = canClose(input({ status: 'draft' }));
    expect(!draft.ok && draft.reason).toMatch(/draft cannot be closed/);
  });

  it('refuses when no check has been judged', () => {
    const decision = canClose(
      input({ checks: [check({ judgement: null }), check({ months: 3, judgement: null })] }),
    );
    expect(decision).toMatchObject({ ok: false, refusal: 'no_judgement' });
    expect(canClose(input({ checks: [] }))).toMatchObject({ ok: false, refusal: 'no_judgement' });
  });

  it('refuses when the latest judgement is not embedded, even after an earlier embedded one', () => {
    const decision = canClose(
      input({
        checks: [
          check({ months: 3, dueOn: '2026-09-01', judgement: 'embedded' }),
          check({ months: 6, dueOn: '2026-12-01', judgement: 'not_embedded' }),
          check({ months: 12, dueOn: '2027-06-01', judgement: null }),
        ],
      }),
    );
    expect(decision).toEqual({
      ok: false,
      refusal: 'not_embedded',
      reason:
        'The latest judged impact check (6 months, due 2026-12-01) was judged not embedded. It can close only once the change is judged embedded.',
    });
    expect(canClose(input({ checks: [check({ judgement: 'partly_embedded' })] }))).toMatchObject({
      ok: false,
      refusal: 'not_embedded',
      reason: expect.stringMatching(/partly embedded/),
    });
  });

  it('counts the latest due check, whatever order the checks come in', () => {
    const early = check({ months: 3, dueOn: '2026-09-01', judgement: 'not_embedded' });
    const late = check({ months: 12, dueOn: '2027-06-01', judgement: 'embedded' });
    expect(latestJudgedCheck([late, early])).toBe(late);
    expect(canClose(input({ checks: [late, early] }))).toEqual({ ok: true });
  });

  it('refuses when an addressed agency gave no evidence for the judged check', () => {
    const decision = canClose(input({ checks: [check({ evidenceAgencyIds: [A] })] }));
    expect(decision).toEqual({
      ok: false,
      refusal: 'missing_evidence',
      reason: '1 of the agencies it is addressed to has not given evidence for the 12 month impact check.',
      missingAgencyIds: [B],
    });
    const none = canClose(input({ checks: [check({ evidenceAgencyIds: [] })] }));
    expect(none).toMatchObject({ refusal: 'missing_evidence', missingAgencyIds: [A, B] });
    expect(!none.ok && none.reason).toMatch(/^2 of the agencies .* have not given/);
    // Evidence from an agency it is not addressed to does not count.
    expect(canClose(input({ checks: [check({ evidenceAgencyIds: [A, 'other'] })] }))).toMatchObject({
      refusal: 'missing_evidence',
      missingAgencyIds: [B],
    });
  });

  it('refuses without the monitoring group’s recorded approval', () => {
    expect(canClose(input({ approval: null }))).toMatchObject({ ok: false, refusal: 'no_approval' });
    expect(canClose(input({ approval: { ...approval, approvedBy: '  ' } }))).toMatchObject({
      refusal: 'no_approval',
    });
    expect(canClose(input({ approval: { ...approval, meeting: '' } }))).toMatchObject({
      refusal: 'no_approval',
    });
    expect(canClose(input({ approval: { ...approval, closedOn: '' } }))).toMatchObject({
      refusal: 'no_approval',
    });
  });

  it('refuses a closing date in the future', () => {
    expect(canClose(input({ approval: { ...approval, closedOn: '2027-06-16' } }))).toEqual({
      ok: false,
      refusal: 'future_date',
      reason: 'The date it was closed cannot be in the future.',
    });
  });
});
