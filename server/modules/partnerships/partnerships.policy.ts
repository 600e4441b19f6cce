import type { Policy } from '../../platform/policy.js';
import { anyMember, isAdmin } from '../../platform/roles.js';

/** Partnership set-up (agencies, people, roles, priorities, groups): every member reads the directory; admins write. */
export const setupPolicy: Policy<'read' | 'manage'> = {
  read: (a) => anyMember(a),
  manage: (a) => isAdmin(a),
};
