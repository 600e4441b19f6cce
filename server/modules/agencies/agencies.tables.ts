import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';

/** A partner organisation. Shared: one agency (a police force, an ICB) can belong to several partnerships. */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_name_lower_idx').on(sql`lower(${t.name})`)],
);

/** Which agencies take part in which partnership; deactivation is per partnership. */
export const partnershipAgencies = pgTable(
  'partnership_agencies',
  {
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.agencyId] }),
    index('partnership_agencies_agency_idx').on(t.agencyId),
  ],
);

/** A part of a large agency (e.g. a council's Children's Services) with a named owner. */
export const agencySections = pgTable(
  'agency_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    ownerPersonId: uuid('owner_person_id').references(() => people.id),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agency_sections_agency_idx').on(t.agencyId)],
);
