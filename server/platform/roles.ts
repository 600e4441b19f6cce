import type { Actor } from './actor.js';
import { hasRole } from './actor.js';

// Rules shared by several domains' policies (PRODUCT.md §3, "Who may do what").
export const anyMember = (a: Actor) => a.grants.length > 0;
export const isAdmin = (a: Actor) => hasRole(a, 'partnership_admin');
export const isAdminOrScrutineer = (a: Actor) => hasRole(a, 'partnership_admin', 'independent_scrutineer');
/** Leads an agency (agency lead of exactly that agency). */
export const leadsAgency = (a: Actor, agencyId: string) =>
  a.grants.some((g) => g.role === 'agency_lead' && g.agencyId === agencyId);
