import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { conflict, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { likePattern, offsetOf, type PageQuery } from '../../platform/pagination.js';
import { authorize } from '../../platform/policy.js';
import { setupPolicy } from '../partnerships/partnerships.policy.js';
import { priorities } from './priorities.tables.js';

export type PriorityService = ReturnType<typeof createPriorityService>;
const PRIORITY = 'This priority';

/** Strategic priorities: almost everything in Assure links to one. */
export function createPriorityService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const scoped = (ctx: ActorContext, id: string) =>
    and(eq(priorities.id, id), eq(priorities.partnershipId, ctx.actor.partnershipId));
  const view = (r: typeof priorities.$inferSelect) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    active: r.active,
    version: r.version,
  });

  return {
    async listPriorities(ctx: ActorContext, q: PageQuery) {
      authorize(setupPolicy, ctx.actor, 'read', undefined);
      const where = and(
        eq(priorities.partnershipId, ctx.actor.partnershipId),
        q.includeInactive ? undefined : eq(priorities.active, true),
        q.q ? ilike(priorities.name, likePattern(q.q)) : undefined,
      );
      const [items, [{ total }]] = await Promise.all([
        db
          .select()
          .from(priorities)
          .where(where)
          .orderBy(asc(sql`lower(${priorities.name})`), asc(priorities.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(priorities).where(where),
      ]);
      return { items: items.map(view), total, page: q.page, pageSize: q.pageSize };
    },

    async getPriority(ctx: ActorContext, id: string) {
      authorize(setupPolicy, ctx.actor, 'read', undefined);
      const [row] = await db.select().from(priorities).where(scoped(ctx, id));
      if (!row) throw notFound(PRIORITY);
      return view(row);
    },

    async createPriority(ctx: ActorContext, input: { name: string; description?: string | null }) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(priorities)
          .values({
            partnershipId: ctx.actor.partnershipId,
            name: input.name,
            description: input.description || null,
          })
          .returning();
        await writeAudit(tx, ctx, { entity: 'priority', entityId: row.id, action: 'created', after: row });
        return view(row);
      });
    },

    async updatePriority(
      ctx: ActorContext,
      id: string,
      input: { name: string; description?: string | null; version: number },
    ) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      return db.transaction(async (tx) => {
        await lockRow(tx, priorities, priorities.id, id);
        const [before] = await tx.select().from(priorities).where(scoped(ctx, id));
        if (!before) throw notFound(PRIORITY);
        if (before.version !== input.version)
          throw conflict('Someone else changed this priority. Check their changes.', {
            current: view(before),
          });
        const [after] = await tx
          .update(priorities)
          .set({
            name: input.name,
            description: input.description || null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(scoped(ctx, id))
          .returning();
        await writeAudit(tx, ctx, { entity: 'priority', entityId: id, action: 'updated', before, after });
        return view(after);
      });
    },

    async setPriorityActive(ctx: ActorContext, id: string, active: boolean) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(priorities).where(scoped(ctx, id));
        if (!before) throw notFound(PRIORITY);
        if (before.active === active) return view(before);
        const [after] = await tx
          .update(priorities)
          .set({ active, version: before.version + 1, updatedAt: clock.now() })
          .where(scoped(ctx, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'priority',
          entityId: id,
          action: active ? 'reactivated' : 'deactivated',
          before: { active: before.active },
          after: { active },
        });
        return view(after);
      });
    },
  };
}
