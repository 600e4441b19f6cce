import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { outbox } from '../mail/mail.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';

/**
 * A partnership's reminder policy. Absent row = the defaults (7 days before, on the day, 3 days after,
 * then weekly; escalate to the agency lead after 14 overdue days and to the partnership admin after 28).
 * The shape is `TReminderPolicy` in contracts/notifications.ts.
 */
export const reminderPolicies = pgTable('reminder_policies', {
  partnershipId: uuid('partnership_id')
    .primaryKey()
    .references(() => partnerships.id),
  policy: jsonb('policy').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An in-app notification for one person. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    href: text('href'),
    /** The work item it is about (e.g. form_response, qa_activity) so the item can show its reminders. */
    itemType: text('item_type'),
    itemId: uuid('item_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_person_idx').on(t.personId, t.partnershipId, t.createdAt),
    index('notifications_unread_idx').on(t.personId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * Every reminder sent, one row per item, person and rule (e.g. `before:7`, `on_day`, `after:3`,
 * `weekly:2`, `escalate:agency_lead`), so the job is idempotent and the item can show what was sent.
 */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    itemType: text('item_type').notNull(),
    itemId: uuid('item_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    rule: text('rule').notNull(),
    dueOn: date('due_on').notNull(),
    sentOn: date('sent_on').notNull(),
    /** email (sent at once) or digest (held for the person's daily digest). */
    channel: text('channel', { enum: ['email', 'digest'] }).notNull(),
    outboxId: uuid('outbox_id').references(() => outbox.id),
    digestedAt: timestamp('digested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reminders_sent_once_uq').on(t.itemType, t.itemId, t.personId, t.rule, t.dueOn),
    index('reminders_sent_item_idx').on(t.itemType, t.itemId, t.createdAt),
    index('reminders_sent_digest_idx')
      .on(t.personId)
      .where(sql`${t.channel} = 'digest' and ${t.digestedAt} is null`),
  ],
);
