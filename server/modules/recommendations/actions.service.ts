import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
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
import { type Actor, type ActorContext, agenciesOf } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { AppError, conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import type { FileStorage } from '../../platform/file-storage.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize, can } from '../../platform/policy.js';
import { checkFileContent, cleanFileName } from '../../platform/uploads.js';
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
  TActionStatusChange,
  TProgressUpdateCreate,
} from './actions.schemas.js';
import {
  actionRecommendations,
  actions,
  actionUpdates,
  recommendationAgencies,
  recommendations,
  registerFiles,
} from './recommendations.tables.js';

export type ActionService = ReturnType<typeof createActionService>;
type Exec = Db | Tx;
type ActionRow = typeof actions.$inferSelect;
type FileRow = typeof registerFiles.$inferSelect;
type LinkedRecommendation = { id: string; number: number; title: string; status: RecommendationStatus };

const ACTION = 'This action';
const UPDATE = 'This update';
const FILE = 'This file';
const AGENCY = 'This agency';
const STALE = 'Someone else changed this action after you opened it. Check their changes.';
/** Files of progress updates in register_files. */
export const ACTION_UPDATE_FILE = 'action_update';

export const OPEN_ACTION_STATUSES: ActionStatus[] = ['not_started', 'in_progress'];
/** Recommendations no new action may answer (an action already linked keeps its link). */
const FINISHED_RECOMMENDATION: RecommendationStatus[] = ['closed', 'not_accepted'];
/** Recommendations in force, which an agency is expected to answer with an action. */
const IN_FORCE_RECOMMENDATION: RecommendationStatus[] = ['agreed', 'in_progress', 'impact_check'];
/** How long a completed or cancelled action stays on the agency's action plan. */
const RECENT_DAYS = 90;

/** Which status an action may move to from each status (reopening brings it back in progress). */
export const ACTION_TRANSITIONS: Record<ActionStatus, ActionStatus[]> = {
  not_started: ['in_progress', 'complete', 'cancelled'],
  in_progress: ['complete', 'cancelled'],
  complete: ['in_progress'],
  cancelled: ['in_progress'],
};

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

  const fileView = (f: FileRow, uploadedByName: string | null) => ({
    id: f.id,
    updateId: f.ownerId,
    fileName: f.fileName,
    mediaType: f.mediaType,
    sizeBytes: f.sizeBytes,
    uploadedAt: f.uploadedAt,
    uploadedBy: f.uploadedBy && uploadedByName ? { id: f.uploadedBy, name: uploadedByName } : null,
    removedAt: f.removedAt,
  });

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
    const files = updates.length
      ? await exec
          .select({ f: registerFiles, uploaderName: authors.name })
          .from(registerFiles)
          .leftJoin(authors, eq(authors.id, registerFiles.uploadedBy))
          .where(
            and(
              eq(registerFiles.ownerType, ACTION_UPDATE_FILE),
              inArray(
                registerFiles.ownerId,
                updates.map((u) => u.u.id),
              ),
              isNull(registerFiles.removedAt),
            ),
          )
          .orderBy(asc(registerFiles.uploadedAt), asc(registerFiles.id))
      : [];
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
        files: files.filter((f) => f.f.ownerId === u.id).map((f) => fileView(f.f, f.uploaderName)),
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
        const from = before.status as ActionStatus;
        if (!ACTION_TRANSITIONS[from].includes(input.status))
          throw new AppError(
            'INVALID_TRANSITION',
            `An action that is ${ACTION_STATUS_LABELS[from].toLowerCase()} cannot be made ${ACTION_STATUS_LABELS[input.status].toLowerCase()}`,
          );
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
      const { actor } = ctx;
      await checkUpload(ctx, actionId, updateId);
      const fileName = cleanFileName(upload.fileName);
      const check = await checkFileContent(fileName, upload.bytes);
      if (!check.ok) throw invalid({ file: check.message });
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      const storageKey = randomUUID();
      await storage.put(storageKey, upload.bytes);
      try {
        const row = await db.transaction(async (tx) => {
          const action = await checkUpload(ctx, actionId, updateId, tx);
          const [file] = await tx
            .insert(registerFiles)
            .values({
              partnershipId: actor.partnershipId,
              ownerType: ACTION_UPDATE_FILE,
              ownerId: updateId,
              agencyId: action.agencyId,
              storageKey,
              fileName,
              mediaType: check.file.mediaType,
              sizeBytes: upload.bytes.length,
              sha256,
              uploadedBy: actor.personId,
              uploadedAt: clock.now(),
            })
            .returning();
          await writeAudit(tx, ctx, {
            entity: 'action',
            entityId: actionId,
            action: 'file_uploaded',
            after: {
              fileId: file.id,
              updateId,
              fileName,
              mediaType: file.mediaType,
              sizeBytes: file.sizeBytes,
              sha256,
            },
          });
          return file;
        });
        return fileView(row, actor.name);
      } catch (error) {
        await storage.remove(storageKey).catch(() => undefined);
        throw error;
      }
    },

    /** An evidence file of one of the action's updates, only for people who may read the action. */
    async openFile(
      ctx: ActorContext,
      actionId: string,
      fileId: string,
    ): Promise<{ file: FileRow; stream: Readable }> {
      await loadReadable(db, ctx.actor, actionId);
      const file = await liveFile(db, ctx.actor, actionId, fileId);
      try {
        return { file, stream: await storage.get(file.storageKey) };
      } catch {
        throw notFound(FILE);
      }
    },

    /** Takes a file off its update; the record (and, until retention, the bytes) stay. */
    async removeFile(ctx: ActorContext, actionId: string, fileId: string) {
      const { actor } = ctx;
      return db.transaction(async (tx) => {
        await loadForChange(tx, actor, actionId, 'progress');
        const before = await liveFile(tx, actor, actionId, fileId);
        const [after] = await tx
          .update(registerFiles)
          .set({ removedAt: clock.now(), removedBy: actor.personId })
          .where(eq(registerFiles.id, fileId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'action',
          entityId: actionId,
          action: 'file_removed',
          before: { fileId, updateId: before.ownerId, fileName: before.fileName },
        });
        const [uploader] = after.uploadedBy
          ? await tx.select({ name: people.name }).from(people).where(eq(people.id, after.uploadedBy))
          : [];
        return fileView(after, uploader?.name ?? null);
      });
    },

    /**
     * An agency's whole action plan: its open actions and those completed or cancelled in the last 90
     * days, grouped by where they stand (overdue first), with their recommendations and latest update;
     * counts over all its actions; and the recommendations in force that no action answers yet.
     */
    async getActionPlan(ctx: ActorContext, agencyId: string) {
      const { actor } = ctx;
      if (!can(actionPlanPolicy, actor, 'read', { agencyId })) throw notFound(AGENCY);
      const [agency] = await db
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .innerJoin(partnershipAgencies, eq(partnershipAgencies.agencyId, agencies.id))
        .where(and(eq(agencies.id, agencyId), eq(partnershipAgencies.partnershipId, actor.partnershipId)));
      if (!agency) throw notFound(AGENCY);
      const day = today();
      const since = addDays(day, -RECENT_DAYS);
      const sinceTime = new Date(clock.now().getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000);
      const ofAgency = and(eq(actions.partnershipId, actor.partnershipId), eq(actions.agencyId, agencyId));
      const rows = await summaryFrom(db)
        .where(
          and(
            ofAgency,
            or(
              inArray(actions.status, OPEN_ACTION_STATUSES),
              and(eq(actions.status, 'complete'), gte(actions.completedOn, since)),
              and(eq(actions.status, 'cancelled'), gte(actions.updatedAt, sinceTime)),
            ),
          ),
        )
        .orderBy(sql`${actions.dueOn} asc nulls last`, asc(actions.title), asc(actions.id));
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
      const groups = (
        [
          ['overdue', 'Overdue', (a) => a.overdue],
          ['in_progress', 'In progress', (a) => a.status === 'in_progress' && !a.overdue],
          ['not_started', 'Not started', (a) => a.status === 'not_started' && !a.overdue],
          ['complete', `Completed in the last ${RECENT_DAYS} days`, (a) => a.status === 'complete'],
          ['cancelled', `Cancelled in the last ${RECENT_DAYS} days`, (a) => a.status === 'cancelled'],
        ] as const satisfies readonly [string, string, (a: (typeof planned)[number]) => boolean][]
      ).map(([key, label, test]) => ({ key, label, actions: planned.filter(test) }));

      const [c] = await db
        .select({
          open: sql<number>`count(*) filter (where ${inArray(actions.status, OPEN_ACTION_STATUSES)})`.mapWith(
            Number,
          ),
          overdue: sql<number>`count(*) filter (where ${overdueSql(day)})`.mapWith(Number),
          complete: sql<number>`count(*) filter (where ${actions.status} = 'complete')`.mapWith(Number),
          cancelled: sql<number>`count(*) filter (where ${actions.status} = 'cancelled')`.mapWith(Number),
        })
        .from(actions)
        .where(ofAgency);

      const unanswered = await db
        .select({
          id: recommendations.id,
          number: recommendations.number,
          title: recommendations.title,
          status: recommendations.status,
        })
        .from(recommendations)
        .innerJoin(
          recommendationAgencies,
          and(
            eq(recommendationAgencies.recommendationId, recommendations.id),
            eq(recommendationAgencies.agencyId, agencyId),
          ),
        )
        .where(
          and(
            eq(recommendations.partnershipId, actor.partnershipId),
            inArray(recommendations.status, IN_FORCE_RECOMMENDATION),
            sql`not exists (select 1 from ${actionRecommendations} ar join ${actions} a on a.id = ar.action_id
              where ar.recommendation_id = ${recommendations.id} and a.agency_id = ${agencyId}
              and a.status <> 'cancelled')`,
          ),
        )
        .orderBy(asc(recommendations.number));

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
        unansweredRecommendations: unanswered.map((r) => ({
          ...r,
          status: r.status as RecommendationStatus,
        })),
      };
    },
  };

  /** A live (not removed) file on one of this action's updates, or 404. */
  async function liveFile(exec: Exec, actor: Actor, actionId: string, fileId: string): Promise<FileRow> {
    const [file] = await exec
      .select()
      .from(registerFiles)
      .where(
        and(
          eq(registerFiles.id, fileId),
          eq(registerFiles.partnershipId, actor.partnershipId),
          eq(registerFiles.ownerType, ACTION_UPDATE_FILE),
          isNull(registerFiles.removedAt),
          inArray(
            registerFiles.ownerId,
            exec
              .select({ id: actionUpdates.id })
              .from(actionUpdates)
              .where(eq(actionUpdates.actionId, actionId)),
          ),
        ),
      );
    if (!file) throw notFound(FILE);
    return file;
  }
}
