import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { AssuranceJudgement, RecommendationStatus } from '../../../contracts/recommendations.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { AppError, conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import type { FileStorage } from '../../platform/file-storage.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize, can } from '../../platform/policy.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { londonToday } from '../notifications/reminders.rules.js';
import { people } from '../people/people.tables.js';
import { assurancePolicy, assuranceRequestPolicy } from './assurance.policy.js';
import type {
  AssuranceAnswer,
  AssuranceCreate,
  AssuranceJudgementInput,
  AssuranceQuery,
} from './assurance.schemas.js';
import { overseesRegister, ownRegisterAgencies } from './impact-checks.policy.js';
import {
  assuranceRequestRecommendations,
  assuranceRequests,
  recommendationAgencies,
  recommendations,
} from './recommendations.tables.js';
import { createRegisterFiles, REGISTER_FILE_OWNERS } from './register-files.service.js';

export type AssuranceService = ReturnType<typeof createAssuranceService>;

const REQUEST = 'This assurance request';
const ANSWER_FILE = REGISTER_FILE_OWNERS.assuranceAnswer;
const FINAL = 'This request has been judged, so its answer is final';
type RequestRow = typeof assuranceRequests.$inferSelect;

const stateOf = (r: RequestRow): 'open' | 'answered' | 'judged' =>
  r.judgement ? 'judged' : r.answeredAt ? 'answered' : 'open';

// The outer table is named in full: drizzle writes a lone column unqualified inside the subquery.
const recommendationCount = sql<number>`(select count(*)::int from ${assuranceRequestRecommendations} arr
  where arr.assurance_request_id = "assurance_requests"."id")`;

/**
 * Single-agency assurance requests (PRODUCT.md §4.9; Swindon's enabler 5): one agency is asked to evidence
 * its response to named recommendations by a date; its lead answers; admins or the QA group judge.
 */
export function createAssuranceService(deps: { db: Db; clock: Clock; storage: FileStorage }) {
  const { db, clock, storage } = deps;
  const today = () => londonToday(clock.now());
  const registerFiles = createRegisterFiles({ db, clock, storage });

  function summary(r: RequestRow, agencyName: string, recCount: number) {
    return {
      id: r.id,
      agency: { id: r.agencyId, name: agencyName },
      title: r.title,
      dueOn: r.dueOn,
      state: stateOf(r),
      overdue: !r.answeredAt && r.dueOn < today(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
      judgement: (r.judgement as AssuranceJudgement | null) ?? null,
      judgedOn: r.judgedOn,
      recommendationCount: Number(recCount),
      version: r.version,
    };
  }

  /** The request in the actor's partnership; 404 unless they may read it. */
  async function load(exec: Executor, ctx: ActorContext, id: string) {
    const [row] = await exec
      .select({ r: assuranceRequests, agencyName: agencies.name, recommendationCount })
      .from(assuranceRequests)
      .innerJoin(agencies, eq(agencies.id, assuranceRequests.agencyId))
      .where(and(eq(assuranceRequests.id, id), eq(assuranceRequests.partnershipId, ctx.actor.partnershipId)));
    if (!row || !can(assurancePolicy, ctx.actor, 'read', { agencyId: row.r.agencyId }))
      throw notFound(REQUEST);
    return row;
  }

  async function detail(exec: Executor, ctx: ActorContext, id: string) {
    const { r, agencyName, recommendationCount: n } = await load(exec, ctx, id);
    const recs = await exec
      .select({
        id: recommendations.id,
        number: recommendations.number,
        title: recommendations.title,
        status: recommendations.status,
      })
      .from(assuranceRequestRecommendations)
      .innerJoin(recommendations, eq(recommendations.id, assuranceRequestRecommendations.recommendationId))
      .where(eq(assuranceRequestRecommendations.assuranceRequestId, r.id))
      .orderBy(asc(recommendations.number));
    const ids = [r.answeredBy, r.judgedBy, r.createdBy].filter((x): x is string => Boolean(x));
    const names = new Map(
      ids.length
        ? (
            await exec
              .select({ id: people.id, name: people.name })
              .from(people)
              .where(inArray(people.id, ids))
          ).map((p) => [p.id, p.name])
        : [],
    );
    const state = stateOf(r);
    return {
      ...summary(r, agencyName, n),
      question: r.question,
      answer: r.answer,
      answerFiles: await registerFiles.listFiles(exec, ctx.actor.partnershipId, ANSWER_FILE, [r.id]),
      answeredByName: (r.answeredBy && names.get(r.answeredBy)) || null,
      judgementReasons: r.judgementReasons,
      judgedByName: (r.judgedBy && names.get(r.judgedBy)) || null,
      createdByName: (r.createdBy && names.get(r.createdBy)) || null,
      createdAt: r.createdAt.toISOString(),
      recommendations: recs.map((x) => ({ ...x, status: x.status as RecommendationStatus })),
      allowedVerbs: allowedVerbs(assurancePolicy, ctx.actor, { agencyId: r.agencyId }).filter(
        (v) =>
          v === 'read' || (v === 'answer' && state !== 'judged') || (v === 'judge' && state === 'answered'),
      ),
    };
  }

  /** The request, for a change by the agency (its answer or files): 404 / 403 as for answering. */
  async function answerable(ctx: ActorContext, id: string) {
    const { r } = await load(db, ctx, id);
    authorize(assurancePolicy, ctx.actor, 'answer', { agencyId: r.agencyId });
    return r;
  }

  /** The request locked for a change to its answer, which must not be judged yet. */
  async function lockUnjudged(tx: Tx, id: string) {
    await lockRow(tx, assuranceRequests, assuranceRequests.id, id);
    const [row] = await tx.select().from(assuranceRequests).where(eq(assuranceRequests.id, id));
    if (row.judgement) throw new AppError('INVALID_TRANSITION', FINAL);
    return row;
  }

  /** What a stale saver of the answer is shown beside their own. */
  async function answerConflict(exec: Executor, row: RequestRow) {
    const [by] = row.answeredBy
      ? await exec.select({ name: people.name }).from(people).where(eq(people.id, row.answeredBy))
      : [];
    return conflict('Someone else changed this answer after you opened it. Check their changes.', {
      current: {
        answer: row.answer,
        answeredAt: row.answeredAt?.toISOString() ?? null,
        answeredByName: by?.name ?? null,
        version: row.version,
      },
    });
  }

  const answerLog = (r: RequestRow) => ({
    entity: 'assurance_request',
    entityId: r.id,
    detail: { agencyId: r.agencyId },
  });

  return {
    /** Requests the reader may see, soonest due first. */
    async listAssuranceRequests(ctx: ActorContext, q: AssuranceQuery) {
      const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const oversees = overseesRegister(ctx.actor);
      const own = ownRegisterAgencies(ctx.actor);
      if (!oversees && own.length === 0) return empty;
      const conds: (SQL | undefined)[] = [
        eq(assuranceRequests.partnershipId, ctx.actor.partnershipId),
        oversees ? undefined : inArray(assuranceRequests.agencyId, own),
        q.agencyId ? eq(assuranceRequests.agencyId, q.agencyId) : undefined,
        q.state === 'open' ? isNull(assuranceRequests.answeredAt) : undefined,
        q.state === 'answered'
          ? and(isNotNull(assuranceRequests.answeredAt), isNull(assuranceRequests.judgement))
          : undefined,
        q.state === 'judged' ? isNotNull(assuranceRequests.judgement) : undefined,
      ];
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(assuranceRequests).where(where);
      const rows = await db
        .select({ r: assuranceRequests, agencyName: agencies.name, recommendationCount })
        .from(assuranceRequests)
        .innerJoin(agencies, eq(agencies.id, assuranceRequests.agencyId))
        .where(where)
        .orderBy(asc(assuranceRequests.dueOn), desc(assuranceRequests.createdAt), asc(assuranceRequests.id))
        .limit(q.pageSize)
        .offset(offsetOf(q));
      return {
        items: rows.map((x) => summary(x.r, x.agencyName, x.recommendationCount)),
        total: Number(total),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    getAssuranceRequest: (ctx: ActorContext, id: string) => detail(db, ctx, id),

    /** Asks one agency to evidence its response to recommendations addressed to it. */
    async createAssuranceRequest(ctx: ActorContext, input: AssuranceCreate) {
      authorize(assuranceRequestPolicy, ctx.actor, 'create', undefined);
      const pid = ctx.actor.partnershipId;
      const fields: FieldErrors = {};
      const [linked] = await db
        .select({ agencyId: partnershipAgencies.agencyId })
        .from(partnershipAgencies)
        .where(
          and(
            eq(partnershipAgencies.partnershipId, pid),
            eq(partnershipAgencies.agencyId, input.agencyId),
            eq(partnershipAgencies.active, true),
          ),
        );
      if (!linked) fields.agencyId = 'Choose one of the partnership’s active agencies';
      if (input.dueOn < today()) fields.dueOn = 'The date the answer is due must be today or later';
      const recIds = [...new Set(input.recommendationIds)];
      if (linked) {
        const ok = await db
          .select({ id: recommendations.id })
          .from(recommendations)
          .innerJoin(
            recommendationAgencies,
            and(
              eq(recommendationAgencies.recommendationId, recommendations.id),
              eq(recommendationAgencies.agencyId, input.agencyId),
            ),
          )
          .where(and(eq(recommendations.partnershipId, pid), inArray(recommendations.id, recIds)));
        if (ok.length !== recIds.length)
          fields.recommendationIds =
            'Choose only recommendations of this partnership addressed to this agency';
      }
      if (Object.keys(fields).length) throw invalid(fields);
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(assuranceRequests)
          .values({
            partnershipId: pid,
            agencyId: input.agencyId,
            title: input.title,
            question: input.question,
            dueOn: input.dueOn,
            createdBy: ctx.actor.personId,
            createdAt: clock.now(),
            updatedAt: clock.now(),
          })
          .returning();
        await tx
          .insert(assuranceRequestRecommendations)
          .values(recIds.map((recommendationId) => ({ assuranceRequestId: row.id, recommendationId })));
        await writeAudit(tx, ctx, {
          entity: 'assurance_request',
          entityId: row.id,
          action: 'created',
          after: { ...row, recommendationIds: recIds },
        });
        return row.id;
      });
      return detail(db, ctx, id);
    },

    /** The agency lead's answer (changeable until the request is judged); 409 with theirs when stale. */
    async answerAssuranceRequest(ctx: ActorContext, id: string, input: AssuranceAnswer) {
      await answerable(ctx, id);
      await db.transaction(async (tx) => {
        const before = await lockUnjudged(tx, id);
        if (before.version !== input.version) throw await answerConflict(tx, before);
        const now = clock.now();
        const [after] = await tx
          .update(assuranceRequests)
          .set({
            answer: input.answer,
            answeredAt: now,
            answeredBy: ctx.actor.personId,
            version: before.version + 1,
            updatedAt: now,
          })
          .where(eq(assuranceRequests.id, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'assurance_request',
          entityId: id,
          action: 'answered',
          before: { answer: before.answer, answeredAt: before.answeredAt, version: before.version },
          after: { answer: after.answer, answeredAt: after.answeredAt, version: after.version },
        });
      });
      return detail(db, ctx, id);
    },

    /** Checks a file may be added to the answer before the upload's bytes are read. */
    async checkAnswerUpload(ctx: ActorContext, id: string) {
      await answerable(ctx, id);
      await db.transaction((tx) => lockUnjudged(tx, id));
    },

    /** Adds an evidence file to the answer (before or after the answer's text is sent, until judged). */
    async addAnswerFile(ctx: ActorContext, id: string, upload: { fileName: string; bytes: Buffer }) {
      await answerable(ctx, id);
      return registerFiles.addFile(ctx, ANSWER_FILE, upload, async (tx) => {
        const r = await lockUnjudged(tx, id);
        return { ownerId: r.id, agencyId: r.agencyId, log: answerLog(r) };
      });
    },

    /** The answer's files, for those who may read the request. */
    async listAnswerFiles(ctx: ActorContext, id: string) {
      const { r } = await load(db, ctx, id);
      return registerFiles.listFiles(db, ctx.actor.partnershipId, ANSWER_FILE, [r.id]);
    },

    /** One file of the answer, for those who may read the request; the download is logged. */
    async openAnswerFile(ctx: ActorContext, id: string, fileId: string) {
      const { r } = await load(db, ctx, id);
      const file = await registerFiles.liveFile(db, ctx.actor.partnershipId, ANSWER_FILE, [r.id], fileId);
      return registerFiles.openFile(ctx, file);
    },

    /** Takes a file off the answer until it is judged; the record is kept. */
    async removeAnswerFile(ctx: ActorContext, id: string, fileId: string) {
      await answerable(ctx, id);
      return registerFiles.removeFile(ctx, ANSWER_FILE, fileId, async (tx) => {
        const r = await lockUnjudged(tx, id);
        return { owners: [r.id], log: () => answerLog(r) };
      });
    },

    /** The group's judgement on the answer: once, after it is answered. */
    async judgeAssuranceRequest(ctx: ActorContext, id: string, input: AssuranceJudgementInput) {
      const { r } = await load(db, ctx, id);
      authorize(assurancePolicy, ctx.actor, 'judge', { agencyId: r.agencyId });
      if (input.judgedOn > today())
        throw invalid({ judgedOn: 'The date of the judgement must be today or in the past' });
      await db.transaction(async (tx) => {
        await lockRow(tx, assuranceRequests, assuranceRequests.id, id);
        const [before] = await tx.select().from(assuranceRequests).where(eq(assuranceRequests.id, id));
        if (before.judgement)
          throw new AppError('INVALID_TRANSITION', 'This request has already been judged');
        if (!before.answeredAt)
          throw new AppError(
            'INVALID_TRANSITION',
            'The agency has not answered yet, so there is nothing to judge',
          );
        if (before.version !== input.version)
          throw conflict('Someone else changed this request. Check their changes.', { current: before });
        const [after] = await tx
          .update(assuranceRequests)
          .set({
            judgement: input.judgement,
            judgementReasons: input.reasons,
            judgedOn: input.judgedOn,
            judgedBy: ctx.actor.personId,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(assuranceRequests.id, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'assurance_request',
          entityId: id,
          action: 'judged',
          before: { judgement: null, version: before.version },
          after: {
            judgement: after.judgement,
            judgementReasons: after.judgementReasons,
            judgedOn: after.judgedOn,
            version: after.version,
          },
        });
      });
      return detail(db, ctx, id);
    },
  };
}
