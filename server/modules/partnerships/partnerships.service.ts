import { and, eq } from 'drizzle-orm';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { conflict, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { setupPolicy } from './partnerships.policy.js';
import { partnerships } from './partnerships.tables.js';

export type PartnershipService = ReturnType<typeof createPartnershipService>;

export function createPartnershipService(deps: { db: Db; clock: Clock }) {
  const { db } = deps;
  const shape = (row: typeof partnerships.$inferSelect, ctx: ActorContext) => ({
    ...row,
    covers: row.covers as 'children' | 'adults' | 'both',
    allowedVerbs: allowedVerbs(setupPolicy, ctx.actor, undefined),
  });
  return {
    /** The partnership the actor is working in. */
    async getPartnership(ctx: ActorContext) {
      authorize(setupPolicy, ctx.actor, 'read', undefined);
      const [row] = await db.select().from(partnerships).where(eq(partnerships.id, ctx.actor.partnershipId));
      if (!row) throw notFound('This partnership');
      return shape(row, ctx);
    },

    /** Renames the partnership or changes whom it covers. */
    async updatePartnership(ctx: ActorContext, input: { name: string; covers: string; version: number }) {
      authorize(setupPolicy, ctx.actor, 'manage', undefined);
      return db.transaction(async (tx) => {
        await lockRow(tx, partnerships, partnerships.id, ctx.actor.partnershipId);
        const [before] = await tx
          .select()
          .from(partnerships)
          .where(eq(partnerships.id, ctx.actor.partnershipId));
        if (!before) throw notFound('This partnership');
        if (before.version !== input.version)
          throw conflict('Someone else changed this partnership. Check their changes.', { current: before });
        const [after] = await tx
          .update(partnerships)
          .set({
            name: input.name,
            covers: input.covers,
            version: before.version + 1,
            updatedAt: deps.clock.now(),
          })
          .where(and(eq(partnerships.id, before.id), eq(partnerships.version, input.version)))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'partnership',
          entityId: before.id,
          action: 'updated',
          before,
          after,
        });
        return shape(after, ctx);
      });
    },
  };
}
