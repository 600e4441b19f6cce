import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  caseFileReference,
  RAPID_REVIEW_DECISIONS,
  REVIEW_KINDS,
  SAR_DECISIONS,
  sarReferralIsMandatory,
} from '../../../contracts/case-reviews.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { authorize } from '../../platform/policy.js';
import { type CaseFileDueItem, openDueItems } from './case-files.service.js';
import { caseReviewCountsPolicy, inCaseReviewGroup } from './case-reviews.policy.js';
import { weekOf } from './case-reviews.rules.js';
import {
  caseFileAccess,
  caseFiles,
  caseReviews,
  rapidReviews,
  sarReferrals,
  seriousIncidentNotifications,
} from './case-reviews.tables.js';
import type { CaseReviewCounts, DashboardItem } from './dashboard.schemas.js';

export type CaseReviewDashboardService = ReturnType<typeof createCaseReviewDashboardService>;

/** The case file's page in the web app. */
export const caseFileHref = (caseFileId: string) => `/case-reviews/${caseFileId}`;

// node-postgres and PGlite both answer execute() with { rows }.
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** What a dashboard line says, with the context the case file's own page gives its items. */
const dashboardWhat = (i: CaseFileDueItem) =>
  i.kind === 'rapid_review_step'
    ? `Rapid review: ${i.what}`
    : i.kind === 'review_event'
      ? `Review milestone: ${i.what}`
      : i.what;

/** The case reviews dashboard and the annual counts. */
export function createCaseReviewDashboardService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  return {
    /**
     * What is due this week (today to Sunday) and what is overdue, across the open dated items under the
     * case files the actor may read (openDueItems: notifications not yet sent, rapid review steps not done,
     * agencies' summaries not submitted, SAR referrals not acknowledged, review milestones not done and
     * target publication dates). The case review group reads every file; anyone else only the files naming
     * them, so most members see two empty lists. Audit-logged as a view.
     */
    async dashboard(ctx: ActorContext) {
      const today = todayOn(clock);
      const { to } = weekOf(today);
      const pid = ctx.actor.partnershipId;
      const named = inCaseReviewGroup(ctx.actor)
        ? undefined
        : (
            await db
              .select({ id: caseFileAccess.caseFileId })
              .from(caseFileAccess)
              .where(
                and(eq(caseFileAccess.personId, ctx.actor.personId), eq(caseFileAccess.partnershipId, pid)),
              )
          ).map((r) => r.id);
      const due = await openDueItems(db, pid, today, { caseFileIds: named, dueBy: to });
      const fileIds = [...new Set(due.map((i) => i.caseFileId))];
      const numbers = new Map(
        fileIds.length
          ? (
              await db
                .select({ id: caseFiles.id, number: caseFiles.number })
                .from(caseFiles)
                .where(and(eq(caseFiles.partnershipId, pid), inArray(caseFiles.id, fileIds)))
            ).map((r) => [r.id, r.number])
          : [],
      );
      const items: DashboardItem[] = due
        .filter((i) => numbers.has(i.caseFileId))
        .map((i) => ({
          caseFileId: i.caseFileId,
          reference: caseFileReference(numbers.get(i.caseFileId)!),
          kind: i.kind,
          what: dashboardWhat(i),
          dueOn: i.dueOn,
          overdue: i.dueOn < today,
          href: caseFileHref(i.caseFileId),
        }));
      const result = {
        dueThisWeek: items.filter((i) => !i.overdue),
        overdue: items.filter((i) => i.overdue),
      };
      await writeAudit(db, ctx, {
        entity: 'case_review_dashboard',
        entityId: null,
        action: 'viewed',
        after: { dueThisWeek: result.dueThisWeek.length, overdue: result.overdue.length },
      });
      return result;
    },

    /**
     * Counts for one calendar year of the annual report: notifications (by the year sent, or until sent the
     * year the local authority became aware), rapid reviews by decision (by their notification's year), SAR
     * referrals by decision and s44 reading (by the year received), reviews started, published and
     * published late, and recurring themes. No case detail. Audit-logged as a view.
     */
    async counts(ctx: ActorContext, q: { year?: number }): Promise<CaseReviewCounts> {
      authorize(caseReviewCountsPolicy, ctx.actor, 'read', undefined);
      const year = q.year ?? Number(todayOn(clock).slice(0, 4));
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const pid = ctx.actor.partnershipId;
      const inYear = (col: SQL) => sql`${col} between ${from} and ${to}`;

      const [n] = rowsOf<{
        total: number;
        in_time: number;
        late: number;
        not_sent: number;
        care_leaver_deaths: number;
      }>(
        await db.execute(sql`
          select
            count(*) filter (where kind = 'serious_incident')::int as total,
            count(*) filter (where kind = 'serious_incident' and notified_panel_on <= notify_due_on)::int as in_time,
            count(*) filter (where kind = 'serious_incident' and notified_panel_on > notify_due_on)::int as late,
            count(*) filter (where kind = 'serious_incident' and notified_panel_on is null)::int as not_sent,
            count(*) filter (where kind = 'care_leaver_death')::int as care_leaver_deaths
          from ${seriousIncidentNotifications}
          where partnership_id = ${pid} and ${inYear(sql`coalesce(notified_panel_on, became_aware_on)`)}`),
      );

      const rapid = rowsOf<{ key: string; count: number; national: number }>(
        await db.execute(sql`
          select coalesce(decision, 'undecided') as key, count(*)::int as count,
            count(*) filter (where recommend_national_review)::int as national
          from ${rapidReviews}
          where partnership_id = ${pid} and ${inYear(sql`started_on`)}
          group by 1`),
      );

      const sar = rowsOf<{
        decision: (typeof SAR_DECISIONS)[number] | null;
        needs: boolean;
        concern: boolean;
        outcome: 'died' | 'serious_abuse_or_neglect' | 'neither';
        count: number;
      }>(
        await db.execute(sql`
          select decision, has_care_and_support_needs as needs, concern_about_joint_working as concern, outcome,
            count(*)::int as count
          from ${sarReferrals}
          where partnership_id = ${pid} and ${inYear(sql`received_on`)}
          group by 1, 2, 3, 4`),
      );

      const reviewKinds = rowsOf<{ key: string; count: number }>(
        await db.execute(sql`
          select kind as key, count(*)::int as count from ${caseReviews}
          where partnership_id = ${pid} and ${inYear(sql`initiated_on`)} group by 1`),
      );
      const [published] = rowsOf<{ published: number; late: number }>(
        await db.execute(sql`
          select count(*)::int as published,
            count(*) filter (where published_on > target_publication_on)::int as late
          from ${caseReviews}
          where partnership_id = ${pid} and ${inYear(sql`published_on`)}`),
      );

      // Case files active in the year: a notification, referral or review in it; else opened in it.
      const themes = rowsOf<{ id: string; name: string; case_files: number; reviews: number }>(
        await db.execute(sql`
          with active as (
            select cf.id from case_files cf
            where cf.partnership_id = ${pid} and (
              exists (select 1 from serious_incident_notifications n where n.case_file_id = cf.id
                and ${inYear(sql`coalesce(n.notified_panel_on, n.became_aware_on)`)})
              or exists (select 1 from sar_referrals s where s.case_file_id = cf.id and ${inYear(sql`s.received_on`)})
              or exists (select 1 from case_reviews r where r.case_file_id = cf.id
                and (${inYear(sql`r.initiated_on`)} or ${inYear(sql`r.published_on`)}))
              or (not exists (select 1 from serious_incident_notifications n where n.case_file_id = cf.id)
                and not exists (select 1 from sar_referrals s where s.case_file_id = cf.id)
                and not exists (select 1 from case_reviews r where r.case_file_id = cf.id)
                and ${inYear(sql`(cf.created_at at time zone 'UTC')::date`)})
            )
          )
          select t.id, t.name, count(distinct a.id)::int as case_files,
            (select count(*)::int from case_reviews r
              where r.partnership_id = ${pid}
                and r.case_file_id in (select x.case_file_id from case_file_themes x
                  where x.theme_id = t.id and x.case_file_id in (select id from active))
                and (${inYear(sql`r.initiated_on`)} or ${inYear(sql`r.published_on`)})) as reviews
          from case_file_themes cft
          join active a on a.id = cft.case_file_id
          join themes t on t.id = cft.theme_id
          where cft.partnership_id = ${pid}
          group by t.id, t.name
          order by 3 desc, lower(t.name)`),
      );

      const sarByDecision = new Map<string, number>();
      let mandatory = 0;
      let sarTotal = 0;
      for (const r of sar) {
        sarTotal += r.count;
        if (
          sarReferralIsMandatory({
            hasCareAndSupportNeeds: r.needs,
            concernAboutJointWorking: r.concern,
            outcome: r.outcome,
          })
        )
          mandatory += r.count;
        const key = r.decision ?? 'undecided';
        sarByDecision.set(key, (sarByDecision.get(key) ?? 0) + r.count);
      }
      const ordered = (keys: readonly string[], m: Map<string, number>) =>
        [...keys, 'undecided'].filter((k) => m.has(k)).map((key) => ({ key, count: m.get(key) ?? 0 }));
      const rapidMap = new Map(rapid.map((r) => [r.key, r.count]));
      const result: CaseReviewCounts = {
        year,
        notifications: {
          total: n?.total ?? 0,
          inTime: n?.in_time ?? 0,
          late: n?.late ?? 0,
          notSent: n?.not_sent ?? 0,
          careLeaverDeaths: n?.care_leaver_deaths ?? 0,
        },
        rapidReviews: {
          total: rapid.reduce((s, r) => s + r.count, 0),
          byDecision: ordered(RAPID_REVIEW_DECISIONS, rapidMap),
          recommendNationalReview: rapid.reduce((s, r) => s + r.national, 0),
        },
        sarReferrals: {
          total: sarTotal,
          mandatory,
          discretionary: sarTotal - mandatory,
          byDecision: ordered(SAR_DECISIONS, sarByDecision),
        },
        reviews: {
          started: reviewKinds.reduce((s, r) => s + r.count, 0),
          published: published?.published ?? 0,
          publishedLate: published?.late ?? 0,
          byKind: REVIEW_KINDS.filter((k) => reviewKinds.some((r) => r.key === k)).map((key) => ({
            key,
            count: reviewKinds.find((r) => r.key === key)?.count ?? 0,
          })),
        },
        themes: themes.map((t) => ({
          id: t.id,
          name: t.name,
          caseFiles: t.case_files,
          reviews: t.reviews,
          recurring: t.case_files >= 2,
        })),
      };
      await writeAudit(db, ctx, {
        entity: 'case_review_counts',
        entityId: null,
        action: 'viewed',
        after: { year },
      });
      return result;
    },
  };
}
