import { hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { isAdmin } from '../../platform/roles.js';

/**
 * Case reviews are the most confidential records in Assure (PRODUCT.md §4.8; issue: "access is limited to
 * the case review group and named people"). Partnership admins and QA group members do NOT see them by
 * virtue of their role: only the case review group (role `case_review_group_member`) and people named on
 * the case file (`case_file_access`, read or edit). Another partnership or an unnamed member gets 404, so
 * a case file's existence is not disclosed. Every read is audit-logged by the services.
 *
 * An agency asked for its summary of involvement answers through the form engine and sees only its own
 * request (responses.policy), never the case file.
 */
export type CaseFileAccess = { level: 'read' | 'edit' | null };

export const inCaseReviewGroup = (a: Parameters<typeof hasRole>[0]) => hasRole(a, 'case_review_group_member');

export const caseFilePolicy: Policy<'read' | 'write' | 'grant', CaseFileAccess> = {
  read: (a, f) => inCaseReviewGroup(a) || f.level !== null,
  write: (a, f) => inCaseReviewGroup(a) || f.level === 'edit',
  /** Naming people on a case file is for the case review group alone. */
  grant: (a) => inCaseReviewGroup(a),
};

/** Opening a case file, and the list of every case file (named people see only theirs). */
export const caseReviewsPolicy: Policy<'create' | 'listAll'> = {
  create: (a) => inCaseReviewGroup(a),
  listAll: (a) => inCaseReviewGroup(a),
};

/**
 * Counts by year and outcome for the annual report carry no case detail: the case review group, partnership
 * admins and board viewers may read them.
 */
export const caseReviewCountsPolicy: Policy<'read'> = {
  read: (a) => inCaseReviewGroup(a) || isAdmin(a) || hasRole(a, 'board_viewer'),
};
