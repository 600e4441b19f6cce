import { type Actor, hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { isAdmin, leadsAgency } from '../../platform/roles.js';

/** What an action's permissions depend on: whose agency it is and who owns it. */
export type ActionResource = { agencyId: string; ownerPersonId: string | null };

/** Partnership admins and QA group members monitor (and may plan) every agency's actions. */
const oversees = (a: Actor) => isAdmin(a) || hasRole(a, 'qa_group_member');
/** Those who read every agency's actions: the overseers and independent scrutineers. */
export const seesEveryAction = (a: Actor) => oversees(a) || hasRole(a, 'independent_scrutineer');

/**
 * Actions, their progress updates and evidence (PRODUCT.md §3): partnership admins, QA group members and
 * independent scrutineers read every agency's actions; an agency lead reads only their own agency's; an
 * action's owner reads their own. Admins, the QA group and the agency's lead plan actions (create, edit,
 * link to recommendations); the owner may also record progress, evidence and status. Anyone who may not
 * read an action is answered 404, so a refusal never reveals that it exists.
 */
export const actionPolicy: Policy<'read' | 'edit' | 'progress', ActionResource> = {
  read: (a, r) => seesEveryAction(a) || leadsAgency(a, r.agencyId) || r.ownerPersonId === a.personId,
  edit: (a, r) => oversees(a) || leadsAgency(a, r.agencyId),
  progress: (a, r) => oversees(a) || leadsAgency(a, r.agencyId) || r.ownerPersonId === a.personId,
};

/** Creating an action for an agency: admins and the QA group for any agency, an agency lead for their own. */
export const actionCreatePolicy: Policy<'create', { agencyId: string }> = {
  create: (a, r) => oversees(a) || leadsAgency(a, r.agencyId),
};

/** An agency's whole action plan: those who see every action, and that agency's lead. */
export const actionPlanPolicy: Policy<'read', { agencyId: string }> = {
  read: (a, r) => seesEveryAction(a) || leadsAgency(a, r.agencyId),
};
