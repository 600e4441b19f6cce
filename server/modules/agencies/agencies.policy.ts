import type { Policy } from '../../platform/policy.js';
import { anyMember, isAdmin, leadsAgency } from '../../platform/roles.js';

/** Agencies are partnership set-up; an agency lead may also look after their own agency's sections. */
export const agencyPolicy: Policy<'read' | 'manage' | 'manageSections', { agencyId: string } | undefined> = {
  read: (a) => anyMember(a),
  manage: (a) => isAdmin(a),
  manageSections: (a, t) => isAdmin(a) || (t !== undefined && leadsAgency(a, t.agencyId)),
};
