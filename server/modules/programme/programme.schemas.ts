import { z } from 'zod';
import { ZActivityKind, ZActivityStatus, ZYearKind } from '../../../contracts/programme.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export const ZProgrammeParams = z.object({ partnershipId: z.uuid(), programmeId: ZUuid });
export const ZActivityParams = z.object({ partnershipId: z.uuid(), activityId: ZUuid });
export const ZProgrammeAgencyParams = ZProgrammeParams.extend({ agencyId: ZUuid });

/** A calendar date, YYYY-MM-DD, or null when not set. */
const ZOptionalDate = (what: string) =>
  z.iso
    .date({ message: `Enter a real date for ${what}, for example 2026-06-30` })
    .nullable()
    .optional();

const ZVersion = z.number({ message: 'Send the version you changed' }).int();

const ZProgrammeTitle = z
  .string({ message: 'Enter a title for the programme' })
  .trim()
  .min(1, 'Enter a title for the programme')
  .max(200, 'Title must be 200 characters or fewer');

export const ZProgrammeCreate = z.object({
  startYear: z
    .number({ message: 'Enter the year the programme starts, for example 2026' })
    .int('Enter the year the programme starts, for example 2026')
    .min(2000, 'Enter a year from 2000 to 2100')
    .max(2100, 'Enter a year from 2000 to 2100'),
  yearKind: ZYearKind.default('financial'),
  title: ZProgrammeTitle,
});
export const ZProgrammeUpdate = z.object({ title: ZProgrammeTitle, version: ZVersion });

const ZText = (message: string, max = 200) =>
  z.string({ message }).trim().min(1, message).max(max, `Must be ${max} characters or fewer`);

export const ZApprovalInput = z.object({
  approvedBy: ZText('Enter who approved the programme for the Executive'),
  approvedOn: z.iso.date({ message: 'Enter the date the Executive approved the programme' }),
  approvalMeeting: ZText('Enter the meeting at which the programme was approved'),
  version: ZVersion,
});

export const ZCopyForward = z.object({
  title: ZProgrammeTitle.optional(),
});

const ZVerb = z.enum(['read', 'write', 'approve']);

export const ZApproval = z.object({
  approvedBy: z.string(),
  approvedOn: z.string(),
  approvalMeeting: z.string(),
  recordedAt: z.string(),
  recordedByName: z.string().nullable(),
});

export const ZQuarter = z.object({
  quarter: z.number().int(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});

export const ZProgrammeSummary = z.object({
  id: z.uuid(),
  startYear: z.number().int(),
  yearKind: ZYearKind,
  yearLabel: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  activityCount: z.number().int(),
  copiedFromId: z.uuid().nullable(),
  approval: ZApproval.nullable(),
  allowedVerbs: z.array(ZVerb),
});

const ZRef = z.object({ id: z.uuid(), name: z.string() });

export const ZActivitySummary = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  kind: ZActivityKind,
  title: z.string(),
  quarter: z.number().int(),
  status: ZActivityStatus,
  statusReason: z.string().nullable(),
  releasedOn: z.string().nullable(),
  deadlineOn: z.string().nullable(),
  meetingOn: z.string().nullable(),
  reportDueOn: z.string().nullable(),
  priority: ZRef.nullable(),
  lead: ZRef.nullable(),
  agencies: z.array(ZRef),
  version: z.number().int(),
});

export const ZProgrammeDetail = ZProgrammeSummary.extend({
  quarters: z.array(ZQuarter),
  activities: z.array(ZActivitySummary),
  /** How many changes were made to the programme or its activities since the approval was recorded. */
  changesSinceApproval: z.number().int(),
});

export const ZActivity = ZActivitySummary.extend({
  description: z.string().nullable(),
  template: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  programme: z.object({
    id: z.uuid(),
    title: z.string(),
    startYear: z.number().int(),
    yearKind: ZYearKind,
    yearLabel: z.string(),
    active: z.boolean(),
  }),
  nextStatuses: z.array(ZActivityStatus),
  allowedVerbs: z.array(ZVerb),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const ZActivityFields = {
  kind: ZActivityKind,
  title: z
    .string({ message: 'Enter a title for the activity' })
    .trim()
    .min(1, 'Enter a title for the activity')
    .max(300, 'Title must be 300 characters or fewer'),
  description: z
    .string()
    .trim()
    .max(4000, 'Description must be 4000 characters or fewer')
    .nullable()
    .optional(),
  priorityId: ZUuid.nullable().optional(),
  leadPersonId: ZUuid.nullable().optional(),
  templateId: ZUuid.nullable().optional(),
  quarter: z
    .number({ message: 'Choose the quarter the activity is in' })
    .int('Choose the quarter the activity is in')
    .min(1, 'Choose a quarter from 1 to 4')
    .max(4, 'Choose a quarter from 1 to 4'),
  agencyIds: z
    .array(ZUuid, { message: 'Choose the agencies involved' })
    .max(500, 'Choose 500 agencies or fewer')
    .default([]),
  releasedOn: ZOptionalDate('the release date'),
  deadlineOn: ZOptionalDate('the deadline'),
  meetingOn: ZOptionalDate('the panel or audit day'),
  reportDueOn: ZOptionalDate('the date the report is due'),
};

export const ZActivityCreate = z.object({ programmeId: ZUuid, ...ZActivityFields });
export const ZActivityUpdate = z.object({ ...ZActivityFields, version: ZVersion });
export type ActivityInput = z.infer<typeof ZActivityUpdate>;

export const ZStatusChange = z.object({
  status: ZActivityStatus,
  reason: z.string().trim().max(2000, 'Reason must be 2000 characters or fewer').nullable().optional(),
  version: ZVersion,
});

/** The quarter grid: each quarter of the year with its activities. */
export const ZQuarterGrid = z.object({
  programme: ZProgrammeSummary,
  quarters: z.array(ZQuarter.extend({ activities: z.array(ZActivitySummary) })),
});

const ZMonthEntry = z.object({
  date: z.string(),
  keyDate: z.enum(['releasedOn', 'deadlineOn', 'meetingOn', 'reportDueOn']),
  activity: ZActivitySummary,
});

const ZMonth = z.object({
  month: z.string(),
  label: z.string(),
  /** False for a month just before or after the programme year that still has a key date. */
  inYear: z.boolean(),
  entries: z.array(ZMonthEntry),
});

/** Every key date of the programme, by month. */
export const ZMonthList = z.object({ programme: ZProgrammeSummary, months: z.array(ZMonth) });

/** What is coming to one agency, by month, with counts so clashes show. */
export const ZAgencyView = z.object({
  programme: ZProgrammeSummary,
  agency: ZRef,
  activities: z.array(ZActivitySummary),
  months: z.array(
    ZMonth.extend({
      count: z.number().int(),
      deadlines: z.number().int(),
      /** Enough deadlines in the month to make it a possible clash (CLASH_DEADLINES). */
      clash: z.boolean(),
    }),
  ),
});

export const ZChange = z.object({
  id: z.number().int(),
  at: z.string(),
  personName: z.string().nullable(),
  entity: z.enum(['programme', 'activity']),
  entityId: z.string(),
  activityTitle: z.string().nullable(),
  action: z.string(),
  changes: z.array(
    z.object({
      field: z.string(),
      label: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
    }),
  ),
});

export const ZChangesPage = z.object({
  items: z.array(ZChange),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  approvalRecordedAt: z.string().nullable(),
});

export const ZChangesQuery = z.object({
  page: z.coerce.number({ message: 'Page must be a number' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number({ message: 'Page size must be a number' }).int().min(1).max(100).default(25),
});

export const ZCalendarFeedStatus = z.object({ exists: z.boolean(), createdAt: z.string().nullable() });
export const ZCalendarFeedCreated = z.object({ url: z.string(), createdAt: z.string() });
