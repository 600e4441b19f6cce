import { z } from 'zod';
import { ZImpactJudgement, ZRecommendationStatus } from '../../../contracts/recommendations.js';
import { ZFileId, ZRegisterFile } from './register-files.schemas.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });
export const ZVersion = z.number({ message: 'Send the version you changed' }).int().min(0);

export const ZImpactCheckParams = z.object({ partnershipId: z.uuid(), impactCheckId: ZUuid });
export const ZImpactEvidenceParams = ZImpactCheckParams.extend({ agencyId: ZUuid });
export const ZImpactEvidenceFileParams = ZImpactEvidenceParams.extend(ZFileId);

export const ZImpactCheckQuery = z.object({
  page: z.coerce.number({ message: 'Page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce
    .number({ message: 'Page size must be a number' })
    .int()
    .min(1)
    .max(100, 'Page size must be 100 or fewer')
    .default(25),
  recommendationId: ZUuid.optional(),
  agencyId: ZUuid.optional(),
  /** "overdue", or a number of days: open checks due from today to that many days ahead. */
  due: z
    .string()
    .regex(/^(overdue|\d{1,3})$/, 'Choose "overdue" or a number of days up to 999')
    .optional(),
  judged: z.enum(['true', 'false'], { message: 'Choose true or false' }).optional(),
  includeCancelled: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type ImpactCheckQuery = z.infer<typeof ZImpactCheckQuery>;

const ZLongText = (what: string) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .max(10_000, `${what[0].toUpperCase()}${what.slice(1)} must be 10,000 characters or fewer`)
    .nullable();

export const ZEvidenceInput = z.object({
  practiceChange: ZLongText('the evidence of change in practice'),
  outcomes: ZLongText('the evidence of change in outcomes for children and adults'),
  /** 0 when the agency has not saved any evidence yet. */
  version: ZVersion,
});
export type EvidenceInput = z.infer<typeof ZEvidenceInput>;

/** A submit may name the version it saw; a bodiless POST is fine too. */
export const ZEvidenceSubmit = z.object({ version: ZVersion.optional() }).nullish();

export const ZJudgementInput = z.object({
  judgement: ZImpactJudgement,
  reasons: z
    .string({ message: 'Enter the reasons for the judgement' })
    .trim()
    .min(1, 'Enter the reasons for the judgement')
    .max(10_000, 'Reasons must be 10,000 characters or fewer'),
  judgedOn: z.iso.date({ message: 'Enter the date of the judgement, for example 2026-06-30' }),
  version: ZVersion,
});
export type ImpactJudgementInput = z.infer<typeof ZJudgementInput>;

const ZRecommendationRef = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: ZRecommendationStatus,
});

export const ZEvidenceStatus = z.enum(['not_started', 'draft', 'submitted']);

export const ZImpactCheckSummary = z.object({
  id: z.uuid(),
  recommendation: ZRecommendationRef,
  months: z.number().int(),
  dueOn: z.string(),
  overdue: z.boolean(),
  judgement: ZImpactJudgement.nullable(),
  judgedOn: z.string().nullable(),
  cancelled: z.boolean(),
  /** Every addressed agency; evidenceStatus is null for an agency whose evidence the reader may not see. */
  agencies: z.array(z.object({ id: z.uuid(), name: z.string(), evidenceStatus: ZEvidenceStatus.nullable() })),
  version: z.number().int(),
});

export const ZImpactEvidence = z.object({
  practiceChange: z.string().nullable(),
  outcomes: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
  status: ZEvidenceStatus,
  version: z.number().int(),
  /** Evidence files sent with it, oldest first. */
  files: z.array(ZRegisterFile),
  /** 'write' while the evidence is a draft on an open check and the reader may write it (text and files). */
  allowedVerbs: z.array(z.enum(['read', 'write'])),
});

export const ZImpactCheck = ZImpactCheckSummary.extend({
  agencies: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      evidenceStatus: ZEvidenceStatus.nullable(),
      /** Null for an agency whose evidence the reader may not see: another agency's is never sent. */
      evidence: ZImpactEvidence.nullable(),
    }),
  ),
  judgementReasons: z.string().nullable(),
  judgedByName: z.string().nullable(),
  allowedVerbs: z.array(z.enum(['read', 'judge'])),
});

export const ZImpactCheckPage = z.object({
  items: z.array(ZImpactCheckSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
