import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TAuditTemplate } from '../../../contracts/audit-tools.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';

/** An audit-tool template of a partnership; its content lives in numbered versions. */
export const auditTemplates = pgTable(
  'audit_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_templates_partnership_idx').on(t.partnershipId, t.active, t.title)],
);

/**
 * One version of a template. A draft may change; publishing freezes it, so anything started on a
 * published version keeps exactly what it was given. At most one draft per template.
 */
export const auditTemplateVersions = pgTable(
  'audit_template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => auditTemplates.id),
    number: integer('number').notNull(),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    definition: jsonb('definition').$type<TAuditTemplate>().notNull(),
    basedOnVersionId: uuid('based_on_version_id'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('audit_template_versions_number_uq').on(t.templateId, t.number),
    uniqueIndex('audit_template_versions_one_draft_uq').on(t.templateId).where(sql`${t.status} = 'draft'`),
  ],
);
