import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only record of every change, sign-in, export and refusal. No foreign keys on purpose:
 * the log must outlive anything it mentions. A trigger (see migrations) refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    personId: uuid('person_id'),
    personEmail: text('person_email'),
    partnershipId: uuid('partnership_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_partnership_at_idx').on(t.partnershipId, t.at),
    index('audit_log_partnership_person_idx').on(t.partnershipId, t.personId, t.at),
    index('audit_log_partnership_entity_idx').on(t.partnershipId, t.entity, t.at),
  ],
);
