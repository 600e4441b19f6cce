import type { Policy } from '../../platform/policy.js';
import { isAdminOrScrutineer } from '../../platform/roles.js';

/** The audit log: partnership admins and independent scrutineers read and export it; nobody writes to it by hand. */
export const auditLogPolicy: Policy<'read' | 'export'> = {
  read: (a) => isAdminOrScrutineer(a),
  export: (a) => isAdminOrScrutineer(a),
};
