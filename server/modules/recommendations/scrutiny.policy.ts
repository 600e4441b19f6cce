import { hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { isAdmin } from '../../platform/roles.js';

/**
 * The scrutiny plan and peer reviews (PRODUCT.md §4.10): every member reads it except people who are only
 * board viewers (they see published outputs, not working records); partnership admins, QA group members
 * and independent scrutineers write it.
 */
export const scrutinyPolicy: Policy<'read' | 'write'> = {
  read: (a) => a.grants.some((g) => g.role !== 'board_viewer'),
  write: (a) => isAdmin(a) || hasRole(a, 'qa_group_member', 'independent_scrutineer'),
};
