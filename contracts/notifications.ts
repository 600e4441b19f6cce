import { z } from 'zod';

// Shared by server and web: reminders, notifications and "My work" (PRODUCT.md §4.13).

const ZDays = (what: string) =>
  z
    .number({ message: `Enter ${what} as a whole number of days` })
    .int(`Enter ${what} as a whole number of days`)
    .min(1, `${what[0].toUpperCase()}${what.slice(1)} must be 1 day or more`)
    .max(365, `${what[0].toUpperCase()}${what.slice(1)} must be 365 days or fewer`);

const ZDayList = (what: string) =>
  z
    .array(ZDays(what), { message: `Enter ${what} as whole numbers of days, separated by commas` })
    .max(10, `Enter no more than 10 numbers of ${what}`)
    .refine((days) => new Set(days).size === days.length, {
      message: `Enter each number of ${what} only once`,
    });

/** The policy's fields, without the cross-field check (so a request body can extend it). */
export const ZReminderPolicyFields = z.object({
  /** Reminders this many days before the due date. */
  daysBefore: ZDayList('days before the due date').default([7]),
  /** A reminder on the due date itself. */
  onTheDay: z.boolean({ message: 'Select whether to remind people on the due date' }).default(true),
  /** Reminders this many days after the due date (the item is overdue). */
  daysAfter: ZDayList('days after the due date').default([3]),
  /** Then a reminder every this many days while the item stays overdue; null for none. */
  thenEveryDays: ZDays('how often to repeat the reminder').nullable().default(7),
  /** Escalate to the lead of the item's agency once it is this many days overdue; null for never. */
  escalateToAgencyLeadAfterDays: ZDays('when to tell the agency lead').nullable().default(14),
  /** Escalate to the partnership's admins once it is this many days overdue; null for never. */
  escalateToAdminAfterDays: ZDays('when to tell the partnership admins').nullable().default(28),
});

/** The agency lead is told first: the admins' escalation may not come before it. */
export function checkEscalationOrder(
  p: { escalateToAgencyLeadAfterDays: number | null; escalateToAdminAfterDays: number | null },
  ctx: z.RefinementCtx,
) {
  if (
    p.escalateToAgencyLeadAfterDays !== null &&
    p.escalateToAdminAfterDays !== null &&
    p.escalateToAdminAfterDays < p.escalateToAgencyLeadAfterDays
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['escalateToAdminAfterDays'],
      message:
        'Tell the partnership admins on the same day as the agency lead or later, as the agency lead is told first',
    });
  }
}

/**
 * A partnership's reminder policy: when the people responsible for an item with a due date are reminded,
 * and when an overdue item is escalated. Days are calendar days (see server/modules/notifications/
 * reminders.rules.ts for why).
 */
export const ZReminderPolicy = ZReminderPolicyFields.superRefine(checkEscalationOrder);
export type TReminderPolicy = z.infer<typeof ZReminderPolicy>;

/** The policy a partnership has until an admin changes it. */
export const DEFAULT_REMINDER_POLICY: TReminderPolicy = {
  daysBefore: [7],
  onTheDay: true,
  daysAfter: [3],
  thenEveryDays: 7,
  escalateToAgencyLeadAfterDays: 14,
  escalateToAdminAfterDays: 28,
};

/** Field labels and hints for the policy form and summary. */
export const REMINDER_POLICY_LABELS: Record<keyof TReminderPolicy, { label: string; hint: string }> = {
  daysBefore: {
    label: 'Days before the due date',
    hint: 'For example, 14, 7 for reminders two weeks and one week before. Leave empty for none.',
  },
  onTheDay: { label: 'On the due date', hint: 'A reminder on the day the item is due.' },
  daysAfter: {
    label: 'Days after the due date',
    hint: 'Reminders once the item is overdue, for example 3. Leave empty for none.',
  },
  thenEveryDays: {
    label: 'Then repeat every (days)',
    hint: 'After the last of those, keep reminding every this many days until it is done. Leave empty to stop.',
  },
  escalateToAgencyLeadAfterDays: {
    label: 'Tell the agency lead after (days overdue)',
    hint: 'The lead of the agency the item belongs to is told once. Leave empty for never.',
  },
  escalateToAdminAfterDays: {
    label: 'Tell the partnership admins after (days overdue)',
    hint: 'The partnership admins are told once. Leave empty for never.',
  },
};

/** How a reminder reached the person: an email at once, or held for their daily digest. */
export const REMINDER_CHANNELS = ['email', 'digest'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export const REMINDER_CHANNEL_LABELS: Record<ReminderChannel, string> = {
  email: 'Email',
  digest: 'Daily digest',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What a reminder rule key means in words: `before:7`, `on_day`, `after:3`, `every:7:2` (the 2nd repeat
 * every 7 days), `escalate:agency_lead`, `escalate:admin`.
 */
export function reminderRuleLabel(rule: string): string {
  const [kind, a, b] = rule.split(':');
  if (kind === 'before') return `${plural(Number(a), 'day')} before the due date`;
  if (kind === 'on_day') return 'On the due date';
  if (kind === 'after') return `${plural(Number(a), 'day')} overdue`;
  if (kind === 'every') return `Repeat reminder ${b} (every ${plural(Number(a), 'day')} while overdue)`;
  if (rule === 'escalate:agency_lead') return 'Escalated to the agency lead';
  if (rule === 'escalate:admin') return 'Escalated to the partnership admins';
  return rule;
}
