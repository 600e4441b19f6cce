import { z } from 'zod';
import { ZActionStatus, ZRag, ZRecommendationStatus } from '../../../contracts/recommendations.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export const ZActionParams = z.object({ partnershipId: z.uuid(), actionId: ZUuid });
export const ZActionUpdateParams = ZActionParams.extend({ updateId: ZUuid });
export const ZActionFileParams = ZActionParams.extend({ fileId: ZUuid });
export const ZActionPlanParams = z.object({ partnershipId: z.uuid(), agencyId: ZUuid });

const ZVersion = z.number({ message: 'Send the version you changed' }).int();
const emptyToNull = (v: unknown) => (v === '' ? null : v);

const ZTitle = z
  .string({ message: 'Enter a title for the action' })
  .trim()
  .min(1, 'Enter a title for the action')
  .max(300, 'Title must be 300 characters or fewer');
const ZDescription = z.preprocess(
  emptyToNull,
  z
    .string({ message: 'Enter a description' })
    .trim()
    .max(5000, 'Description must be 5000 characters or fewer')
    .nullable()
    .optional(),
);
const ZOwner = z.preprocess(
  emptyToNull,
  z.uuid({ message: 'Choose an owner from the list' }).nullable().optional(),
);
const ZDueOn = z.preprocess(
  emptyToNull,
  z.iso.date({ message: 'Enter a real due date, for example 2026-09-30' }).nullable().optional(),
);
const ZOptionalRag = z.preprocess(emptyToNull, ZRag.nullable().optional());
const ZRecommendationIds = z
  .array(z.uuid({ message: 'Choose recommendations from the list' }), {
    message: 'Choose at least one recommendation this action answers',
  })
  .min(1, 'Choose at least one recommendation this action answers')
  .max(50, 'An action can answer at most 50 recommendations');

export const ZActionCreate = z.object({
  agencyId: z.uuid({ message: 'Choose an agency from the list' }),
  title: ZTitle,
  description: ZDescription,
  ownerPersonId: ZOwner,
  dueOn: ZDueOn,
  rag: ZOptionalRag,
  recommendationIds: ZRecommendationIds,
});
export type TActionCreate = z.infer<typeof ZActionCreate>;

/** The whole editable action (its agency never changes); links may be added and removed. */
export const ZActionEdit = z.object({
  title: ZTitle,
  description: ZDescription,
  ownerPersonId: ZOwner,
  dueOn: ZDueOn,
  rag: ZOptionalRag,
  recommendationIds: ZRecommendationIds,
  version: ZVersion,
});
export type TActionEdit = z.infer<typeof ZActionEdit>;

export const ZActionStatusChange = z.object({
  status: ZActionStatus,
  /** Needed to cancel; kept as a progress update so the reason stays with the action. */
  reason: z.preprocess(
    emptyToNull,
    z.string().trim().max(5000, 'Reason must be 5000 characters or fewer').nullable().optional(),
  ),
  version: ZVersion,
});
export type TActionStatusChange = z.infer<typeof ZActionStatusChange>;

export const ZProgressUpdateCreate = z.object({
  body: z
    .string({ message: 'Enter what progress has been made' })
    .trim()
    .min(1, 'Enter what progress has been made')
    .max(10_000, 'Update must be 10000 characters or fewer'),
  rag: ZOptionalRag,
  updateOn: z.iso.date({ message: 'Enter the date of the update, for example 2026-06-15' }),
});
export type TProgressUpdateCreate = z.infer<typeof ZProgressUpdateCreate>;

const trueFalse = (message: string) =>
  z
    .enum(['true', 'false'], { message })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'));

export const ZActionListQuery = z.object({
  page: z.coerce.number({ message: 'Page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ message: 'Page size must be a number' }).int().min(1).max(100).default(25),
  agencyId: z.uuid({ message: 'Choose an agency from the list' }).optional(),
  recommendationId: z.uuid({ message: 'Choose a recommendation from the list' }).optional(),
  ownerPersonId: z.uuid({ message: 'Choose an owner from the list' }).optional(),
  status: ZActionStatus.optional(),
  overdue: trueFalse('Overdue must be true or false'),
});
export type TActionListQuery = z.infer<typeof ZActionListQuery>;

/** A page of an agency's action plan (or of its recommendations with no action yet). */
export const ZActionPlanQuery = z.object({
  page: z.coerce
    .number({ message: 'Page must be a number' })
    .int('Page must be a whole number')
    .min(1, 'Page must be 1 or more')
    .max(100_000, 'Page must be 100000 or less')
    .default(1),
  pageSize: z.coerce
    .number({ message: 'Page size must be a number' })
    .int('Page size must be a whole number')
    .min(1, 'Page size must be 1 or more')
    .max(100, 'Page size must be 100 or fewer')
    .default(50),
});
export type TActionPlanQuery = z.infer<typeof ZActionPlanQuery>;

export const ZRef = z.object({ id: z.uuid(), name: z.string() });
const ZVerb = z.enum(['read', 'edit', 'progress']);

export const ZLinkedRecommendation = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: ZRecommendationStatus,
});

export const ZActionSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  agency: ZRef,
  owner: ZRef.nullable(),
  dueOn: z.string().nullable(),
  status: ZActionStatus,
  rag: ZRag.nullable(),
  completedOn: z.string().nullable(),
  overdue: z.boolean(),
  recommendations: z.array(ZLinkedRecommendation),
  version: z.number().int(),
});

export const ZActionFile = z.object({
  id: z.uuid(),
  updateId: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.date(),
  uploadedBy: ZRef.nullable(),
  removedAt: z.date().nullable(),
});

export const ZProgressUpdate = z.object({
  id: z.uuid(),
  body: z.string(),
  rag: ZRag.nullable(),
  updateOn: z.string(),
  createdBy: ZRef.nullable(),
  createdAt: z.date(),
  files: z.array(ZActionFile),
});

export const ZActionDetail = ZActionSummary.extend({
  description: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** Newest first. */
  updates: z.array(ZProgressUpdate),
  allowedVerbs: z.array(ZVerb),
});

export const ZPlanAction = ZActionSummary.extend({
  latestUpdate: z.object({ body: z.string(), rag: ZRag.nullable(), updateOn: z.string() }).nullable(),
});

export const ZActionPlan = z.object({
  agency: ZRef,
  today: z.string(),
  counts: z.object({
    open: z.number().int(),
    onTrack: z.number().int(),
    overdue: z.number().int(),
    complete: z.number().int(),
    cancelled: z.number().int(),
  }),
  /**
   * Overdue first, then in progress, not started, recently complete, recently cancelled: every group,
   * with how many actions it holds in the whole plan (`total`) and those of them on this page.
   */
  groups: z.array(
    z.object({
      key: z.enum(['overdue', 'in_progress', 'not_started', 'complete', 'cancelled']),
      label: z.string(),
      total: z.number().int(),
      actions: z.array(ZPlanAction),
    }),
  ),
  /** Actions on the whole plan (the groups' totals added up), paged in the groups' order. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /**
   * The first (lowest-numbered) recommendations addressed to the agency, in force, that no action of the
   * agency answers yet; all of them are at .../action-plan/unanswered.
   */
  unansweredRecommendations: z.array(ZLinkedRecommendation),
  /** How many such recommendations there are in all. */
  unansweredTotal: z.number().int(),
});
