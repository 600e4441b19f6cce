import { hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { anyMember, isAdmin } from '../../platform/roles.js';

/**
 * The QA programme and calendar (PRODUCT.md §3): every member of the partnership reads it; partnership
 * admins and QA group members plan it (programmes, activities, statuses, copying forward); only a
 * partnership admin records the Executive's approval.
 */
export const programmePolicy: Policy<'read' | 'write' | 'approve'> = {
  read: (a) => anyMember(a),
  write: (a) => isAdmin(a) || hasRole(a, 'qa_group_member'),
  approve: (a) => isAdmin(a),
};
