import { PassThrough, type Readable, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { and, asc, desc, eq, ilike, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  IMPACT_JUDGEMENT_LABELS,
  type ImpactJudgement,
  PRIORITY_LEVEL_LABELS,
  type PriorityLevel,
  RAG_LABELS,
  type Rag,
  RECOMMENDATION_SOURCE_LABELS,
  RECOMMENDATION_STATUS_LABELS,
  type RecommendationSource,
  type RecommendationStatus,
  recommendationReference,
} from '../../../contracts/recommendations.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { likePattern } from '../../platform/pagination.js';
import { authorize, can } from '../../platform/policy.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';
import { actionPlanPolicy } from './actions.policy.js';
import { renderActionPlanPdf } from './exports.pdf.js';
import { todayOf } from './recommendations.service.js';
import {
  actionRecommendations,
  actions,
  actionUpdates,
  recommendationAgencies,
  recommendations,
  themes,
} from './recommendations.tables.js';
import { registerSummaryPolicy } from './summary.policy.js';
import { latestJudgementSql, overdueSql } from './summary.service.js';

export type ExportService = ReturnType<typeof createExportService>;

/** The register list's filters, without paging, and the Board summary's year of agreement. */
export type RegisterExportFilter = {
  /** Agreed in this year, as the learning-loop summary counts it (so never a draft). */
  year?: number;
  q?: string;
  source?: RecommendationSource;
  agencyId?: string;
  themeId?: string;
  priority?: PriorityLevel;
  status?: RecommendationStatus;
  overdue?: boolean;
};

const BATCH = 500;
/** Recommendations per batch of an action-plan PDF (each batch: its actions and their latest updates). */
const PDF_BATCH = 200;
const OPEN_ACTIONS = sql`('not_started', 'in_progress')`;
const owners = alias(people, 'owner');

/** Neutralises spreadsheet formulas in text a person typed. */
const safe = (v: string | null | undefined) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : (v ?? ''));

export const RECOMMENDATION_COLUMNS = [
  { key: 'reference', header: 'Reference', width: 10 },
  { key: 'title', header: 'Title', width: 60 },
  { key: 'source', header: 'Source', width: 28 },
  { key: 'sourceTitle', header: 'Source title', width: 36 },
  { key: 'theme', header: 'Theme', width: 22 },
  { key: 'priority', header: 'Priority', width: 10 },
  { key: 'agencies', header: 'Agencies', width: 36 },
  { key: 'status', header: 'Status', width: 20 },
  { key: 'agreedOn', header: 'Agreed on', width: 12 },
  { key: 'actionsOpen', header: 'Actions open', width: 10 },
  { key: 'actionsOverdue', header: 'Actions overdue', width: 10 },
  { key: 'latestJudgement', header: 'Latest impact judgement', width: 20 },
  { key: 'closedOn', header: 'Closed on', width: 12 },
] as const;

const ACTION_COLUMNS = [
  { key: 'agency', header: 'Agency', width: 28 },
  { key: 'title', header: 'Action', width: 60 },
  { key: 'recommendations', header: 'Recommendations', width: 18 },
  { key: 'owner', header: 'Owner', width: 24 },
  { key: 'dueOn', header: 'Due on', width: 12 },
  { key: 'status', header: 'Status', width: 14 },
  { key: 'rag', header: 'RAG', width: 8 },
  { key: 'overdue', header: 'Overdue', width: 9 },
  { key: 'completedOn', header: 'Completed on', width: 12 },
  { key: 'latestUpdateOn', header: 'Latest update on', width: 14 },
  { key: 'latestUpdate', header: 'Latest update', width: 60 },
] as const;

type RecommendationLine = Record<(typeof RECOMMENDATION_COLUMNS)[number]['key'], string | number>;
type ActionLine = Record<(typeof ACTION_COLUMNS)[number]['key'], string>;
type ActionExportRow = {
  id: string;
  agencyName: string;
  title: string;
  ownerName: string | null;
  dueOn: string | null;
  status: string;
  rag: string | null;
  completedOn: string | null;
  refs: string | null;
  latestUpdateOn: string | null;
  latestUpdate: string | null;
};

const waitForDrain = (s: Writable) =>
  s.writableNeedDrain ? new Promise((res) => s.once('drain', res)) : Promise.resolve();
/** Empty text is an empty cell in a workbook. */
const cells = (line: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(line).map(([k, v]) => [k, v === '' ? null : v]));
/** Lets other requests in between batches (PGlite otherwise holds the event loop through an export). */
const breathe = () => new Promise((res) => setImmediate(res));

/** The register's exports (CSV, XLSX) and an agency's board-ready action-plan PDF. */
export function createExportService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The register list's filters as SQL over "recommendations" (any partnership member's exports see all). */
  function filterSql(pid: string, f: RegisterExportFilter, on: string): SQL {
    return and(
      eq(recommendations.partnershipId, pid),
      f.source ? eq(recommendations.sourceKind, f.source) : undefined,
      f.themeId ? eq(recommendations.themeId, f.themeId) : undefined,
      f.priority ? eq(recommendations.priority, f.priority) : undefined,
      f.status ? eq(recommendations.status, f.status) : undefined,
      f.agencyId
        ? sql`exists (select 1 from recommendation_agencies rf where rf.recommendation_id = "recommendations"."id" and rf.agency_id = ${f.agencyId})`
        : undefined,
      f.overdue === undefined ? undefined : f.overdue ? overdueSql(on) : sql`not ${overdueSql(on)}`,
      f.q ? ilike(recommendations.title, likePattern(f.q)) : undefined,
      // The summary's own rule for its year filter: past draft and agreed in that year.
      f.year === undefined
        ? undefined
        : sql`${recommendations.status} <> 'draft' and extract(year from ${recommendations.agreedOn}) = ${f.year}`,
    ) as SQL;
  }

  /** Recommendations a batch at a time, newest first, keyset on the running number. */
  async function* recommendationLines(pid: string, f: RegisterExportFilter, on: string) {
    let cursor: number | null = null;
    for (;;) {
      const rows = await db
        .select({
          number: recommendations.number,
          title: recommendations.title,
          sourceKind: recommendations.sourceKind,
          sourceTitle: recommendations.sourceTitle,
          priority: recommendations.priority,
          status: recommendations.status,
          agreedOn: recommendations.agreedOn,
          closedOn: recommendations.closedOn,
          themeName: themes.name,
          agencyNames: sql<string | null>`(
            select string_agg(a.name, '; ' order by a.name) from recommendation_agencies ra
            join agencies a on a.id = ra.agency_id where ra.recommendation_id = "recommendations"."id")`,
          actionsOpen: sql<number>`(
            select count(*) from action_recommendations ar join actions ac on ac.id = ar.action_id
            where ar.recommendation_id = "recommendations"."id" and ac.status in ${OPEN_ACTIONS})`.mapWith(
            Number,
          ),
          actionsOverdue: sql<number>`(
            select count(*) from action_recommendations ar join actions ac on ac.id = ar.action_id
            where ar.recommendation_id = "recommendations"."id" and ac.status in ${OPEN_ACTIONS}
              and ac.due_on < ${on})`.mapWith(Number),
          latestJudgement: latestJudgementSql,
        })
        .from(recommendations)
        .leftJoin(themes, eq(themes.id, recommendations.themeId))
        .where(and(filterSql(pid, f, on), cursor === null ? undefined : lt(recommendations.number, cursor)))
        .orderBy(desc(recommendations.number))
        .limit(BATCH);
      yield rows.map(
        (r): RecommendationLine => ({
          reference: recommendationReference(r.number),
          title: safe(r.title),
          source: RECOMMENDATION_SOURCE_LABELS[r.sourceKind as RecommendationSource] ?? r.sourceKind,
          sourceTitle: safe(r.sourceTitle),
          theme: safe(r.themeName),
          priority: PRIORITY_LEVEL_LABELS[r.priority as PriorityLevel] ?? r.priority,
          agencies: safe(r.agencyNames),
          status: RECOMMENDATION_STATUS_LABELS[r.status as RecommendationStatus] ?? r.status,
          agreedOn: r.agreedOn ?? '',
          actionsOpen: r.actionsOpen,
          actionsOverdue: r.actionsOverdue,
          latestJudgement: r.latestJudgement
            ? (IMPACT_JUDGEMENT_LABELS[r.latestJudgement as ImpactJudgement] ?? r.latestJudgement)
            : '',
          closedOn: r.closedOn ?? '',
        }),
      );
      if (rows.length < BATCH) return;
      cursor = rows[rows.length - 1].number;
      await breathe();
    }
  }

  /** The actions answering the filtered recommendations, a batch at a time, keyset on (agency name, id). */
  async function* actionLines(pid: string, f: RegisterExportFilter, on: string) {
    let cursor: { name: string; id: string } | null = null;
    for (;;) {
      const rows: ActionExportRow[] = await db
        .select({
          id: actions.id,
          agencyName: agencies.name,
          title: actions.title,
          ownerName: owners.name,
          dueOn: actions.dueOn,
          status: actions.status,
          rag: actions.rag,
          completedOn: actions.completedOn,
          refs: sql<string | null>`(
            select string_agg('R-' || r.number, ', ' order by r.number) from action_recommendations ar
            join recommendations r on r.id = ar.recommendation_id where ar.action_id = "actions"."id")`,
          latestUpdateOn: sql<string | null>`(
            select u.update_on::text from action_updates u where u.action_id = "actions"."id"
            order by u.update_on desc, u.created_at desc limit 1)`,
          latestUpdate: sql<string | null>`(
            select u.body from action_updates u where u.action_id = "actions"."id"
            order by u.update_on desc, u.created_at desc limit 1)`,
        })
        .from(actions)
        .innerJoin(agencies, eq(agencies.id, actions.agencyId))
        .leftJoin(owners, eq(owners.id, actions.ownerPersonId))
        .where(
          and(
            eq(actions.partnershipId, pid),
            f.agencyId ? eq(actions.agencyId, f.agencyId) : undefined,
            sql`exists (select 1 from action_recommendations arf
              join recommendations on recommendations.id = arf.recommendation_id
              where arf.action_id = "actions"."id" and ${filterSql(pid, f, on)})`,
            cursor === null
              ? undefined
              : sql`(${agencies.name}, ${actions.id}) > (${cursor.name}, ${cursor.id}::uuid)`,
          ),
        )
        .orderBy(asc(agencies.name), asc(actions.id))
        .limit(BATCH);
      yield rows.map(
        (r): ActionLine => ({
          agency: safe(r.agencyName),
          title: safe(r.title),
          recommendations: r.refs ?? '',
          owner: safe(r.ownerName),
          dueOn: r.dueOn ?? '',
          status: ACTION_STATUS_LABELS[r.status as ActionStatus] ?? r.status,
          rag: r.rag ? (RAG_LABELS[r.rag as Rag] ?? r.rag) : '',
          overdue:
            (r.status === 'not_started' || r.status === 'in_progress') && r.dueOn && r.dueOn < on
              ? 'Yes'
              : 'No',
          completedOn: r.completedOn ?? '',
          latestUpdateOn: r.latestUpdateOn ?? '',
          latestUpdate: safe(r.latestUpdate),
        }),
      );
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      cursor = { name: last.agencyName, id: last.id };
      await breathe();
    }
  }

  async function logExport(ctx: ActorContext, f: RegisterExportFilter, format: 'csv' | 'xlsx') {
    await writeAudit(db, ctx, { entity: 'register', action: 'exported', after: { filter: f, format } });
  }

  return {
    /**
     * Streams the filtered register as CSV, newest first, a batch at a time (never the whole register in
     * memory). The export is logged first.
     */
    async exportCsv(ctx: ActorContext, f: RegisterExportFilter): Promise<Readable> {
      authorize(registerSummaryPolicy, ctx.actor, 'export', undefined);
      await logExport(ctx, f, 'csv');
      const on = todayOf(clock);
      const csv = stringify({
        header: true,
        columns: RECOMMENDATION_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
      });
      const out = new PassThrough();
      csv.pipe(out);
      (async () => {
        for await (const batch of recommendationLines(ctx.actor.partnershipId, f, on)) {
          for (const line of batch) if (!csv.write(line)) await new Promise((res) => csv.once('drain', res));
        }
        csv.end();
      })().catch((e) => out.destroy(e));
      return out;
    },

    /**
     * Streams the filtered register as an XLSX workbook with two sheets, Recommendations and Actions (the
     * actions answering those recommendations), written row by row with exceljs's streaming writer.
     */
    async exportXlsx(ctx: ActorContext, f: RegisterExportFilter): Promise<Readable> {
      authorize(registerSummaryPolicy, ctx.actor, 'export', undefined);
      await logExport(ctx, f, 'xlsx');
      const on = todayOf(clock);
      const out = new PassThrough();
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
      wb.creator = 'Assure';
      const sheetOf = (name: string, columns: readonly { key: string; header: string; width: number }[]) => {
        const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
        sheet.getRow(1).font = { bold: true };
        return sheet;
      };
      (async () => {
        const recs = sheetOf('Recommendations', RECOMMENDATION_COLUMNS);
        for await (const batch of recommendationLines(ctx.actor.partnershipId, f, on)) {
          for (const line of batch) recs.addRow(cells(line)).commit();
          await waitForDrain(out);
        }
        recs.commit();
        const acts = sheetOf('Actions', ACTION_COLUMNS);
        for await (const batch of actionLines(ctx.actor.partnershipId, f, on)) {
          for (const line of batch) acts.addRow(cells(line)).commit();
          await waitForDrain(out);
        }
        acts.commit();
        await wb.commit();
      })().catch((e) => out.destroy(e));
      return out;
    },

    /**
     * An agency's action plan as a board-ready PDF: the recommendations addressed to it (past draft, not
     * "not accepted"), each with the agency's actions answering it and their latest update. Those who may
     * not read the action plan get 404. The export is logged.
     */
    async exportActionPlanPdf(ctx: ActorContext, agencyId: string) {
      const { actor } = ctx;
      if (!can(actionPlanPolicy, actor, 'read', { agencyId })) throw notFound('This agency');
      const pid = actor.partnershipId;
      const [head] = await db
        .select({ agencyName: agencies.name, partnershipName: partnerships.name })
        .from(agencies)
        .innerJoin(
          partnershipAgencies,
          and(eq(partnershipAgencies.agencyId, agencies.id), eq(partnershipAgencies.partnershipId, pid)),
        )
        .innerJoin(partnerships, eq(partnerships.id, partnershipAgencies.partnershipId))
        .where(eq(agencies.id, agencyId));
      if (!head) throw notFound('This agency');
      const on = todayOf(clock);

      // The recommendations on the plan: past draft and accepted, addressed to the agency.
      const onPlan = and(
        eq(recommendations.partnershipId, pid),
        inArray(recommendations.status, ['agreed', 'in_progress', 'impact_check', 'closed']),
        sql`exists (select 1 from ${recommendationAgencies} ra where ra.recommendation_id = ${recommendations.id}
          and ra.partnership_id = ${pid} and ra.agency_id = ${agencyId})`,
      ) as SQL;
      // The counts first (page one shows them), over the agency's actions answering any of those.
      const isOpen = sql`${actions.status} in ${OPEN_ACTIONS}`;
      const countOf = (cond: SQL) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
      const [[{ recommendationCount }], [counts]] = await Promise.all([
        db
          .select({ recommendationCount: sql<number>`count(*)`.mapWith(Number) })
          .from(recommendations)
          .where(onPlan),
        db
          .select({
            open: countOf(isOpen),
            overdue: countOf(sql`${isOpen} and ${actions.dueOn} < ${on}`),
            complete: countOf(sql`${actions.status} = 'complete'`),
          })
          .from(actions)
          .where(
            and(
              eq(actions.partnershipId, pid),
              eq(actions.agencyId, agencyId),
              sql`exists (select 1 from ${actionRecommendations} ar join ${recommendations} on ${recommendations.id} = ar.recommendation_id
                where ar.action_id = ${actions.id} and ${onPlan})`,
            ),
          ),
      ]);

      const isOpenStatus = (st: string) => st === 'not_started' || st === 'in_progress';
      /** The plan's recommendations a batch at a time (keyset on the number), each with its actions. */
      async function* batches() {
        let after = 0;
        for (;;) {
          const recs = await db
            .select({
              id: recommendations.id,
              number: recommendations.number,
              title: recommendations.title,
              status: recommendations.status,
              priority: recommendations.priority,
              sourceTitle: recommendations.sourceTitle,
              agreedOn: recommendations.agreedOn,
              themeName: themes.name,
            })
            .from(recommendations)
            .leftJoin(themes, eq(themes.id, recommendations.themeId))
            .where(and(onPlan, sql`${recommendations.number} > ${after}`))
            .orderBy(asc(recommendations.number))
            .limit(PDF_BATCH);
          if (recs.length === 0) return;
          after = recs[recs.length - 1].number;
          const links = await db
            .select({
              recommendationId: actionRecommendations.recommendationId,
              id: actions.id,
              title: actions.title,
              ownerName: owners.name,
              dueOn: actions.dueOn,
              status: actions.status,
              rag: actions.rag,
              completedOn: actions.completedOn,
            })
            .from(actionRecommendations)
            .innerJoin(actions, eq(actions.id, actionRecommendations.actionId))
            .leftJoin(owners, eq(owners.id, actions.ownerPersonId))
            .where(
              and(
                eq(actions.partnershipId, pid),
                eq(actions.agencyId, agencyId),
                inArray(
                  actionRecommendations.recommendationId,
                  recs.map((r) => r.id),
                ),
              ),
            )
            .orderBy(sql`${actions.dueOn} asc nulls last`, asc(actions.title), asc(actions.id));
          const actionIds = [...new Set(links.map((l) => l.id))];
          const latest = actionIds.length
            ? await db
                .selectDistinctOn([actionUpdates.actionId], {
                  actionId: actionUpdates.actionId,
                  body: actionUpdates.body,
                  updateOn: actionUpdates.updateOn,
                })
                .from(actionUpdates)
                .where(inArray(actionUpdates.actionId, actionIds))
                .orderBy(actionUpdates.actionId, desc(actionUpdates.updateOn), desc(actionUpdates.createdAt))
            : [];
          const latestOf = new Map(latest.map((u) => [u.actionId, u]));
          yield recs.map((r) => ({
            reference: recommendationReference(r.number),
            title: r.title,
            status: RECOMMENDATION_STATUS_LABELS[r.status as RecommendationStatus] ?? r.status,
            priority: PRIORITY_LEVEL_LABELS[r.priority as PriorityLevel] ?? r.priority,
            theme: r.themeName,
            sourceTitle: r.sourceTitle,
            agreedOn: r.agreedOn,
            actions: links
              .filter((l) => l.recommendationId === r.id)
              .map((l) => ({
                title: l.title,
                owner: l.ownerName,
                dueOn: l.dueOn,
                status: ACTION_STATUS_LABELS[l.status as ActionStatus] ?? l.status,
                rag: (l.rag as Rag | null) ?? null,
                overdue: isOpenStatus(l.status) && l.dueOn !== null && l.dueOn < on,
                completedOn: l.completedOn,
                latestUpdate: latestOf.get(l.id) ?? null,
              })),
          }));
          if (recs.length < PDF_BATCH) return;
        }
      }

      const pdf = await renderActionPlanPdf(
        {
          partnershipName: head.partnershipName,
          agencyName: head.agencyName,
          today: on,
          counts: {
            recommendations: recommendationCount,
            open: counts.open,
            onTrack: counts.open - counts.overdue,
            overdue: counts.overdue,
            complete: counts.complete,
          },
        },
        batches(),
      );
      await writeAudit(db, ctx, {
        entity: 'action_plan',
        entityId: agencyId,
        action: 'exported',
        after: { format: 'pdf' },
      });
      return { pdf, agencyName: head.agencyName, today: on };
    },
  };
}
