import { and, asc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { ActorContext } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { agencies } from '../agencies/agencies.tables.js';
import { todayOf } from './recommendations.service.js';
import { recommendationAgencies, recommendations, themes } from './recommendations.tables.js';
import { registerSummaryPolicy } from './summary.policy.js';
import type { TLoopCounts, TRegisterSummary, TSummaryQuery } from './summary.schemas.js';

export type SummaryService = ReturnType<typeof createSummaryService>;

// Each flag is an expression over the current "recommendations" row, so the same counts work grouped by
// nothing, by agency or by theme: one set-based query per breakdown, never a query per recommendation.

/** Agreed and still being worked. */
export const openSql = sql`"recommendations"."status" in ('agreed', 'in_progress', 'impact_check')`;

/** Open, with an open action past due or an unjudged (live) impact check past due: as the register list counts it. */
export const overdueSql = (on: string) => sql`(${openSql} and (
  exists (
    select 1 from action_recommendations ar join actions ac on ac.id = ar.action_id
    where ar.recommendation_id = "recommendations"."id"
      and ac.status not in ('complete', 'cancelled') and ac.due_on < ${on}
  ) or exists (
    select 1 from impact_checks ic
    where ic.recommendation_id = "recommendations"."id"
      and ic.cancelled_at is null and ic.judgement is null and ic.due_on < ${on}
  )
))`;

/** The judgement of the most recently judged live impact check, or null. */
export const latestJudgementSql = sql<string | null>`(
  select ic.judgement from impact_checks ic
  where ic.recommendation_id = "recommendations"."id" and ic.cancelled_at is null and ic.judgement is not null
  order by ic.judged_on desc nulls last, ic.months desc, ic.id desc
  limit 1
)`;

// The summary counts every recommendation of the partnership at once, so it asks each question as
// membership of a set built once per query from the partnership's rows (hashed by PostgreSQL), never as
// a subquery per recommendation: at 30,000 recommendations the per-row form took seconds.

/** Open, with an open action or an unjudged live impact check past due (the register list's rule). */
const overdueSetSql = (on: string, pid: string) => sql`(${openSql} and (
  "recommendations"."id" in (
    select ar.recommendation_id from actions ac join action_recommendations ar on ar.action_id = ac.id
    where ac.partnership_id = ${pid} and ac.status in ('not_started', 'in_progress') and ac.due_on < ${on}
  ) or "recommendations"."id" in (
    select ic.recommendation_id from impact_checks ic
    where ic.partnership_id = ${pid} and ic.cancelled_at is null and ic.judgement is null and ic.due_on < ${on}
  )
))`;

const checkedSetSql = (pid: string) => sql`"recommendations"."id" in (
  select ic.recommendation_id from impact_checks ic
  where ic.partnership_id = ${pid} and ic.cancelled_at is null and ic.judgement is not null
)`;

/** The most recently judged live check of the recommendation said "embedded" (latestJudgementSql's order). */
const embeddedSetSql = (pid: string) => sql`"recommendations"."id" in (
  select latest.recommendation_id from (
    select distinct on (ic.recommendation_id) ic.recommendation_id, ic.judgement from impact_checks ic
    where ic.partnership_id = ${pid} and ic.cancelled_at is null and ic.judgement is not null
    order by ic.recommendation_id, ic.judged_on desc nulls last, ic.months desc, ic.id desc
  ) latest where latest.judgement = 'embedded'
)`;

const countWhere = (cond: SQL) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
const status = (s: string) => sql`"recommendations"."status" = ${s}`;

/** The counts' select list: one count(*) FILTER per figure. */
const countColumns = (on: string, pid: string) => ({
  total: sql<number>`count(*)`.mapWith(Number),
  agreed: countWhere(status('agreed')),
  inProgress: countWhere(status('in_progress')),
  impactCheck: countWhere(status('impact_check')),
  closed: countWhere(status('closed')),
  notAccepted: countWhere(status('not_accepted')),
  open: countWhere(openSql),
  overdue: countWhere(overdueSetSql(on, pid)),
  impactChecked: countWhere(checkedSetSql(pid)),
  embedded: countWhere(embeddedSetSql(pid)),
});

type RawCounts = Omit<TLoopCounts, 'onTrack'>;
const countsOf = (r: RawCounts): TLoopCounts => ({
  total: r.total,
  agreed: r.agreed,
  inProgress: r.inProgress,
  impactCheck: r.impactCheck,
  closed: r.closed,
  notAccepted: r.notAccepted,
  open: r.open,
  onTrack: r.open - r.overdue,
  overdue: r.overdue,
  impactChecked: r.impactChecked,
  embedded: r.embedded,
});

/** The Board's "learning loop" summary of the register: aggregate counts, by agency and by theme. */
export function createSummaryService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  return {
    /**
     * Counts of recommendations past draft (optionally agreed in one year): by status, on track against
     * overdue, impact checked, embedded, closed; the same by agency and by theme. Four queries in all.
     */
    async getSummary(ctx: ActorContext, q: TSummaryQuery): Promise<TRegisterSummary> {
      authorize(registerSummaryPolicy, ctx.actor, 'read', undefined);
      const pid = ctx.actor.partnershipId;
      const on = todayOf(clock);
      const where = and(
        eq(recommendations.partnershipId, pid),
        ne(recommendations.status, 'draft'),
        q.year === undefined ? undefined : sql`extract(year from ${recommendations.agreedOn}) = ${q.year}`,
      );
      const columns = countColumns(on, pid);

      const [totals] = await db.select(columns).from(recommendations).where(where);

      const agencyRows = await db
        .select({ id: agencies.id, name: agencies.name, ...columns })
        .from(recommendations)
        .innerJoin(
          recommendationAgencies,
          and(
            eq(recommendationAgencies.recommendationId, recommendations.id),
            eq(recommendationAgencies.partnershipId, pid),
          ),
        )
        .innerJoin(agencies, eq(agencies.id, recommendationAgencies.agencyId))
        .where(where)
        .groupBy(agencies.id, agencies.name)
        .orderBy(asc(agencies.name), asc(agencies.id));

      const themeRows = await db
        .select({ id: themes.id, name: themes.name, ...columns })
        .from(recommendations)
        .leftJoin(themes, and(eq(themes.id, recommendations.themeId), eq(themes.partnershipId, pid)))
        .where(where)
        .groupBy(themes.id, themes.name)
        .orderBy(sql`${themes.name} asc nulls last`, asc(themes.id));

      const years = await db
        .selectDistinct({
          year: sql<number>`extract(year from ${recommendations.agreedOn})::int`.mapWith(Number),
        })
        .from(recommendations)
        .where(
          and(
            eq(recommendations.partnershipId, pid),
            ne(recommendations.status, 'draft'),
            sql`${recommendations.agreedOn} is not null`,
          ),
        )
        .orderBy(sql`1 desc`);

      return {
        year: q.year ?? null,
        today: on,
        years: years.map((y) => y.year),
        totals: countsOf(totals),
        byAgency: agencyRows.map(({ id, name, ...c }) => ({ agency: { id, name }, counts: countsOf(c) })),
        byTheme: themeRows.map(({ id, name, ...c }) => ({
          theme: id && name ? { id, name } : null,
          counts: countsOf(c),
        })),
        allowedVerbs: allowedVerbs(registerSummaryPolicy, ctx.actor, undefined),
      };
    },
  };
}
