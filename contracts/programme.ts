import { z } from 'zod';

// Shared by server and web: the QA programme's vocabulary (PRODUCT.md §4.1).

/** Every kind of assurance activity a programme can hold (PRODUCT.md §2 and §4). */
export const ACTIVITY_KINDS = [
  'multi_agency_case_audit',
  'self_assessment',
  'education_audit',
  'thematic_review',
  'single_agency_assurance_request',
  'performance_data_return',
  'independent_scrutiny',
  'peer_review',
  'walk_the_floor',
  'survey',
  'multi_agency_overview_evaluation',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ZActivityKind = z.enum(ACTIVITY_KINDS, { message: 'Select the kind of activity' });

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  multi_agency_case_audit: 'Multi-agency case audit',
  self_assessment: 'Section 11 or Care Act self-assessment',
  education_audit: 'Section 175/157 education audit',
  thematic_review: 'Thematic review',
  single_agency_assurance_request: 'Single-agency assurance request',
  performance_data_return: 'Performance data return',
  independent_scrutiny: 'Independent scrutiny topic',
  peer_review: 'Peer review',
  walk_the_floor: 'Walk the floor',
  survey: 'Survey',
  multi_agency_overview_evaluation: 'Multi-agency overview evaluation',
};

/** planned → in progress → reporting → complete; cancelled or deferred need a reason. */
export const ACTIVITY_STATUSES = [
  'planned',
  'in_progress',
  'reporting',
  'complete',
  'cancelled',
  'deferred',
] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ZActivityStatus = z.enum(ACTIVITY_STATUSES, { message: 'Select a status' });

export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  reporting: 'Reporting',
  complete: 'Complete',
  cancelled: 'Cancelled',
  deferred: 'Deferred',
};

/** Financial year runs April–March; academic year September–August (for education audits). */
export const YEAR_KINDS = ['financial', 'academic'] as const;
export type YearKind = (typeof YEAR_KINDS)[number];
export const ZYearKind = z.enum(YEAR_KINDS, { message: 'Select financial or academic year' });
