import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  bankHolidays,
  countWorkingDays,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
} from './working-days.js';

// Every expected value below was worked out by hand from the real calendar and the gov.uk list of
// England & Wales bank holidays; none is derived from the module under test.

const dates = (year: number) => bankHolidays(year).map((h) => h.date);

describe('bankHolidays', () => {
  it('lists 2020: Boxing Day on a Saturday moves to Monday 28 Dec; VE Day moves early May to Fri 8 May', () => {
    expect(dates(2020)).toEqual([
      '2020-01-01',
      '2020-04-10',
      '2020-04-13',
      '2020-05-08',
      '2020-05-25',
      '2020-08-31',
      '2020-12-25',
      '2020-12-28',
    ]);
  });

  it('lists 2021: Christmas (Sat) and Boxing Day (Sun) become Mon 27 and Tue 28 Dec', () => {
    expect(dates(2021)).toEqual([
      '2021-01-01',
      '2021-04-02',
      '2021-04-05',
      '2021-05-03',
      '2021-05-31',
      '2021-08-30',
      '2021-12-27',
      '2021-12-28',
    ]);
  });

  it('lists 2022: New Year substitute, spring holiday moved to Thu 2 June, Jubilee, state funeral, Christmas substitute Tue 27 Dec', () => {
    expect(dates(2022)).toEqual([
      '2022-01-03',
      '2022-04-15',
      '2022-04-18',
      '2022-05-02',
      '2022-06-02',
      '2022-06-03',
      '2022-08-29',
      '2022-09-19',
      '2022-12-26',
      '2022-12-27',
    ]);
  });

  it('lists 2023 with the coronation on Mon 8 May', () => {
    expect(dates(2023)).toEqual([
      '2023-01-02',
      '2023-04-07',
      '2023-04-10',
      '2023-05-01',
      '2023-05-08',
      '2023-05-29',
      '2023-08-28',
      '2023-12-25',
      '2023-12-26',
    ]);
  });

  it('lists 2024 and 2025', () => {
    expect(dates(2024)).toEqual([
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
    ]);
    expect(dates(2025)).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('names the days', () => {
    const byDate = new Map(bankHolidays(2022).map((h) => [h.date, h.name]));
    expect(byDate.get('2022-06-03')).toMatch(/Jubilee/);
    expect(byDate.get('2022-09-19')).toMatch(/Funeral/i);
    expect(byDate.get('2022-12-27')).toMatch(/Christmas/);
    for (const h of bankHolidays(2022)) expect(h.name.length).toBeGreaterThan(0);
  });

  it('returns a fresh array each time, so callers cannot corrupt the cache', () => {
    const first = bankHolidays(2024);
    first.pop();
    first[0].date = '1999-01-01';
    expect(dates(2024)).toHaveLength(8);
    expect(dates(2024)[0]).toBe('2024-01-01');
  });

  it('rejects non-integer and unsupported years', () => {
    expect(() => bankHolidays(2022.5)).toThrow(RangeError);
    expect(() => bankHolidays(Number.NaN)).toThrow(RangeError);
    expect(() => bankHolidays(1977)).toThrow(RangeError);
    expect(() => bankHolidays(10000)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it('treats weekends as non-working', () => {
    expect(isWorkingDay('2024-06-08')).toBe(false); // Saturday
    expect(isWorkingDay('2024-06-09')).toBe(false); // Sunday
    expect(isWorkingDay('2024-06-10')).toBe(true); // Monday
  });

  it('handles Christmas and New Year 2020 (Boxing Day on a Saturday)', () => {
    expect(isWorkingDay('2020-12-24')).toBe(true); // Christmas Eve is not a bank holiday
    expect(isWorkingDay('2020-12-25')).toBe(false);
    expect(isWorkingDay('2020-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay('2020-12-29')).toBe(true);
    expect(isWorkingDay('2020-12-31')).toBe(true);
    expect(isWorkingDay('2021-01-01')).toBe(false);
    expect(isBankHoliday('2020-12-28')).toBe(true);
    expect(isBankHoliday('2020-12-26')).toBe(false); // a Saturday; the Monday carries the holiday
  });

  it('handles Christmas 2021 (both days at the weekend) and New Year 2022 (Saturday)', () => {
    expect(isWorkingDay('2021-12-24')).toBe(true);
    expect(isWorkingDay('2021-12-27')).toBe(false);
    expect(isWorkingDay('2021-12-28')).toBe(false);
    expect(isWorkingDay('2021-12-29')).toBe(true);
    expect(isWorkingDay('2022-01-03')).toBe(false);
    expect(isWorkingDay('2022-01-04')).toBe(true);
  });

  it('handles Christmas 2022 (Sunday, substitute Tuesday 27) and New Year 2023 (Sunday)', () => {
    expect(isWorkingDay('2022-12-23')).toBe(true);
    expect(isWorkingDay('2022-12-26')).toBe(false);
    expect(isWorkingDay('2022-12-27')).toBe(false);
    expect(isWorkingDay('2022-12-28')).toBe(true);
    expect(isWorkingDay('2023-01-02')).toBe(false);
    expect(isWorkingDay('2023-01-03')).toBe(true);
  });

  it('handles Easter 2024 and 2025', () => {
    expect(isWorkingDay('2024-03-28')).toBe(true);
    expect(isWorkingDay('2024-03-29')).toBe(false); // Good Friday
    expect(isWorkingDay('2024-04-01')).toBe(false); // Easter Monday
    expect(isWorkingDay('2024-04-02')).toBe(true);
    expect(isWorkingDay('2025-04-18')).toBe(false);
    expect(isWorkingDay('2025-04-21')).toBe(false);
    expect(isWorkingDay('2025-04-22')).toBe(true);
  });

  it('handles early May and spring bank holidays, including the 2020 VE Day move', () => {
    expect(isWorkingDay('2020-05-04')).toBe(true); // first Monday, but the holiday moved
    expect(isWorkingDay('2020-05-08')).toBe(false);
    expect(isWorkingDay('2020-05-25')).toBe(false);
    expect(isWorkingDay('2025-05-05')).toBe(false);
    expect(isWorkingDay('2025-05-26')).toBe(false);
    expect(isWorkingDay('2025-05-27')).toBe(true);
  });

  it('handles the 2022 and 2023 royal one-off days', () => {
    expect(isWorkingDay('2022-05-30')).toBe(true); // last Monday in May, but the holiday moved to 2 June
    expect(isWorkingDay('2022-06-02')).toBe(false);
    expect(isWorkingDay('2022-06-03')).toBe(false);
    expect(isWorkingDay('2022-09-19')).toBe(false);
    expect(isWorkingDay('2023-05-08')).toBe(false);
  });

  it('handles earlier one-off days missing from date-holidays', () => {
    expect(isWorkingDay('1981-07-29')).toBe(false); // royal wedding
    expect(isWorkingDay('1995-05-01')).toBe(true); // early May moved for VE Day 50
    expect(isWorkingDay('1995-05-08')).toBe(false);
    expect(isWorkingDay('1999-12-31')).toBe(false); // millennium
    expect(isWorkingDay('2002-05-27')).toBe(true); // spring moved for Golden Jubilee
    expect(isWorkingDay('2002-06-03')).toBe(false);
    expect(isWorkingDay('2002-06-04')).toBe(false);
    expect(isWorkingDay('2011-04-29')).toBe(false); // royal wedding
    expect(isWorkingDay('2012-05-28')).toBe(true); // spring moved for Diamond Jubilee
    expect(isWorkingDay('2012-06-04')).toBe(false);
    expect(isWorkingDay('2012-06-05')).toBe(false);
  });

  it('does not exclude Scotland- or Northern Ireland-only holidays', () => {
    expect(isWorkingDay('2025-01-02')).toBe(true); // 2 January (Scotland)
    expect(isWorkingDay('2025-08-04')).toBe(true); // Scottish summer bank holiday
    expect(isWorkingDay('2025-08-25')).toBe(false); // England & Wales summer bank holiday
    expect(isWorkingDay('2023-11-30')).toBe(true); // St Andrew's Day (Scotland), a Thursday
    expect(isWorkingDay('2025-12-01')).toBe(true); // St Andrew's Day substitute (Scotland)
    expect(isWorkingDay('2025-03-17')).toBe(true); // St Patrick's Day (NI)
    expect(isWorkingDay('2023-07-12')).toBe(true); // Battle of the Boyne (NI), a Wednesday
    expect(isWorkingDay('2025-07-14')).toBe(true); // Battle of the Boyne substitute (NI)
  });

  it('handles leap days', () => {
    expect(isWorkingDay('2024-02-29')).toBe(true); // Thursday
    expect(isWorkingDay('2000-02-29')).toBe(true); // Tuesday
  });
});

describe('addWorkingDays', () => {
  it('treats start as day 0: n = 0 returns start even when it is not a working day', () => {
    expect(addWorkingDays('2024-06-10', 0)).toBe('2024-06-10');
    expect(addWorkingDays('2021-12-25', 0)).toBe('2021-12-25');
    expect(addWorkingDays('2020-12-25', -0)).toBe('2020-12-25');
  });

  it('skips weekends', () => {
    expect(addWorkingDays('2024-06-07', 1)).toBe('2024-06-10'); // Fri -> Mon
    expect(addWorkingDays('2024-06-08', 1)).toBe('2024-06-10'); // Sat -> Mon
    expect(addWorkingDays('2024-06-10', 5)).toBe('2024-06-17');
    expect(addWorkingDays('2024-06-10', 10)).toBe('2024-06-24');
  });

  it('crosses Christmas and New Year', () => {
    expect(addWorkingDays('2020-12-24', 1)).toBe('2020-12-29');
    expect(addWorkingDays('2020-12-24', 4)).toBe('2021-01-04');
    expect(addWorkingDays('2020-12-26', 1)).toBe('2020-12-29');
    expect(addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    expect(addWorkingDays('2021-12-24', 3)).toBe('2021-12-31');
    expect(addWorkingDays('2021-12-24', 4)).toBe('2022-01-04');
    expect(addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
    expect(addWorkingDays('2022-12-30', 1)).toBe('2023-01-03');
  });

  it('crosses Easter, May and one-off holidays', () => {
    expect(addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
    expect(addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
    expect(addWorkingDays('2020-05-07', 1)).toBe('2020-05-11');
    expect(addWorkingDays('2025-05-02', 1)).toBe('2025-05-06');
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
    expect(addWorkingDays('2023-05-05', 1)).toBe('2023-05-09');
  });

  it('crosses the 2024 leap day', () => {
    expect(addWorkingDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addWorkingDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addWorkingDays('2024-02-29', 2)).toBe('2024-03-04');
    expect(addWorkingDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2021-01-04', -1)).toBe('2020-12-31');
    expect(addWorkingDays('2020-12-29', -1)).toBe('2020-12-24');
    expect(addWorkingDays('2024-04-02', -1)).toBe('2024-03-28');
    expect(addWorkingDays('2024-06-10', -5)).toBe('2024-06-03');
  });

  it('rejects a non-integer n', () => {
    for (const n of [1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays('2024-06-10', n)).toThrow(RangeError);
    }
  });

  it('throws rather than step into an unsupported year', () => {
    expect(isWorkingDay('1978-01-03')).toBe(true);
    expect(() => addWorkingDays('1978-01-03', -1)).toThrow(RangeError); // 2 Jan 1978 was a bank holiday
  });
});

describe('countWorkingDays', () => {
  it('counts working days after from, up to and including to', () => {
    expect(countWorkingDays('2024-06-10', '2024-06-10')).toBe(0);
    expect(countWorkingDays('2024-06-07', '2024-06-10')).toBe(1);
    expect(countWorkingDays('2024-06-08', '2024-06-09')).toBe(0);
    expect(countWorkingDays('2020-12-24', '2021-01-04')).toBe(4);
    expect(countWorkingDays('2021-12-23', '2022-01-04')).toBe(5);
    expect(countWorkingDays('2025-04-14', '2025-04-25')).toBe(7);
  });

  it('counts whole months and years', () => {
    expect(countWorkingDays('2020-05-01', '2020-05-31')).toBe(18);
    expect(countWorkingDays('2025-04-30', '2025-05-31')).toBe(20);
    expect(countWorkingDays('2021-12-31', '2022-12-31')).toBe(250);
    expect(countWorkingDays('2022-12-31', '2023-12-31')).toBe(251);
    expect(countWorkingDays('2023-12-31', '2024-12-31')).toBe(254);
  });

  it('is negative when to is before from', () => {
    expect(countWorkingDays('2020-12-29', '2020-12-24')).toBe(-1);
    expect(countWorkingDays('2021-01-04', '2020-12-24')).toBe(-4);
    expect(countWorkingDays('2024-06-09', '2024-06-08')).toBe(0);
  });
});

describe('nextWorkingDay', () => {
  it('returns the date itself if it is a working day, else the next one', () => {
    expect(nextWorkingDay('2021-12-24')).toBe('2021-12-24');
    expect(nextWorkingDay('2020-12-25')).toBe('2020-12-29');
    expect(nextWorkingDay('2022-01-01')).toBe('2022-01-04');
    expect(nextWorkingDay('2023-05-06')).toBe('2023-05-09');
    expect(nextWorkingDay('2024-03-29')).toBe('2024-04-02');
  });
});

describe('add/count inverse property', () => {
  const isoDay = (dayNumber: number) => new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
  const first = Date.UTC(2019, 11, 1) / 86_400_000;
  const last = Date.UTC(2023, 6, 1) / 86_400_000;
  const starts: string[] = [];
  for (let day = first; day <= last; day++) starts.push(isoDay(day));

  it('countWorkingDays(d, addWorkingDays(d, n)) === n for every start date and n >= 0', () => {
    for (const start of starts) {
      for (const n of [0, 1, 2, 3, 5, 10, 20, 65]) {
        const end = addWorkingDays(start, n);
        expect(countWorkingDays(start, end), `${start} + ${n}`).toBe(n);
        if (n > 0) expect(isWorkingDay(end), `${start} + ${n}`).toBe(true);
      }
    }
  });

  it('inverts negative n from working days, and count is antisymmetric', () => {
    for (const start of starts.filter(isWorkingDay)) {
      for (const n of [1, 5, 20]) {
        const end = addWorkingDays(start, n);
        expect(addWorkingDays(end, -n), `${start} + ${n}`).toBe(start);
        expect(countWorkingDays(start, addWorkingDays(start, -n)), `${start} - ${n}`).toBe(-n);
        expect(countWorkingDays(end, start)).toBe(-n);
      }
    }
  });
});

describe('input validation', () => {
  const bad = [
    '2023-02-30',
    '2023-02-29',
    '2100-02-29',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-1-5',
    '23-01-05',
    '2023/01/05',
    '2023-01-05T00:00:00Z',
    ' 2023-01-05',
    '',
    'not a date',
  ];

  it.each(bad)('rejects %j with a RangeError naming it', (value) => {
    expect(() => isWorkingDay(value)).toThrow(RangeError);
    expect(() => isWorkingDay(value)).toThrow(JSON.stringify(value));
    expect(() => addWorkingDays(value, 1)).toThrow(RangeError);
    expect(() => countWorkingDays(value, '2023-01-05')).toThrow(RangeError);
    expect(() => countWorkingDays('2023-01-05', value)).toThrow(RangeError);
    expect(() => nextWorkingDay(value)).toThrow(RangeError);
    expect(() => isBankHoliday(value)).toThrow(RangeError);
  });

  it('rejects non-strings from untyped callers', () => {
    expect(() => isWorkingDay(undefined as unknown as string)).toThrow(RangeError);
    expect(() => isWorkingDay(new Date() as unknown as string)).toThrow(RangeError);
  });

  it('rejects dates before 1978, when date-holidays is not reliable', () => {
    expect(() => isWorkingDay('1977-06-07')).toThrow(RangeError);
    expect(() => isWorkingDay('1977-06-07')).toThrow('"1977-06-07"');
  });
});
