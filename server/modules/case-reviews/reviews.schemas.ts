import { z } from 'zod';
import {
  ZCaseRecommendationInput,
  ZReviewCreate,
  ZReviewEventInput,
  ZReviewEventKind,
  ZReviewEventUpdate,
  ZReviewerKind,
  ZReviewKind,
  ZReviewStatus,
  ZReviewUpdate,
} from '../../../contracts/case-reviews.js';
import { ZRecommendationSource, ZRecommendationStatus } from '../../../contracts/recommendations.js';
import { withRealDates, ZCaseFileParams } from './case-reviews.schemas.js';

// Reviews commissioned from a case file (LCSPR, SAR, partnership and single-agency reviews), their
// milestones, and the recommendations a case file puts into the register, as the API answers them. Inputs
// are the shared ZReviewCreate, ZReviewUpdate, ZReviewEventInput, ZReviewEventUpdate and
// ZCaseRecommendationInput (contracts/case-reviews.ts), with their dates checked to be real.

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export const ZReviewParams = ZCaseFileParams.extend({ reviewId: ZUuid });
export const ZReviewEventParams = ZReviewParams.extend({ eventId: ZUuid });

export const ZReviewCreateBody = withRealDates(ZReviewCreate, ['initiatedOn']);
export type ReviewCreateBody = z.infer<typeof ZReviewCreateBody>;
export const ZReviewUpdateBody = withRealDates(ZReviewUpdate, [
  'reviewerAppointedOn',
  'targetPublicationOn',
  'publishedOn',
]);
export type ReviewUpdateBody = z.infer<typeof ZReviewUpdateBody>;
export const ZReviewEventBody = withRealDates(ZReviewEventInput, ['dueOn', 'doneOn']);
export type ReviewEventBody = z.infer<typeof ZReviewEventBody>;
export const ZReviewEventUpdateBody = withRealDates(ZReviewEventUpdate, ['dueOn', 'doneOn']);
export type ReviewEventUpdateBody = z.infer<typeof ZReviewEventUpdateBody>;
export const ZCaseRecommendationBody = ZCaseRecommendationInput;
export type CaseRecommendationBody = z.infer<typeof ZCaseRecommendationBody>;

const ZRef = z.object({ id: z.uuid(), name: z.string() });

export const ZCaseReviewEvent = z
  .object({
    id: z.uuid(),
    kind: ZReviewEventKind,
    title: z.string(),
    agencyId: z.uuid().nullable(),
    agency: ZRef.nullable(),
    dueOn: z.string().nullable(),
    doneOn: z.string().nullable(),
    overdue: z.boolean().describe('Not done and today (UK) is after dueOn.'),
    notes: z.string().nullable(),
    version: z.number().int(),
  })
  .describe(
    'A milestone of a review: terms of reference, agency report, panel meeting, draft, family contact.',
  );
export type CaseReviewEventView = z.infer<typeof ZCaseReviewEvent>;

export const ZCaseReview = z
  .object({
    id: z.uuid(),
    kind: ZReviewKind,
    title: z.string(),
    status: ZReviewStatus,
    initiatedOn: z.string(),
    recommendNationalReview: z.boolean(),
    reviewerName: z.string().nullable(),
    reviewerKind: ZReviewerKind.nullable(),
    reviewerAppointedOn: z.string().nullable(),
    termsOfReference: z.string().nullable(),
    familyInvolvement: z.string().nullable(),
    targetPublicationOn: z
      .string()
      .describe(
        'Defaults to 6 calendar months after initiatedOn (Working Together; a month end clamps, 31 August → ' +
          'the end of February). A target later than that needs delayReason.',
      ),
    publishedOn: z.string().nullable(),
    publishedLate: z
      .boolean()
      .nullable()
      .describe('Published after targetPublicationOn; null until published.'),
    delayReason: z.string().nullable(),
    overdue: z.boolean().describe('Not published (nor closed) and today (UK) is after targetPublicationOn.'),
    events: z.array(ZCaseReviewEvent),
    version: z.number().int(),
  })
  .describe('A review commissioned from a case file, with its milestones.');
export type CaseReviewView = z.infer<typeof ZCaseReview>;

export const ZCaseFileRecommendation = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    sourceKind: ZRecommendationSource,
    sourceTitle: z.string(),
    status: ZRecommendationStatus,
    nextImpactCheckOn: z
      .string()
      .nullable()
      .describe('The earliest impact check not yet judged (scheduled when the recommendation is agreed).'),
  })
  .describe('A recommendation in the register that came from this case file.');
export type CaseFileRecommendationView = z.infer<typeof ZCaseFileRecommendation>;
