import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';

/** A person who can sign in. Email is unique case-insensitively. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    jobTitle: text('job_title'),
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    /** Runs the installation: creates and deactivates partnerships. Sees no partnership's data by this alone. */
    isServiceAdmin: boolean('is_service_admin').notNull().default(false),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    /** Reminders go into one email a day instead of one email each. */
    dailyDigest: boolean('daily_digest').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_email_lower_uq').on(sql`lower(${t.email})`),
    index('people_name_lower_idx').on(sql`lower(${t.name})`),
  ],
);

/** One role a person holds in one partnership; agency-scoped roles name their agency. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    active: boolean('active').notNull().default(true),
    /**
     * Set when the role was switched off because the person was removed from the partnership, so that
     * restoring the person restores exactly these roles and not ones an admin took away before.
     */
    pausedWithPerson: boolean('paused_with_person').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('memberships_partnership_idx').on(t.partnershipId, t.active),
    index('memberships_person_idx').on(t.personId),
    uniqueIndex('memberships_unique_role_uq').on(
      t.partnershipId,
      t.personId,
      t.role,
      sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** A single-use, expiring invitation to join a partnership in a role. Only the token's hash is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    invitedBy: uuid('invited_by').references(() => people.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_uq').on(t.tokenHash),
    index('invitations_partnership_idx').on(t.partnershipId, t.createdAt),
  ],
);

/** A single-use, expiring password reset. Only the token's hash is stored. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('password_resets_token_hash_uq').on(t.tokenHash)],
);
