import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { GROUP_KINDS, GROUP_MEMBER_ROLES } from '../../../contracts/org.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { likePattern, offsetOf, type PageQuery } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { setupPolicy } from '../partnerships/partnerships.policy.js';
import { memberships, people } from '../people/people.tables.js';
import { governanceGroupMembers, governanceGroups } from './governance.tables.js';

type Kind = (typeof GROUP_KINDS)[number];
type MemberRole = (typeof GROUP_MEMBER_ROLES)[number];
export type GovernanceService = ReturnType<typeof createGovernanceService>;
const GROUP = 'This group';

// The outer table is named in full: drizzle writes a lone column unqualified inside the subquery.
const memberCount = sql<number>`(select count(*)::int from ${governanceGroupMembers} gm where gm.group_id = "governance_groups"."id")`;

/** Governance groups (Executive, Board, QA group, ...) and who sits on them. */
export function createGovernanceService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const scoped = (ctx: ActorContext, id: string) =>
    and(eq(governanceGroups.id, id), eq(governanceGroups.partnershipId, ctx.actor.partnershipId));

  async function load(exec: Executor, ctx: ActorContext, id: string) {
    const [row] = await exec.select().from(governanceGroups).where(scoped(ctx, id));
    if (!row) throw notFound(GROUP);
    return row;
  }

  async function detail(ctx: ActorContext, id: string) {
    const [group] = await db
      .select({ g: governanceGroups, memberCount })
      .from(governanceGroups)
      .where(scoped(ctx, id));
    if (!group) throw notFound(GROUP);
    const members = await db
      .select({
        personId: people.id,
        name: people.name,
        email: people.email,
        memberRole: governanceGroupMembers.memberRole,
      })
      .from(governanceGroupMembers)
      .innerJoin(people, eq(people.id, governanceGroupMembers.personId))
      .where(eq(governanceGroupMembers.groupId, id))
      .orderBy(
        sql`case ${governanceGroupMembers.memberRole} when 'chair' then 0 when 'vice_chair' then 1 else 2 end`,
        asc(people.name),
      );
    return {
      ...summary(group.g, group.memberCount),
      members: members.map((m) => ({ ...m, memberRole: m.memberRole as MemberRole })),
      allowedVerbs: allowedVerbs(setupPolicy, ctx.actor, undefined),
    };
  }

  const summary = (g: typeof governanceGroups.$inferSelect, count: number) => ({
    id: g.id,
    name: g.name,
    kind: g.kind as Kind,
    description: g.description,
    active: g.active,
    version: g.version,
    memberCount: count,
  });

  return {
    async listGroups(ctx: ActorContext, q: PageQuery) {
      authorize(setupPolicy, ctx.actor, 'read', undefined);
      const where = and(
        eq(governanceGroups.partnershipId, ctx.actor.partnershipId),
        q.includeInactive ? undefined : eq(governanceGroups.active, true),
        q.q ? ilike(governanceGroups.name, likePattern(q.q)) : undefined,
      );
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({ g: governanceGroups, memberCount })
          .from(governanceGroups)
          .where(where)
          .orderBy(asc(governanceGroups.name), asc(governanceGroups.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(governanceGroups).where(where),
      ]);
      return {
        items: rows.map((r) => summary(r.g, r.memberCount)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async getGroup(ctx: ActorContext, id: string) {
      authorize(setupPolicy, ctx.actor, 'read', undefined);
      return detail(ctx, id);
    },

    async createGroup(ctx: ActorContext, input: { name: string; kind: Kind; description?: string | null }) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(governanceGroups)
          .values({
            partnershipId: ctx.actor.partnershipId,
            name: input.name,
            kind: input.kind,
            description: input.description || null,
          })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'governance_group',
          entityId: row.id,
          action: 'created',
          after: row,
        });
        return row.id;
      });
      return detail(ctx, id);
    },

    async updateGroup(
      ctx: ActorContext,
      id: string,
      input: { name: string; kind: Kind; description?: string | null; version: number },
    ) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        await lockRow(tx, governanceGroups, governanceGroups.id, id);
        const before = await load(tx, ctx, id);
        if (before.version !== input.version)
          throw conflict('Someone else changed this group. Check their changes.', { current: before });
        const [after] = await tx
          .update(governanceGroups)
          .set({
            name: input.name,
            kind: input.kind,
            description: input.description || null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(scoped(ctx, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'governance_group',
          entityId: id,
          action: 'updated',
          before,
          after,
        });
      });
      return detail(ctx, id);
    },

    async setGroupActive(ctx: ActorContext, id: string, active: boolean) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        const before = await load(tx, ctx, id);
        if (before.active === active) return;
        await tx
          .update(governanceGroups)
          .set({ active, version: before.version + 1, updatedAt: clock.now() })
          .where(scoped(ctx, id));
        await writeAudit(tx, ctx, {
          entity: 'governance_group',
          entityId: id,
          action: active ? 'reactivated' : 'deactivated',
          before: { active: before.active },
          after: { active },
        });
      });
      return detail(ctx, id);
    },

    /** Adds a member of the partnership to the group, or changes their place in it (chair, vice-chair, member). */
    async setGroupMember(ctx: ActorContext, id: string, personId: string, memberRole: MemberRole) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        await load(tx, ctx, id);
        const [member] = await tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(
            and(
              eq(memberships.partnershipId, ctx.actor.partnershipId),
              eq(memberships.personId, personId),
              eq(memberships.active, true),
            ),
          )
          .limit(1);
        if (!member) throw invalid({ personId: 'Choose a person who is a member of this partnership' });
        const [before] = await tx
          .select()
          .from(governanceGroupMembers)
          .where(and(eq(governanceGroupMembers.groupId, id), eq(governanceGroupMembers.personId, personId)));
        const [after] = await tx
          .insert(governanceGroupMembers)
          .values({ groupId: id, personId, memberRole })
          .onConflictDoUpdate({
            target: [governanceGroupMembers.groupId, governanceGroupMembers.personId],
            set: { memberRole },
          })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'governance_group',
          entityId: id,
          action: before ? 'member_changed' : 'member_added',
          before: before ?? null,
          after,
        });
      });
      return detail(ctx, id);
    },

    async removeGroupMember(ctx: ActorContext, id: string, personId: string) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        await load(tx, ctx, id);
        const removed = await tx
          .delete(governanceGroupMembers)
          .where(and(eq(governanceGroupMembers.groupId, id), eq(governanceGroupMembers.personId, personId)))
          .returning();
        if (removed.length === 0) throw notFound('This member');
        await writeAudit(tx, ctx, {
          entity: 'governance_group',
          entityId: id,
          action: 'member_removed',
          before: removed[0],
          after: null,
        });
      });
      return detail(ctx, id);
    },
  };
}
