import { and, asc, desc, eq, ilike, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import {
  DEFAULT_IMPACT_CHECK_MONTHS,
  type ImpactJudgement,
  type PriorityLevel,
  type RecommendationSource,
  type RecommendationSourceType,
  type RecommendationStatus,
  recommendationReference,
} from '../../../contracts/recommendations.js';
import {
  canClose,
  impactCheckDates,
  manualNextStatuses,
  statusChangeRefusal,
} from '../../../contracts/recommendations.rules.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { AppError, conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { likePattern, offsetOf, type PageQuery } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { caseFileFor } from '../case-reviews/case-reviews.access.js';
import { governanceGroups } from '../governance/governance.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';
import { qaActivities } from '../programme/programme.tables.js';
import {
  canSeeRecommendation,
  leadAgencies,
  recommendationPolicy,
  recommendationSettingsPolicy,
  registerPolicy,
  seesWholeRegister,
  themePolicy,
} from './recommendations.policy.js';
import type {
  CloseInput,
  RecommendationInput,
  RecommendationQuery,
  StatusChangeInput,
} from './recommendations.schemas.js';
import {
  actions,
  impactCheckEvidence,
  impactChecks,
  recommendationAgencies,
  recommendationSettings,
  recommendations,
  scrutinyReviews,
  themes,
} from './recommendations.tables.js';
import { describeTimelineRow, type TimelineNames } from './recommendations.timeline.js';

export type RecommendationService = ReturnType<typeof createRecommendationService>;

const THEME = 'This theme';
const RECOMMENDATION = 'This recommendation';
const TIMELINE_LIMIT = 200;

type RecommendationRow = typeof recommendations.$inferSelect;
type ThemeRow = typeof themes.$inferSelect;

const themeView = (r: ThemeRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  active: r.active,
  version: r.version,
});

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

/** The date part of the clock's now, YYYY-MM-DD (as the programme module counts days). */
/** Today's UK date by the clock (the register's "today" for due and overdue). */
export const todayOf = (clock: Clock) => todayOn(clock);

/** Agreed and still being worked: the statuses in which a recommendation can be overdue. */
export const OPEN_RECOMMENDATION_STATUSES = ['agreed', 'in_progress', 'impact_check'];

/**
 * Overdue: still being worked, with an open action answering it or a live unjudged impact check due
 * before `on`. `next_due_on` is the earliest such due date, kept on the row by database triggers
 * (migration 0008), so this is a test of one row, never a join of the partnership's actions and checks.
 */
export const recommendationOverdueSql = (on: string) =>
  sql<boolean>`("recommendations"."status" in ('agreed', 'in_progress', 'impact_check')
    and "recommendations"."next_due_on" is not null and "recommendations"."next_due_on" < ${on})`;

/** recommendationOverdueSql for a row already read. */
export const isRecommendationOverdue = (r: { status: string; nextDueOn: string | null }, on: string) =>
  OPEN_RECOMMENDATION_STATUSES.includes(r.status) && r.nextDueOn !== null && r.nextDueOn < on;

/** The partnership's impact-check months (the defaults when it never changed them). */
export async function impactCheckMonthsOf(exec: Executor, partnershipId: string) {
  const [row] = await exec
    .select()
    .from(recommendationSettings)
    .where(eq(recommendationSettings.partnershipId, partnershipId));
  return row
    ? { impactCheckMonths: row.impactCheckMonths, version: row.version }
    : { impactCheckMonths: [...DEFAULT_IMPACT_CHECK_MONTHS], version: 0 };
}

/** The agencies a recommendation is addressed to (ids), scoped by partnership. */
export async function recommendationAgencyIds(
  exec: Executor,
  partnershipId: string,
  recommendationId: string,
) {
  const rows = await exec
    .select({ agencyId: recommendationAgencies.agencyId })
    .from(recommendationAgencies)
    .where(
      and(
        eq(recommendationAgencies.recommendationId, recommendationId),
        eq(recommendationAgencies.partnershipId, partnershipId),
      ),
    );
  return rows.map((r) => r.agencyId);
}

/**
 * Moves a recommendation to `status` inside the caller's transaction, for the automatic moves other parts
 * of the register make (the first action starting, an impact check falling due, a "not embedded"
 * judgement). Locks the row, bumps its version and writes the audit row. Returns the row after, or null
 * when the recommendation is not in this partnership.
 */
export async function setRecommendationStatusInTx(
  tx: Tx,
  ctx: ActorContext,
  opts: { recommendationId: string; status: RecommendationStatus; reason?: string | null; now: Date },
) {
  await lockRow(tx, recommendations, recommendations.id, opts.recommendationId);
  const where = and(
    eq(recommendations.id, opts.recommendationId),
    eq(recommendations.partnershipId, ctx.actor.partnershipId),
  );
  const [before] = await tx.select().from(recommendations).where(where);
  if (!before) return null;
  if (before.status === opts.status) return before;
  const [after] = await tx
    .update(recommendations)
    .set({
      status: opts.status,
      statusReason: opts.reason ?? before.statusReason,
      version: before.version + 1,
      updatedAt: opts.now,
    })
    .where(where)
    .returning();
  await writeAudit(tx, ctx, {
    entity: 'recommendation',
    entityId: before.id,
    action: 'status_changed',
    before: { status: before.status, statusReason: before.statusReason },
    after: { status: after.status, statusReason: after.statusReason },
  });
  return after;
}

/** Whether the actor may read this case file (a recommendation may name it as its source only then). */
async function canReadCaseFile(exec: Executor, ctx: ActorContext, caseFileId: string) {
  try {
    await caseFileFor(exec, ctx.actor, caseFileId, 'read');
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return false;
    throw e;
  }
}

/** The register of recommendations, its theme taxonomy and its settings (PRODUCT.md §4.9). */
export function createRecommendationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const today = () => todayOf(clock);

  // ------------------------------------------------------------------------------------------------
  // Themes
  // ------------------------------------------------------------------------------------------------

  const scopedTheme = (ctx: ActorContext, id: string) =>
    and(eq(themes.id, id), eq(themes.partnershipId, ctx.actor.partnershipId));

  async function checkThemeName(exec: Executor, ctx: ActorContext, name: string, exceptId?: string) {
    const [clash] = await exec
      .select({ id: themes.id })
      .from(themes)
      .where(
        and(
          eq(themes.partnershipId, ctx.actor.partnershipId),
          sql`lower(${themes.name}) = lower(${name})`,
          exceptId ? ne(themes.id, exceptId) : undefined,
        ),
      );
    if (clash) throw invalid({ name: 'There is already a theme with this name' });
  }
  const nameTaken = (e: unknown) => {
    if (isUniqueViolation(e)) return invalid({ name: 'There is already a theme with this name' });
    return e;
  };

  // ------------------------------------------------------------------------------------------------
  // Recommendations: reading
  // ------------------------------------------------------------------------------------------------

  /**
   * Addressed to one of these agencies. Two spellings of the same test, for the two questions a list page
   * asks (EXPLAIN on 30,000 recommendations): counting them all is quickest from the agencies' own links
   * (the partnership-and-agency index, ~15 ms instead of a scan of every link, ~40 ms); the first page is
   * quickest walking the register newest first and asking each row by its key (~1.5 ms), which the
   * planner stops doing, for a slower parallel plan, once the partnership is named too.
   */
  function addressedTo(ctx: ActorContext, agencyIds: string[], forCount: boolean) {
    const ids = sql.join(
      agencyIds.map((id) => sql`${id}`),
      sql`, `,
    );
    return forCount
      ? sql`"recommendations"."id" in (select ra.recommendation_id from recommendation_agencies ra
          where ra.partnership_id = ${ctx.actor.partnershipId} and ra.agency_id in (${ids}))`
      : sql`exists (select 1 from recommendation_agencies ra where ra.recommendation_id = "recommendations"."id"
          and ra.agency_id in (${ids}))`;
  }

  /** Restricts to what the person may see: everything, or what is addressed to their agencies. */
  function visibility(ctx: ActorContext, forCount: boolean): SQL | undefined {
    if (seesWholeRegister(ctx.actor)) return undefined;
    const own = leadAgencies(ctx.actor);
    if (!own.length) return sql`false`;
    return addressedTo(ctx, own, forCount);
  }

  /** Has an open action or an unjudged impact check past due, while still being worked (one row's test). */
  const overdueSql = (on: string) => recommendationOverdueSql(on);

  const summaryColumns = () => ({
    rec: recommendations,
    themeName: themes.name,
    groupName: governanceGroups.name,
  });

  /** Which of these recommendations (a page, or one) are overdue: read off their rows, no query. */
  function overdueAmong(rows: RecommendationRow[], on: string) {
    return new Set(rows.filter((r) => isRecommendationOverdue(r, on)).map((r) => r.id));
  }

  async function agenciesFor(exec: Executor, ctx: ActorContext, ids: string[]) {
    const byRec = new Map<string, { id: string; name: string }[]>();
    if (!ids.length) return byRec;
    const rows = await exec
      .select({
        recommendationId: recommendationAgencies.recommendationId,
        id: agencies.id,
        name: agencies.name,
      })
      .from(recommendationAgencies)
      .innerJoin(agencies, eq(agencies.id, recommendationAgencies.agencyId))
      .where(
        and(
          eq(recommendationAgencies.partnershipId, ctx.actor.partnershipId),
          inArray(recommendationAgencies.recommendationId, ids),
        ),
      )
      .orderBy(asc(agencies.name));
    for (const r of rows) {
      const list = byRec.get(r.recommendationId) ?? [];
      list.push({ id: r.id, name: r.name });
      byRec.set(r.recommendationId, list);
    }
    return byRec;
  }

  const summaryView = (
    r: { rec: RecommendationRow; themeName: string | null; groupName: string | null },
    agencyList: { id: string; name: string }[],
    overdue: boolean,
  ) => ({
    id: r.rec.id,
    number: r.rec.number,
    reference: recommendationReference(r.rec.number),
    title: r.rec.title,
    sourceKind: r.rec.sourceKind as RecommendationSource,
    sourceTitle: r.rec.sourceTitle,
    sourceDate: r.rec.sourceDate,
    theme: r.rec.themeId && r.themeName ? { id: r.rec.themeId, name: r.themeName } : null,
    priority: r.rec.priority as PriorityLevel,
    monitoringGroup:
      r.rec.monitoringGroupId && r.groupName ? { id: r.rec.monitoringGroupId, name: r.groupName } : null,
    status: r.rec.status as RecommendationStatus,
    statusReason: r.rec.statusReason,
    agreedOn: r.rec.agreedOn,
    closedOn: r.rec.closedOn,
    agencies: agencyList,
    overdue,
    version: r.rec.version,
  });

  /** One recommendation as the person may see it; NOT_FOUND when it is not theirs to see. */
  async function detail(exec: Executor, ctx: ActorContext, id: string) {
    const [r] = await exec
      .select(summaryColumns())
      .from(recommendations)
      .leftJoin(themes, eq(themes.id, recommendations.themeId))
      .leftJoin(governanceGroups, eq(governanceGroups.id, recommendations.monitoringGroupId))
      .where(and(eq(recommendations.id, id), eq(recommendations.partnershipId, ctx.actor.partnershipId)));
    if (!r) throw notFound(RECOMMENDATION);
    const agencyList = (await agenciesFor(exec, ctx, [id])).get(id) ?? [];
    const resource = { agencyIds: agencyList.map((a) => a.id) };
    if (!canSeeRecommendation(ctx.actor, resource)) throw notFound(RECOMMENDATION);

    const checks = await exec
      .select()
      .from(impactChecks)
      .where(
        and(
          eq(impactChecks.recommendationId, id),
          eq(impactChecks.partnershipId, ctx.actor.partnershipId),
          isNull(impactChecks.cancelledAt),
        ),
      )
      .orderBy(asc(impactChecks.dueOn), asc(impactChecks.months));

    // The timeline: audit rows about the recommendation, its impact checks and the actions answering it
    // (for an agency lead, only their own agency's actions).
    const own = seesWholeRegister(ctx.actor) ? null : leadAgencies(ctx.actor);
    const actionFilter =
      own === null
        ? sql``
        : sql` and ac.agency_id in (${sql.join(
            own.map((a) => sql`${a}`),
            sql`, `,
          )})`;
    const timeline = await exec
      .select({
        at: auditLog.at,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        action: auditLog.action,
        before: auditLog.before,
        after: auditLog.after,
        personName: people.name,
        personEmail: auditLog.personEmail,
      })
      .from(auditLog)
      .leftJoin(people, eq(people.id, auditLog.personId))
      .where(
        and(
          eq(auditLog.partnershipId, ctx.actor.partnershipId),
          sql`("audit_log"."entity_id" = ${id}
            or "audit_log"."entity_id" in (select ic.id::text from impact_checks ic where ic.recommendation_id = ${id})
            or "audit_log"."entity_id" in (
              select ar.action_id::text from action_recommendations ar join actions ac on ac.id = ar.action_id
              where ar.recommendation_id = ${id}${actionFilter}))`,
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(TIMELINE_LIMIT);
    const names = await timelineNames(exec, ctx, id, timeline);

    let recordedByName: string | null = null;
    if (r.rec.closureRecordedBy) {
      const [p] = await exec
        .select({ name: people.name })
        .from(people)
        .where(eq(people.id, r.rec.closureRecordedBy));
      recordedByName = p?.name ?? null;
    }
    const status = r.rec.status as RecommendationStatus;
    return {
      ...summaryView(r, agencyList, overdueAmong([r.rec], today()).has(id)),
      detail: r.rec.detail,
      sourceType: r.rec.sourceType as RecommendationSourceType | null,
      sourceId: r.rec.sourceId,
      closure:
        r.rec.closedOn && r.rec.closureApprovedBy && r.rec.closureMeeting
          ? {
              approvedBy: r.rec.closureApprovedBy,
              meeting: r.rec.closureMeeting,
              closedOn: r.rec.closedOn,
              recordedByName,
            }
          : null,
      impactChecks: checks.map((c) => ({
        id: c.id,
        months: c.months,
        dueOn: c.dueOn,
        judgement: c.judgement as ImpactJudgement | null,
        judgedOn: c.judgedOn,
      })),
      nextStatuses: manualNextStatuses(status),
      timeline: timeline.map((t) => ({
        at: t.at.toISOString(),
        entity: t.entity,
        entityId: t.entityId,
        action: t.action,
        summary: describeTimelineRow(t, names),
        personName: t.personName ?? t.personEmail,
      })),
      allowedVerbs: allowedVerbs(recommendationPolicy, ctx.actor, resource),
      createdAt: r.rec.createdAt.toISOString(),
      updatedAt: r.rec.updatedAt.toISOString(),
      /** For audit snapshots only (not in the response schema). */
      agencyIds: resource.agencyIds,
    };
  }
  /** The titles of the actions and the months of the impact checks the timeline's rows name by id. */
  async function timelineNames(
    exec: Executor,
    ctx: ActorContext,
    recommendationId: string,
    rows: { entity: string; entityId: string | null }[],
  ): Promise<TimelineNames> {
    const actionIds = [
      ...new Set(rows.filter((r) => r.entity === 'action' && r.entityId).map((r) => r.entityId as string)),
    ];
    // One after the other: exec may be a transaction, which runs one query at a time.
    const titles = actionIds.length
      ? await exec
          .select({ id: actions.id, title: actions.title })
          .from(actions)
          .where(and(eq(actions.partnershipId, ctx.actor.partnershipId), inArray(actions.id, actionIds)))
      : [];
    // Every check, cancelled ones too: an older row may name a check a later agreement superseded.
    const checks = await exec
      .select({ id: impactChecks.id, months: impactChecks.months })
      .from(impactChecks)
      .where(
        and(
          eq(impactChecks.recommendationId, recommendationId),
          eq(impactChecks.partnershipId, ctx.actor.partnershipId),
        ),
      );
    return {
      actionTitles: new Map(titles.map((a) => [a.id, a.title])),
      checkMonths: new Map(checks.map((c) => [c.id, c.months])),
    };
  }

  type Detail = Awaited<ReturnType<typeof detail>>;
  const snapshot = (d: Detail) => ({
    number: d.number,
    title: d.title,
    detail: d.detail,
    sourceKind: d.sourceKind,
    sourceTitle: d.sourceTitle,
    sourceDate: d.sourceDate,
    sourceType: d.sourceType,
    sourceId: d.sourceId,
    themeId: d.theme?.id ?? null,
    priority: d.priority,
    monitoringGroupId: d.monitoringGroup?.id ?? null,
    agencyIds: d.agencyIds,
    status: d.status,
    statusReason: d.statusReason,
    agreedOn: d.agreedOn,
    closure: d.closure,
    version: d.version,
  });

  // ------------------------------------------------------------------------------------------------
  // Recommendations: checking input
  // ------------------------------------------------------------------------------------------------

  /**
   * Every id in the body must be the partnership's own: an active theme, an active governance group,
   * agencies active in the partnership, a source record of the partnership. What the recommendation
   * already has is accepted again, so a change elsewhere never fails because, say, a theme was retired.
   */
  async function checkInput(
    exec: Executor,
    ctx: ActorContext,
    input: RecommendationInput,
    current?: { row: RecommendationRow; agencyIds: string[] },
  ) {
    const fields: FieldErrors = {};
    const pid = ctx.actor.partnershipId;
    if (input.themeId && input.themeId !== current?.row.themeId) {
      const [t] = await exec
        .select({ id: themes.id })
        .from(themes)
        .where(and(eq(themes.id, input.themeId), eq(themes.partnershipId, pid), eq(themes.active, true)));
      if (!t) fields.themeId = 'Choose one of the partnership’s active themes';
    }
    if (input.monitoringGroupId && input.monitoringGroupId !== current?.row.monitoringGroupId) {
      const [g] = await exec
        .select({ id: governanceGroups.id })
        .from(governanceGroups)
        .where(
          and(
            eq(governanceGroups.id, input.monitoringGroupId),
            eq(governanceGroups.partnershipId, pid),
            eq(governanceGroups.active, true),
          ),
        );
      if (!g) fields.monitoringGroupId = 'Choose one of the partnership’s active groups';
    }
    const wanted = [...new Set(input.agencyIds)].filter((id) => !current?.agencyIds.includes(id));
    if (wanted.length) {
      const ok = await exec
        .select({ id: partnershipAgencies.agencyId })
        .from(partnershipAgencies)
        .where(
          and(
            eq(partnershipAgencies.partnershipId, pid),
            eq(partnershipAgencies.active, true),
            inArray(partnershipAgencies.agencyId, wanted),
          ),
        );
      if (ok.length !== wanted.length)
        fields.agencyIds = 'Choose agencies that are active in this partnership';
    }
    if (
      input.sourceType &&
      input.sourceId &&
      (input.sourceType !== current?.row.sourceType || input.sourceId !== current?.row.sourceId)
    ) {
      if (input.sourceType === 'case_file') {
        // A case file is confidential: only someone who may read it can link to it (same answer otherwise).
        if (!(await canReadCaseFile(exec, ctx, input.sourceId)))
          fields.sourceId = 'Choose a record of this partnership';
      } else {
        const table = input.sourceType === 'qa_activity' ? qaActivities : scrutinyReviews;
        const [s] = await exec
          .select({ id: table.id })
          .from(table)
          .where(and(eq(table.id, input.sourceId), eq(table.partnershipId, pid)));
        if (!s) fields.sourceId = 'Choose a record of this partnership';
      }
    }
    if (input.sourceDate && input.sourceDate > today())
      fields.sourceDate = 'The date of the source cannot be in the future';
    if (Object.keys(fields).length) throw invalid(fields);
  }

  const values = (input: RecommendationInput) => ({
    title: input.title,
    detail: input.detail || null,
    sourceKind: input.sourceKind,
    sourceTitle: input.sourceTitle,
    sourceDate: input.sourceDate ?? null,
    sourceType: input.sourceType ?? null,
    sourceId: input.sourceType ? (input.sourceId ?? null) : null,
    themeId: input.themeId ?? null,
    priority: input.priority,
    monitoringGroupId: input.monitoringGroupId ?? null,
  });

  async function lockedForChange(
    tx: Tx,
    ctx: ActorContext,
    id: string,
    version: number,
    verb: 'edit' | 'changeStatus' | 'close',
  ) {
    await lockRow(tx, recommendations, recommendations.id, id);
    const before = await detail(tx, ctx, id);
    authorize(recommendationPolicy, ctx.actor, verb, { agencyIds: before.agencyIds });
    if (before.version !== version)
      throw conflict('Someone else changed this recommendation. Check their changes.', {
        current: stripInternal(before),
      });
    return before;
  }
  const stripInternal = ({ agencyIds: _ignored, ...rest }: Detail) => rest;

  /** Checks and inserts a draft recommendation with its agencies, numbered next in the partnership. */
  async function insertDraft(tx: Tx, ctx: ActorContext, input: RecommendationInput) {
    const pid = ctx.actor.partnershipId;
    await checkInput(tx, ctx, input);
    // Numbers are allocated under the partnership's row lock, so two creates never share one.
    await lockRow(tx, partnerships, partnerships.id, pid);
    const [{ top }] = await tx
      .select({ top: sql<number | null>`max(${recommendations.number})` })
      .from(recommendations)
      .where(eq(recommendations.partnershipId, pid));
    const [row] = await tx
      .insert(recommendations)
      .values({
        partnershipId: pid,
        number: Number(top ?? 0) + 1,
        ...values(input),
        status: 'draft',
        createdBy: ctx.actor.personId,
      })
      .returning();
    await tx.insert(recommendationAgencies).values(
      [...new Set(input.agencyIds)].map((agencyId) => ({
        recommendationId: row.id,
        agencyId,
        partnershipId: pid,
      })),
    );
    return row;
  }
  const scopedRec = (ctx: ActorContext, id: string) =>
    and(eq(recommendations.id, id), eq(recommendations.partnershipId, ctx.actor.partnershipId));

  return {
    // ---------------------------------------------------------------------------------------------
    // Themes
    // ---------------------------------------------------------------------------------------------

    /** The partnership's theme taxonomy, by name. */
    async listThemes(ctx: ActorContext, q: PageQuery) {
      authorize(themePolicy, ctx.actor, 'read', undefined);
      const where = and(
        eq(themes.partnershipId, ctx.actor.partnershipId),
        q.includeInactive ? undefined : eq(themes.active, true),
        q.q ? ilike(themes.name, likePattern(q.q)) : undefined,
      );
      const [items, [{ total }]] = await Promise.all([
        db
          .select()
          .from(themes)
          .where(where)
          .orderBy(asc(sql`lower(${themes.name})`), asc(themes.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(themes).where(where),
      ]);
      return { items: items.map(themeView), total, page: q.page, pageSize: q.pageSize };
    },

    /** Adds a theme to the taxonomy. */
    async createTheme(ctx: ActorContext, input: { name: string; description?: string | null }) {
      authorize(themePolicy, ctx.actor, 'manage', undefined);
      try {
        return await db.transaction(async (tx) => {
          await checkThemeName(tx, ctx, input.name);
          const [row] = await tx
            .insert(themes)
            .values({
              partnershipId: ctx.actor.partnershipId,
              name: input.name,
              description: input.description || null,
            })
            .returning();
          await writeAudit(tx, ctx, { entity: 'theme', entityId: row.id, action: 'created', after: row });
          return themeView(row);
        });
      } catch (e) {
        throw nameTaken(e);
      }
    },

    /** Renames or re-describes a theme; a stale version answers CONFLICT. */
    async updateTheme(
      ctx: ActorContext,
      id: string,
      input: { name: string; description?: string | null; version: number },
    ) {
      authorize(themePolicy, ctx.actor, 'manage', undefined);
      try {
        return await db.transaction(async (tx) => {
          await lockRow(tx, themes, themes.id, id);
          const [before] = await tx.select().from(themes).where(scopedTheme(ctx, id));
          if (!before) throw notFound(THEME);
          if (before.version !== input.version)
            throw conflict('Someone else changed this theme. Check their changes.', {
              current: themeView(before),
            });
          await checkThemeName(tx, ctx, input.name, id);
          const [after] = await tx
            .update(themes)
            .set({
              name: input.name,
              description: input.description || null,
              version: before.version + 1,
              updatedAt: clock.now(),
            })
            .where(scopedTheme(ctx, id))
            .returning();
          await writeAudit(tx, ctx, { entity: 'theme', entityId: id, action: 'updated', before, after });
          return themeView(after);
        });
      } catch (e) {
        throw nameTaken(e);
      }
    },

    /** Retires or restores a theme (recommendations keep the theme they have). */
    async setThemeActive(ctx: ActorContext, id: string, active: boolean) {
      authorize(themePolicy, ctx.actor, 'manage', undefined);
      return db.transaction(async (tx) => {
        await lockRow(tx, themes, themes.id, id);
        const [before] = await tx.select().from(themes).where(scopedTheme(ctx, id));
        if (!before) throw notFound(THEME);
        if (before.active === active) return themeView(before);
        const [after] = await tx
          .update(themes)
          .set({ active, version: before.version + 1, updatedAt: clock.now() })
          .where(scopedTheme(ctx, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'theme',
          entityId: id,
          action: active ? 'reactivated' : 'deactivated',
          before: { active: before.active },
          after: { active },
        });
        return themeView(after);
      });
    },

    // ---------------------------------------------------------------------------------------------
    // Settings
    // ---------------------------------------------------------------------------------------------

    /** When impact checks fall after agreement (the defaults, version 0, until changed). */
    async getSettings(ctx: ActorContext) {
      authorize(recommendationSettingsPolicy, ctx.actor, 'read', undefined);
      const s = await impactCheckMonthsOf(db, ctx.actor.partnershipId);
      return { ...s, allowedVerbs: allowedVerbs(recommendationSettingsPolicy, ctx.actor, undefined) };
    },

    /** Changes the impact-check months; recommendations already agreed keep the checks they have. */
    async updateSettings(ctx: ActorContext, input: { impactCheckMonths: number[]; version: number }) {
      authorize(recommendationSettingsPolicy, ctx.actor, 'manage', undefined);
      const pid = ctx.actor.partnershipId;
      const saved = await db.transaction(async (tx) => {
        // The settings row may not exist yet, so the partnership row is the lock.
        await lockRow(tx, partnerships, partnerships.id, pid);
        const before = await impactCheckMonthsOf(tx, pid);
        if (before.version !== input.version)
          throw conflict('Someone else changed these settings. Check their changes.', { current: before });
        const version = before.version + 1;
        if (before.version === 0) {
          await tx
            .insert(recommendationSettings)
            .values({ partnershipId: pid, impactCheckMonths: input.impactCheckMonths, version });
        } else {
          await tx
            .update(recommendationSettings)
            .set({ impactCheckMonths: input.impactCheckMonths, version, updatedAt: clock.now() })
            .where(eq(recommendationSettings.partnershipId, pid));
        }
        const after = { impactCheckMonths: input.impactCheckMonths, version };
        await writeAudit(tx, ctx, {
          entity: 'recommendation_settings',
          entityId: pid,
          action: 'updated',
          before,
          after,
        });
        return after;
      });
      return { ...saved, allowedVerbs: allowedVerbs(recommendationSettingsPolicy, ctx.actor, undefined) };
    },

    // ---------------------------------------------------------------------------------------------
    // Recommendations
    // ---------------------------------------------------------------------------------------------

    /** The register, newest number first, filtered; an agency lead sees only their agencies' rows. */
    async listRecommendations(ctx: ActorContext, q: RecommendationQuery) {
      authorize(registerPolicy, ctx.actor, 'list', undefined);
      if (q.agencyId && !seesWholeRegister(ctx.actor) && !leadAgencies(ctx.actor).includes(q.agencyId))
        throw new AppError('FORBIDDEN', 'You can only see the recommendations addressed to your own agency');
      const on = today();
      const whereFor = (forCount: boolean) =>
        and(
          eq(recommendations.partnershipId, ctx.actor.partnershipId),
          visibility(ctx, forCount),
          q.source ? eq(recommendations.sourceKind, q.source) : undefined,
          q.themeId ? eq(recommendations.themeId, q.themeId) : undefined,
          q.priority ? eq(recommendations.priority, q.priority) : undefined,
          q.status ? eq(recommendations.status, q.status) : undefined,
          q.agencyId ? addressedTo(ctx, [q.agencyId], forCount) : undefined,
          q.overdue === undefined ? undefined : q.overdue ? overdueSql(on) : sql`not ${overdueSql(on)}`,
          q.q ? ilike(recommendations.title, likePattern(q.q)) : undefined,
        );
      const [rows, [{ total }]] = await Promise.all([
        db
          .select(summaryColumns())
          .from(recommendations)
          .leftJoin(themes, eq(themes.id, recommendations.themeId))
          .leftJoin(governanceGroups, eq(governanceGroups.id, recommendations.monitoringGroupId))
          .where(whereFor(false))
          .orderBy(desc(recommendations.number))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(recommendations).where(whereFor(true)),
      ]);
      const byRec = await agenciesFor(
        db,
        ctx,
        rows.map((r) => r.rec.id),
      );
      const late = overdueAmong(
        rows.map((r) => r.rec),
        on,
      );
      return {
        items: rows.map((r) => summaryView(r, byRec.get(r.rec.id) ?? [], late.has(r.rec.id))),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** One recommendation with its agencies, impact checks and timeline (404 when not the person's to see). */
    async getRecommendation(ctx: ActorContext, id: string) {
      authorize(registerPolicy, ctx.actor, 'list', undefined);
      return stripInternal(await detail(db, ctx, id));
    },

    /** Adds a draft recommendation, numbered next in the partnership. */
    async createRecommendation(ctx: ActorContext, input: RecommendationInput) {
      authorize(registerPolicy, ctx.actor, 'create', undefined);
      const id = await db.transaction(async (tx) => {
        const row = await insertDraft(tx, ctx, input);
        const after = await detail(tx, ctx, row.id);
        await writeAudit(tx, ctx, {
          entity: 'recommendation',
          entityId: row.id,
          action: 'created',
          after: snapshot(after),
        });
        return row.id;
      });
      return stripInternal(await detail(db, ctx, id));
    },

    /**
     * Adds a draft recommendation inside another module's transaction, for a caller that has already
     * decided the actor may (a case file's editor, who need not be able to read the whole register). The
     * register's own rules still apply: active themes, groups and agencies, a readable source, the number.
     */
    async createRecommendationInTx(tx: Tx, ctx: ActorContext, input: RecommendationInput) {
      const row = await insertDraft(tx, ctx, input);
      await writeAudit(tx, ctx, {
        entity: 'recommendation',
        entityId: row.id,
        action: 'created',
        after: {
          number: row.number,
          ...values(input),
          agencyIds: [...new Set(input.agencyIds)],
          status: row.status,
          version: row.version,
        },
      });
      return row;
    },

    /** Changes a recommendation's details; a stale version answers CONFLICT with the saved one. */
    async updateRecommendation(
      ctx: ActorContext,
      id: string,
      input: RecommendationInput & { version: number },
    ) {
      authorize(registerPolicy, ctx.actor, 'list', undefined);
      await db.transaction(async (tx) => {
        const before = await lockedForChange(tx, ctx, id, input.version, 'edit');
        if (before.status === 'closed')
          throw new AppError(
            'INVALID_TRANSITION',
            'This recommendation is closed and can no longer be changed.',
          );
        const [row] = await tx.select().from(recommendations).where(scopedRec(ctx, id));
        await checkInput(tx, ctx, input, { row, agencyIds: before.agencyIds });
        await tx
          .update(recommendations)
          .set({ ...values(input), version: before.version + 1, updatedAt: clock.now() })
          .where(scopedRec(ctx, id));
        const wanted = [...new Set(input.agencyIds)];
        const removed = before.agencyIds.filter((a) => !wanted.includes(a));
        const added = wanted.filter((a) => !before.agencyIds.includes(a));
        if (removed.length)
          await tx
            .delete(recommendationAgencies)
            .where(
              and(
                eq(recommendationAgencies.recommendationId, id),
                inArray(recommendationAgencies.agencyId, removed),
              ),
            );
        if (added.length)
          await tx.insert(recommendationAgencies).values(
            added.map((agencyId) => ({
              recommendationId: id,
              agencyId,
              partnershipId: ctx.actor.partnershipId,
            })),
          );
        const after = await detail(tx, ctx, id);
        await writeAudit(tx, ctx, {
          entity: 'recommendation',
          entityId: id,
          action: 'updated',
          before: snapshot(before),
          after: snapshot(after),
        });
      });
      return stripInternal(await detail(db, ctx, id));
    },

    /**
     * Moves a recommendation along the status machine by hand. Agreeing schedules its impact checks at the
     * partnership's months after the agreement date; not accepting needs a reason, which stays visible.
     */
    async changeStatus(ctx: ActorContext, id: string, input: StatusChangeInput) {
      authorize(registerPolicy, ctx.actor, 'list', undefined);
      await db.transaction(async (tx) => {
        const before = await lockedForChange(tx, ctx, id, input.version, 'changeStatus');
        const refusal = statusChangeRefusal(before.status, input.status);
        if (refusal) throw new AppError('INVALID_TRANSITION', refusal);
        const now = clock.now();
        const set: Partial<typeof recommendations.$inferInsert> = {
          status: input.status,
          version: before.version + 1,
          updatedAt: now,
        };
        let scheduled: { months: number; dueOn: string }[] = [];
        if (input.status === 'agreed') {
          const agreedOn = input.agreedOn ?? today();
          if (agreedOn > today())
            throw invalid({ agreedOn: 'The date it was agreed cannot be in the future' });
          const { impactCheckMonths } = await impactCheckMonthsOf(tx, ctx.actor.partnershipId);
          scheduled = impactCheckDates(agreedOn, impactCheckMonths);
          // Any checks left from an earlier agreement are superseded by the new schedule.
          await tx
            .update(impactChecks)
            .set({ cancelledAt: now, updatedAt: now })
            .where(and(eq(impactChecks.recommendationId, id), isNull(impactChecks.cancelledAt)));
          await tx.insert(impactChecks).values(
            scheduled.map((c) => ({
              partnershipId: ctx.actor.partnershipId,
              recommendationId: id,
              months: c.months,
              dueOn: c.dueOn,
            })),
          );
          set.agreedOn = agreedOn;
          set.statusReason = null;
        } else if (input.status === 'not_accepted') {
          if (!input.reason) throw invalid({ reason: 'Enter why the recommendation was not accepted' });
          set.statusReason = input.reason;
        } else {
          // Reconsidering, reopening or moving on by hand: keep a reason only when one is given.
          set.statusReason = input.reason || null;
        }
        await tx.update(recommendations).set(set).where(scopedRec(ctx, id));
        const after = await detail(tx, ctx, id);
        await writeAudit(tx, ctx, {
          entity: 'recommendation',
          entityId: id,
          action: 'status_changed',
          before: snapshot(before),
          after: { ...snapshot(after), ...(scheduled.length ? { impactChecksScheduled: scheduled } : {}) },
        });
      });
      return stripInternal(await detail(db, ctx, id));
    },

    /**
     * Closes a recommendation when its latest judged impact check is embedded, every addressed agency gave
     * evidence for it, and the monitoring group's approval is recorded.
     */
    async closeRecommendation(ctx: ActorContext, id: string, input: CloseInput) {
      authorize(registerPolicy, ctx.actor, 'list', undefined);
      await db.transaction(async (tx) => {
        const before = await lockedForChange(tx, ctx, id, input.version, 'close');
        const checks = await tx
          .select({
            id: impactChecks.id,
            months: impactChecks.months,
            dueOn: impactChecks.dueOn,
            judgement: impactChecks.judgement,
          })
          .from(impactChecks)
          .where(
            and(
              eq(impactChecks.recommendationId, id),
              eq(impactChecks.partnershipId, ctx.actor.partnershipId),
              isNull(impactChecks.cancelledAt),
            ),
          );
        const evidence = checks.length
          ? await tx
              .select({
                impactCheckId: impactCheckEvidence.impactCheckId,
                agencyId: impactCheckEvidence.agencyId,
              })
              .from(impactCheckEvidence)
              .where(
                and(
                  inArray(
                    impactCheckEvidence.impactCheckId,
                    checks.map((c) => c.id),
                  ),
                  sql`${impactCheckEvidence.submittedAt} is not null`,
                ),
              )
          : [];
        if (before.agreedOn && input.closedOn < before.agreedOn)
          throw invalid({ closedOn: 'The date it was closed cannot be before the date it was agreed' });
        const decision = canClose({
          status: before.status,
          checks: checks.map((c) => ({
            months: c.months,
            dueOn: c.dueOn,
            judgement: c.judgement as ImpactJudgement | null,
            evidenceAgencyIds: evidence.filter((e) => e.impactCheckId === c.id).map((e) => e.agencyId),
          })),
          addressedAgencyIds: before.agencyIds,
          approval: { approvedBy: input.approvedBy, meeting: input.meeting, closedOn: input.closedOn },
          today: today(),
        });
        if (!decision.ok) {
          if (decision.refusal === 'future_date' || decision.refusal === 'no_approval')
            throw invalid({ closedOn: decision.reason });
          const missing = decision.missingAgencyIds?.length
            ? { missingAgencies: before.agencies.filter((a) => decision.missingAgencyIds?.includes(a.id)) }
            : {};
          throw new AppError('INVALID_TRANSITION', decision.reason, {
            refusal: decision.refusal,
            ...missing,
          });
        }
        await tx
          .update(recommendations)
          .set({
            status: 'closed',
            closedOn: input.closedOn,
            closureApprovedBy: input.approvedBy,
            closureMeeting: input.meeting,
            closureRecordedBy: ctx.actor.personId,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(scopedRec(ctx, id));
        const after = await detail(tx, ctx, id);
        await writeAudit(tx, ctx, {
          entity: 'recommendation',
          entityId: id,
          action: 'closed',
          before: snapshot(before),
          after: snapshot(after),
        });
      });
      return stripInternal(await detail(db, ctx, id));
    },
  };
}
