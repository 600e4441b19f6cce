import { z } from 'zod';

// Shared by server and web: the organisation model's vocabulary.

export const ROLES = [
  'partnership_admin',
  'qa_group_member',
  'case_review_group_member',
  'agency_lead',
  'auditor_practitioner',
  'education_provider_lead',
  'independent_scrutineer',
  'lead_sponsor',
  'board_viewer',
] as const;
export type Role = (typeof ROLES)[number];
export const ZRole = z.enum(ROLES, { message: 'Select a role' });

export const ROLE_LABELS: Record<Role, string> = {
  partnership_admin: 'Partnership admin',
  qa_group_member: 'QA group member',
  case_review_group_member: 'Case review group member',
  agency_lead: 'Agency lead',
  auditor_practitioner: 'Auditor or practitioner',
  education_provider_lead: 'Education provider lead',
  independent_scrutineer: 'Independent scrutineer',
  lead_sponsor: 'Lead sponsor',
  board_viewer: 'Board viewer',
};

/** Roles that act for one agency and must name it. */
export const AGENCY_SCOPED_ROLES: readonly Role[] = [
  'agency_lead',
  'auditor_practitioner',
  'education_provider_lead',
];

export const AGENCY_TYPES = [
  'la_childrens_services',
  'adult_social_care',
  'police',
  'icb',
  'nhs_trust',
  'gp_primary_care',
  'probation',
  'youth_justice',
  'education_setting',
  'housing',
  'voluntary_sector',
  'other',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];
export const ZAgencyType = z.enum(AGENCY_TYPES, { message: 'Select the type of agency' });

export const AGENCY_TYPE_LABELS: Record<AgencyType, string> = {
  la_childrens_services: "Local authority children's services",
  adult_social_care: 'Adult social care',
  police: 'Police',
  icb: 'Integrated care board (ICB)',
  nhs_trust: 'NHS trust',
  gp_primary_care: 'GP and primary care',
  probation: 'Probation',
  youth_justice: 'Youth justice',
  education_setting: 'Education setting',
  housing: 'Housing',
  voluntary_sector: 'Voluntary sector',
  other: 'Other',
};

export const PARTNERSHIP_COVERS = ['children', 'adults', 'both'] as const;
export const ZCovers = z.enum(PARTNERSHIP_COVERS, { message: 'Select who the partnership covers' });
export const COVERS_LABELS: Record<(typeof PARTNERSHIP_COVERS)[number], string> = {
  children: 'Children',
  adults: 'Adults',
  both: 'Children and adults',
};

export const GROUP_KINDS = [
  'executive',
  'board',
  'qa_group',
  'learning_development',
  'case_review_group',
  'subgroup',
] as const;
export const ZGroupKind = z.enum(GROUP_KINDS, { message: 'Select the kind of group' });
export const GROUP_KIND_LABELS: Record<(typeof GROUP_KINDS)[number], string> = {
  executive: 'Executive',
  board: 'Board',
  qa_group: 'QA group / Learning and Improvement Group',
  learning_development: 'Learning and Development',
  case_review_group: 'Case review group',
  subgroup: 'Subgroup',
};

export const GROUP_MEMBER_ROLES = ['chair', 'vice_chair', 'member'] as const;
export const ZGroupMemberRole = z.enum(GROUP_MEMBER_ROLES, { message: 'Select chair, vice-chair or member' });
