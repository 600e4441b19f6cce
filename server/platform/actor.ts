import type { Role } from '../../contracts/org.js';

export type RoleGrant = { role: Role; agencyId: string | null };

/** The signed-in person acting in one partnership, with the roles they hold there. */
export type Actor = {
  personId: string;
  email: string;
  name: string;
  partnershipId: string;
  grants: RoleGrant[];
};

/** Who did it and from where: travels with every service call so the audit row can say so. */
export type RequestContext = {
  requestId: string;
  ip: string | null;
};

export type ActorContext = RequestContext & { actor: Actor };

export const hasRole = (actor: Actor, ...roles: Role[]) => actor.grants.some((g) => roles.includes(g.role));

/** Agencies the person acts for through an agency-scoped role. */
export const agenciesOf = (actor: Actor, ...roles: Role[]) =>
  actor.grants
    .filter((g) => g.agencyId && (roles.length === 0 || roles.includes(g.role)))
    .map((g) => g.agencyId!);
