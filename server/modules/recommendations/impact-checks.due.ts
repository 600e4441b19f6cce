import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { RecommendationStatus } from '../../../contracts/recommendations.js';
import { statusAfterImpactCheckDue } from '../../../contracts/recommendations.rules.js';
import type { ActorContext, RequestContext } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { impactChecks, recommendations } from './recommendations.tables.js';

/** Recommendations a run moves at most, per call; the daily run repeats until none are left. */
const BATCH = 2000;

/**
 * "Impact being checked": a recommendation that is agreed or in progress moves to impact_check once its
 * first impact check has fallen due (statusAfterImpactCheckDue). Applied by the daily reminder run for
 * every partnership, and at once when an agency gives evidence for a check or the group judges one (so
 * the status never lags the work). Set-based, with one audit row per recommendation moved, written in
 * the caller's transaction. Returns how many moved.
 */
export async function markImpactChecksDue(
  exec: Executor,
  ctx: RequestContext | ActorContext,
  opts: { today: string; now: Date; partnershipId?: string; recommendationId?: string },
): Promise<number> {
  let moved = 0;
  for (;;) {
    const due = await exec
      .select({
        id: recommendations.id,
        partnershipId: recommendations.partnershipId,
        status: recommendations.status,
        version: recommendations.version,
      })
      .from(recommendations)
      .where(
        and(
          inArray(recommendations.status, ['agreed', 'in_progress']),
          opts.partnershipId ? eq(recommendations.partnershipId, opts.partnershipId) : undefined,
          opts.recommendationId ? eq(recommendations.id, opts.recommendationId) : undefined,
          sql`exists (${exec
            .select({ one: sql`1` })
            .from(impactChecks)
            .where(
              and(
                eq(impactChecks.recommendationId, recommendations.id),
                isNull(impactChecks.cancelledAt),
                lte(impactChecks.dueOn, opts.today),
              ),
            )})`,
        ),
      )
      .limit(BATCH)
      .for('update');
    const rows = due.filter(
      (r) => statusAfterImpactCheckDue(r.status as RecommendationStatus) === 'impact_check',
    );
    if (rows.length === 0) return moved;
    await exec
      .update(recommendations)
      .set({ status: 'impact_check', version: sql`${recommendations.version} + 1`, updatedAt: opts.now })
      .where(
        inArray(
          recommendations.id,
          rows.map((r) => r.id),
        ),
      );
    const actor = 'actor' in ctx ? ctx.actor : null;
    await exec.insert(auditLog).values(
      rows.map((r) => ({
        entity: 'recommendation',
        entityId: r.id,
        action: 'status_changed',
        before: { status: r.status, version: r.version },
        after: { status: 'impact_check', version: r.version + 1, because: 'impact_check_due' },
        partnershipId: r.partnershipId,
        personId: actor?.personId ?? null,
        personEmail: actor?.email ?? null,
        requestId: ctx.requestId,
        ip: ctx.ip,
      })),
    );
    moved += rows.length;
    if (rows.length < BATCH) return moved;
  }
}
