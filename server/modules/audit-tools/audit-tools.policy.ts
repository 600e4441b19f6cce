import { hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { anyMember, isAdmin } from '../../platform/roles.js';

/**
 * Audit-tool templates (PRODUCT.md §3): every member reads published versions; partnership admins
 * and QA group members read drafts and write (create, edit a draft, publish, new draft, deactivate).
 */
export const auditTemplatePolicy: Policy<'readPublished' | 'readDrafts' | 'write'> = {
  readPublished: (a) => anyMember(a),
  readDrafts: (a) => isAdmin(a) || hasRole(a, 'qa_group_member'),
  write: (a) => isAdmin(a) || hasRole(a, 'qa_group_member'),
};
