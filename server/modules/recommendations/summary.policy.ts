import { type Actor, hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { isAdmin } from '../../platform/roles.js';
import { seesWholeRegister } from './recommendations.policy.js';

// The Board's summary of the register (PRODUCT.md §3, §4.9). Board viewers and lead sponsors see aggregate
// counts only, as do partnership admins, the QA group and independent scrutineers. Agency leads work from
// their own agency's register and action plan instead, so they are refused this view. The exports carry
// titles and action detail, so only those who read the whole register may take them.

/** Reads the aggregate counts of the learning loop. */
export const readsRegisterSummary = (a: Actor) =>
  isAdmin(a) || hasRole(a, 'qa_group_member', 'independent_scrutineer', 'lead_sponsor', 'board_viewer');

export const registerSummaryPolicy: Policy<'read' | 'export'> = {
  read: (a) => readsRegisterSummary(a),
  export: (a) => seesWholeRegister(a),
};
