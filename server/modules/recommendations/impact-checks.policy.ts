import { type Actor, agenciesOf, hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { isAdmin, leadsAgency } from '../../platform/roles.js';

// PRODUCT.md §3: actions, evidence and impact-check answers are read by the agency's own people and by
// partnership admins, the QA group and independent scrutineers; written by the agency (its lead). Admins
// and the QA group judge. Anyone else is answered 404, so a refusal never reveals that a check exists.

/** Reads every agency's register evidence: partnership admins, QA group members, independent scrutineers. */
export const overseesRegister = (a: Actor) =>
  isAdmin(a) || hasRole(a, 'qa_group_member', 'independent_scrutineer');
/** Records the monitoring group's judgements: partnership admins and QA group members. */
export const judgesRegister = (a: Actor) => isAdmin(a) || hasRole(a, 'qa_group_member');
/** The agencies a person acts for in the register (agency lead, auditor / practitioner, education lead). */
export const ownRegisterAgencies = (a: Actor) =>
  agenciesOf(a, 'agency_lead', 'auditor_practitioner', 'education_provider_lead');

/** An impact check, by the agencies its recommendation is addressed to. */
export type ImpactCheckResource = { agencyIds: string[] };
/** One agency's evidence on an impact check. */
export type ImpactEvidenceResource = { agencyId: string };

export const impactCheckPolicy: Policy<'read' | 'judge', ImpactCheckResource> = {
  read: (a, r) => overseesRegister(a) || r.agencyIds.some((id) => ownRegisterAgencies(a).includes(id)),
  judge: (a) => judgesRegister(a),
};

export const impactEvidencePolicy: Policy<'read' | 'write', ImpactEvidenceResource> = {
  read: (a, r) => overseesRegister(a) || ownRegisterAgencies(a).includes(r.agencyId),
  write: (a, r) => judgesRegister(a) || leadsAgency(a, r.agencyId),
};
