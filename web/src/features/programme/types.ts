// Shapes of the programme API's answers (server/modules/programme/programme.schemas.ts is the source of truth).
import type { ActivityKind, ActivityStatus, KeyDate, YearKind } from '../../../../contracts/programme';

export type Ref = { id: string; name: string };

export type Approval = {
  approvedBy: string;
  approvedOn: string;
  approvalMeeting: string;
  recordedAt: string;
  recordedByName: string | null;
};

export type ProgrammeVerb = 'read' | 'write' | 'approve';

export type ProgrammeSummary = {
  id: string;
  startYear: number;
  yearKind: YearKind;
  yearLabel: string;
  title: string;
  startsOn: string;
  endsOn: string;
  active: boolean;
  version: number;
  activityCount: number;
  copiedFromId: string | null;
  approval: Approval | null;
  allowedVerbs: ProgrammeVerb[];
};

export type Quarter = { quarter: number; label: string; startsOn: string; endsOn: string };

export type ActivitySummary = {
  id: string;
  programmeId: string;
  kind: ActivityKind;
  title: string;
  quarter: number;
  status: ActivityStatus;
  statusReason: string | null;
  releasedOn: string | null;
  deadlineOn: string | null;
  meetingOn: string | null;
  reportDueOn: string | null;
  priority: Ref | null;
  lead: Ref | null;
  agencies: Ref[];
  version: number;
};

export type ProgrammeDetail = ProgrammeSummary & {
  quarters: Quarter[];
  activities: ActivitySummary[];
  changesSinceApproval: number;
};

export type Activity = ActivitySummary & {
  description: string | null;
  template: { id: string; title: string } | null;
  programme: {
    id: string;
    title: string;
    startYear: number;
    yearKind: YearKind;
    yearLabel: string;
    active: boolean;
  };
  nextStatuses: ActivityStatus[];
  allowedVerbs: ProgrammeVerb[];
  createdAt: string;
  updatedAt: string;
};

export type MonthEntry = { date: string; keyDate: KeyDate; activity: ActivitySummary };
export type Month = { month: string; label: string; inYear: boolean; entries: MonthEntry[] };

export type MonthList = { programme: ProgrammeSummary; months: Month[] };

export type AgencyView = {
  programme: ProgrammeSummary;
  agency: Ref;
  activities: ActivitySummary[];
  months: (Month & { count: number; deadlines: number; clash: boolean })[];
};

export type Change = {
  id: number;
  at: string;
  personName: string | null;
  entity: 'programme' | 'activity';
  entityId: string;
  activityTitle: string | null;
  action: string;
  changes: { field: string; label: string; before: string | null; after: string | null }[];
};

export type ChangesPage = {
  items: Change[];
  total: number;
  page: number;
  pageSize: number;
  approvalRecordedAt: string | null;
};

export type CalendarFeedStatus = { exists: boolean; createdAt: string | null };
