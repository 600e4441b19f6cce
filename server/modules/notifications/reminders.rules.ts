import type { TReminderPolicy } from '../../../contracts/notifications.js';
import { ukToday } from '../../platform/clock.js';

/**
 * Which reminder rules fall due today for one item, from the partnership's policy, the item's due date
 * and the rules already sent for that due date. Pure: the reminder run (reminders.service.ts) feeds it
 * and records what it sends in `reminders_sent`, whose unique key (item, person, rule, due date) makes
 * sending idempotent.
 *
 * Reminders count calendar days, not working days: "due in 7 days" means what it says to the reader,
 * and a reminder that lands on a weekend is read on Monday anyway (the job runs every day). Statutory
 * deadlines themselves are working days (platform/working-days.ts); this only decides when to nudge.
 *
 * Rule keys (stored in reminders_sent.rule):
 *   before:N               N days before the due date
 *   on_day                 on the due date
 *   after:N                N days after the due date
 *   every:K:n              the n-th repeat every K days after the last `after:` rule (or the due date)
 *   escalate:agency_lead   once, E1 days overdue: to the item's agency leads
 *   escalate:admin         once, E2 days overdue: to the partnership's admins
 *
 * Catching up: if the job did not run for some days, only the latest reminder that has fallen due is
 * sent, once, rather than a burst of every missed one; each escalation is still sent once (they go to
 * different people). A changed due date starts afresh, because `alreadySent` holds only the rules sent
 * for the current due date.
 */

/** A calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

export type DueRule = {
  rule: string;
  kind: 'reminder' | 'escalate_agency_lead' | 'escalate_admin';
  /** Days from the due date at which the rule falls due (negative before it). */
  offset: number;
};

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date, with UTC arithmetic only (no time zone can shift it). */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d) throw new RangeError(`Invalid date ${JSON.stringify(date)}`);
  return ms / MS_PER_DAY;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** Today's date in England (see `ukToday`): kept under this name for the reminder rules. */
export const londonToday = ukToday;

/** The latest reminder (not escalation) that has fallen due `overdueDays` after the due date, if any. */
function latestReminder(policy: TReminderPolicy, overdueDays: number): DueRule | null {
  let best: DueRule | null = null;
  const consider = (rule: string, offset: number) => {
    if (offset <= overdueDays && (!best || offset > best.offset)) best = { rule, kind: 'reminder', offset };
  };
  for (const n of policy.daysBefore) consider(`before:${n}`, -n);
  if (policy.onTheDay) consider('on_day', 0);
  for (const n of policy.daysAfter) consider(`after:${n}`, n);
  const k = policy.thenEveryDays;
  if (k) {
    const base = Math.max(0, ...policy.daysAfter);
    if (overdueDays > base) {
      const n = Math.floor((overdueDays - base) / k);
      if (n >= 1) consider(`every:${k}:${n}`, base + n * k);
    }
  }
  return best;
}

/**
 * The rules to send today for an item due on `dueOn`, given the rule keys already sent for that same due
 * date. Empty when nothing is due or everything due has been sent.
 */
export function dueReminderRules(
  policy: TReminderPolicy,
  dueOn: IsoDate,
  today: IsoDate,
  alreadySent: Iterable<string> = [],
): DueRule[] {
  const sent = new Set(alreadySent);
  const overdueDays = daysBetween(dueOn, today);
  const out: DueRule[] = [];
  const reminder = latestReminder(policy, overdueDays);
  if (reminder && !sent.has(reminder.rule)) out.push(reminder);
  const e1 = policy.escalateToAgencyLeadAfterDays;
  if (e1 !== null && overdueDays >= e1 && !sent.has('escalate:agency_lead'))
    out.push({ rule: 'escalate:agency_lead', kind: 'escalate_agency_lead', offset: e1 });
  const e2 = policy.escalateToAdminAfterDays;
  if (e2 !== null && overdueDays >= e2 && !sent.has('escalate:admin'))
    out.push({ rule: 'escalate:admin', kind: 'escalate_admin', offset: e2 });
  return out;
}

/** "due in 3 days", "due today", "5 days overdue": said from today, whichever rule fired. */
export function dueWords(dueOn: IsoDate, today: IsoDate): string {
  const d = daysBetween(today, dueOn);
  if (d > 1) return `due in ${d} days`;
  if (d === 1) return 'due tomorrow';
  if (d === 0) return 'due today';
  return d === -1 ? '1 day overdue' : `${-d} days overdue`;
}
