import { z } from 'zod';
import { ZRecommendationStatus, ZScrutinyKind, ZScrutinyStatus } from '../../../contracts/recommendations.js';
import { ZVersion } from './impact-checks.schemas.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export const ZScrutinyParams = z.object({ partnershipId: z.uuid(), scrutinyReviewId: ZUuid });

export const ZScrutinyQuery = z.object({
  page: z.coerce.number({ message: 'Page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce
    .number({ message: 'Page size must be a number' })
    .int()
    .min(1)
    .max(100, 'Page size must be 100 or fewer')
    .default(25),
  kind: ZScrutinyKind.optional(),
  status: ZScrutinyStatus.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type ScrutinyQuery = z.infer<typeof ZScrutinyQuery>;

const ZOptionalText = (what: string, max: number) =>
  z
    .string({ message: `Enter ${what}` })
    .trim()
    .max(
      max,
      `${what[0].toUpperCase()}${what.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`,
    )
    .nullable()
    .optional();
const ZOptionalDate = (what: string) =>
  z.iso
    .date({ message: `Enter a real date for ${what}, for example 2026-06-30` })
    .nullable()
    .optional();

export const ZScrutinyInput = z.object({
  kind: ZScrutinyKind,
  title: z
    .string({ message: 'Enter a title' })
    .trim()
    .min(1, 'Enter a title')
    .max(300, 'Title must be 300 characters or fewer'),
  scope: ZOptionalText('the scope', 10_000),
  leadPersonId: ZUuid.nullable().optional(),
  /** An external reviewer who is not a person in Assure. */
  leadName: ZOptionalText('the lead’s name', 200),
  status: ZScrutinyStatus.default('planned'),
  plannedOn: ZOptionalDate('the planned date'),
  reportedOn: ZOptionalDate('the date it reported'),
  findings: ZOptionalText('the findings', 20_000),
});
export type ScrutinyInput = z.infer<typeof ZScrutinyInput>;
export const ZScrutinyUpdate = ZScrutinyInput.extend({ version: ZVersion });
export type ScrutinyUpdate = z.infer<typeof ZScrutinyUpdate>;

export const ZScrutinySummary = z.object({
  id: z.uuid(),
  kind: ZScrutinyKind,
  title: z.string(),
  status: ZScrutinyStatus,
  lead: z.object({ personId: z.uuid().nullable(), name: z.string() }).nullable(),
  plannedOn: z.string().nullable(),
  reportedOn: z.string().nullable(),
  active: z.boolean(),
  recommendationCount: z.number().int(),
  version: z.number().int(),
});

export const ZScrutinyReview = ZScrutinySummary.extend({
  scope: z.string().nullable(),
  findings: z.string().nullable(),
  recommendations: z.array(
    z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), status: ZRecommendationStatus }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedVerbs: z.array(z.enum(['read', 'write'])),
});

export const ZScrutinyPage = z.object({
  items: z.array(ZScrutinySummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
