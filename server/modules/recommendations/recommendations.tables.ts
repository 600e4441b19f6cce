import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { governanceGroups } from '../governance/governance.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';

// One register of recommendations and the actions that answer them (PRODUCT.md §4.9, §4.10). Vocabulary
// (sources, statuses, judgements) lives in contracts/recommendations.ts.

/** The partnership's shared theme taxonomy: recommendations, findings and reviews are tagged with it. */
export const themes = pgTable(
  'themes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    name: text('name').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('themes_name_uq').on(t.partnershipId, sql`lower(${t.name})`)],
);

/** Per-partnership settings of the register: when impact checks fall after agreement. */
export const recommendationSettings = pgTable('recommendation_settings', {
  partnershipId: uuid('partnership_id')
    .primaryKey()
    .references(() => partnerships.id),
  /** Months after agreement at which impact checks are due; default [3, 6, 12]. */
  impactCheckMonths: integer('impact_check_months').array().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A recommendation from any source. `number` is the partnership's running reference. The source
 * is a kind, a title people recognise, and optionally a link to the record it came from (source_type +
 * source_id, e.g. qa_activity, scrutiny_topic, case_review). Not accepted keeps its reason visible.
 */
export const recommendations = pgTable(
  'recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    detail: text('detail'),
    sourceKind: text('source_kind').notNull(),
    sourceTitle: text('source_title').notNull(),
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    sourceDate: date('source_date'),
    themeId: uuid('theme_id').references(() => themes.id),
    priority: text('priority').notNull().default('medium'),
    monitoringGroupId: uuid('monitoring_group_id').references(() => governanceGroups.id),
    status: text('status').notNull().default('draft'),
    /** Why it was not accepted (stays visible), or why it was reopened. */
    statusReason: text('status_reason'),
    agreedOn: date('agreed_on'),
    /** Closure: the monitoring group's recorded approval. */
    closedOn: date('closed_on'),
    closureApprovedBy: text('closure_approved_by'),
    closureMeeting: text('closure_meeting'),
    closureRecordedBy: uuid('closure_recorded_by').references(() => people.id),
    createdBy: uuid('created_by').references(() => people.id),
    /**
     * Derived, kept by database triggers (migration 0008) whoever writes actions, their links or impact
     * checks: the earliest due date of an open action answering it or of a live unjudged impact check.
     * Open and before today means overdue. Never written by the app.
     */
    nextDueOn: date('next_due_on'),
    /** Derived by the same triggers: the judgement of the most recently judged live impact check. */
    latestJudgement: text('latest_judgement'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('recommendations_number_uq').on(t.partnershipId, t.number),
    index('recommendations_status_idx').on(t.partnershipId, t.status, t.number),
    index('recommendations_next_due_idx').on(t.partnershipId, t.nextDueOn),
    index('recommendations_theme_idx').on(t.partnershipId, t.themeId),
    index('recommendations_source_idx').on(t.partnershipId, t.sourceKind),
    index('recommendations_source_ref_idx').on(t.sourceType, t.sourceId),
  ],
);

/** The agencies a recommendation is addressed to. */
export const recommendationAgencies = pgTable(
  'recommendation_agencies',
  {
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.agencyId] }),
    index('recommendation_agencies_agency_idx').on(t.partnershipId, t.agencyId),
  ],
);

/**
 * An agency's action. One (workstream) action can answer several recommendations addressed to its
 * agency (action_recommendations), so an agency keeps one action plan, not one per source.
 */
export const actions = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    description: text('description'),
    ownerPersonId: uuid('owner_person_id').references(() => people.id),
    dueOn: date('due_on'),
    status: text('status').notNull().default('not_started'),
    rag: text('rag'),
    completedOn: date('completed_on'),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('actions_agency_idx').on(t.partnershipId, t.agencyId, t.status, t.dueOn),
    index('actions_due_idx').on(t.partnershipId, t.status, t.dueOn),
    // The actions list's order (soonest due first): page 1 reads 25 rows, not the partnership's every action.
    index('actions_list_idx').on(t.partnershipId, t.dueOn),
    index('actions_owner_idx').on(t.ownerPersonId),
  ],
);

export const actionRecommendations = pgTable(
  'action_recommendations',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.recommendationId] }),
    index('action_recommendations_rec_idx').on(t.recommendationId),
  ],
);

/** A dated progress update on an action, with its RAG at the time; evidence files hang off it. */
export const actionUpdates = pgTable(
  'action_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id),
    body: text('body').notNull(),
    rag: text('rag'),
    updateOn: date('update_on').notNull(),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('action_updates_action_idx').on(t.actionId, t.createdAt)],
);

/**
 * An impact check: months after agreement, has practice and the outcome for children and adults changed?
 * Each addressed agency gives evidence (impact_check_evidence); the monitoring group records a judgement.
 */
export const impactChecks = pgTable(
  'impact_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    months: integer('months').notNull(),
    dueOn: date('due_on').notNull(),
    judgement: text('judgement'),
    judgementReasons: text('judgement_reasons'),
    judgedOn: date('judged_on'),
    judgedBy: uuid('judged_by').references(() => people.id),
    /** Set when the check no longer applies (e.g. the recommendation went back to draft); kept for the record. */
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('impact_checks_rec_idx').on(t.recommendationId, t.dueOn),
    index('impact_checks_due_idx').on(t.partnershipId, t.dueOn),
    // Checks still waiting (neither judged nor cancelled): My work, reminders and the overdue list.
    index('impact_checks_open_idx')
      .on(t.partnershipId, t.dueOn)
      .where(sql`${t.cancelledAt} is null and ${t.judgement} is null`),
  ],
);

export const impactCheckEvidence = pgTable(
  'impact_check_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    impactCheckId: uuid('impact_check_id')
      .notNull()
      .references(() => impactChecks.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    practiceChange: text('practice_change'),
    outcomes: text('outcomes'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('impact_check_evidence_uq').on(t.impactCheckId, t.agencyId),
    index('impact_check_evidence_agency_idx').on(t.partnershipId, t.agencyId),
  ],
);

/** A single-agency assurance request: evidence your response to these recommendations by a date. */
export const assuranceRequests = pgTable(
  'assurance_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    question: text('question').notNull(),
    dueOn: date('due_on').notNull(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => people.id),
    judgement: text('judgement'),
    judgementReasons: text('judgement_reasons'),
    judgedOn: date('judged_on'),
    judgedBy: uuid('judged_by').references(() => people.id),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assurance_requests_agency_idx').on(t.partnershipId, t.agencyId, t.dueOn)],
);

export const assuranceRequestRecommendations = pgTable(
  'assurance_request_recommendations',
  {
    assuranceRequestId: uuid('assurance_request_id')
      .notNull()
      .references(() => assuranceRequests.id),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
  },
  (t) => [
    primaryKey({ columns: [t.assuranceRequestId, t.recommendationId] }),
    index('assurance_request_recommendations_rec_idx').on(t.recommendationId),
  ],
);

/** Independent scrutiny topics and internal or external peer reviews (PRODUCT.md §4.10). */
export const scrutinyReviews = pgTable(
  'scrutiny_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    scope: text('scope'),
    leadPersonId: uuid('lead_person_id').references(() => people.id),
    /** For an external reviewer who is not a person in Assure. */
    leadName: text('lead_name'),
    status: text('status').notNull().default('planned'),
    plannedOn: date('planned_on'),
    reportedOn: date('reported_on'),
    findings: text('findings'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('scrutiny_reviews_partnership_idx').on(t.partnershipId, t.kind, t.status)],
);

/**
 * Evidence files for the register (action updates, impact-check evidence, assurance answers). The
 * bytes live in FileStorage under a random key; `agencyId` is the agency whose evidence it is, so
 * another agency's lead never reads it.
 */
export const registerFiles = pgTable(
  'register_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => people.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => people.id),
  },
  (t) => [index('register_files_owner_idx').on(t.ownerType, t.ownerId)],
);
