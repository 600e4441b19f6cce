import { hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { isAdmin, leadsAgency } from '../../platform/roles.js';

/** What a response's permissions depend on: whose it is, and whether it belongs to a case file. */
export type ResponseResource = {
  agencyId: string | null;
  assigneePersonId: string | null;
  /**
   * Set when the response is a request under a case file (a rapid review's summary of involvement):
   * whether this person may read that case file (case-reviews.access.ts). Absent or null otherwise.
   */
  caseFile?: { readable: boolean } | null;
};

const oversees = (a: Parameters<typeof isAdmin>[0]) => isAdmin(a) || hasRole(a, 'qa_group_member');
const answersIt = (a: Parameters<typeof isAdmin>[0], r: ResponseResource) =>
  (r.agencyId !== null && leadsAgency(a, r.agencyId)) || r.assigneePersonId === a.personId;

/**
 * Responses (form engine): partnership admins and QA group members read every response in the
 * partnership; the lead of the response's agency and the person it is assigned to read and answer it.
 * A response under a case file is confidential: only its answerers and the people who may read the case
 * file (the case review group, people named on it) read it; partnership admins and the QA group do not.
 * Anyone else is answered 404, so a refusal never reveals that a response exists. The reminders
 * helper uses the same rules.
 */
export const responsePolicy: Policy<'read' | 'write', ResponseResource> = {
  read: (a, r) => answersIt(a, r) || (r.caseFile ? r.caseFile.readable : oversees(a)),
  write: (a, r) => answersIt(a, r),
};

/** Sending requests (creating responses): partnership admins and QA group members. */
export const responseRequestPolicy: Policy<'create'> = {
  create: (a) => oversees(a),
};
