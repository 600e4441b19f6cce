/**
 * Working-day arithmetic for England and Wales.
 *
 * A working day is any Monday to Friday that is not an England & Wales bank holiday. Bank holidays come
 * from `date-holidays` (GB / ENG, type 'public' only, so Scotland- and Northern Ireland-only days never
 * count), corrected by the small documented lists of one-off changes below.
 *
 * Dates are calendar dates held as ISO strings ('YYYY-MM-DD'), never timestamps, so time zones and
 * daylight saving can never shift a day. Internally a date is an integer day number (days since
 * 1970-01-01), computed with UTC arithmetic only.
 *
 * "Day 0" convention: the start date is day 0 and is never counted, whether or not it is a working day.
 * `addWorkingDays(start, n)` is the n-th working day after `start`, and `countWorkingDays(from, to)`
 * counts the working days in the half-open range (from, to], so for n >= 0
 * `countWorkingDays(d, addWorkingDays(d, n)) === n`. A deadline of "5 working days from receipt" is
 * therefore `addWorkingDays(receivedOn, 5)`.
 *
 * Supported years are 1978 (the first year of the current pattern, when the early May bank holiday
 * began) to 9999. Earlier dates throw a RangeError rather than risk a silently wrong answer: before 1978
 * `date-holidays` projects today's rules backwards. Future one-off bank holidays are only known once
 * proclaimed; add them to ONE_OFF_ADDITIONS (and any moved day to MOVED_AWAY) when announced.
 */
import Holidays from 'date-holidays';

/** A calendar date as an ISO 8601 string, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** One England & Wales bank holiday. */
export interface BankHoliday {
  date: IsoDate;
  name: string;
}

/** First calendar year this module gives answers for. */
export const FIRST_SUPPORTED_YEAR = 1978;
/** Last calendar year this module gives answers for. */
export const LAST_SUPPORTED_YEAR = 9999;

/**
 * One-off England & Wales bank holidays (royal proclamations). Applied on top of date-holidays, and
 * these names win. Those from 2012 on are also in date-holidays 3.37; they are pinned here so that
 * statutory deadlines do not depend on the package's data staying right. Those before 2012 are missing
 * from date-holidays 3.37.
 */
const ONE_OFF_ADDITIONS: readonly BankHoliday[] = [
  { date: '1981-07-29', name: 'Royal wedding of Prince Charles and Lady Diana Spencer' },
  { date: '1995-05-08', name: 'Early May bank holiday (VE Day)' },
  { date: '1999-12-31', name: 'Millennium bank holiday' },
  { date: '2002-06-03', name: 'Golden Jubilee bank holiday' },
  { date: '2002-06-04', name: 'Spring bank holiday' },
  { date: '2011-04-29', name: 'Royal wedding of Prince William and Catherine Middleton' },
  { date: '2012-06-04', name: 'Spring bank holiday' },
  { date: '2012-06-05', name: 'Diamond Jubilee bank holiday' },
  { date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
  { date: '2022-06-02', name: 'Spring bank holiday' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-09-19', name: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
];

/**
 * Regular bank holidays that were moved to one of the one-off dates above, so are working days.
 * date-holidays 3.37 wrongly keeps 1995-05-01, 2002-05-27 and 2012-05-28; it already drops the others.
 */
const MOVED_AWAY: readonly IsoDate[] = ['1995-05-01', '2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30'];

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const calendar = new Holidays('GB', 'ENG', { languages: ['en'] });

/** Per-year cache: day number -> holiday name, for weekday bank holidays only. */
const holidayCache = new Map<number, ReadonlyMap<number, string>>();

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function checkYear(year: number, what: string): void {
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(
      `${what} is outside the supported years ${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR} for England & Wales working days`,
    );
  }
}

/** Parses and validates an IsoDate into a day number (days since 1970-01-01). */
function toDayNumber(date: IsoDate): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) {
    throw new RangeError(`Invalid date ${show(date)}: expected a calendar date in YYYY-MM-DD form`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Date.UTC(year, month, 0) is the last day of `month` (months are 0-based, so `month` is the next one).
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth) {
    throw new RangeError(`Invalid date ${show(date)}: no such calendar date`);
  }
  checkYear(year, `Date ${show(date)}`);
  // Date.UTC maps years 0-99 to 1900-1999, but checkYear has ruled those out.
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function toIsoDate(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOf(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

function isWeekend(dayNumber: number): boolean {
  // 1970-01-01 (day 0) was a Thursday; 0 = Sunday ... 6 = Saturday.
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/** Weekday bank holidays in `year`, built once per year. */
function holidaysIn(year: number): ReadonlyMap<number, string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;

  const prefix = `${year}-`;
  const byDay = new Map<number, string>();
  // Neighbouring years too, in case a rule ever places a holiday (e.g. a substitute) across New Year.
  for (const y of [year - 1, year, year + 1]) {
    for (const holiday of calendar.getHolidays(y, 'en')) {
      // `date` is the local calendar date, 'YYYY-MM-DD hh:mm:ss'; `start` is a timestamp and must not be used.
      const date = holiday.date.slice(0, 10);
      if (holiday.type === 'public' && date.startsWith(prefix)) byDay.set(toDayNumber(date), holiday.name);
    }
  }
  for (const date of MOVED_AWAY) {
    if (date.startsWith(prefix)) byDay.delete(toDayNumber(date));
  }
  for (const { date, name } of ONE_OFF_ADDITIONS) {
    if (date.startsWith(prefix)) byDay.set(toDayNumber(date), name);
  }
  // A Christmas Day, Boxing Day or New Year's Day falling at a weekend is replaced by a weekday substitute,
  // which date-holidays also lists; keep only the weekday ones, as gov.uk does.
  for (const day of [...byDay.keys()]) {
    if (isWeekend(day)) byDay.delete(day);
  }

  const sorted = new Map([...byDay].sort(([a], [b]) => a - b));
  holidayCache.set(year, sorted);
  return sorted;
}

function isWorkingDayNumber(dayNumber: number): boolean {
  if (isWeekend(dayNumber)) return false;
  const year = yearOf(dayNumber);
  checkYear(year, `Date ${toIsoDate(dayNumber)}`);
  return !holidaysIn(year).has(dayNumber);
}

/** True if `date` is a Monday to Friday that is not an England & Wales bank holiday. */
export function isWorkingDay(date: IsoDate): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/** True if `date` is an England & Wales bank holiday (weekend days never are; see bankHolidays). */
export function isBankHoliday(date: IsoDate): boolean {
  const dayNumber = toDayNumber(date);
  return holidaysIn(yearOf(dayNumber)).has(dayNumber);
}

/** The England & Wales bank holidays in `year` (weekdays only, as gov.uk lists them), in date order. */
export function bankHolidays(year: number): BankHoliday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Invalid year ${show(year)}: expected an integer`);
  checkYear(year, `Year ${year}`);
  return [...holidaysIn(year)].map(([day, name]) => ({ date: toIsoDate(day), name }));
}

/** The date `n` working days after `start` (start is day 0; n = 0 returns start; negative n counts back). */
export function addWorkingDays(start: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n))
    throw new RangeError(`Invalid number of working days ${show(n)}: expected an integer`);
  let day = toDayNumber(start);
  const step = n < 0 ? -1 : 1;
  for (let remaining = Math.abs(n); remaining > 0; ) {
    day += step;
    if (isWorkingDayNumber(day)) remaining--;
  }
  return toIsoDate(day);
}

/** Working days after `from` up to and including `to`; when `to` < `from`, minus countWorkingDays(to, from). */
export function countWorkingDays(from: IsoDate, to: IsoDate): number {
  const fromDay = toDayNumber(from);
  const toDay = toDayNumber(to);
  const [low, high] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
  let count = 0;
  for (let day = low + 1; day <= high; day++) {
    if (isWorkingDayNumber(day)) count++;
  }
  return fromDay <= toDay ? count : 0 - count;
}

/** `date` itself if it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let day = toDayNumber(date);
  while (!isWorkingDayNumber(day)) day++;
  return toIsoDate(day);
}
