import { z } from 'zod';
import {
  ZImpactJudgement,
  ZPriorityLevel,
  ZRecommendationSource,
  ZRecommendationSourceType,
  ZRecommendationStatus,
} from '../../../contracts/recommendations.js';
import { ZImpactCheckMonths } from '../../../contracts/recommendations.rules.js';
import { ZPageQuery } from '../../platform/pagination.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });
const ZVersion = z.number({ message: 'Send the version you changed' }).int();
const ZText = (message: string, max = 200) =>
  z.string({ message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const ZOptionalText = (max: number) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).nullable().optional();

export const ZThemeParams = z.object({ partnershipId: z.uuid(), themeId: ZUuid });
export const ZRecommendationParams = z.object({ partnershipId: z.uuid(), recommendationId: ZUuid });

// ---- themes ----

const ZThemeName = ZText('Enter a name for the theme', 120);
export const ZThemeCreate = z.object({ name: ZThemeName, description: ZOptionalText(2000) });
export const ZThemeUpdate = ZThemeCreate.extend({ version: ZVersion });
export const ZTheme = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});

// ---- settings ----

export const ZRecommendationSettingsUpdate = z.object({
  impactCheckMonths: ZImpactCheckMonths,
  version: ZVersion,
});
export const ZRecommendationSettings = z.object({
  impactCheckMonths: z.array(z.number().int()),
  /** 0 while the partnership still uses the defaults. */
  version: z.number().int(),
  allowedVerbs: z.array(z.enum(['read', 'manage'])),
});

// ---- recommendations ----

export const ZRecommendationQuery = ZPageQuery.extend({
  source: ZRecommendationSource.optional(),
  agencyId: ZUuid.optional(),
  themeId: ZUuid.optional(),
  priority: ZPriorityLevel.optional(),
  status: ZRecommendationStatus.optional(),
  overdue: z
    .enum(['true', 'false'], { message: 'Overdue must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});
export type RecommendationQuery = z.infer<typeof ZRecommendationQuery>;

const recommendationFields = {
  title: ZText('Enter the recommendation', 500),
  detail: ZOptionalText(10_000),
  sourceKind: ZRecommendationSource,
  sourceTitle: ZText('Enter the name of the source, for example the audit or review it came from', 300),
  sourceDate: z.iso
    .date({ message: 'Enter a real date for the source, for example 2026-06-30' })
    .nullable()
    .optional(),
  sourceType: ZRecommendationSourceType.nullable().optional(),
  sourceId: ZUuid.nullable().optional(),
  themeId: ZUuid.nullable().optional(),
  priority: ZPriorityLevel.default('medium'),
  monitoringGroupId: ZUuid.nullable().optional(),
  agencyIds: z
    .array(ZUuid, { message: 'Choose the agencies it is addressed to' })
    .min(1, 'Choose at least one agency it is addressed to')
    .max(100, 'Choose no more than 100 agencies'),
};
const sourceLinkBothOrNeither = (v: { sourceType?: string | null; sourceId?: string | null }) =>
  !v.sourceType === !v.sourceId;
const sourceLinkProblem = {
  message: 'Give both the kind of record it came from and the record, or neither',
  path: ['sourceId'],
};

export const ZRecommendationCreate = z
  .object(recommendationFields)
  .refine(sourceLinkBothOrNeither, sourceLinkProblem);
export const ZRecommendationUpdate = z
  .object({ ...recommendationFields, version: ZVersion })
  .refine(sourceLinkBothOrNeither, sourceLinkProblem);
export type RecommendationInput = z.infer<typeof ZRecommendationCreate>;

export const ZStatusChange = z.object({
  status: ZRecommendationStatus,
  reason: ZOptionalText(2000),
  agreedOn: z.iso.date({ message: 'Enter the date it was agreed, for example 2026-06-30' }).optional(),
  version: ZVersion,
});
export type StatusChangeInput = z.infer<typeof ZStatusChange>;

export const ZCloseInput = z.object({
  approvedBy: ZText('Enter who approved closing it for the monitoring group'),
  meeting: ZText('Enter the meeting at which closing it was approved'),
  closedOn: z.iso.date({ message: 'Enter the date it was closed, for example 2026-06-30' }),
  version: ZVersion,
});
export type CloseInput = z.infer<typeof ZCloseInput>;

const ZRef = z.object({ id: z.uuid(), name: z.string() });
const ZVerb = z.enum(['read', 'edit', 'changeStatus', 'close']);

export const ZRecommendationSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  reference: z.string(),
  title: z.string(),
  sourceKind: ZRecommendationSource,
  sourceTitle: z.string(),
  sourceDate: z.string().nullable(),
  theme: ZRef.nullable(),
  priority: ZPriorityLevel,
  monitoringGroup: ZRef.nullable(),
  status: ZRecommendationStatus,
  statusReason: z.string().nullable(),
  agreedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  agencies: z.array(ZRef),
  /** Has an open action past its due date, or an impact check past due without a judgement. */
  overdue: z.boolean(),
  version: z.number().int(),
});

export const ZImpactCheckSummary = z.object({
  id: z.uuid(),
  months: z.number().int(),
  dueOn: z.string(),
  judgement: ZImpactJudgement.nullable(),
  judgedOn: z.string().nullable(),
});

export const ZTimelineEntry = z.object({
  at: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  /** What happened, in plain words: "Status changed from Agreed to In progress", "Not accepted: …". */
  summary: z.string(),
  personName: z.string().nullable(),
});

export const ZRecommendation = ZRecommendationSummary.extend({
  detail: z.string().nullable(),
  sourceType: ZRecommendationSourceType.nullable(),
  sourceId: z.uuid().nullable(),
  closure: z
    .object({
      approvedBy: z.string(),
      meeting: z.string(),
      closedOn: z.string(),
      recordedByName: z.string().nullable(),
    })
    .nullable(),
  impactChecks: z.array(ZImpactCheckSummary),
  /** The statuses a person may choose next by a plain status change. */
  nextStatuses: z.array(ZRecommendationStatus),
  timeline: z.array(ZTimelineEntry),
  allowedVerbs: z.array(ZVerb),
  createdAt: z.string(),
  updatedAt: z.string(),
});
