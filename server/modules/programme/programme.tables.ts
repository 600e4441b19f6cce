import { sql } from 'drizzle-orm';
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
import { auditTemplates } from '../audit-tools/audit-tools.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';
import { priorities } from '../priorities/priorities.tables.js';

/**
 * A partnership's QA programme for one year. `startYear` 2026 with `yearKind` financial is April 2026 to
 * March 2027; academic is September to August. The Executive's approval is recorded on the programme;
 * changes after it are read from the audit log.
 */
export const qaProgrammes = pgTable(
  'qa_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    startYear: integer('start_year').notNull(),
    yearKind: text('year_kind', { enum: ['financial', 'academic'] })
      .notNull()
      .default('financial'),
    title: text('title').notNull(),
    copiedFromId: uuid('copied_from_id'),
    /** Who approved it for the Executive (free text: the chair's name), on which date, at which meeting. */
    approvedBy: text('approved_by'),
    approvedOn: date('approved_on'),
    approvalMeeting: text('approval_meeting'),
    approvalRecordedAt: timestamp('approval_recorded_at', { withTimezone: true }),
    approvalRecordedBy: uuid('approval_recorded_by').references(() => people.id),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('qa_programmes_year_uq').on(t.partnershipId, t.yearKind, t.startYear).where(sql`${t.active}`),
  ],
);

/** One assurance activity in a programme, with its key dates and status. */
export const qaActivities = pgTable(
  'qa_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => qaProgrammes.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    priorityId: uuid('priority_id').references(() => priorities.id),
    leadPersonId: uuid('lead_person_id').references(() => people.id),
    /** Quarter of the programme year, 1–4. */
    quarter: integer('quarter').notNull(),
    releasedOn: date('released_on'),
    deadlineOn: date('deadline_on'),
    /** Panel, audit day or moderation meeting. */
    meetingOn: date('meeting_on'),
    reportDueOn: date('report_due_on'),
    status: text('status').notNull().default('planned'),
    /** Required when cancelled or deferred. */
    statusReason: text('status_reason'),
    /** The audit tool requests are answered with; each request keeps the version it was sent on. */
    templateId: uuid('template_id').references(() => auditTemplates.id),
    copiedFromId: uuid('copied_from_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('qa_activities_programme_idx').on(t.programmeId, t.quarter),
    index('qa_activities_partnership_deadline_idx').on(t.partnershipId, t.deadlineOn),
    index('qa_activities_lead_idx').on(t.leadPersonId),
  ],
);

/** The agencies an activity involves (for the per-agency view and workload clashes). */
export const qaActivityAgencies = pgTable(
  'qa_activity_agencies',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => qaActivities.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.agencyId] }),
    index('qa_activity_agencies_agency_idx').on(t.agencyId),
  ],
);

/**
 * A person's secret iCalendar feed URL. Only the token's hash is stored; revoking sets `revokedAt` and
 * a new feed gets a new token. One live feed per person.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash),
    uniqueIndex('calendar_feeds_live_uq').on(t.personId).where(sql`${t.revokedAt} is null`),
  ],
);
