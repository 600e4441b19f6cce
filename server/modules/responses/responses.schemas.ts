import { z } from 'zod';
import { isRealIsoDate } from '../../../contracts/audit-tools.rules.js';
import { ZCarryForward, ZResponseStatus } from '../../../contracts/responses.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });
const optionalId = (message: string) =>
  z.preprocess((v) => (v === '' ? null : v), z.uuid({ message }).nullable().optional());

export const ZResponseParams = z.object({ partnershipId: z.uuid(), responseId: ZUuid });
export const ZQuestionFileParams = ZResponseParams.extend({
  questionId: z.string().min(1).max(100),
});
export const ZFileParams = ZResponseParams.extend({ fileId: ZUuid });

export const ZResponseCreate = z.object({
  templateId: z.uuid({ message: 'Choose an audit tool' }),
  title: z
    .string({ message: 'Enter a title for the request' })
    .trim()
    .min(1, 'Enter a title for the request')
    .max(300, 'Title must be 300 characters or fewer'),
  dueOn: z.preprocess(
    (v) => (v === '' ? null : v),
    z.string().refine(isRealIsoDate, { message: 'Due date must be a real date' }).nullable().optional(),
  ),
  agencyId: optionalId('Choose an agency from the list'),
  assigneePersonId: optionalId('Choose a person from the list'),
  activityId: optionalId('Choose an activity from the list'),
  previousResponseId: optionalId('Choose an earlier response from the list'),
});
export type TResponseCreate = z.infer<typeof ZResponseCreate>;

export const ZResponseListQuery = z.object({
  page: z.coerce.number({ message: 'Page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ message: 'Page size must be a number' }).int().min(1).max(100).default(25),
  status: ZResponseStatus.optional(),
  agencyId: z.uuid({ message: 'Choose an agency from the list' }).optional(),
  activityId: z.uuid({ message: 'Choose an activity from the list' }).optional(),
  /** Only responses the person answers (assigned to them, or to an agency they lead). */
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type TResponseListQuery = z.infer<typeof ZResponseListQuery>;

/** Answers are checked against the template by the service, so problems name the question. */
export const ZAnswersUpdate = z.object({
  answers: z.record(z.string(), z.unknown(), { message: 'Send the answers as an object' }),
  carryForward: ZCarryForward.default({}),
  version: z.number({ message: 'Send the version you changed' }).int(),
});
export const ZSubmit = z.object({ version: z.number({ message: 'Send the version you checked' }).int() });

const ZPersonRef = z.object({ id: z.uuid(), name: z.string() }).nullable();
const ZAnswersOut = z.record(z.string(), z.unknown());

export const ZResponseFile = z.object({
  id: z.uuid(),
  questionId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.date(),
  uploadedBy: ZPersonRef,
  removedAt: z.date().nullable(),
});

export const ZResponseSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  status: ZResponseStatus,
  dueOn: z.string().nullable(),
  agency: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  assignee: ZPersonRef,
  activity: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  template: z.object({
    id: z.uuid(),
    title: z.string(),
    versionId: z.uuid(),
    versionNumber: z.number().int(),
  }),
  version: z.number().int(),
  lastSavedAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
  createdAt: z.date(),
  allowedVerbs: z.array(z.enum(['read', 'write'])),
});

export const ZResponseDetail = ZResponseSummary.extend({
  answers: ZAnswersOut,
  carryForward: ZCarryForward,
  previousResponseId: z.uuid().nullable(),
  /** The earlier response's answers, shown beside each question (null when there is none). */
  previousAnswers: ZAnswersOut.nullable(),
  lastSavedBy: ZPersonRef,
  submittedBy: ZPersonRef,
  /** The frozen template version this response answers (the documented template format). */
  definition: z.record(z.string(), z.unknown()),
  files: z.array(ZResponseFile),
  /** True while the person may change the answers (they may write and it is not yet submitted). */
  canEdit: z.boolean(),
});
