import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';

/** Server-side sessions. The cookie holds a random token; the table holds only its SHA-256 hash. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    currentPartnershipId: uuid('current_partnership_id').references(() => partnerships.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_person_idx').on(t.personId), index('sessions_expires_idx').on(t.expiresAt)],
);
