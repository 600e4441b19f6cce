import type { Policy } from '../../platform/policy.js';
import { leadsAgency } from '../../platform/roles.js';
import { judgesRegister, overseesRegister, ownRegisterAgencies } from './impact-checks.policy.js';

/** What an assurance request's permissions depend on: the agency it asks. */
export type AssuranceResource = { agencyId: string };

/**
 * Single-agency assurance requests (PRODUCT.md §4.9): admins and the QA group ask and judge; the asked
 * agency's lead answers; the agency's own people, admins, the QA group and scrutineers read. Anyone else
 * is answered 404.
 */
export const assurancePolicy: Policy<'read' | 'answer' | 'judge', AssuranceResource> = {
  read: (a, r) => overseesRegister(a) || ownRegisterAgencies(a).includes(r.agencyId),
  answer: (a, r) => leadsAgency(a, r.agencyId),
  judge: (a) => judgesRegister(a),
};

export const assuranceRequestPolicy: Policy<'create'> = {
  create: (a) => judgesRegister(a),
};
