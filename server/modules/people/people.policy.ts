import type { Policy } from '../../platform/policy.js';
import { anyMember, isAdmin } from '../../platform/roles.js';

/** People and roles are partnership set-up: the directory is open to members; admins manage. */
export const peoplePolicy: Policy<'read' | 'manage' | 'invite'> = {
  read: (a) => anyMember(a),
  manage: (a) => isAdmin(a),
  invite: (a) => isAdmin(a),
};
