import { z } from 'zod';
import {
  RAPID_REVIEW_STEPS,
  ZRapidReviewDecision,
  ZRapidReviewDecisionInput,
  ZRapidReviewStepUpdate,
} from '../../../contracts/case-reviews.js';
import { withRealDates, ZCaseFileParams } from './case-reviews.schemas.js';

const ZDate = z.string().describe('YYYY-MM-DD');
const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export const ZRapidReviewStepParams = ZCaseFileParams.extend({ stepId: ZUuid });

export const ZStepBody = withRealDates(ZRapidReviewStepUpdate, ['dueOn', 'doneOn']);
export type StepBody = z.infer<typeof ZStepBody>;

export const ZDecisionBody = withRealDates(ZRapidReviewDecisionInput, ['decidedOn', 'decisionSentOn']);
export type DecisionBody = z.infer<typeof ZDecisionBody>;

export const ZSummaryRequestBody = z.object({
  agencyIds: z
    .array(z.uuid({ message: 'Select each agency from the list' }), { message: 'Select at least one agency' })
    .min(1, 'Select at least one agency')
    .max(50, 'Select 50 agencies or fewer at a time'),
  templateVersionId: z.uuid({ message: 'Select the form to send' }),
});
export type SummaryRequestBody = z.infer<typeof ZSummaryRequestBody>;

export const ZRapidReviewStepView = z.object({
  id: z.uuid(),
  step: z.enum(RAPID_REVIEW_STEPS),
  label: z.string(),
  position: z.number().int(),
  ownerPersonId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: ZDate.describe(
    'Working day N after the notification was sent: 3 (request), 6 (summaries; 3 working days after the request is actually sent), 7 (collate), 13 (meeting), 15 (decision sent). A person may move it.',
  ),
  dueWorkingDay: z.number().int().describe('Which working day of the 15 the due date falls on'),
  doneOn: ZDate.nullable(),
  overdue: z.boolean(),
  notes: z.string().nullable(),
  version: z.number().int(),
});

export const ZSummaryRequest = z.object({
  responseId: z.uuid(),
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  title: z.string(),
  templateTitle: z.string(),
  status: z.enum(['draft', 'submitted']),
  submittedAt: z.string().nullable(),
  dueOn: ZDate.nullable().describe('3 working days after the request was sent'),
  overdue: z.boolean(),
});

export const ZRapidReview = z.object({
  id: z.uuid(),
  startedOn: ZDate.describe('Day 0: the day the notification was sent to the national panel'),
  dueOn: ZDate.describe('Working day 15 after startedOn: the decision reaches the national panel by then'),
  workingDay: z
    .number()
    .int()
    .describe('Day N of 15: working days from startedOn to the day the decision was sent, or to today'),
  overdue: z.boolean().describe('The decision has not been sent and today is after dueOn'),
  decision: ZRapidReviewDecision.nullable(),
  recommendNationalReview: z.boolean(),
  decidedBy: z.string().nullable(),
  decidedOn: ZDate.nullable(),
  justification: z.string().nullable(),
  decisionSentOn: ZDate.nullable(),
  decisionInTime: z.boolean().nullable().describe('Whether the decision was sent by dueOn; null until sent'),
  concernsNotIdentified: z.boolean(),
  thresholdsLearning: z.string().nullable(),
  steps: z.array(ZRapidReviewStepView),
  summaryRequests: z.array(ZSummaryRequest),
  version: z.number().int(),
});
