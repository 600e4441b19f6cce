import { hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { anyMember, isAdmin } from '../../platform/roles.js';

/**
 * The reminder policy is partnership set-up: admins change it; admins and the QA group (who send the
 * requests it reminds people about) read it.
 */
export const reminderPolicyPolicy: Policy<'read' | 'manage'> = {
  read: (a) => isAdmin(a) || hasRole(a, 'qa_group_member'),
  manage: (a) => isAdmin(a),
};

/** Everyone reads and marks their own notifications and sees their own work; nobody sees another's. */
export const myNotificationsPolicy: Policy<'read'> = { read: (a) => anyMember(a) };
export const myWorkPolicy: Policy<'read'> = { read: (a) => anyMember(a) };
