import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { ActorContext } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { agencies } from '../agencies/agencies.tables.js';
import {
  OPEN_RECOMMENDATION_STATUSES,
  recommendationOverdueSql,
  todayOf,
} from './recommendations.service.js';
import { recommendationAgencies, recommendations, themes } from './recommendations.tables.js';
import { registerSummaryPolicy } from './summary.policy.js';
import type { TLoopCounts, TRegisterSummary, TSummaryQuery } from './summary.schemas.js';

export type SummaryService = ReturnType<typeof createSummaryService>;

// Every figure follows from three things about a recommendation: its status, whether it is overdue and
// its latest judgement. What the last two need from its actions and impact checks (the earliest due date
// still waiting, the latest judgement) is kept on its row by database triggers (migration 0008): at 30,000
// recommendations, working it out from 90,000 actions and 70,000 checks per query took about a second.
// So the summary groups the partnership's recommendations by those three (and by theme and year, or by
// agency) and adds the groups up: a few hundred rows, never a row or a query per recommendation.

/** Agreed and still being worked. */
export const openSql = sql`"recommendations"."status" in ('agreed', 'in_progress', 'impact_check')`;

/** Open, with an open action past due or an unjudged (live) impact check past due: as the register list counts it. */
export const overdueSql = (on: string) => recommendationOverdueSql(on);

/** The judgement of the most recently judged live impact check, or null. */
export const latestJudgementSql = sql<string | null>`"recommendations"."latest_judgement"`;

const blank = (): TLoopCounts => ({
  total: 0,
  agreed: 0,
  inProgress: 0,
  impactCheck: 0,
  closed: 0,
  notAccepted: 0,
  open: 0,
  onTrack: 0,
  overdue: 0,
  impactChecked: 0,
  embedded: 0,
});

const STATUS_COUNT: Record<string, keyof TLoopCounts> = {
  agreed: 'agreed',
  in_progress: 'inProgress',
  impact_check: 'impactCheck',
  closed: 'closed',
  not_accepted: 'notAccepted',
};

/** Adds `n` recommendations of one kind (status, overdue or not, latest judgement) to a set of counts. */
function add(c: TLoopCounts, g: { status: string; overdue: boolean; latest: string | null; n: number }) {
  c.total += g.n;
  const key = STATUS_COUNT[g.status];
  if (key) c[key] += g.n;
  if (OPEN_RECOMMENDATION_STATUSES.includes(g.status)) {
    c.open += g.n;
    if (g.overdue) c.overdue += g.n;
    else c.onTrack += g.n;
  }
  if (g.latest !== null) c.impactChecked += g.n;
  if (g.latest === 'embedded') c.embedded += g.n;
}

/** What tells recommendations apart in the counts: grouped by these, a breakdown is a few hundred rows. */
const kindColumns = (on: string) => ({
  status: recommendations.status,
  overdue: sql<boolean>`${overdueSql(on)}`.mapWith(Boolean),
  latest: recommendations.latestJudgement,
  n: sql<number>`count(*)`.mapWith(Number),
});

/** The Board's "learning loop" summary of the register: aggregate counts, by agency and by theme. */
export function createSummaryService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  return {
    /**
     * Counts of recommendations past draft (optionally agreed in one year): by status, on track against
     * overdue, impact checked, embedded, closed; the same by agency and by theme. Two grouped queries
     * side by side, one by theme and year of agreement (giving the totals, the themes and the years), one
     * by agency, each row a kind of recommendation and how many there are, added up here; then the
     * agencies' names.
     */
    async getSummary(ctx: ActorContext, q: TSummaryQuery): Promise<TRegisterSummary> {
      authorize(registerSummaryPolicy, ctx.actor, 'read', undefined);
      const pid = ctx.actor.partnershipId;
      const on = todayOf(clock);
      const pastDraft = and(eq(recommendations.partnershipId, pid), ne(recommendations.status, 'draft'));
      const year = sql<number | null>`extract(year from ${recommendations.agreedOn})::int`;
      const kinds = kindColumns(on);

      const [themeRows, agencyRows] = await Promise.all([
        db
          .select({ id: themes.id, name: themes.name, year: year.mapWith(Number), ...kinds })
          .from(recommendations)
          .leftJoin(themes, and(eq(themes.id, recommendations.themeId), eq(themes.partnershipId, pid)))
          .where(pastDraft)
          // Every column but the count (by position: the overdue test carries a parameter).
          .groupBy(sql`1, 2, 3, 4, 5, 6`)
          .orderBy(sql`${themes.name} asc nulls last`, asc(themes.id)),
        // By agency id only: the names are looked up for the few agencies afterwards, not joined to each
        // of the tens of thousands of links.
        db
          .select({ id: recommendationAgencies.agencyId, ...kinds })
          .from(recommendations)
          .innerJoin(
            recommendationAgencies,
            and(
              eq(recommendationAgencies.recommendationId, recommendations.id),
              eq(recommendationAgencies.partnershipId, pid),
            ),
          )
          .where(and(pastDraft, q.year === undefined ? undefined : sql`${year} = ${q.year}`))
          .groupBy(sql`1, 2, 3, 4`),
      ]);
      const agencyIds = [...new Set(agencyRows.map((r) => r.id))];
      const agencyNames = agencyIds.length
        ? await db
            .select({ id: agencies.id, name: agencies.name })
            .from(agencies)
            .where(inArray(agencies.id, agencyIds))
            .orderBy(asc(agencies.name), asc(agencies.id))
        : [];

      const totals = blank();
      const byTheme = new Map<string, { theme: { id: string; name: string } | null; counts: TLoopCounts }>();
      const years = new Set<number>();
      for (const r of themeRows) {
        if (r.year !== null && !Number.isNaN(r.year)) years.add(r.year);
        if (q.year !== undefined && r.year !== q.year) continue;
        add(totals, r);
        const key = r.id ?? '';
        if (!byTheme.has(key))
          byTheme.set(key, { theme: r.id && r.name ? { id: r.id, name: r.name } : null, counts: blank() });
        add(byTheme.get(key)!.counts, r);
      }
      // In name order, as the names came back.
      const byAgency = new Map(agencyNames.map((a) => [a.id, { agency: a, counts: blank() }]));
      for (const r of agencyRows) {
        const entry = byAgency.get(r.id);
        if (entry) add(entry.counts, r);
      }

      return {
        year: q.year ?? null,
        today: on,
        years: [...years].sort((a, b) => b - a),
        totals,
        byAgency: [...byAgency.values()],
        byTheme: [...byTheme.values()],
        allowedVerbs: allowedVerbs(registerSummaryPolicy, ctx.actor, undefined),
      };
    },
  };
}
