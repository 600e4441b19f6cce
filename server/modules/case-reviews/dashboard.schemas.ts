import { z } from 'zod';

// The case reviews dashboard (what is due this week and what is overdue, on the case files the person may
// read) and the annual counts (no case detail: for the annual report).

export const DASHBOARD_ITEM_KINDS = [
  'notification',
  'rapid_review_step',
  'summary_request',
  'sar_acknowledgement',
  'review_event',
  'review_publication',
] as const;

export const ZDashboardItem = z.object({
  caseFileId: z.uuid(),
  reference: z.string().describe('The case file’s reference (C-7), never its label.'),
  kind: z.enum(DASHBOARD_ITEM_KINDS),
  what: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  href: z.string().describe('The case file’s page in the web app.'),
});
export type DashboardItem = z.infer<typeof ZDashboardItem>;

export const ZDashboard = z.object({
  /** Due from today to the Sunday of this week (UK dates). */
  dueThisWeek: z.array(ZDashboardItem),
  /** Due before today and not done. */
  overdue: z.array(ZDashboardItem),
});

export const ZCountsQuery = z.object({
  year: z.coerce
    .number({ message: 'Enter the year as a number, for example 2026' })
    .int({ message: 'Enter the year as a whole number, for example 2026' })
    .min(2000, { message: 'Enter a year from 2000' })
    .max(2100, { message: 'Enter a year up to 2100' })
    .optional(),
});

const ZCountRow = z.object({ key: z.string(), count: z.number().int() });

export const ZCaseReviewCounts = z.object({
  year: z.number().int(),
  notifications: z
    .object({
      total: z.number().int().describe('Serious incident notifications.'),
      inTime: z.number().int().describe('Sent within 5 working days of the local authority becoming aware.'),
      late: z.number().int(),
      notSent: z.number().int(),
      careLeaverDeaths: z.number().int(),
    })
    .describe(
      'By the year sent to the national panel (or, until sent, the year the local authority became aware).',
    ),
  rapidReviews: z
    .object({
      total: z.number().int(),
      byDecision: z.array(ZCountRow).describe('Keys are rapid review decisions, and "undecided".'),
      recommendNationalReview: z.number().int(),
    })
    .describe('By the year of the notification that started them.'),
  sarReferrals: z
    .object({
      total: z.number().int(),
      mandatory: z.number().int().describe('The s44 criteria were met.'),
      discretionary: z.number().int(),
      byDecision: z.array(ZCountRow).describe('Keys are SAR decisions, and "undecided".'),
    })
    .describe('By the year the referral was received.'),
  reviews: z.object({
    started: z.number().int().describe('Initiated in the year.'),
    published: z.number().int().describe('Published in the year.'),
    publishedLate: z.number().int().describe('Published in the year after their target publication date.'),
    byKind: z.array(ZCountRow).describe('Reviews initiated in the year, by kind.'),
  }),
  themes: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        caseFiles: z.number().int(),
        reviews: z.number().int(),
        recurring: z.boolean().describe('Seen in two or more case files this year.'),
      }),
    )
    .describe(
      'Themes of the case files active in the year (a notification, referral or review in it; otherwise ' +
        'opened in it), most frequent first, with the number of their reviews started or published in it.',
    ),
});
export type CaseReviewCounts = z.infer<typeof ZCaseReviewCounts>;
