import { z } from 'zod';
import { ZAssuranceJudgement, ZRecommendationStatus } from '../../../contracts/recommendations.js';
import { ZVersion } from './impact-checks.schemas.js';
import { ZFileId, ZRegisterFile } from './register-files.schemas.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export const ZAssuranceParams = z.object({ partnershipId: z.uuid(), assuranceRequestId: ZUuid });
export const ZAssuranceFileParams = ZAssuranceParams.extend(ZFileId);

export const ASSURANCE_STATES = ['open', 'answered', 'judged'] as const;
export const ZAssuranceState = z.enum(ASSURANCE_STATES, { message: 'Choose open, answered or judged' });

export const ZAssuranceQuery = z.object({
  page: z.coerce.number({ message: 'Page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce
    .number({ message: 'Page size must be a number' })
    .int()
    .min(1)
    .max(100, 'Page size must be 100 or fewer')
    .default(25),
  agencyId: ZUuid.optional(),
  state: ZAssuranceState.optional(),
});
export type AssuranceQuery = z.infer<typeof ZAssuranceQuery>;

const ZText = (message: string, max: number) =>
  z.string({ message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);

export const ZAssuranceCreate = z.object({
  agencyId: z.uuid({ message: 'Choose the agency to ask' }),
  title: ZText('Enter a title for the request', 300),
  question: ZText('Enter what the agency is asked to evidence', 10_000),
  dueOn: z.iso.date({ message: 'Enter the date the answer is due, for example 2026-09-30' }),
  recommendationIds: z
    .array(ZUuid, { message: 'Choose the recommendations the agency is to evidence' })
    .min(1, 'Choose at least one recommendation')
    .max(200, 'Choose 200 recommendations or fewer'),
});
export type AssuranceCreate = z.infer<typeof ZAssuranceCreate>;

export const ZAssuranceAnswer = z.object({
  answer: ZText('Enter the agency’s answer', 20_000),
  version: ZVersion,
});
export type AssuranceAnswer = z.infer<typeof ZAssuranceAnswer>;

export const ZAssuranceJudgementInput = z.object({
  judgement: ZAssuranceJudgement,
  reasons: ZText('Enter the reasons for the judgement', 10_000),
  judgedOn: z.iso.date({ message: 'Enter the date of the judgement, for example 2026-06-30' }),
  version: ZVersion,
});
export type AssuranceJudgementInput = z.infer<typeof ZAssuranceJudgementInput>;

export const ZAssuranceSummary = z.object({
  id: z.uuid(),
  agency: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  dueOn: z.string(),
  state: ZAssuranceState,
  overdue: z.boolean(),
  answeredAt: z.string().nullable(),
  judgement: ZAssuranceJudgement.nullable(),
  judgedOn: z.string().nullable(),
  recommendationCount: z.number().int(),
  version: z.number().int(),
});

export const ZAssuranceRequest = ZAssuranceSummary.extend({
  question: z.string(),
  answer: z.string().nullable(),
  /** Evidence files sent with the answer, oldest first (added and removed until the answer is judged). */
  answerFiles: z.array(ZRegisterFile),
  answeredByName: z.string().nullable(),
  judgementReasons: z.string().nullable(),
  judgedByName: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  recommendations: z.array(
    z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), status: ZRecommendationStatus }),
  ),
  allowedVerbs: z.array(z.enum(['read', 'answer', 'judge'])),
});

export const ZAssurancePage = z.object({
  items: z.array(ZAssuranceSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
