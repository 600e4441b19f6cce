// Every table, for drizzle-kit and for typed queries. Tables live beside their domain.
export * from '../modules/agencies/agencies.tables.js';
export * from '../modules/audit-log/audit-log.tables.js';
export * from '../modules/audit-tools/audit-tools.tables.js';
export * from '../modules/auth/auth.tables.js';
export * from '../modules/case-reviews/case-reviews.tables.js';
export * from '../modules/governance/governance.tables.js';
export * from '../modules/mail/mail.tables.js';
export * from '../modules/notifications/notifications.tables.js';
export * from '../modules/partnerships/partnerships.tables.js';
export * from '../modules/people/people.tables.js';
export * from '../modules/priorities/priorities.tables.js';
export * from '../modules/programme/programme.tables.js';
export * from '../modules/recommendations/recommendations.tables.js';
export * from '../modules/responses/responses.tables.js';
