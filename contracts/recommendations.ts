import { z } from 'zod';

// Shared by server and web: the vocabulary of the recommendations and actions register (PRODUCT.md §4.9,
// §4.10). The rules over it (status machine, impact-check dates, closure) are in recommendations.rules.ts.

export const RECOMMENDATION_SOURCES = [
  'case_audit',
  'self_assessment',
  'thematic_review',
  'rapid_review',
  'lcspr',
  'sar',
  'independent_scrutiny',
  'peer_review',
  'inspection',
  'walk_the_floor',
  'other',
] as const;
export type RecommendationSource = (typeof RECOMMENDATION_SOURCES)[number];
export const ZRecommendationSource = z.enum(RECOMMENDATION_SOURCES, { message: 'Select where it came from' });
export const RECOMMENDATION_SOURCE_LABELS: Record<RecommendationSource, string> = {
  case_audit: 'Multi-agency case audit',
  self_assessment: 'Self-assessment (Section 11, Care Act, Section 175/157)',
  thematic_review: 'Thematic review',
  rapid_review: 'Rapid review',
  lcspr: 'Local child safeguarding practice review',
  sar: 'Safeguarding adult review',
  independent_scrutiny: 'Independent scrutiny',
  peer_review: 'Peer review',
  inspection: 'Inspection (for example a JTAI)',
  walk_the_floor: 'Walk the floor visit',
  other: 'Other (entered by hand)',
};

/** draft → agreed → in progress → impact being checked → closed; or not accepted (with a reason). */
export const RECOMMENDATION_STATUSES = [
  'draft',
  'agreed',
  'in_progress',
  'impact_check',
  'closed',
  'not_accepted',
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const ZRecommendationStatus = z.enum(RECOMMENDATION_STATUSES, { message: 'Select a status' });
export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  draft: 'Draft',
  agreed: 'Agreed',
  in_progress: 'In progress',
  impact_check: 'Impact being checked',
  closed: 'Closed',
  not_accepted: 'Not accepted',
};

export const PRIORITY_LEVELS = ['high', 'medium', 'low'] as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[number];
export const ZPriorityLevel = z.enum(PRIORITY_LEVELS, { message: 'Select high, medium or low' });
export const PRIORITY_LEVEL_LABELS: Record<PriorityLevel, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const ACTION_STATUSES = ['not_started', 'in_progress', 'complete', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ZActionStatus = z.enum(ACTION_STATUSES, { message: 'Select a status' });
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  complete: 'Complete',
  cancelled: 'Cancelled',
};

export const RAG = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAG)[number];
export const ZRag = z.enum(RAG, { message: 'Select red, amber or green' });
export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** The monitoring group's judgement at an impact check. */
export const IMPACT_JUDGEMENTS = ['embedded', 'partly_embedded', 'not_embedded'] as const;
export type ImpactJudgement = (typeof IMPACT_JUDGEMENTS)[number];
export const ZImpactJudgement = z.enum(IMPACT_JUDGEMENTS, { message: 'Select a judgement' });
export const IMPACT_JUDGEMENT_LABELS: Record<ImpactJudgement, string> = {
  embedded: 'Embedded',
  partly_embedded: 'Partly embedded',
  not_embedded: 'Not embedded',
};

/** Impact checks fall this many months after a recommendation is agreed, unless a partnership changes it. */
export const DEFAULT_IMPACT_CHECK_MONTHS = [3, 6, 12] as const;

/** The group's judgement on a single-agency assurance request's answer. */
export const ASSURANCE_JUDGEMENTS = ['assured', 'partly_assured', 'not_assured'] as const;
export type AssuranceJudgement = (typeof ASSURANCE_JUDGEMENTS)[number];
export const ZAssuranceJudgement = z.enum(ASSURANCE_JUDGEMENTS, { message: 'Select a judgement' });
export const ASSURANCE_JUDGEMENT_LABELS: Record<AssuranceJudgement, string> = {
  assured: 'Assured',
  partly_assured: 'Partly assured',
  not_assured: 'Not assured',
};

export const SCRUTINY_KINDS = ['scrutiny_topic', 'internal_peer_review', 'external_peer_review'] as const;
export type ScrutinyKind = (typeof SCRUTINY_KINDS)[number];
export const ZScrutinyKind = z.enum(SCRUTINY_KINDS, { message: 'Select the kind of review' });
export const SCRUTINY_KIND_LABELS: Record<ScrutinyKind, string> = {
  scrutiny_topic: 'Independent scrutiny topic',
  internal_peer_review: 'Internal peer review',
  external_peer_review: 'External peer review',
};

export const SCRUTINY_STATUSES = ['planned', 'in_progress', 'reported', 'cancelled'] as const;
export type ScrutinyStatus = (typeof SCRUTINY_STATUSES)[number];
export const ZScrutinyStatus = z.enum(SCRUTINY_STATUSES, { message: 'Select a status' });
export const SCRUTINY_STATUS_LABELS: Record<ScrutinyStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  reported: 'Reported',
  cancelled: 'Cancelled',
};

/** Records a recommendation can link back to (source_type + source_id), each checked to be the partnership's own. */
export const RECOMMENDATION_SOURCE_TYPES = ['qa_activity', 'scrutiny_review', 'case_file'] as const;
export type RecommendationSourceType = (typeof RECOMMENDATION_SOURCE_TYPES)[number];
export const ZRecommendationSourceType = z.enum(RECOMMENDATION_SOURCE_TYPES, {
  message: 'Select the kind of record it came from',
});

/** The reference people use for a recommendation: "R-14". */
export const recommendationReference = (number: number) => `R-${number}`;
