import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type {
  RecommendationStatus,
  ScrutinyKind,
  ScrutinyStatus,
} from '../../../contracts/recommendations.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { memberships, people } from '../people/people.tables.js';
import { judgesRegister } from './impact-checks.policy.js';
import { recommendations, scrutinyReviews } from './recommendations.tables.js';
import { scrutinyPolicy as policy } from './scrutiny.policy.js';
import type { ScrutinyInput, ScrutinyQuery, ScrutinyUpdate } from './scrutiny.schemas.js';

export type ScrutinyService = ReturnType<typeof createScrutinyService>;

/** recommendations.source_type of a recommendation that came from a scrutiny topic or peer review. */
export const SCRUTINY_SOURCE_TYPE = 'scrutiny_review';
const REVIEW = 'This review';
type ReviewRow = typeof scrutinyReviews.$inferSelect;

/**
 * The scrutiny plan (PRODUCT.md §4.10): independent scrutiny topics and internal or external peer reviews,
 * each with scope, lead, status and findings; their recommendations enter the register with
 * source_type 'scrutiny_review' and source_id the review.
 */
export function createScrutinyService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  // Draft recommendations are the QA group's working papers; other readers see agreed ones onwards.
  const linkedVisible = (ctx: ActorContext) =>
    judgesRegister(ctx.actor) ? sql`true` : sql`r.status not in ('draft')`;
  const recommendationCount = (ctx: ActorContext) =>
    sql<number>`(select count(*)::int from ${recommendations} r where r.source_type = ${SCRUTINY_SOURCE_TYPE}
      and r.source_id = "scrutiny_reviews"."id" and r.partnership_id = "scrutiny_reviews"."partnership_id"
      and ${linkedVisible(ctx)})`;

  function summary(r: ReviewRow, leadPersonName: string | null, recCount: number) {
    const leadName = r.leadPersonId ? leadPersonName : r.leadName;
    return {
      id: r.id,
      kind: r.kind as ScrutinyKind,
      title: r.title,
      status: r.status as ScrutinyStatus,
      lead: leadName ? { personId: r.leadPersonId, name: leadName } : null,
      plannedOn: r.plannedOn,
      reportedOn: r.reportedOn,
      active: r.active,
      recommendationCount: Number(recCount),
      version: r.version,
    };
  }

  async function detail(exec: Executor, ctx: ActorContext, id: string) {
    const [row] = await exec
      .select({ r: scrutinyReviews, leadPersonName: people.name })
      .from(scrutinyReviews)
      .leftJoin(people, eq(people.id, scrutinyReviews.leadPersonId))
      .where(and(eq(scrutinyReviews.id, id), eq(scrutinyReviews.partnershipId, ctx.actor.partnershipId)));
    if (!row) throw notFound(REVIEW);
    const recs = await exec
      .select({
        id: recommendations.id,
        number: recommendations.number,
        title: recommendations.title,
        status: recommendations.status,
      })
      .from(recommendations)
      .where(
        and(
          eq(recommendations.partnershipId, ctx.actor.partnershipId),
          eq(recommendations.sourceType, SCRUTINY_SOURCE_TYPE),
          eq(recommendations.sourceId, id),
          judgesRegister(ctx.actor) ? undefined : sql`${recommendations.status} <> 'draft'`,
        ),
      )
      .orderBy(asc(recommendations.number));
    return {
      ...summary(row.r, row.leadPersonName, recs.length),
      scope: row.r.scope,
      findings: row.r.findings,
      recommendations: recs.map((x) => ({ ...x, status: x.status as RecommendationStatus })),
      createdAt: row.r.createdAt.toISOString(),
      updatedAt: row.r.updatedAt.toISOString(),
      allowedVerbs: allowedVerbs(policy, ctx.actor, undefined),
    };
  }

  /** Field rules beyond the schema: one kind of lead, a real member as lead, a report date once reported. */
  async function check(exec: Executor, ctx: ActorContext, input: ScrutinyInput, current?: ReviewRow) {
    const fields: FieldErrors = {};
    const leadName = input.leadName?.trim() || null;
    if (input.leadPersonId && leadName)
      fields.leadName = 'Give either a lead who uses Assure or an external lead’s name, not both';
    if (input.leadPersonId && input.leadPersonId !== current?.leadPersonId) {
      const [m] = await exec
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(
          and(
            eq(memberships.partnershipId, ctx.actor.partnershipId),
            eq(memberships.personId, input.leadPersonId),
            eq(memberships.active, true),
            eq(people.active, true),
          ),
        )
        .limit(1);
      if (!m) fields.leadPersonId = 'Choose a lead who is an active member of this partnership';
    }
    if (input.status === 'reported' && !input.reportedOn)
      fields.reportedOn = 'Enter the date the review reported';
    if (input.plannedOn && input.reportedOn && input.reportedOn < input.plannedOn)
      fields.reportedOn = 'The date it reported must be on or after the planned date';
    if (Object.keys(fields).length) throw invalid(fields);
    const text = (s: string | null | undefined) => s?.trim() || null;
    return {
      kind: input.kind,
      title: input.title,
      scope: text(input.scope),
      leadPersonId: input.leadPersonId ?? null,
      leadName,
      status: input.status,
      plannedOn: input.plannedOn ?? null,
      reportedOn: input.reportedOn ?? null,
      findings: text(input.findings),
    };
  }

  async function setActive(ctx: ActorContext, id: string, active: boolean) {
    authorize(policy, ctx.actor, 'write', undefined);
    await db.transaction(async (tx) => {
      await lockRow(tx, scrutinyReviews, scrutinyReviews.id, id);
      const [before] = await tx
        .select()
        .from(scrutinyReviews)
        .where(and(eq(scrutinyReviews.id, id), eq(scrutinyReviews.partnershipId, ctx.actor.partnershipId)));
      if (!before) throw notFound(REVIEW);
      if (before.active === active) return;
      await tx
        .update(scrutinyReviews)
        .set({ active, version: before.version + 1, updatedAt: clock.now() })
        .where(eq(scrutinyReviews.id, id));
      await writeAudit(tx, ctx, {
        entity: 'scrutiny_review',
        entityId: id,
        action: active ? 'reactivated' : 'deactivated',
        before: { active: before.active, version: before.version },
        after: { active, version: before.version + 1 },
      });
    });
    return detail(db, ctx, id);
  }

  return {
    /** The scrutiny plan: topics and peer reviews, soonest planned first. */
    async listScrutinyReviews(ctx: ActorContext, q: ScrutinyQuery) {
      authorize(policy, ctx.actor, 'read', undefined);
      const conds: (SQL | undefined)[] = [
        eq(scrutinyReviews.partnershipId, ctx.actor.partnershipId),
        q.includeInactive ? undefined : eq(scrutinyReviews.active, true),
        q.kind ? eq(scrutinyReviews.kind, q.kind) : undefined,
        q.status ? eq(scrutinyReviews.status, q.status) : undefined,
      ];
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(scrutinyReviews).where(where);
      const rows = await db
        .select({ r: scrutinyReviews, leadPersonName: people.name, n: recommendationCount(ctx) })
        .from(scrutinyReviews)
        .leftJoin(people, eq(people.id, scrutinyReviews.leadPersonId))
        .where(where)
        .orderBy(
          sql`${scrutinyReviews.plannedOn} asc nulls last`,
          asc(sql`lower(${scrutinyReviews.title})`),
          asc(scrutinyReviews.id),
        )
        .limit(q.pageSize)
        .offset(offsetOf(q));
      return {
        items: rows.map((x) => summary(x.r, x.leadPersonName, x.n)),
        total: Number(total),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** One review with the recommendations that came from it. */
    async getScrutinyReview(ctx: ActorContext, id: string) {
      authorize(policy, ctx.actor, 'read', undefined);
      return detail(db, ctx, id);
    },

    async createScrutinyReview(ctx: ActorContext, input: ScrutinyInput) {
      authorize(policy, ctx.actor, 'write', undefined);
      const values = await check(db, ctx, input);
      const id = await db.transaction(async (tx) => {
        const now = clock.now();
        const [row] = await tx
          .insert(scrutinyReviews)
          .values({ ...values, partnershipId: ctx.actor.partnershipId, createdAt: now, updatedAt: now })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'scrutiny_review',
          entityId: row.id,
          action: 'created',
          after: row,
        });
        return row.id;
      });
      return detail(db, ctx, id);
    },

    async updateScrutinyReview(ctx: ActorContext, id: string, input: ScrutinyUpdate) {
      authorize(policy, ctx.actor, 'write', undefined);
      const [current] = await db
        .select()
        .from(scrutinyReviews)
        .where(and(eq(scrutinyReviews.id, id), eq(scrutinyReviews.partnershipId, ctx.actor.partnershipId)));
      if (!current) throw notFound(REVIEW);
      const values = await check(db, ctx, input, current);
      await db.transaction(async (tx) => {
        await lockRow(tx, scrutinyReviews, scrutinyReviews.id, id);
        const [before] = await tx.select().from(scrutinyReviews).where(eq(scrutinyReviews.id, id));
        if (before.version !== input.version)
          throw conflict('Someone else changed this review. Check their changes.', { current: before });
        const [after] = await tx
          .update(scrutinyReviews)
          .set({ ...values, version: before.version + 1, updatedAt: clock.now() })
          .where(eq(scrutinyReviews.id, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'scrutiny_review',
          entityId: id,
          action: 'updated',
          before,
          after,
        });
      });
      return detail(db, ctx, id);
    },

    deactivateScrutinyReview: (ctx: ActorContext, id: string) => setActive(ctx, id, false),
    reactivateScrutinyReview: (ctx: ActorContext, id: string) => setActive(ctx, id, true),
  };
}
