import { and, asc, eq, ilike, notExists, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.js';
import { likePattern } from '../../platform/pagination.js';
import { memberships, people } from '../people/people.tables.js';
import { agencies, agencySections, partnershipAgencies } from './agencies.tables.js';

// The outer table is named in full: drizzle writes a lone column unqualified inside the subquery.
const sharedCount = sql<number>`(select count(*)::int from ${partnershipAgencies} pa2 where pa2.agency_id = "agencies"."id" and pa2.active)`;

/** Every query names the partnership: an agency is only visible through its link to one. */
export function createAgencyRepo() {
  return {
    async list(
      exec: Executor,
      partnershipId: string,
      q: { q?: string; includeInactive: boolean; limit: number; offset: number },
    ) {
      const where = and(
        eq(partnershipAgencies.partnershipId, partnershipId),
        q.includeInactive ? undefined : eq(partnershipAgencies.active, true),
        q.q ? ilike(agencies.name, likePattern(q.q)) : undefined,
      );
      const [items, [{ total }]] = await Promise.all([
        exec
          .select({
            id: agencies.id,
            name: agencies.name,
            type: agencies.type,
            active: partnershipAgencies.active,
            partnershipCount: sharedCount,
          })
          .from(partnershipAgencies)
          .innerJoin(agencies, eq(agencies.id, partnershipAgencies.agencyId))
          .where(where)
          .orderBy(asc(sql`lower(${agencies.name})`), asc(agencies.id))
          .limit(q.limit)
          .offset(q.offset),
        exec
          .select({ total: sql<number>`count(*)::int` })
          .from(partnershipAgencies)
          .innerJoin(agencies, eq(agencies.id, partnershipAgencies.agencyId))
          .where(where),
      ]);
      return { items, total };
    },

    async find(exec: Executor, partnershipId: string, agencyId: string) {
      const [row] = await exec
        .select({
          id: agencies.id,
          name: agencies.name,
          type: agencies.type,
          version: agencies.version,
          active: partnershipAgencies.active,
          partnershipCount: sharedCount,
        })
        .from(partnershipAgencies)
        .innerJoin(agencies, eq(agencies.id, partnershipAgencies.agencyId))
        .where(
          and(
            eq(partnershipAgencies.partnershipId, partnershipId),
            eq(partnershipAgencies.agencyId, agencyId),
          ),
        );
      return row ?? null;
    },

    async sections(exec: Executor, agencyId: string) {
      return exec
        .select({
          id: agencySections.id,
          name: agencySections.name,
          ownerPersonId: agencySections.ownerPersonId,
          ownerName: people.name,
          active: agencySections.active,
          version: agencySections.version,
        })
        .from(agencySections)
        .leftJoin(people, eq(people.id, agencySections.ownerPersonId))
        .where(eq(agencySections.agencyId, agencyId))
        .orderBy(asc(agencySections.name));
    },

    /** Agencies in the installation not yet in this partnership, to share rather than duplicate. */
    async available(exec: Executor, partnershipId: string, q: string | undefined, limit: number) {
      const linked = exec
        .select({ one: sql`1` })
        .from(partnershipAgencies)
        .where(
          and(
            eq(partnershipAgencies.agencyId, agencies.id),
            eq(partnershipAgencies.partnershipId, partnershipId),
          ),
        );
      return exec
        .select({ id: agencies.id, name: agencies.name, type: agencies.type })
        .from(agencies)
        .where(and(notExists(linked), q ? ilike(agencies.name, likePattern(q)) : undefined))
        .orderBy(asc(sql`lower(${agencies.name})`))
        .limit(limit);
    },

    async isMember(exec: Executor, partnershipId: string, personId: string) {
      const [row] = await exec
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.partnershipId, partnershipId),
            eq(memberships.personId, personId),
            eq(memberships.active, true),
          ),
        )
        .limit(1);
      return Boolean(row);
    },
  };
}
export type AgencyRepo = ReturnType<typeof createAgencyRepo>;
