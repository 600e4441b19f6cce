import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TAnswers } from '../../../contracts/audit-tools.js';
import { agencies } from '../agencies/agencies.tables.js';
import { auditTemplateVersions } from '../audit-tools/audit-tools.tables.js';
import { caseFiles } from '../case-reviews/case-reviews.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';
import { qaActivities } from '../programme/programme.tables.js';

/**
 * One filling-in of one template version: the form engine's record, used everywhere a person answers
 * anything. Later capabilities (self-assessment returns, case-audit requests, surveys) point at it.
 * It keeps the version it was started on for ever. Draft answers autosave here; `version` detects two
 * people saving over each other.
 */
export const formResponses = pgTable(
  'form_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    templateVersionId: uuid('template_version_id')
      .notNull()
      .references(() => auditTemplateVersions.id),
    /** The programme activity this request belongs to, if any. */
    activityId: uuid('activity_id').references(() => qaActivities.id),
    /**
     * The case file this request belongs to (a rapid review's request for an agency's summary of
     * involvement). Such a response is confidential: only its answerers and the case file's readers see it.
     */
    caseFileId: uuid('case_file_id').references(() => caseFiles.id),
    /** The agency answering, if the request is to an agency (its lead may see and answer it). */
    agencyId: uuid('agency_id').references(() => agencies.id),
    /** The person asked to answer, if a named person. */
    assigneePersonId: uuid('assignee_person_id').references(() => people.id),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    status: text('status', { enum: ['draft', 'submitted'] })
      .notNull()
      .default('draft'),
    answers: jsonb('answers').$type<TAnswers>().notNull().default({}),
    /**
     * Per question, whether a carried-forward answer was confirmed still true or changed:
     * { [questionId]: 'confirmed' | 'changed' }.
     */
    carryForward: jsonb('carry_forward')
      .$type<Record<string, 'confirmed' | 'changed'>>()
      .notNull()
      .default({}),
    /** An earlier response whose answers are shown beside each question (self-assessments carry forward). */
    previousResponseId: uuid('previous_response_id'),
    lastSavedAt: timestamp('last_saved_at', { withTimezone: true }),
    lastSavedBy: uuid('last_saved_by').references(() => people.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => people.id),
    createdBy: uuid('created_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('form_responses_partnership_idx').on(t.partnershipId, t.status, t.dueOn),
    index('form_responses_agency_idx').on(t.agencyId, t.status),
    index('form_responses_assignee_idx').on(t.assigneePersonId, t.status),
    index('form_responses_activity_idx').on(t.activityId),
    index('form_responses_case_file_idx').on(t.caseFileId),
  ],
);

/**
 * An evidence file attached to one question of a response. The bytes live in file storage under
 * `storageKey` (never derived from anything guessable); they are served only through the response's
 * permission check. Removing a file keeps the row (and the bytes, until retention) for the record.
 */
export const formResponseFiles = pgTable(
  'form_response_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    responseId: uuid('response_id')
      .notNull()
      .references(() => formResponses.id),
    questionId: text('question_id').notNull(),
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
  (t) => [index('form_response_files_response_idx').on(t.responseId, t.questionId)],
);
