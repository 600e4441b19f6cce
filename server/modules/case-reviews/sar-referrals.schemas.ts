import { z } from 'zod';
import {
  ZSarDecision,
  ZSarDecisionInput,
  ZSarOutcome,
  ZSarReferralInput,
} from '../../../contracts/case-reviews.js';
import { withRealDates, ZCaseFileParams } from './case-reviews.schemas.js';

// The SAR referral of an adult's case file (Care Act s44) as the API answers it, and its inputs: the shared
// ZSarReferralInput and ZSarDecisionInput (contracts/case-reviews.ts) with their dates checked to be real.

export { ZCaseFileParams };

export const ZSarReferralBody = withRealDates(ZSarReferralInput, ['receivedOn', 'acknowledgedOn']);
export type SarReferralBody = z.infer<typeof ZSarReferralBody>;
export const ZSarDecisionBody = withRealDates(ZSarDecisionInput, ['decidedOn']);
export type SarDecisionBody = z.infer<typeof ZSarDecisionBody>;

export const ZSarReferral = z
  .object({
    id: z.uuid(),
    receivedOn: z.string(),
    referrerAgencyId: z.uuid().nullable(),
    referrerAgency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    hasCareAndSupportNeeds: z.boolean(),
    concernAboutJointWorking: z.boolean(),
    outcome: ZSarOutcome,
    mandatory: z
      .boolean()
      .describe(
        'Whether s44 makes a review mandatory: the adult has needs for care and support, there is concern ' +
          'about how agencies worked together, and the adult died of, or experienced, serious abuse or ' +
          'neglect (known or suspected). Otherwise any review is discretionary.',
      ),
    acknowledgeDueOn: z
      .string()
      .describe(
        'Receipt is confirmed within 5 working days of receivedOn (weekends and bank holidays skipped).',
      ),
    acknowledgedOn: z.string().nullable(),
    /** null until receipt is confirmed. */
    acknowledgedInTime: z.boolean().nullable(),
    workingDay: z
      .number()
      .int()
      .describe(
        'Working days since the referral was received, up to today or the day receipt was confirmed.',
      ),
    overdue: z.boolean().describe('Receipt not confirmed and today (UK) is after acknowledgeDueOn.'),
    decision: ZSarDecision.nullable(),
    decidedBy: z.string().nullable(),
    decidedOn: z.string().nullable(),
    justification: z.string().nullable(),
    concernsNotIdentified: z.boolean(),
    thresholdsLearning: z.string().nullable(),
    version: z.number().int(),
  })
  .describe('A SAR referral and the panel decision on it.');
export type SarReferralView = z.infer<typeof ZSarReferral>;
