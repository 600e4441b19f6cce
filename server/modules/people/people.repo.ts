import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/org.js';
import type { Executor } from '../../platform/db.js';
import { likePattern } from '../../platform/pagination.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { governanceGroupMembers, governanceGroups } from '../governance/governance.tables.js';
import { memberships, people } from './people.tables.js';

/** People are visible to a partnership only through their memberships in it. */
export function createPeopleRepo() {
  async function rolesFor(
    exec: Executor,
    partnershipId: string,
    personIds: string[],
    includeInactive: boolean,
  ) {
    if (personIds.length === 0) return new Map<string, never[]>();
    const rows = await exec
      .select({
        personId: memberships.personId,
        membershipId: memberships.id,
        role: memberships.role,
        agencyId: memberships.agencyId,
        agencyName: agencies.name,
        active: memberships.active,
      })
      .from(memberships)
      .leftJoin(agencies, eq(agencies.id, memberships.agencyId))
      .where(
        and(
          eq(memberships.partnershipId, partnershipId),
          inArray(memberships.personId, personIds),
          includeInactive ? undefined : eq(memberships.active, true),
        ),
      )
      .orderBy(asc(memberships.createdAt));
    const map = new Map<
      string,
      {
        membershipId: string;
        role: Role;
        agencyId: string | null;
        agencyName: string | null;
        active: boolean;
      }[]
    >();
    for (const r of rows) {
      const list = map.get(r.personId) ?? [];
      list.push({
        membershipId: r.membershipId,
        role: r.role as Role,
        agencyId: r.agencyId,
        agencyName: r.agencyName,
        active: r.active,
      });
      map.set(r.personId, list);
    }
    return map;
  }

  return {
    rolesFor,

    async list(
      exec: Executor,
      partnershipId: string,
      q: { q?: string; includeInactive: boolean; limit: number; offset: number },
    ) {
      const where = and(
        eq(memberships.partnershipId, partnershipId),
        q.includeInactive ? undefined : eq(memberships.active, true),
        q.q
          ? or(
              sql`lower(${people.name}) like lower(${likePattern(q.q)})`,
              sql`lower(${people.email}) like lower(${likePattern(q.q)})`,
            )
          : undefined,
      );
      const [rows, [{ total }]] = await Promise.all([
        exec
          .select({
            id: people.id,
            name: people.name,
            email: people.email,
            jobTitle: people.jobTitle,
            active: sql<boolean>`bool_or(${memberships.active})`,
          })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .where(where)
          .groupBy(people.id)
          .orderBy(asc(sql`lower(${people.name})`), asc(people.id))
          .limit(q.limit)
          .offset(q.offset),
        exec
          .select({ total: sql<number>`count(distinct ${memberships.personId})::int` })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .where(where),
      ]);
      const roles = await rolesFor(
        exec,
        partnershipId,
        rows.map((r) => r.id),
        q.includeInactive,
      );
      return { items: rows.map((r) => ({ ...r, roles: roles.get(r.id) ?? [] })), total };
    },

    /** The person if they hold or held any role in this partnership, else null. */
    async find(exec: Executor, partnershipId: string, personId: string) {
      const [row] = await exec
        .select({
          id: people.id,
          name: people.name,
          email: people.email,
          jobTitle: people.jobTitle,
          version: people.version,
          active: sql<boolean>`bool_or(${memberships.active})`,
        })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.personId, personId)))
        .groupBy(people.id);
      return row ?? null;
    },

    async agencyInPartnership(exec: Executor, partnershipId: string, agencyId: string) {
      const [row] = await exec
        .select({ name: agencies.name })
        .from(partnershipAgencies)
        .innerJoin(agencies, eq(agencies.id, partnershipAgencies.agencyId))
        .where(
          and(
            eq(partnershipAgencies.partnershipId, partnershipId),
            eq(partnershipAgencies.agencyId, agencyId),
            eq(partnershipAgencies.active, true),
          ),
        );
      return row ?? null;
    },

    async activeAdminCount(exec: Executor, partnershipId: string, exceptPersonId?: string) {
      const [{ n }] = await exec
        .select({ n: sql<number>`count(distinct ${memberships.personId})::int` })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(
          and(
            eq(memberships.partnershipId, partnershipId),
            eq(memberships.role, 'partnership_admin'),
            eq(memberships.active, true),
            eq(people.active, true),
            exceptPersonId ? sql`${memberships.personId} <> ${exceptPersonId}` : undefined,
          ),
        );
      return n;
    },

    /** Takes the person off every governance group of this partnership; returns what they left. */
    async removeFromGroups(exec: Executor, partnershipId: string, personId: string) {
      const groupIds = exec
        .select({ id: governanceGroups.id })
        .from(governanceGroups)
        .where(eq(governanceGroups.partnershipId, partnershipId));
      return exec
        .delete(governanceGroupMembers)
        .where(
          and(
            eq(governanceGroupMembers.personId, personId),
            inArray(governanceGroupMembers.groupId, groupIds),
          ),
        )
        .returning({
          groupId: governanceGroupMembers.groupId,
          memberRole: governanceGroupMembers.memberRole,
        });
    },

    async findByEmail(exec: Executor, email: string) {
      const [row] = await exec
        .select()
        .from(people)
        .where(eq(sql`lower(${people.email})`, email.trim().toLowerCase()));
      return row ?? null;
    },
  };
}
export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
