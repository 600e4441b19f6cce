// Where this API differs from the brief (docs for the web pages):
// - PUT /case-files/:id/notification also takes an optional `version` (the notification's, from the detail):
//   when given and stale the answer is 409 with the saved notification, as other versioned forms do.
// - Every change under a case file answers with the whole case file detail (ZCaseFileDetail), so a page can
//   redraw from one shape; the access routes answer with the access list ({ items }).
// - Extra fields beyond the brief: notification.workingDay (day N of 5, counted to the send date or today)
//   and needsRapidReview; rapidReview.decisionInTime; each step's dueWorkingDay (day N of 15 it falls on);
//   summary requests carry title and template title beside agencyId/agencyName.
// - stage 'no_review' is a care leaver's death, or a rapid review / SAR decision that leads to no review
//   (immediate learning only, no further action); 'decided' is any other decision not yet followed by a review.
// - POST /case-files answers 403 (not 404) to members outside the case review group: there is no case file
//   to hide, and the refusal is audit-logged as every 403 is. Everything under one case file answers 404.
import { z } from 'zod';
import {
  CASE_ACCESS_LEVELS,
  ZAbuseOrNeglect,
  ZCaseFileCreate,
  ZCaseFileUpdate,
  ZCaseKind,
  ZHarm,
  ZIncidentPlace,
  ZNotificationInput,
  ZNotificationKind,
} from '../../../contracts/case-reviews.js';
import { withRealDates, ZCaseFileParams } from './case-reviews.schemas.js';
import { ZRapidReview } from './rapid-reviews.schemas.js';
import { ZCaseFileRecommendation, ZCaseReview } from './reviews.schemas.js';
import { ZSarReferral } from './sar-referrals.schemas.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export { ZCaseFileParams };
export const ZCaseFileAccessParams = ZCaseFileParams.extend({ personId: ZUuid });

/** Where a case file has got to (computed, not stored). */
export const CASE_FILE_STAGES = [
  'notification',
  'rapid_review',
  'sar_referral',
  'review',
  'decided',
  'no_review',
] as const;
export type CaseFileStage = (typeof CASE_FILE_STAGES)[number];
export const ZCaseFileStage = z.enum(CASE_FILE_STAGES, { message: 'Select a stage from the list' });

export const ZCaseFileListQuery = z.object({
  kind: ZCaseKind.optional(),
  stage: ZCaseFileStage.optional(),
  q: z.string().trim().max(200, 'Search must be 200 characters or fewer').optional(),
  page: z.coerce
    .number({ message: 'Page must be a number' })
    .int()
    .min(1, 'Page must be 1 or more')
    .max(100_000)
    .default(1),
  pageSize: z.coerce
    .number({ message: 'Page size must be a number' })
    .int()
    .min(1)
    .max(100, 'Page size must be 100 or fewer')
    .default(25),
});
export type CaseFileListQuery = z.infer<typeof ZCaseFileListQuery>;

export { ZCaseFileCreate, ZCaseFileUpdate };
export type CaseFileCreate = z.infer<typeof ZCaseFileCreate>;
export type CaseFileUpdate = z.infer<typeof ZCaseFileUpdate>;

export const ZNotificationBody = withRealDates(
  ZNotificationInput.extend({
    /** The notification's version from the detail; omit when recording it for the first time. */
    version: z.number().int().min(1).optional(),
  }),
  ['becameAwareOn', 'notifiedPanelOn', 'ofstedNotifiedOn'],
);
export type NotificationBody = z.infer<typeof ZNotificationBody>;

export const ZAccessGrantBody = z.object({
  personId: z.uuid({ message: 'Select the person from the list' }),
  level: z.enum(CASE_ACCESS_LEVELS, { message: 'Select read or edit' }),
});
export type AccessGrantBody = z.infer<typeof ZAccessGrantBody>;

// --- Answers ---------------------------------------------------------------------------------------

const ZDate = z.string().describe('YYYY-MM-DD');
const ZThemeRef = z.object({ id: z.uuid(), name: z.string() });

export const ZNextDue = z
  .object({ what: z.string(), dueOn: ZDate, overdue: z.boolean() })
  .nullable()
  .describe('The soonest open dated item under the case file (the notification, a rapid review step, …)');

export const ZCaseFileSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  reference: z.string().describe("The partnership's running reference, e.g. C-7"),
  kind: ZCaseKind,
  label: z.string().describe('A code or initials ("Child K"), never a name'),
  stage: ZCaseFileStage,
  nextDue: ZNextDue,
  themes: z.array(ZThemeRef),
});

export const ZCaseFilePage = z.object({
  items: z.array(ZCaseFileSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZAccessEntry = z.object({
  personId: z.uuid(),
  name: z.string(),
  level: z.enum(CASE_ACCESS_LEVELS),
  grantedAt: z.string(),
});
export const ZAccessList = z.object({ items: z.array(ZAccessEntry) });

export const ZNotification = z.object({
  id: z.uuid(),
  kind: ZNotificationKind,
  becameAwareOn: ZDate,
  harm: ZHarm.nullable(),
  abuseOrNeglect: ZAbuseOrNeglect.nullable(),
  place: ZIncidentPlace.nullable(),
  ageAtDeath: z.number().int().nullable(),
  notifiedPanelOn: ZDate.nullable(),
  ofstedNotifiedOn: ZDate.nullable(),
  lateReason: z.string().nullable(),
  notifyDueOn: ZDate.describe('5 working days after becameAwareOn (weekends and bank holidays never count)'),
  workingDay: z
    .number()
    .int()
    .describe(
      'Working days from becameAwareOn to the send date (or to today while unsent); day 5 is the last in time',
    ),
  inTime: z.boolean().nullable().describe('Whether it was sent by notifyDueOn; null until it is sent'),
  overdue: z.boolean().describe('Not sent and today is after notifyDueOn'),
  needsRapidReview: z.boolean().describe('A serious incident does; a care leaver’s death does not'),
  version: z.number().int(),
});

// Engineer B's parts of the detail: the SAR referral, the reviews with their milestones, and the
// recommendations in the register that came from the case file.
export { ZCaseFileRecommendation };
export const ZCaseFileSarReferralPart = ZSarReferral.nullable();
export const ZCaseFileReviewPart = ZCaseReview;

export const ZCaseFileDetail = ZCaseFileSummary.extend({
  summary: z.string().nullable(),
  version: z.number().int(),
  access: z.array(ZAccessEntry),
  allowedVerbs: z.array(z.enum(['read', 'write', 'grant'])),
  notification: ZNotification.nullable(),
  rapidReview: ZRapidReview.nullable(),
  sarReferral: ZCaseFileSarReferralPart,
  reviews: z.array(ZCaseFileReviewPart),
  recommendations: z.array(ZCaseFileRecommendation),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseFileDetail = z.infer<typeof ZCaseFileDetail>;
