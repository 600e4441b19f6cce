import { hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { isAdmin, leadsAgency } from '../../platform/roles.js';

/** What a response's permissions depend on: whose it is. */
export type ResponseResource = { agencyId: string | null; assigneePersonId: string | null };

const oversees = (a: Parameters<typeof isAdmin>[0]) => isAdmin(a) || hasRole(a, 'qa_group_member');
const answersIt = (a: Parameters<typeof isAdmin>[0], r: ResponseResource) =>
  (r.agencyId !== null && leadsAgency(a, r.agencyId)) || r.assigneePersonId === a.personId;

/**
 * Responses (form engine): partnership admins and QA group members read every response in the
 * partnership; the lead of the response's agency and the person it is assigned to read and answer it.
 * Anyone else is answered 404, so a refusal never reveals that a response exists. The reminders
 * helper uses the same rules.
 */
export const responsePolicy: Policy<'read' | 'write', ResponseResource> = {
  read: (a, r) => oversees(a) || answersIt(a, r),
  write: (a, r) => answersIt(a, r),
};

/** Sending requests (creating responses): partnership admins and QA group members. */
export const responseRequestPolicy: Policy<'create'> = {
  create: (a) => oversees(a),
};
