import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';
import { themes } from '../recommendations/recommendations.tables.js';

// Case reviews (PRODUCT.md §4.8): serious incident notifications and rapid reviews (children), SAR
// referrals (adults), and the reviews commissioned from them. Vocabulary and inputs are in
// contracts/case-reviews.ts; the statutory date rules in case-reviews.rules.ts. Due dates computed from
// the working-day rules are stored (and recomputed whenever their start date changes) so that "due this
// week" and "overdue" are index lookups.
//
// Confidentiality: only the case review group and people named on a case file may read it, and every
// read is audit-logged. A case file holds a code (`label`), never a name, date of birth or address.

/** One child's or adult's case as the case review group knows it. Everything else hangs off it. */
export const caseFiles = pgTable(
  'case_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    /** The partnership's running reference (C-7). */
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['child', 'adult'] }).notNull(),
    /** A code or initials ("Child K"), never a name. */
    label: text('label').notNull(),
    summary: text('summary'),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_files_number_uq').on(t.partnershipId, t.number),
    index('case_files_created_idx').on(t.partnershipId, t.createdAt),
  ],
);

/** People named on a case file, beyond the case review group (e.g. the independent reviewer). */
export const caseFileAccess = pgTable(
  'case_file_access',
  {
    caseFileId: uuid('case_file_id')
      .notNull()
      .references(() => caseFiles.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    level: text('level', { enum: ['read', 'edit'] }).notNull(),
    grantedBy: uuid('granted_by').references(() => people.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.caseFileId, t.personId] }),
    index('case_file_access_person_idx').on(t.personId, t.partnershipId),
  ],
);

/** Themes from the shared taxonomy, for recurring themes across reviews. */
export const caseFileThemes = pgTable(
  'case_file_themes',
  {
    caseFileId: uuid('case_file_id')
      .notNull()
      .references(() => caseFiles.id),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => themes.id),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
  },
  (t) => [
    primaryKey({ columns: [t.caseFileId, t.themeId] }),
    index('case_file_themes_theme_idx').on(t.partnershipId, t.themeId),
  ],
);

/** A serious incident notification to the national panel (children), or a care leaver's death. */
export const seriousIncidentNotifications = pgTable(
  'serious_incident_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    caseFileId: uuid('case_file_id')
      .notNull()
      .references(() => caseFiles.id),
    kind: text('kind', { enum: ['serious_incident', 'care_leaver_death'] }).notNull(),
    becameAwareOn: date('became_aware_on').notNull(),
    harm: text('harm', { enum: ['death', 'serious_harm'] }),
    abuseOrNeglect: text('abuse_or_neglect', { enum: ['known', 'suspected'] }),
    place: text('place', { enum: ['in_area', 'abroad'] }),
    ageAtDeath: integer('age_at_death'),
    /** 5 working days after becoming aware (stored; recomputed when becameAwareOn changes). */
    notifyDueOn: date('notify_due_on').notNull(),
    notifiedPanelOn: date('notified_panel_on'),
    ofstedNotifiedOn: date('ofsted_notified_on'),
    lateReason: text('late_reason'),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('serious_incident_notifications_case_uq').on(t.caseFileId),
    index('serious_incident_notifications_due_idx').on(t.partnershipId, t.notifiedPanelOn, t.notifyDueOn),
  ],
);

/** The rapid review opened from a sent notification: the 15-working-day clock and its decision. */
export const rapidReviews = pgTable(
  'rapid_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    caseFileId: uuid('case_file_id')
      .notNull()
      .references(() => caseFiles.id),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => seriousIncidentNotifications.id),
    /** Day 0: the day the notification was sent to the national panel. */
    startedOn: date('started_on').notNull(),
    /** Working day 15 after startedOn. */
    dueOn: date('due_on').notNull(),
    decision: text('decision', {
      enum: [
        'immediate_learning',
        'single_agency_review',
        'partnership_review',
        'lcspr',
        'no_further_action',
      ],
    }),
    recommendNationalReview: boolean('recommend_national_review').notNull().default(false),
    decidedBy: text('decided_by'),
    decidedOn: date('decided_on'),
    justification: text('justification'),
    decisionSentOn: date('decision_sent_on'),
    concernsNotIdentified: boolean('concerns_not_identified').notNull().default(false),
    thresholdsLearning: text('thresholds_learning'),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rapid_reviews_case_uq').on(t.caseFileId),
    index('rapid_reviews_due_idx').on(t.partnershipId, t.decisionSentOn, t.dueOn),
  ],
);

/** One step of a rapid review's timetable, with its owner, due date and done date. */
export const rapidReviewSteps = pgTable(
  'rapid_review_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    rapidReviewId: uuid('rapid_review_id')
      .notNull()
      .references(() => rapidReviews.id),
    step: text('step', {
      enum: ['request_information', 'agency_summaries', 'collate', 'decision_meeting', 'decision_sent'],
    }).notNull(),
    position: integer('position').notNull(),
    ownerPersonId: uuid('owner_person_id').references(() => people.id),
    /** Working day N after the review started (stored; a person may move it). */
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rapid_review_steps_uq').on(t.rapidReviewId, t.step),
    index('rapid_review_steps_due_idx').on(t.partnershipId, t.doneOn, t.dueOn),
    index('rapid_review_steps_owner_idx').on(t.ownerPersonId, t.doneOn),
  ],
);

/** A SAR referral (adults) and the panel's decision on it (Care Act s44). */
export const sarReferrals = pgTable(
  'sar_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    caseFileId: uuid('case_file_id')
      .notNull()
      .references(() => caseFiles.id),
    receivedOn: date('received_on').notNull(),
    referrerAgencyId: uuid('referrer_agency_id').references(() => agencies.id),
    hasCareAndSupportNeeds: boolean('has_care_and_support_needs').notNull(),
    concernAboutJointWorking: boolean('concern_about_joint_working').notNull(),
    outcome: text('outcome', { enum: ['died', 'serious_abuse_or_neglect', 'neither'] }).notNull(),
    /** Receipt confirmed within 5 working days (stored; recomputed when receivedOn changes). */
    acknowledgeDueOn: date('acknowledge_due_on').notNull(),
    acknowledgedOn: date('acknowledged_on'),
    decision: text('decision', {
      enum: ['immediate_learning', 'single_agency_review', 'partnership_review', 'discretionary_sar', 'sar'],
    }),
    decidedBy: text('decided_by'),
    decidedOn: date('decided_on'),
    justification: text('justification'),
    concernsNotIdentified: boolean('concerns_not_identified').notNull().default(false),
    thresholdsLearning: text('thresholds_learning'),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sar_referrals_case_uq').on(t.caseFileId),
    index('sar_referrals_received_idx').on(t.partnershipId, t.receivedOn),
  ],
);

/** A review commissioned from a case file: LCSPR, SAR, partnership or single-agency review. */
export const caseReviews = pgTable(
  'case_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    caseFileId: uuid('case_file_id')
      .notNull()
      .references(() => caseFiles.id),
    kind: text('kind', { enum: ['lcspr', 'sar', 'partnership_review', 'single_agency_review'] }).notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: ['commissioned', 'in_progress', 'draft_report', 'published', 'closed'] })
      .notNull()
      .default('commissioned'),
    initiatedOn: date('initiated_on').notNull(),
    recommendNationalReview: boolean('recommend_national_review').notNull().default(false),
    reviewerName: text('reviewer_name'),
    reviewerKind: text('reviewer_kind', { enum: ['independent', 'internal'] }),
    reviewerAppointedOn: date('reviewer_appointed_on'),
    termsOfReference: text('terms_of_reference'),
    familyInvolvement: text('family_involvement'),
    targetPublicationOn: date('target_publication_on').notNull(),
    publishedOn: date('published_on'),
    delayReason: text('delay_reason'),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_reviews_case_idx').on(t.caseFileId),
    index('case_reviews_partnership_idx').on(t.partnershipId, t.status, t.targetPublicationOn),
  ],
);

/** A milestone of a review: terms of reference, agency reports, panel meetings, drafts, family contact. */
export const caseReviewEvents = pgTable(
  'case_review_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => caseReviews.id),
    kind: text('kind', {
      enum: [
        'terms_of_reference',
        'agency_report',
        'panel_meeting',
        'draft',
        'family_involvement',
        'panel_notified',
        'other',
      ],
    }).notNull(),
    title: text('title').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    dueOn: date('due_on'),
    doneOn: date('done_on'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_review_events_review_idx').on(t.reviewId, t.dueOn),
    index('case_review_events_due_idx').on(t.partnershipId, t.doneOn, t.dueOn),
  ],
);
