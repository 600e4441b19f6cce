import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';

/** A governance group: Executive, Board, QA/LIG, Learning & Development, case review group, subgroup. */
export const governanceGroups = pgTable(
  'governance_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('governance_groups_partnership_idx').on(t.partnershipId, t.active)],
);

export const governanceGroupMembers = pgTable(
  'governance_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => governanceGroups.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** chair | vice_chair | member */
    memberRole: text('member_role').notNull().default('member'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    index('governance_group_members_person_idx').on(t.personId),
  ],
);
