import type { SignedIn } from '../auth/auth.service.js';

/**
 * The installation's service admins create and deactivate partnerships. Being one gives no access to
 * any partnership's data: that still needs a role in the partnership.
 */
export const installationPolicy = {
  managePartnerships: (signedIn: SignedIn) => signedIn.person.isServiceAdmin,
};
