import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  type Rag,
  type RecommendationStatus,
} from '../../../contracts/recommendations.js';
import { actionStatusChangeRefusal } from '../../../contracts/recommendations.rules.js';
import { type Actor, type ActorContext, agenciesOf } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { AppError, conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import type { FileStorage } from '../../platform/file-storage.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize, can } from '../../platform/policy.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { addDays, londonToday } from '../notifications/reminders.rules.js';
import { memberships, people } from '../people/people.tables.js';
import {
  type ActionResource,
  actionCreatePolicy,
  actionPlanPolicy,
  actionPolicy,
  seesEveryAction,
} from './actions.policy.js';
import type {
  TActionCreate,
  TActionEdit,
  TActionListQuery,
  TActionPlanQuery,
  TActionStatusChange,
  TProgressUpdateCreate,
} from './actions.schemas.js';
import {
  actionRecommendations,
  actions,
  actionUpdates,
  recommendationAgencies,
  recommendations,
} from './recommendations.tables.js';
import { createRegisterFiles, REGISTER_FILE_OWNERS } from './register-files.service.js';

export type ActionService = ReturnType<typeof createActionService>;
type Exec = Db | Tx;
type ActionRow = typeof actions.$inferSelect;
type LinkedRecommendation = { id: string; number: number; title: string; status: RecommendationStatus };

const ACTION = 'This action';
const UPDATE = 'This update';
const AGENCY = 'This agency';
const STALE = 'Someone else changed this action after you opened it. Check their changes.';
/** Files of progress updates in register_files. */
export const ACTION_UPDATE_FILE = REGISTER_FILE_OWNERS.actionUpdate;

export const OPEN_ACTION_STATUSES: ActionStatus[] = ['not_started', 'in_progress'];
/** Recommendations no new action may answer (an action already linked keeps its link). */
const FINISHED_RECOMMENDATION: RecommendationStatus[] = ['closed', 'not_accepted'];
/** Recommendations in force, which an agency is expected to answer with an action. */
const IN_FORCE_RECOMMENDATION: RecommendationStatus[] = ['agreed', 'in_progress', 'impact_check'];
/** How long a completed or cancelled action stays on the agency's action plan. */
const RECENT_DAYS = 90;
/** Recommendations with no action yet shown on the plan itself; the rest are a link away, paged. */
const UNANSWERED_SHOWN = 10;

/** The action plan's groups, in the plan's order. */
const PLAN_GROUPS = [
  ['overdue', 'Overdue'],
  ['in_progress', 'In progress'],
  ['not_started', 'Not started'],
  ['complete', `Completed in the last ${RECENT_DAYS} days`],
  ['cancelled', `Cancelled in the last ${RECENT_DAYS} days`],
] as const;
type PlanGroupKey = (typeof PLAN_GROUPS)[number][0];

/** Which group of the plan an action is in (overdue wins over its status). */
const planGroupOf = (a: { overdue: boolean; status: ActionStatus }): PlanGroupKey =>
  a.overdue ? 'overdue' : a.status;

const owners = alias(people, 'owner');
const authors = alias(people, 'author');

const resourceOf = (r: Pick<ActionRow, 'agencyId' | 'ownerPersonId'>): ActionResource => ({
  agencyId: r.agencyId,
  ownerPersonId: r.ownerPersonId,
});

const isOverdue = (r: Pick<ActionRow, 'status' | 'dueOn'>, today: string) =>
  OPEN_ACTION_STATUSES.includes(r.status as ActionStatus) && r.dueOn !== null && r.dueOn < today;

/** SQL: open and past its due date. */
const overdueSql = (today: string) =>
  and(inArray(actions.status, OPEN_ACTION_STATUSES), lt(actions.dueOn, today)) as SQL;

/** Actions: an agency's answers to recommendations, their progress updates and evidence files. */
export function createActionService(deps: { db: Db; clock: Clock; storage: FileStorage }) {
  const { db, clock, storage } = deps;
  const today = () => londonToday(clock.now());
  const registerFiles = createRegisterFiles({ db, clock, storage });

  /** The action, or 404 when it is another partnership's or the person may not read it. */
  async function loadReadable(exec: Exec, actor: Actor, id: string): Promise<ActionRow> {
    const [row] = await exec
      .select()
      .from(actions)
      .where(and(eq(actions.id, id), eq(actions.partnershipId, actor.partnershipId)));
    if (!row || !can(actionPolicy, actor, 'read', resourceOf(row))) throw notFound(ACTION);
    return row;
  }

  const summaryFrom = (exec: Exec) =>
    exec
      .select({ a: actions, agencyName: agencies.name, ownerName: owners.name })
      .from(actions)
      .innerJoin(agencies, eq(agencies.id, actions.agencyId))
      .leftJoin(owners, eq(owners.id, actions.ownerPersonId));
  type SummaryRow = { a: ActionRow; agencyName: string; ownerName: string | null };

  /** The recommendations each action answers (one query for all of them). */
  async function linksOf(exec: Exec, actionIds: string[]): Promise<Map<string, LinkedRecommendation[]>> {
    const out = new Map<string, LinkedRecommendation[]>();
    if (actionIds.length === 0) return out;
    const rows = await exec
      .select({
        actionId: actionRecommendations.actionId,
        id: recommendations.id,
        number: recommendations.number,
        title: recommendations.title,
        status: recommendations.status,
      })
      .from(actionRecommendations)
      .innerJoin(recommendations, eq(recommendations.id, actionRecommendations.recommendationId))
      .where(inArray(actionRecommendations.actionId, actionIds))
      .orderBy(asc(recommendations.number));
    for (const { actionId, ...r } of rows) {
      out.set(actionId, [...(out.get(actionId) ?? []), { ...r, status: r.status as RecommendationStatus }]);
    }
    return out;
  }

  const summaryOf = (r: SummaryRow, links: Map<string, LinkedRecommendation[]>, day: string) => ({
    id: r.a.id,
    title: r.a.title,
    agency: { id: r.a.agencyId, name: r.agencyName },
    owner: r.a.ownerPersonId && r.ownerName ? { id: r.a.ownerPersonId, name: r.ownerName } : null,
    dueOn: r.a.dueOn,
    status: r.a.status as ActionStatus,
    rag: r.a.rag as Rag | null,
    completedOn: r.a.completedOn,
    overdue: isOverdue(r.a, day),
    recommendations: links.get(r.a.id) ?? [],
    version: r.a.version,
  });

  async function summaries(exec: Exec, rows: SummaryRow[]) {
    const links = await linksOf(
      exec,
      rows.map((r) => r.a.id),
    );
    const day = today();
    return rows.map((r) => summaryOf(r, links, day));
  }

  /** A file as the action shows it: on the update it belongs to. */
  const fileView = <F extends { ownerId: string }>(f: F) => ({ ...f, updateId: f.ownerId });

  /** One action with its recommendations, and its updates (newest first) with their live files. */
  async function detail(exec: Exec, actor: Actor, id: string) {
    const [row] = await summaryFrom(exec).where(
      and(eq(actions.id, id), eq(actions.partnershipId, actor.partnershipId)),
    );
    if (!row) throw notFound(ACTION);
    const [summary] = await summaries(exec, [row]);
    const updates = await exec
      .select({ u: actionUpdates, authorName: authors.name })
      .from(actionUpdates)
      .leftJoin(authors, eq(authors.id, actionUpdates.createdBy))
      .where(eq(actionUpdates.actionId, id))
      .orderBy(desc(actionUpdates.updateOn), desc(actionUpdates.createdAt), desc(actionUpdates.id));
    const files = await registerFiles.listFiles(
      exec,
      actor.partnershipId,
      ACTION_UPDATE_FILE,
      updates.map((u) => u.u.id),
    );
    return {
      ...summary,
      description: row.a.description,
      createdAt: row.a.createdAt,
      updatedAt: row.a.updatedAt,
      updates: updates.map(({ u, authorName }) => ({
        id: u.id,
        body: u.body,
        rag: u.rag as Rag | null,
        updateOn: u.updateOn,
        createdBy: u.createdBy && authorName ? { id: u.createdBy, name: authorName } : null,
        createdAt: u.createdAt,
        files: files.filter((f) => f.ownerId === u.id).map(fileView),
      })),
      allowedVerbs: allowedVerbs(actionPolicy, actor, resourceOf(row.a)),
    };
  }

  /** What the audit log keeps of an action. */
  const snapshot = (a: ActionRow, recommendationIds: string[]) => ({
    title: a.title,
    description: a.description,
    ownerPersonId: a.ownerPersonId,
    dueOn: a.dueOn,
    status: a.status,
    rag: a.rag,
    completedOn: a.completedOn,
    recommendationIds: [...recommendationIds].sort(),
    version: a.version,
  });

  async function linkedIds(exec: Exec, actionId: string): Promise<string[]> {
    const rows = await exec
      .select({ id: actionRecommendations.recommendationId })
      .from(actionRecommendations)
      .where(eq(actionRecommendations.actionId, actionId));
    return rows.map((r) => r.id);
  }

  /**
   * Problems with the owner and the recommendations linked: the owner must be an active member of the
   * partnership; every recommendation must be this partnership's, addressed to the action's agency, and
   * (unless already linked) neither closed nor not accepted.
   */
  async function checkInput(
    exec: Exec,
    actor: Actor,
    agencyId: string,
    input: { ownerPersonId?: string | null; recommendationIds: string[] },
    alreadyLinked: string[] = [],
  ): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (input.ownerPersonId) {
      const [member] = await exec
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(
          and(
            eq(memberships.personId, input.ownerPersonId),
            eq(memberships.partnershipId, actor.partnershipId),
            eq(memberships.active, true),
            eq(people.active, true),
          ),
        )
        .limit(1);
      if (!member) errors.ownerPersonId = 'Choose an owner who is an active member of the partnership';
    }
    const ids = [...new Set(input.recommendationIds)];
    const rows = await exec
      .select({
        id: recommendations.id,
        number: recommendations.number,
        status: recommendations.status,
        addressed: sql<boolean>`exists (select 1 from ${recommendationAgencies} ra
          where ra.recommendation_id = ${recommendations.id} and ra.agency_id = ${agencyId})`,
      })
      .from(recommendations)
      .where(and(inArray(recommendations.id, ids), eq(recommendations.partnershipId, actor.partnershipId)));
    for (const id of ids) {
      const r = rows.find((x) => x.id === id);
      let problem: string | null = null;
      if (!r) problem = 'Choose recommendations from the list';
      else if (!r.addressed)
        problem = `Recommendation R-${r.number} is not addressed to this agency, so this action cannot answer it`;
      else if (
        FINISHED_RECOMMENDATION.includes(r.status as RecommendationStatus) &&
        !alreadyLinked.includes(id)
      )
        problem =
          r.status === 'closed'
            ? `Recommendation R-${r.number} is closed, so a new action cannot answer it`
            : `Recommendation R-${r.number} was not accepted, so an action cannot answer it`;
      if (problem) {
        errors.recommendationIds = problem;
        break;
      }
    }
    return errors;
  }

  /**
   * An action in progress means work has started on what it answers: linked recommendations still
   * 'agreed' move to 'in_progress', each with its own audit row, in the caller's transaction.
   */
  async function startRecommendations(tx: Tx, ctx: ActorContext, action: ActionRow) {
    if (action.status !== 'in_progress') return;
    const moved = await tx
      .update(recommendations)
      .set({
        status: 'in_progress',
        version: sql`${recommendations.version} + 1`,
        updatedAt: clock.now(),
      })
      .where(
        and(
          eq(recommendations.partnershipId, action.partnershipId),
          eq(recommendations.status, 'agreed'),
          inArray(
            recommendations.id,
            tx
              .select({ id: actionRecommendations.recommendationId })
              .from(actionRecommendations)
              .where(eq(actionRecommendations.actionId, action.id)),
          ),
        ),
      )
      .returning({ id: recommendations.id, version: recommendations.version });
    for (const r of moved) {
      await writeAudit(tx, ctx, {
        entity: 'recommendation',
        entityId: r.id,
        action: 'status_changed',
        before: { status: 'agreed', version: r.version - 1 },
        after: { status: 'in_progress', version: r.version, becauseOfActionId: action.id },
      });
    }
  }

  async function setLinks(tx: Tx, actionId: string, before: string[], after: string[]) {
    const removed = before.filter((id) => !after.includes(id));
    const added = [...new Set(after)].filter((id) => !before.includes(id));
    if (removed.length)
      await tx
        .delete(actionRecommendations)
        .where(
          and(
            eq(actionRecommendations.actionId, actionId),
            inArray(actionRecommendations.recommendationId, removed),
          ),
        );
    if (added.length)
      await tx
        .insert(actionRecommendations)
        .values(added.map((recommendationId) => ({ actionId, recommendationId })));
  }

  /** The action for a change, locked until commit: 404 unless readable, 403 unless `verb` is allowed. */
  async function loadForChange(tx: Tx, actor: Actor, id: string, verb: 'edit' | 'progress') {
    await lockRow(tx, actions, actions.id, id);
    const row = await loadReadable(tx, actor, id);
    authorize(actionPolicy, actor, verb, resourceOf(row));
    return row;
  }

  /** 404 unless the update belongs to this (readable) action; 403 unless the person may record progress. */
  async function checkUpload(ctx: ActorContext, actionId: string, updateId: string, exec: Exec = db) {
    const action = await loadReadable(exec, ctx.actor, actionId);
    const [update] = await exec
      .select({ id: actionUpdates.id })
      .from(actionUpdates)
      .where(and(eq(actionUpdates.id, updateId), eq(actionUpdates.actionId, actionId)));
    if (!update) throw notFound(UPDATE);
    authorize(actionPolicy, ctx.actor, 'progress', resourceOf(action));
    return action;
  }

  return {
    /** Actions the person may see, filtered, soonest due first. */
    async listActions(ctx: ActorContext, q: TActionListQuery) {
      const { actor } = ctx;
      const day = today();
      const conds: (SQL | undefined)[] = [eq(actions.partnershipId, actor.partnershipId)];
      if (!seesEveryAction(actor)) {
        const led = agenciesOf(actor, 'agency_lead');
        conds.push(
          or(
            led.length ? inArray(actions.agencyId, led) : undefined,
            eq(actions.ownerPersonId, actor.personId),
          ),
        );
      }
      if (q.agencyId) conds.push(eq(actions.agencyId, q.agencyId));
      if (q.ownerPersonId) conds.push(eq(actions.ownerPersonId, q.ownerPersonId));
      if (q.status) conds.push(eq(actions.status, q.status));
      if (q.recommendationId)
        conds.push(
          inArray(
            actions.id,
            db
              .select({ id: actionRecommendations.actionId })
              .from(actionRecommendations)
              .where(eq(actionRecommendations.recommendationId, q.recommendationId)),
          ),
        );
      if (q.overdue === true) conds.push(overdueSql(day));
      if (q.overdue === false)
        conds.push(
          or(
            notInArray(actions.status, OPEN_ACTION_STATUSES),
            isNull(actions.dueOn),
            gte(actions.dueOn, day),
          ),
        );
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(actions).where(where);
      const rows = await summaryFrom(db)
        .where(where)
        .orderBy(sql`${actions.dueOn} asc nulls last`, asc(actions.title), asc(actions.id))
        .limit(q.pageSize)
        .offset(offsetOf(q));
      return { items: await summaries(db, rows), total: Number(total), page: q.page, pageSize: q.pageSize };
    },

    /** Creates an agency's action answering one or more recommendations addressed to that agency. */
    async createAction(ctx: ActorContext, input: TActionCreate) {
      const { actor } = ctx;
      authorize(actionCreatePolicy, actor, 'create', { agencyId: input.agencyId });
      const id = await db.transaction(async (tx) => {
        const [linked] = await tx
          .select({ active: partnershipAgencies.active })
          .from(partnershipAgencies)
          .where(
            and(
              eq(partnershipAgencies.partnershipId, actor.partnershipId),
              eq(partnershipAgencies.agencyId, input.agencyId),
            ),
          );
        if (!linked?.active) throw invalid({ agencyId: 'Choose an agency from the list' });
        const errors = await checkInput(tx, actor, input.agencyId, input);
        if (Object.keys(errors).length) throw invalid(errors);
        const [row] = await tx
          .insert(actions)
          .values({
            partnershipId: actor.partnershipId,
            agencyId: input.agencyId,
            title: input.title,
            description: input.description ?? null,
            ownerPersonId: input.ownerPersonId ?? null,
            dueOn: input.dueOn ?? null,
            rag: input.rag ?? null,
            createdBy: actor.personId,
            createdAt: clock.now(),
            updatedAt: clock.now(),
          })
          .returning();
        const recommendationIds = [...new Set(input.recommendationIds)];
        await setLinks(tx, row.id, [], recommendationIds);
        await writeAudit(tx, ctx, {
          entity: 'action',
          entityId: row.id,
          action: 'created',
          after: { agencyId: row.agencyId, ...snapshot(row, recommendationIds) },
        });
        return row.id;
      });
      return detail(db, actor, id);
    },

    /** One action with its recommendations and progress updates (newest first) with their files. */
    async getAction(ctx: ActorContext, id: string) {
      await loadReadable(db, ctx.actor, id);
      return detail(db, ctx.actor, id);
    },

    /** Changes an action (not its agency or status); links may be added and removed. 409 when stale. */
    async updateAction(ctx: ActorContext, id: string, input: TActionEdit) {
      const { actor } = ctx;
      await db.transaction(async (tx) => {
        const before = await loadForChange(tx, actor, id, 'edit');
        if (before.version !== input.version) throw conflict(STALE, { current: await detail(tx, actor, id) });
        const beforeLinks = await linkedIds(tx, id);
        const errors = await checkInput(tx, actor, before.agencyId, input, beforeLinks);
        if (Object.keys(errors).length) throw invalid(errors);
        const [after] = await tx
          .update(actions)
          .set({
            title: input.title,
            description: input.description ?? null,
            ownerPersonId: input.ownerPersonId ?? null,
            dueOn: input.dueOn ?? null,
            rag: input.rag ?? null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(actions.id, id))
          .returning();
        const afterLinks = [...new Set(input.recommendationIds)];
        await setLinks(tx, id, beforeLinks, afterLinks);
        await startRecommendations(tx, ctx, after);
        await writeAudit(tx, ctx, {
          entity: 'action',
          entityId: id,
          action: 'updated',
          before: snapshot(before, beforeLinks),
          after: snapshot(after, afterLinks),
        });
      });
      return detail(db, actor, id);
    },

    /**
     * Moves an action to another status. Complete records the date; cancelling needs a reason, kept as a
     * progress update; moving to in progress starts the linked recommendations still only agreed.
     */
    async changeStatus(ctx: ActorContext, id: string, input: TActionStatusChange) {
      const { actor } = ctx;
      await db.transaction(async (tx) => {
        const before = await loadForChange(tx, actor, id, 'progress');
        if (before.status === input.status) return; // already there: asking again changes nothing
        if (before.version !== input.version) throw conflict(STALE, { current: await detail(tx, actor, id) });
        const refusal = actionStatusChangeRefusal(before.status as ActionStatus, input.status);
        if (refusal) throw new AppError('INVALID_TRANSITION', refusal);
        if (input.status === 'cancelled' && !input.reason)
          throw invalid({ reason: 'Enter why the action is being cancelled' });
        const day = today();
        const [after] = await tx
          .update(actions)
          .set({
            status: input.status,
            completedOn: input.status === 'complete' ? day : null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(actions.id, id))
          .returning();
        let updateId: string | null = null;
        if (input.reason) {
          const [u] = await tx
            .insert(actionUpdates)
            .values({
              partnershipId: actor.partnershipId,
              actionId: id,
              body: `${ACTION_STATUS_LABELS[input.status]}: ${input.reason}`,
              updateOn: day,
              createdBy: actor.personId,
              createdAt: clock.now(),
            })
            .returning({ id: actionUpdates.id });
          updateId = u.id;
        }
        await startRecommendations(tx, ctx, after);
        await writeAudit(tx, ctx, {
          entity: 'action',
          entityId: id,
          action: 'status_changed',
          before: { status: before.status, completedOn: before.completedOn, version: before.version },
          after: {
            status: after.status,
            completedOn: after.completedOn,
            version: after.version,
            reason: input.reason ?? null,
            updateId,
          },
        });
      });
      return detail(db, actor, id);
    },

    /** Adds a dated progress update (not in the future); its RAG, when given, becomes the action's. */
    async addUpdate(ctx: ActorContext, id: string, input: TProgressUpdateCreate) {
      const { actor } = ctx;
      if (input.updateOn > today())
        throw invalid({ updateOn: 'The date of the update must be today or in the past' });
      await db.transaction(async (tx) => {
        const before = await loadForChange(tx, actor, id, 'progress');
        const [update] = await tx
          .insert(actionUpdates)
          .values({
            partnershipId: actor.partnershipId,
            actionId: id,
            body: input.body,
            rag: input.rag ?? null,
            updateOn: input.updateOn,
            createdBy: actor.personId,
            createdAt: clock.now(),
          })
          .returning();
        if (input.rag && input.rag !== before.rag)
          await tx
            .update(actions)
            .set({ rag: input.rag, version: before.version + 1, updatedAt: clock.now() })
            .where(eq(actions.id, id));
        await writeAudit(tx, ctx, {
          entity: 'action',
          entityId: id,
          action: 'progress_added',
          before: { rag: before.rag },
          after: { updateId: update.id, updateOn: update.updateOn, rag: input.rag ?? before.rag },
        });
      });
      return detail(db, actor, id);
    },

    /** Checks an upload may go ahead before its bytes are read (404 / 403). */
    checkUpload: (ctx: ActorContext, actionId: string, updateId: string) =>
      checkUpload(ctx, actionId, updateId),

    /** Stores an evidence file (type checked by content) under a random key, on a progress update. */
    async addFile(
      ctx: ActorContext,
      actionId: string,
      updateId: string,
      upload: { fileName: string; bytes: Buffer },
    ) {
      await checkUpload(ctx, actionId, updateId);
      const file = await registerFiles.addFile(ctx, ACTION_UPDATE_FILE, upload, async (tx) => {
        const action = await checkUpload(ctx, actionId, updateId, tx);
        return {
          ownerId: updateId,
          agencyId: action.agencyId,
          log: { entity: 'action', entityId: actionId, detail: { updateId } },
        };
      });
      return fileView(file);
    },

    /** An evidence file of one of the action's updates, only for people who may read the action (logged). */
    async openFile(ctx: ActorContext, actionId: string, fileId: string) {
      await loadReadable(db, ctx.actor, actionId);
      const file = await registerFiles.liveFile(
        db,
        ctx.actor.partnershipId,
        ACTION_UPDATE_FILE,
        updatesOf(db, actionId),
        fileId,
      );
      return registerFiles.openFile(ctx, file);
    },

    /** Takes a file off its update; the record (and, until retention, the bytes) stay. */
    async removeFile(ctx: ActorContext, actionId: string, fileId: string) {
      const file = await registerFiles.removeFile(ctx, ACTION_UPDATE_FILE, fileId, async (tx) => {
        await loadForChange(tx, ctx.actor, actionId, 'progress');
        return {
          owners: updatesOf(tx, actionId),
          log: (f) => ({ entity: 'action', entityId: actionId, detail: { updateId: f.ownerId } }),
        };
      });
      return fileView(file);
    },

    /**
     * An agency's action plan, a page at a time: its open actions and those completed or cancelled in the
     * last 90 days, grouped by where they stand (overdue, in progress, not started, recently complete,
     * recently cancelled; soonest due first within each), with their recommendations and latest update;
     * how many actions each group holds in the whole plan; counts over all the agency's actions; and the
     * first recommendations in force that no action answers yet, with how many there are. A fixed
     * number of queries, each bounded by the page, however large the plan.
     */
    async getActionPlan(ctx: ActorContext, agencyId: string, q: TActionPlanQuery) {
      const { actor } = ctx;
      const agency = await planAgency(actor, agencyId);
      const day = today();
      const ofAgency = and(eq(actions.partnershipId, actor.partnershipId), eq(actions.agencyId, agencyId));
      const inPlan = planSql(day);
      const groupRank = planGroupRankSql(day);
      const countOf = (cond: SQL) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
      const [c] = await db
        .select({
          open: countOf(inArray(actions.status, OPEN_ACTION_STATUSES) as SQL),
          overdue: countOf(overdueSql(day)),
          complete: countOf(sql`${actions.status} = 'complete'`),
          cancelled: countOf(sql`${actions.status} = 'cancelled'`),
          // How many of the plan's actions each group holds, as "group:overdue" and so on.
          ...Object.fromEntries(
            PLAN_GROUPS.map(([key], rank) => [
              `group:${key}`,
              countOf(sql`${inPlan} and ${groupRank} = ${rank}`),
            ]),
          ),
        })
        .from(actions)
        .where(ofAgency);
      const groupTotal = (key: PlanGroupKey) => (c as unknown as Record<string, number>)[`group:${key}`];

      const rows = await summaryFrom(db)
        .where(and(ofAgency, inPlan))
        .orderBy(groupRank, sql`${actions.dueOn} asc nulls last`, asc(actions.title), asc(actions.id))
        .limit(q.pageSize)
        .offset(offsetOf(q));
      const items = await summaries(db, rows);
      const latest = rows.length
        ? await db
            .selectDistinctOn([actionUpdates.actionId], {
              actionId: actionUpdates.actionId,
              body: actionUpdates.body,
              rag: actionUpdates.rag,
              updateOn: actionUpdates.updateOn,
            })
            .from(actionUpdates)
            .where(
              inArray(
                actionUpdates.actionId,
                rows.map((r) => r.a.id),
              ),
            )
            .orderBy(actionUpdates.actionId, desc(actionUpdates.updateOn), desc(actionUpdates.createdAt))
        : [];
      const planned = items.map((a) => {
        const u = latest.find((l) => l.actionId === a.id);
        return {
          ...a,
          latestUpdate: u ? { body: u.body, rag: u.rag as Rag | null, updateOn: u.updateOn } : null,
        };
      });
      const groups = PLAN_GROUPS.map(([key, label]) => ({
        key,
        label,
        total: groupTotal(key),
        actions: planned.filter((a) => planGroupOf(a) === key),
      }));

      const unanswered = await unansweredPage(actor, agencyId, { page: 1, pageSize: UNANSWERED_SHOWN });
      return {
        agency,
        today: day,
        counts: {
          open: c.open,
          onTrack: c.open - c.overdue,
          overdue: c.overdue,
          complete: c.complete,
          cancelled: c.cancelled,
        },
        groups,
        total: groups.reduce((n, g) => n + g.total, 0),
        page: q.page,
        pageSize: q.pageSize,
        unansweredRecommendations: unanswered.items,
        unansweredTotal: unanswered.total,
      };
    },

    /** The recommendations in force addressed to the agency that no action of it answers yet, by number, paged. */
    async listUnansweredRecommendations(ctx: ActorContext, agencyId: string, q: TActionPlanQuery) {
      const agency = await planAgency(ctx.actor, agencyId);
      const unanswered = await unansweredPage(ctx.actor, agencyId, q);
      return { agency, ...unanswered, page: q.page, pageSize: q.pageSize };
    },
  };

  /** The agency, linked to the actor's partnership, whose plan the actor may read; 404 otherwise. */
  async function planAgency(actor: Actor, agencyId: string) {
    if (!can(actionPlanPolicy, actor, 'read', { agencyId })) throw notFound(AGENCY);
    const [agency] = await db
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .innerJoin(partnershipAgencies, eq(partnershipAgencies.agencyId, agencies.id))
      .where(and(eq(agencies.id, agencyId), eq(partnershipAgencies.partnershipId, actor.partnershipId)));
    if (!agency) throw notFound(AGENCY);
    return agency;
  }

  /** On the plan: open, or completed or cancelled in the last 90 days. */
  function planSql(day: string) {
    const since = addDays(day, -RECENT_DAYS);
    const sinceTime = new Date(clock.now().getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000);
    return or(
      inArray(actions.status, OPEN_ACTION_STATUSES),
      and(eq(actions.status, 'complete'), gte(actions.completedOn, since)),
      and(eq(actions.status, 'cancelled'), gte(actions.updatedAt, sinceTime)),
    ) as SQL;
  }

  /** The position of an action's group in PLAN_GROUPS (the plan's first sort key); planGroupOf in SQL. */
  function planGroupRankSql(day: string) {
    return sql<number>`(case when ${overdueSql(day)} then 0
      when ${actions.status} = 'in_progress' then 1 when ${actions.status} = 'not_started' then 2
      when ${actions.status} = 'complete' then 3 else 4 end)`;
  }

  /**
   * In force, addressed to the agency, and answered by none of its actions (cancelled ones aside): the
   * page asked for, by number, with how many there are (one query through the agency's links).
   */
  async function unansweredPage(actor: Actor, agencyId: string, q: { page: number; pageSize: number }) {
    const rows = await db
      .select({
        id: recommendations.id,
        number: recommendations.number,
        title: recommendations.title,
        status: recommendations.status,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(recommendations)
      .where(
        and(
          eq(recommendations.partnershipId, actor.partnershipId),
          inArray(recommendations.status, IN_FORCE_RECOMMENDATION),
          // Start from the agency's own links. (OFFSET 0 keeps the planner from walking the whole
          // register in number order and probing each for the agency, which it would otherwise think
          // cheaper for the first page.)
          sql`${recommendations.id} in (select ra.recommendation_id from ${recommendationAgencies} ra
            where ra.partnership_id = ${actor.partnershipId} and ra.agency_id = ${agencyId} offset 0)`,
          sql`not exists (select 1 from ${actionRecommendations} ar join ${actions} a on a.id = ar.action_id
            where ar.recommendation_id = ${recommendations.id} and a.agency_id = ${agencyId}
            and a.status <> 'cancelled')`,
        ),
      )
      .orderBy(asc(recommendations.number))
      .limit(q.pageSize)
      .offset(offsetOf(q));
    let total = rows[0]?.total ?? 0;
    // Past the last page the window has no row to count on: count on its own.
    if (rows.length === 0 && q.page > 1)
      total = (await unansweredPage(actor, agencyId, { page: 1, pageSize: 1 })).total;
    return {
      items: rows.map(({ total: _total, ...r }) => ({ ...r, status: r.status as RecommendationStatus })),
      total,
    };
  }

  /** The ids of an action's updates (a subquery), whose files are the action's. */
  function updatesOf(exec: Exec, actionId: string) {
    return exec
      .select({ id: actionUpdates.id })
      .from(actionUpdates)
      .where(eq(actionUpdates.actionId, actionId));
  }
}
