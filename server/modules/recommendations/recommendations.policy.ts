import { type Actor, agenciesOf, hasRole } from '../../platform/actor.js';
import type { Policy } from '../../platform/policy.js';
import { anyMember, isAdmin } from '../../platform/roles.js';

// The recommendations register (PRODUCT.md §3, §4.9). Partnership admins, QA group members, independent
// scrutineers and the case review group (who follow the recommendations of their reviews) read every
// recommendation; an agency lead reads only those addressed to their agency (the
// list is filtered in SQL, and any other answers 404 so a refusal never reveals a record); board viewers
// and everyone else read none of the register's detail (the Board summary is a separate view).
// Admins and QA group members create, edit, change status and close (recording the monitoring group's
// approval as text: who approved, at which meeting).

/** Reads every recommendation in the partnership. */
export const seesWholeRegister = (a: Actor) =>
  isAdmin(a) || hasRole(a, 'qa_group_member', 'independent_scrutineer', 'case_review_group_member');
/** Creates, edits, agrees, closes: partnership admins and QA group members. */
export const managesRegister = (a: Actor) => isAdmin(a) || hasRole(a, 'qa_group_member');
/** The agencies whose recommendations an agency lead may read. */
export const leadAgencies = (a: Actor) => agenciesOf(a, 'agency_lead');

/** What reading one recommendation depends on: the agencies it is addressed to. */
export type RecommendationResource = { agencyIds: readonly string[] };

/** Whether the person may see this recommendation at all (others are answered 404). */
export const canSeeRecommendation = (a: Actor, r: RecommendationResource) =>
  seesWholeRegister(a) || r.agencyIds.some((id) => leadAgencies(a).includes(id));

/** The register as a whole: who may open the list, who may add to it. */
export const registerPolicy: Policy<'list' | 'create'> = {
  list: (a) => seesWholeRegister(a) || leadAgencies(a).length > 0,
  create: (a) => managesRegister(a),
};

/** One recommendation; the verbs are returned as `allowedVerbs` so the page shows only what works. */
export const recommendationPolicy: Policy<
  'read' | 'edit' | 'changeStatus' | 'close',
  RecommendationResource
> = {
  read: (a, r) => canSeeRecommendation(a, r),
  edit: (a) => managesRegister(a),
  changeStatus: (a) => managesRegister(a),
  close: (a) => managesRegister(a),
};

/** The shared theme taxonomy: every member reads it; admins and QA group members manage it. */
export const themePolicy: Policy<'read' | 'manage'> = {
  read: (a) => anyMember(a),
  manage: (a) => managesRegister(a),
};

/** The register's settings (impact-check months): admins manage, the QA group reads. */
export const recommendationSettingsPolicy: Policy<'read' | 'manage'> = {
  read: (a) => isAdmin(a) || hasRole(a, 'qa_group_member'),
  manage: (a) => isAdmin(a),
};
