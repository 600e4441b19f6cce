import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import {
  type ImpactJudgement,
  RECOMMENDATION_STATUS_LABELS,
  type RecommendationStatus,
} from '../../../contracts/recommendations.js';
import { isAllowedTransition } from '../../../contracts/recommendations.rules.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.js';
import type { FileStorage } from '../../platform/file-storage.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize, can } from '../../platform/policy.js';
import { agencies } from '../agencies/agencies.tables.js';
import { addDays, londonToday } from '../notifications/reminders.rules.js';
import { people } from '../people/people.tables.js';
import { markImpactChecksDue } from './impact-checks.due.js';
import {
  impactCheckPolicy,
  impactEvidencePolicy,
  overseesRegister,
  ownRegisterAgencies,
} from './impact-checks.policy.js';
import type { EvidenceInput, ImpactCheckQuery, ImpactJudgementInput } from './impact-checks.schemas.js';
import {
  actionRecommendations,
  actions,
  impactCheckEvidence,
  impactChecks,
  recommendationAgencies,
  recommendations,
} from './recommendations.tables.js';
import { createRegisterFiles, REGISTER_FILE_OWNERS } from './register-files.service.js';

export type ImpactCheckService = ReturnType<typeof createImpactCheckService>;

const CHECK = 'This impact check';
const EVIDENCE = 'This evidence';
const EVIDENCE_FILE = REGISTER_FILE_OWNERS.impactEvidence;
/** Recommendation statuses whose impact checks take no more evidence or judgements. */
const FINISHED_STATUSES = ['draft', 'not_accepted', 'closed'];
type CheckRow = typeof impactChecks.$inferSelect;
type EvidenceRow = typeof impactCheckEvidence.$inferSelect;
type RecRef = { id: string; number: number; title: string; status: string };

const evidenceStatus = (e: Pick<EvidenceRow, 'submittedAt'> | undefined) =>
  !e ? ('not_started' as const) : e.submittedAt ? ('submitted' as const) : ('draft' as const);
const blank = (s: string | null | undefined) => !s || s.trim() === '';

/**
 * Impact checks (PRODUCT.md §4.9, closing the learning loop): each addressed agency gives evidence of
 * change in practice and in outcomes; admins or the QA group record the monitoring group's judgement.
 * "Not embedded" reopens the recommendation and its completed actions.
 */
export function createImpactCheckService(deps: { db: Db; clock: Clock; storage: FileStorage }) {
  const { db, clock, storage } = deps;
  const today = () => londonToday(clock.now());
  const registerFiles = createRegisterFiles({ db, clock, storage });

  /** The check, its recommendation and addressed agencies, in the actor's partnership; 404 unless they may read it. */
  async function loadCheck(exec: Executor, ctx: ActorContext, id: string) {
    const [row] = await exec
      .select({
        c: impactChecks,
        rec: {
          id: recommendations.id,
          number: recommendations.number,
          title: recommendations.title,
          status: recommendations.status,
        },
      })
      .from(impactChecks)
      .innerJoin(recommendations, eq(recommendations.id, impactChecks.recommendationId))
      .where(and(eq(impactChecks.id, id), eq(impactChecks.partnershipId, ctx.actor.partnershipId)));
    if (!row) throw notFound(CHECK);
    const addressed = await exec
      .select({ id: agencies.id, name: agencies.name })
      .from(recommendationAgencies)
      .innerJoin(agencies, eq(agencies.id, recommendationAgencies.agencyId))
      .where(eq(recommendationAgencies.recommendationId, row.rec.id))
      .orderBy(asc(agencies.name), asc(agencies.id));
    if (!can(impactCheckPolicy, ctx.actor, 'read', { agencyIds: addressed.map((a) => a.id) }))
      throw notFound(CHECK);
    return { check: row.c, rec: row.rec, addressed };
  }

  function summary(
    c: CheckRow,
    rec: RecRef,
    agencyList: { id: string; name: string; evidenceStatus: ReturnType<typeof evidenceStatus> | null }[],
  ) {
    return {
      id: c.id,
      recommendation: { ...rec, status: rec.status as RecommendationStatus },
      months: c.months,
      dueOn: c.dueOn,
      overdue: !c.judgement && !c.cancelledAt && c.dueOn < today(),
      judgement: (c.judgement as ImpactJudgement | null) ?? null,
      judgedOn: c.judgedOn,
      cancelled: c.cancelledAt !== null,
      agencies: agencyList,
      version: c.version,
    };
  }

  /** One check with every addressed agency and the evidence of those the reader may see. */
  async function detail(exec: Executor, ctx: ActorContext, id: string) {
    const { check: c, rec, addressed } = await loadCheck(exec, ctx, id);
    const visible = addressed.filter((a) => can(impactEvidencePolicy, ctx.actor, 'read', { agencyId: a.id }));
    const rows = visible.length
      ? await exec
          .select({ e: impactCheckEvidence, submittedByName: people.name })
          .from(impactCheckEvidence)
          .leftJoin(people, eq(people.id, impactCheckEvidence.submittedBy))
          .where(
            and(
              eq(impactCheckEvidence.impactCheckId, c.id),
              inArray(
                impactCheckEvidence.agencyId,
                visible.map((a) => a.id),
              ),
            ),
          )
      : [];
    const byAgency = new Map(rows.map((r) => [r.e.agencyId, r]));
    const files = await registerFiles.listFiles(
      exec,
      ctx.actor.partnershipId,
      EVIDENCE_FILE,
      rows.map((r) => r.e.id),
    );
    const [judge] = c.judgedBy
      ? await exec.select({ name: people.name }).from(people).where(eq(people.id, c.judgedBy))
      : [];
    const open = !c.judgement && !c.cancelledAt;
    const agencyList = addressed.map((a) => {
      const seen = visible.some((v) => v.id === a.id);
      const r = byAgency.get(a.id);
      const status = seen ? evidenceStatus(r?.e) : null;
      return {
        id: a.id,
        name: a.name,
        evidenceStatus: status,
        evidence: seen
          ? {
              practiceChange: r?.e.practiceChange ?? null,
              outcomes: r?.e.outcomes ?? null,
              submittedAt: r?.e.submittedAt?.toISOString() ?? null,
              submittedByName: r?.submittedByName ?? null,
              updatedAt: r?.e.updatedAt.toISOString() ?? null,
              status: evidenceStatus(r?.e),
              version: r?.e.version ?? 0,
              files: r ? files.filter((f) => f.ownerId === r.e.id) : [],
              allowedVerbs: allowedVerbs(impactEvidencePolicy, ctx.actor, { agencyId: a.id }).filter(
                (v) => v === 'read' || (open && status !== 'submitted'),
              ),
            }
          : null,
      };
    });
    return {
      ...summary(
        c,
        rec,
        agencyList.map(({ evidence: _e, ...rest }) => rest),
      ),
      agencies: agencyList,
      judgementReasons: c.judgementReasons,
      judgedByName: judge?.name ?? null,
      allowedVerbs: allowedVerbs(impactCheckPolicy, ctx.actor, {
        agencyIds: addressed.map((a) => a.id),
      }).filter((v) => v === 'read' || open),
    };
  }

  /** One agency's evidence on a check the reader may see; 404 unless they may read that agency's. */
  async function readableEvidence(ctx: ActorContext, id: string, agencyId: string) {
    const { addressed } = await loadCheck(db, ctx, id);
    const agency = addressed.find((a) => a.id === agencyId);
    // Another agency's evidence is as invisible as a check that does not exist.
    if (!agency || !can(impactEvidencePolicy, ctx.actor, 'read', { agencyId })) throw notFound(EVIDENCE);
    return agency;
  }

  /** Guards shared by writing and submitting one agency's evidence (and its files); returns the agency. */
  async function evidenceTarget(ctx: ActorContext, id: string, agencyId: string) {
    const agency = await readableEvidence(ctx, id, agencyId);
    authorize(impactEvidencePolicy, ctx.actor, 'write', { agencyId });
    return agency;
  }

  /**
   * For a change to the evidence's files: the check locked and still open, and the evidence (if any yet)
   * still a draft. Submitted evidence is final, files and all.
   */
  async function draftEvidence(tx: Tx, id: string, agencyId: string) {
    await lockOpenCheck(tx, id);
    const ev = await currentEvidence(tx, id, agencyId);
    if (ev?.submittedAt)
      throw new AppError(
        'INVALID_TRANSITION',
        'This evidence has been submitted, so its files can no longer be added or removed',
      );
    return ev;
  }

  /**
   * The evidence row a first file hangs on, before any text is saved. Its version stays 0, as when there
   * was no row, so the agency's first save of what they are typing (sent with version 0) still matches.
   */
  async function startEvidence(tx: Tx, ctx: ActorContext, id: string, agencyId: string) {
    const [row] = await tx
      .insert(impactCheckEvidence)
      .values({
        partnershipId: ctx.actor.partnershipId,
        impactCheckId: id,
        agencyId,
        version: 0,
        updatedAt: clock.now(),
      })
      .returning();
    return row;
  }

  const evidenceLog = (ev: EvidenceRow) => ({
    entity: 'impact_check_evidence',
    entityId: ev.id,
    detail: { impactCheckId: ev.impactCheckId, agencyId: ev.agencyId },
  });

  /** A check that takes no more evidence or judgement: its recommendation is finished or never started. */
  async function refuseIfRecommendationFinished(tx: Tx, recommendationId: string) {
    const [rec] = await tx
      .select({ status: recommendations.status })
      .from(recommendations)
      .where(eq(recommendations.id, recommendationId));
    if (FINISHED_STATUSES.includes(rec.status))
      throw new AppError(
        'INVALID_TRANSITION',
        `The recommendation is ${RECOMMENDATION_STATUS_LABELS[rec.status as RecommendationStatus].toLowerCase()}, so its impact checks are closed`,
      );
  }

  async function lockOpenCheck(tx: Tx, id: string) {
    await lockRow(tx, impactChecks, impactChecks.id, id);
    const [c] = await tx.select().from(impactChecks).where(eq(impactChecks.id, id));
    await refuseIfRecommendationFinished(tx, c.recommendationId);
    if (c.judgement)
      throw new AppError('INVALID_TRANSITION', 'This impact check has been judged, so its evidence is final');
    if (c.cancelledAt)
      throw new AppError(
        'INVALID_TRANSITION',
        'This impact check was cancelled, so it takes no more evidence',
      );
    return c;
  }

  const currentEvidence = async (tx: Executor, id: string, agencyId: string) =>
    (
      await tx
        .select()
        .from(impactCheckEvidence)
        .where(and(eq(impactCheckEvidence.impactCheckId, id), eq(impactCheckEvidence.agencyId, agencyId)))
    )[0];

  return {
    /** Impact checks the reader may see, soonest due first (a fixed number of queries per page). */
    async listImpactChecks(ctx: ActorContext, q: ImpactCheckQuery) {
      const pid = ctx.actor.partnershipId;
      const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const own = ownRegisterAgencies(ctx.actor);
      const oversees = overseesRegister(ctx.actor);
      if (!oversees && own.length === 0) return empty;
      const addressedTo = (ids: string[]) =>
        sql`exists (select 1 from ${recommendationAgencies} ra where ra.recommendation_id = ${impactChecks.recommendationId}
          and ra.agency_id in (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )}))`;
      const open = and(isNull(impactChecks.judgement), isNull(impactChecks.cancelledAt));
      const t = today();
      const conds: (SQL | undefined)[] = [
        eq(impactChecks.partnershipId, pid),
        q.includeCancelled ? undefined : isNull(impactChecks.cancelledAt),
        q.recommendationId ? eq(impactChecks.recommendationId, q.recommendationId) : undefined,
        q.agencyId ? addressedTo([q.agencyId]) : undefined,
        q.judged === 'true' ? isNotNull(impactChecks.judgement) : undefined,
        q.judged === 'false' ? isNull(impactChecks.judgement) : undefined,
        q.due === 'overdue' ? and(open, lt(impactChecks.dueOn, t)) : undefined,
        q.due && q.due !== 'overdue'
          ? and(open, gte(impactChecks.dueOn, t), lte(impactChecks.dueOn, addDays(t, Number(q.due))))
          : undefined,
        oversees ? undefined : addressedTo(own),
      ];
      const where = and(...conds);
      const [{ total }] = await db.select({ total: count() }).from(impactChecks).where(where);
      const rows = await db
        .select({
          c: impactChecks,
          rec: {
            id: recommendations.id,
            number: recommendations.number,
            title: recommendations.title,
            status: recommendations.status,
          },
        })
        .from(impactChecks)
        .innerJoin(recommendations, eq(recommendations.id, impactChecks.recommendationId))
        .where(where)
        .orderBy(asc(impactChecks.dueOn), asc(recommendations.number), asc(impactChecks.months))
        .limit(q.pageSize)
        .offset(offsetOf(q));
      if (rows.length === 0) return { ...empty, total: Number(total) };
      const recIds = [...new Set(rows.map((r) => r.rec.id))];
      const links = await db
        .select({
          recommendationId: recommendationAgencies.recommendationId,
          id: agencies.id,
          name: agencies.name,
        })
        .from(recommendationAgencies)
        .innerJoin(agencies, eq(agencies.id, recommendationAgencies.agencyId))
        .where(inArray(recommendationAgencies.recommendationId, recIds))
        .orderBy(asc(agencies.name), asc(agencies.id));
      const evidence = await db
        .select({
          impactCheckId: impactCheckEvidence.impactCheckId,
          agencyId: impactCheckEvidence.agencyId,
          submittedAt: impactCheckEvidence.submittedAt,
        })
        .from(impactCheckEvidence)
        .where(
          inArray(
            impactCheckEvidence.impactCheckId,
            rows.map((r) => r.c.id),
          ),
        );
      const ev = new Map(evidence.map((e) => [`${e.impactCheckId}|${e.agencyId}`, e]));
      return {
        items: rows.map((r) =>
          summary(
            r.c,
            r.rec,
            links
              .filter((l) => l.recommendationId === r.rec.id)
              .map((l) => ({
                id: l.id,
                name: l.name,
                evidenceStatus: can(impactEvidencePolicy, ctx.actor, 'read', { agencyId: l.id })
                  ? evidenceStatus(ev.get(`${r.c.id}|${l.id}`))
                  : null,
              })),
          ),
        ),
        total: Number(total),
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** One impact check with the evidence the reader may see. */
    getImpactCheck: (ctx: ActorContext, id: string) => detail(db, ctx, id),

    /** Saves one agency's evidence (a draft until submitted), with a version check. */
    async saveEvidence(ctx: ActorContext, id: string, agencyId: string, input: EvidenceInput) {
      await evidenceTarget(ctx, id, agencyId);
      const practiceChange = blank(input.practiceChange) ? null : input.practiceChange!.trim();
      const outcomes = blank(input.outcomes) ? null : input.outcomes!.trim();
      await db.transaction(async (tx) => {
        await lockOpenCheck(tx, id);
        const before = await currentEvidence(tx, id, agencyId);
        if ((before?.version ?? 0) !== input.version)
          throw conflict('Someone else changed this evidence. Check their changes.', {
            current: before ?? null,
          });
        if (before?.submittedAt)
          throw new AppError(
            'INVALID_TRANSITION',
            'This evidence has been submitted, so it cannot be changed',
          );
        const now = clock.now();
        const [after] = before
          ? await tx
              .update(impactCheckEvidence)
              .set({ practiceChange, outcomes, version: before.version + 1, updatedAt: now })
              .where(eq(impactCheckEvidence.id, before.id))
              .returning()
          : await tx
              .insert(impactCheckEvidence)
              .values({
                partnershipId: ctx.actor.partnershipId,
                impactCheckId: id,
                agencyId,
                practiceChange,
                outcomes,
                updatedAt: now,
              })
              .returning();
        await writeAudit(tx, ctx, {
          entity: 'impact_check_evidence',
          entityId: after.id,
          action: before ? 'updated' : 'created',
          before: before ? { practiceChange: before.practiceChange, outcomes: before.outcomes } : null,
          after: { impactCheckId: id, agencyId, practiceChange, outcomes },
        });
      });
      return detail(db, ctx, id);
    },

    /** Submits one agency's evidence to the monitoring group (submitting twice changes nothing). */
    async submitEvidence(ctx: ActorContext, id: string, agencyId: string, input: { version?: number }) {
      await evidenceTarget(ctx, id, agencyId);
      await db.transaction(async (tx) => {
        await lockOpenCheck(tx, id);
        const before = await currentEvidence(tx, id, agencyId);
        if (before?.submittedAt) return;
        if (input.version !== undefined && (before?.version ?? 0) !== input.version)
          throw conflict('Someone else changed this evidence. Check their changes.', {
            current: before ?? null,
          });
        const fields: Record<string, string> = {};
        if (blank(before?.practiceChange))
          fields.practiceChange = 'Enter the evidence of change in practice before submitting';
        if (blank(before?.outcomes))
          fields.outcomes =
            'Enter the evidence of change in outcomes for children and adults before submitting';
        if (!before || Object.keys(fields).length) throw invalid(fields);
        const now = clock.now();
        await tx
          .update(impactCheckEvidence)
          .set({
            submittedAt: now,
            submittedBy: ctx.actor.personId,
            version: before.version + 1,
            updatedAt: now,
          })
          .where(eq(impactCheckEvidence.id, before.id));
        await writeAudit(tx, ctx, {
          entity: 'impact_check_evidence',
          entityId: before.id,
          action: 'submitted',
          before: { submittedAt: null },
          after: { impactCheckId: id, agencyId, submittedAt: now },
        });
        // Evidence for a check that has fallen due: the recommendation's impact is being checked now.
        const [check] = await tx
          .select({ recommendationId: impactChecks.recommendationId })
          .from(impactChecks)
          .where(eq(impactChecks.id, id));
        await markImpactChecksDue(tx, ctx, { today: today(), now, recommendationId: check.recommendationId });
      });
      return detail(db, ctx, id);
    },

    /** Checks a file may be added to one agency's evidence before the upload's bytes are read. */
    async checkEvidenceUpload(ctx: ActorContext, id: string, agencyId: string) {
      await evidenceTarget(ctx, id, agencyId);
      await db.transaction((tx) => draftEvidence(tx, id, agencyId));
    },

    /** Adds an evidence file to one agency's draft evidence (starting the evidence if need be). */
    async addEvidenceFile(
      ctx: ActorContext,
      id: string,
      agencyId: string,
      upload: { fileName: string; bytes: Buffer },
    ) {
      await evidenceTarget(ctx, id, agencyId);
      return registerFiles.addFile(ctx, EVIDENCE_FILE, upload, async (tx) => {
        const ev = (await draftEvidence(tx, id, agencyId)) ?? (await startEvidence(tx, ctx, id, agencyId));
        return { ownerId: ev.id, agencyId, log: evidenceLog(ev) };
      });
    },

    /** The files of one agency's evidence, for those who may read it. */
    async listEvidenceFiles(ctx: ActorContext, id: string, agencyId: string) {
      await readableEvidence(ctx, id, agencyId);
      const ev = await currentEvidence(db, id, agencyId);
      return ev ? registerFiles.listFiles(db, ctx.actor.partnershipId, EVIDENCE_FILE, [ev.id]) : [];
    },

    /** One file of an agency's evidence, for those who may read it; the download is logged. */
    async openEvidenceFile(ctx: ActorContext, id: string, agencyId: string, fileId: string) {
      await readableEvidence(ctx, id, agencyId);
      const ev = await currentEvidence(db, id, agencyId);
      const file = await registerFiles.liveFile(
        db,
        ctx.actor.partnershipId,
        EVIDENCE_FILE,
        ev ? [ev.id] : [],
        fileId,
      );
      return registerFiles.openFile(ctx, file);
    },

    /** Takes a file off one agency's evidence while it is a draft; the record is kept. */
    async removeEvidenceFile(ctx: ActorContext, id: string, agencyId: string, fileId: string) {
      await evidenceTarget(ctx, id, agencyId);
      return registerFiles.removeFile(ctx, EVIDENCE_FILE, fileId, async (tx) => {
        const ev = await draftEvidence(tx, id, agencyId);
        if (!ev) throw notFound('This file');
        return { owners: [ev.id], log: () => evidenceLog(ev) };
      });
    },

    /**
     * Records the monitoring group's judgement once every addressed agency has submitted evidence.
     * "Not embedded" reopens the recommendation and its completed actions in the same transaction.
     */
    async judgeImpactCheck(ctx: ActorContext, id: string, input: ImpactJudgementInput) {
      const { addressed } = await loadCheck(db, ctx, id);
      authorize(impactCheckPolicy, ctx.actor, 'judge', { agencyIds: addressed.map((a) => a.id) });
      if (input.judgedOn > today())
        throw invalid({ judgedOn: 'The date of the judgement must be today or in the past' });
      await db.transaction(async (tx) => {
        await lockRow(tx, impactChecks, impactChecks.id, id);
        const [before] = await tx.select().from(impactChecks).where(eq(impactChecks.id, id));
        if (before.judgement)
          throw new AppError('INVALID_TRANSITION', 'This impact check has already been judged', {
            current: before,
          });
        if (before.cancelledAt)
          throw new AppError('INVALID_TRANSITION', 'This impact check was cancelled, so it cannot be judged');
        await refuseIfRecommendationFinished(tx, before.recommendationId);
        if (before.version !== input.version)
          throw conflict('Someone else changed this impact check. Check their changes.', { current: before });
        await markImpactChecksDue(tx, ctx, {
          today: today(),
          now: clock.now(),
          recommendationId: before.recommendationId,
        });
        const agencyIds = (
          await tx
            .select({ agencyId: recommendationAgencies.agencyId })
            .from(recommendationAgencies)
            .where(eq(recommendationAgencies.recommendationId, before.recommendationId))
        ).map((r) => r.agencyId);
        const submitted = new Set(
          (
            await tx
              .select({ agencyId: impactCheckEvidence.agencyId })
              .from(impactCheckEvidence)
              .where(
                and(eq(impactCheckEvidence.impactCheckId, id), isNotNull(impactCheckEvidence.submittedAt)),
              )
          ).map((r) => r.agencyId),
        );
        const waiting = addressed.filter((a) => agencyIds.includes(a.id) && !submitted.has(a.id));
        if (agencyIds.length === 0 || waiting.length > 0)
          throw new AppError(
            'INVALID_TRANSITION',
            waiting.length
              ? `Every agency must submit its evidence before the check is judged. Still waiting for: ${waiting.map((a) => a.name).join(', ')}`
              : 'The recommendation is addressed to no agency, so there is no evidence to judge',
            { waitingForAgencyIds: waiting.map((a) => a.id) },
          );
        const now = clock.now();
        const [after] = await tx
          .update(impactChecks)
          .set({
            judgement: input.judgement,
            judgementReasons: input.reasons,
            judgedOn: input.judgedOn,
            judgedBy: ctx.actor.personId,
            version: before.version + 1,
            updatedAt: now,
          })
          .where(eq(impactChecks.id, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'impact_check',
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
        if (input.judgement === 'not_embedded') await reopen(tx, ctx, after, now);
      });
      return detail(db, ctx, id);
    },
  };

  /** "Not embedded": the recommendation goes back to in progress, and so do its completed actions. */
  async function reopen(tx: Tx, ctx: ActorContext, check: CheckRow, now: Date) {
    await lockRow(tx, recommendations, recommendations.id, check.recommendationId);
    const [rec] = await tx
      .select()
      .from(recommendations)
      .where(eq(recommendations.id, check.recommendationId));
    const reason = `Reopened: the ${check.months}-month impact check was judged not embedded on ${check.judgedOn}. ${check.judgementReasons}`;
    // Agreed or having its impact checked → in progress (the status machine's moves); in progress stays.
    const status = isAllowedTransition(rec.status as RecommendationStatus, 'in_progress')
      ? 'in_progress'
      : rec.status;
    await tx
      .update(recommendations)
      .set({ status, statusReason: reason, version: rec.version + 1, updatedAt: now })
      .where(eq(recommendations.id, rec.id));
    await writeAudit(tx, ctx, {
      entity: 'recommendation',
      entityId: rec.id,
      action: 'reopened',
      before: { status: rec.status, statusReason: rec.statusReason, version: rec.version },
      after: {
        status,
        statusReason: reason,
        version: rec.version + 1,
        impactCheckId: check.id,
      },
    });
    const done = await tx
      .select({ a: actions })
      .from(actions)
      .innerJoin(actionRecommendations, eq(actionRecommendations.actionId, actions.id))
      .where(
        and(
          eq(actionRecommendations.recommendationId, rec.id),
          eq(actions.partnershipId, check.partnershipId),
          eq(actions.status, 'complete'),
        ),
      )
      .orderBy(asc(actions.id))
      .for('update', { of: actions });
    for (const { a } of done) {
      await tx
        .update(actions)
        .set({ status: 'in_progress', completedOn: null, version: a.version + 1, updatedAt: now })
        .where(eq(actions.id, a.id));
      await writeAudit(tx, ctx, {
        entity: 'action',
        entityId: a.id,
        action: 'reopened',
        before: { status: a.status, completedOn: a.completedOn, version: a.version },
        after: {
          status: 'in_progress',
          completedOn: null,
          version: a.version + 1,
          reason: `Recommendation R-${rec.number} reopened: impact check judged not embedded`,
        },
      });
    }
  }
}
