import { z } from 'zod';

// Shared by server and web: the vocabulary of case reviews (PRODUCT.md §4.8; domain-facts §5). A case file
// is one child's or adult's case as the case review group knows it: a serious incident notification and
// its rapid review (children), or a SAR referral and its panel decision (adults), and then any review
// commissioned from it (LCSPR, SAR, partnership or single-agency review). The statutory date rules are in
// server/modules/case-reviews/case-reviews.rules.ts (working days need the bank-holiday calendar).
//
// Confidentiality: a case file holds the least identifying data needed. `label` is a code or initials
// ("Child K", "Adult M"), never a name; there is no date of birth, address or NHS number anywhere.

const isoDate = (field: string) =>
  z
    .string({ message: `Enter ${field}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `Enter ${field} as a real date, for example 2026-03-27` });
const text = (field: string, max = 10_000) =>
  z
    .string({ message: `Enter ${field}` })
    .trim()
    .min(1, { message: `Enter ${field}` })
    .max(max, { message: `${field[0]!.toUpperCase()}${field.slice(1)} must be ${max} characters or fewer` });
const optionalText = (field: string, max = 10_000) =>
  z
    .string()
    .trim()
    .max(max, { message: `${field[0]!.toUpperCase()}${field.slice(1)} must be ${max} characters or fewer` })
    .nullish()
    .transform((v) => (v ? v : null));

export const CASE_KINDS = ['child', 'adult'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const ZCaseKind = z.enum(CASE_KINDS, { message: 'Select child or adult' });
export const CASE_KIND_LABELS: Record<CaseKind, string> = { child: 'Child', adult: 'Adult' };

/** The reference people use for a case file: "C-7". */
export const caseFileReference = (number: number) => `C-${number}`;

// --- Serious incident notification (children) ------------------------------------------------------

/** A serious incident needs a rapid review; a care leaver's death (up to and including 24) needs none. */
export const NOTIFICATION_KINDS = ['serious_incident', 'care_leaver_death'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS, { message: 'Select what is being notified' });
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  serious_incident: 'Serious incident (child died or was seriously harmed)',
  care_leaver_death: 'Death of a care leaver (aged up to and including 24)',
};

export const HARMS = ['death', 'serious_harm'] as const;
export const ZHarm = z.enum(HARMS, { message: 'Select whether the child died or was seriously harmed' });
export const HARM_LABELS: Record<(typeof HARMS)[number], string> = {
  death: 'The child died (including suspected suicide)',
  serious_harm: 'The child was seriously harmed',
};

export const ABUSE_OR_NEGLECT = ['known', 'suspected'] as const;
export const ZAbuseOrNeglect = z.enum(ABUSE_OR_NEGLECT, {
  message: 'Select whether abuse or neglect is known or suspected',
});
export const ABUSE_OR_NEGLECT_LABELS: Record<(typeof ABUSE_OR_NEGLECT)[number], string> = {
  known: 'Abuse or neglect is known',
  suspected: 'Abuse or neglect is suspected',
};

export const INCIDENT_PLACES = ['in_area', 'abroad'] as const;
export const ZIncidentPlace = z.enum(INCIDENT_PLACES, { message: 'Select where it happened' });
export const INCIDENT_PLACE_LABELS: Record<(typeof INCIDENT_PLACES)[number], string> = {
  in_area: "In the local authority's area",
  abroad: 'Outside England, while normally resident in the area',
};

/** The oldest age at which a care leaver's death is notified (Working Together 2023: up to and including 24). */
export const CARE_LEAVER_MAX_AGE = 24;

// --- Rapid review ----------------------------------------------------------------------------------

/**
 * The rapid review's steps in order, each due a number of working days after the notification was sent
 * (day 0). Agencies' summaries are due 3 working days after information is requested.
 */
export const RAPID_REVIEW_STEPS = [
  'request_information',
  'agency_summaries',
  'collate',
  'decision_meeting',
  'decision_sent',
] as const;
export type RapidReviewStep = (typeof RAPID_REVIEW_STEPS)[number];
export const RAPID_REVIEW_STEP_LABELS: Record<RapidReviewStep, string> = {
  request_information: 'Request information from agencies',
  agency_summaries: "Agencies' summaries of involvement due",
  collate: 'Collate the information and circulate it',
  decision_meeting: 'Decision meeting',
  decision_sent: 'Decision sent to the national panel',
};

export const RAPID_REVIEW_DECISIONS = [
  'immediate_learning',
  'single_agency_review',
  'partnership_review',
  'lcspr',
  'no_further_action',
] as const;
export type RapidReviewDecision = (typeof RAPID_REVIEW_DECISIONS)[number];
export const ZRapidReviewDecision = z.enum(RAPID_REVIEW_DECISIONS, { message: 'Select the decision' });
export const RAPID_REVIEW_DECISION_LABELS: Record<RapidReviewDecision, string> = {
  immediate_learning: 'Immediate learning only (captured in the rapid review)',
  single_agency_review: 'Single-agency review',
  partnership_review: 'Partnership review',
  lcspr: 'Local child safeguarding practice review (LCSPR)',
  no_further_action: 'No further action',
};

// --- SAR referral (adults, Care Act s44) -----------------------------------------------------------

/** s44(2)/(3): the adult died and abuse or neglect is known or suspected to have caused it, or is alive
 * and has experienced serious abuse or neglect (known or suspected). */
export const SAR_OUTCOMES = ['died', 'serious_abuse_or_neglect', 'neither'] as const;
export const ZSarOutcome = z.enum(SAR_OUTCOMES, { message: 'Select what happened to the adult' });
export const SAR_OUTCOME_LABELS: Record<(typeof SAR_OUTCOMES)[number], string> = {
  died: 'The adult died and abuse or neglect is known or suspected to have caused the death',
  serious_abuse_or_neglect: 'The adult is alive and serious abuse or neglect is known or suspected',
  neither: 'Neither of these',
};

export const SAR_DECISIONS = [
  'immediate_learning',
  'single_agency_review',
  'partnership_review',
  'discretionary_sar',
  'sar',
] as const;
export type SarDecision = (typeof SAR_DECISIONS)[number];
export const ZSarDecision = z.enum(SAR_DECISIONS, { message: 'Select the panel decision' });
export const SAR_DECISION_LABELS: Record<SarDecision, string> = {
  immediate_learning: 'Immediate learning through rapid triage',
  single_agency_review: 'Single-agency review',
  partnership_review: 'Partnership review',
  discretionary_sar: 'Discretionary safeguarding adult review',
  sar: 'Safeguarding adult review (the s44 criteria are met)',
};

/** Whether s44 makes a SAR mandatory: agencies' joint working is a concern AND death or serious abuse/neglect. */
export const sarIsMandatory = (concernAboutJointWorking: boolean, outcome: (typeof SAR_OUTCOMES)[number]) =>
  concernAboutJointWorking && outcome !== 'neither';

/** s44(1) applies to an adult with needs for care and support (met or not); then sarIsMandatory decides. */
export const sarReferralIsMandatory = (r: {
  hasCareAndSupportNeeds: boolean;
  concernAboutJointWorking: boolean;
  outcome: (typeof SAR_OUTCOMES)[number];
}) => r.hasCareAndSupportNeeds && sarIsMandatory(r.concernAboutJointWorking, r.outcome);

// --- Reviews (LCSPR, SAR, partnership, single-agency) ------------------------------------------------

export const REVIEW_KINDS = ['lcspr', 'sar', 'partnership_review', 'single_agency_review'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const ZReviewKind = z.enum(REVIEW_KINDS, { message: 'Select the kind of review' });
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  lcspr: 'Local child safeguarding practice review',
  sar: 'Safeguarding adult review',
  partnership_review: 'Partnership review',
  single_agency_review: 'Single-agency review',
};

export const REVIEW_STATUSES = [
  'commissioned',
  'in_progress',
  'draft_report',
  'published',
  'closed',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const ZReviewStatus = z.enum(REVIEW_STATUSES, { message: 'Select a status' });
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  commissioned: 'Commissioned',
  in_progress: 'In progress',
  draft_report: 'Draft report',
  published: 'Published',
  closed: 'Closed',
};

export const REVIEWER_KINDS = ['independent', 'internal'] as const;
export const ZReviewerKind = z.enum(REVIEWER_KINDS, { message: 'Select independent or internal' });
export const REVIEWER_KIND_LABELS: Record<(typeof REVIEWER_KINDS)[number], string> = {
  independent: 'Independent reviewer',
  internal: 'Internal reviewer',
};

/** The milestones a review records along the way. */
export const REVIEW_EVENT_KINDS = [
  'terms_of_reference',
  'agency_report',
  'panel_meeting',
  'draft',
  'family_involvement',
  'panel_notified',
  'other',
] as const;
export type ReviewEventKind = (typeof REVIEW_EVENT_KINDS)[number];
export const ZReviewEventKind = z.enum(REVIEW_EVENT_KINDS, { message: 'Select what this is' });
export const REVIEW_EVENT_KIND_LABELS: Record<ReviewEventKind, string> = {
  terms_of_reference: 'Terms of reference agreed',
  agency_report: 'Agency report',
  panel_meeting: 'Panel meeting',
  draft: 'Draft report',
  family_involvement: 'Family involvement',
  panel_notified: 'National panel and Secretary of State told of publication',
  other: 'Other',
};

/** Months from initiation to the expected publication of an LCSPR (Working Together: within 6 months). */
export const REVIEW_PUBLICATION_MONTHS = 6;

/** Access to a case file: read it, or read and edit it. The case review group always has edit. */
export const CASE_ACCESS_LEVELS = ['read', 'edit'] as const;
export const ZCaseAccessLevel = z.enum(CASE_ACCESS_LEVELS, { message: 'Select read or edit' });

// --- Inputs ----------------------------------------------------------------------------------------

export const ZCaseFileCreate = z.object({
  kind: ZCaseKind,
  label: text('a code or initials for the case', 40),
  summary: optionalText('the summary', 2000),
  themeIds: z
    .array(z.string().uuid({ message: 'Select a theme from the list' }))
    .max(20)
    .default([]),
});

export const ZCaseFileUpdate = z.object({
  version: z.number().int().min(1),
  label: text('a code or initials for the case', 40),
  summary: optionalText('the summary', 2000),
  themeIds: z.array(z.string().uuid({ message: 'Select a theme from the list' })).max(20),
});

export const ZNotificationInput = z.object({
  kind: ZNotificationKind,
  becameAwareOn: isoDate('the date the local authority became aware'),
  harm: ZHarm.nullish(),
  abuseOrNeglect: ZAbuseOrNeglect.nullish(),
  place: ZIncidentPlace.nullish(),
  ageAtDeath: z
    .number({ message: 'Enter the age as a whole number' })
    .int({ message: 'Enter the age as a whole number' })
    .min(16, { message: 'A care leaver is 16 or over' })
    .max(CARE_LEAVER_MAX_AGE, {
      message: `Care leavers' deaths are notified up to and including age ${CARE_LEAVER_MAX_AGE}`,
    })
    .nullish(),
  notifiedPanelOn: isoDate('the date the notification was sent').nullish(),
  ofstedNotifiedOn: isoDate('the date Ofsted was told').nullish(),
  lateReason: optionalText('the reason it was late', 2000),
});

export const ZRapidReviewStepUpdate = z.object({
  version: z.number().int().min(1),
  ownerPersonId: z.string().uuid({ message: 'Select the owner from the list' }).nullish(),
  dueOn: isoDate('the due date'),
  doneOn: isoDate('the date it was done').nullish(),
  notes: optionalText('the notes', 4000),
});

export const ZRapidReviewDecisionInput = z.object({
  version: z.number().int().min(1),
  decision: ZRapidReviewDecision,
  recommendNationalReview: z.boolean().default(false),
  decidedBy: text('who decided', 500),
  decidedOn: isoDate('the date of the decision'),
  justification: text('the justification'),
  decisionSentOn: isoDate('the date the decision was sent to the national panel').nullish(),
  concernsNotIdentified: z.boolean().default(false),
  thresholdsLearning: optionalText('the thresholds learning'),
});

export const ZSarReferralInput = z.object({
  receivedOn: isoDate('the date the referral was received'),
  referrerAgencyId: z.string().uuid({ message: 'Select the referring agency from the list' }).nullish(),
  hasCareAndSupportNeeds: z.boolean({ message: 'Say whether the adult has care and support needs' }),
  concernAboutJointWorking: z.boolean({
    message: 'Say whether there is concern about how agencies worked together',
  }),
  outcome: ZSarOutcome,
  acknowledgedOn: isoDate('the date receipt was confirmed').nullish(),
  /** The version changed, once a referral is recorded (a stale one answers 409 with the saved referral). */
  version: z.number().int().min(1).nullish(),
});

export const ZSarDecisionInput = z.object({
  version: z.number().int().min(1),
  decision: ZSarDecision,
  decidedBy: text('who decided', 500),
  decidedOn: isoDate('the date of the decision'),
  justification: text('the justification'),
  concernsNotIdentified: z.boolean().default(false),
  thresholdsLearning: optionalText('the thresholds learning'),
});

export const ZReviewCreate = z.object({
  kind: ZReviewKind,
  title: text('a title', 200),
  initiatedOn: isoDate('the date the review was initiated'),
  recommendNationalReview: z.boolean().default(false),
});

export const ZReviewUpdate = z.object({
  version: z.number().int().min(1),
  title: text('a title', 200),
  status: ZReviewStatus,
  reviewerName: optionalText("the reviewer's name", 200),
  reviewerKind: ZReviewerKind.nullish(),
  reviewerAppointedOn: isoDate('the date the reviewer was appointed').nullish(),
  termsOfReference: optionalText('the terms of reference', 20_000),
  familyInvolvement: optionalText('how the family was involved', 10_000),
  targetPublicationOn: isoDate('the target publication date'),
  publishedOn: isoDate('the publication date').nullish(),
  delayReason: optionalText('the reason for the delay', 4000),
});

export const ZReviewEventInput = z.object({
  kind: ZReviewEventKind,
  title: text('a title', 200),
  agencyId: z.string().uuid({ message: 'Select the agency from the list' }).nullish(),
  dueOn: isoDate('the due date').nullish(),
  doneOn: isoDate('the date it happened').nullish(),
  notes: optionalText('the notes', 4000),
});

/** Changing a review's milestone: the same fields and the version changed. */
export const ZReviewEventUpdate = ZReviewEventInput.extend({ version: z.number().int().min(1) });

/**
 * A recommendation from a case file into the register. It comes from one of the file's reviews
 * (`reviewId`), or else from its rapid review (children) or SAR referral decision (adults); the server sets
 * the register's source kind and a source title that names the case file's reference, never its label.
 */
export const ZCaseRecommendationInput = z.object({
  reviewId: z.string().uuid({ message: 'Select the review it came from' }).nullish(),
  title: text('the recommendation', 500),
  detail: optionalText('the detail', 10_000),
  themeId: z.string().uuid({ message: 'Select a theme from the list' }).nullish(),
  priority: z.enum(['high', 'medium', 'low'], { message: 'Select high, medium or low' }).default('medium'),
  monitoringGroupId: z.string().uuid({ message: 'Select the monitoring group from the list' }).nullish(),
  agencyIds: z
    .array(z.string().uuid({ message: 'Select agencies from the list' }), {
      message: 'Select the agencies it is addressed to',
    })
    .min(1, { message: 'Select at least one agency it is addressed to' })
    .max(100, { message: 'Select no more than 100 agencies' }),
});

export const ZCaseAccessGrant = z.object({
  personId: z.string().uuid({ message: 'Select the person from the list' }),
  level: ZCaseAccessLevel,
});
