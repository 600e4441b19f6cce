import type { Readable } from 'node:stream';
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TAnswers, TAuditTemplate } from '../../../contracts/audit-tools.js';
import { allQuestions, visibleAnswers } from '../../../contracts/audit-tools.rules.js';
import type { TCarryForward } from '../../../contracts/responses.js';
import {
  canonicalJson,
  carriedAnswers,
  changedQuestionIds,
  checkAnswerShapes,
  submitErrors,
  withEvidence,
} from '../../../contracts/responses.rules.js';
import { type Actor, type ActorContext, agenciesOf } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { AppError, conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import type { FileStorage } from '../../platform/file-storage.js';
import { offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize, can } from '../../platform/policy.js';
import { acceptUpload, openStored, storeThenRecord } from '../../platform/uploads.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { auditTemplates, auditTemplateVersions } from '../audit-tools/audit-tools.tables.js';
import { caseFilesReadableBy } from '../case-reviews/case-reviews.access.js';
import { memberships, people } from '../people/people.tables.js';
import { qaActivities } from '../programme/programme.tables.js';
import { type ResponseResource, responsePolicy, responseRequestPolicy } from './responses.policy.js';
import type { TResponseCreate, TResponseListQuery } from './responses.schemas.js';
import { formResponseFiles as files, formResponses as responses } from './responses.tables.js';

export type ResponseService = ReturnType<typeof createResponseService>;
type Exec = Db | Tx;
type ResponseRow = typeof responses.$inferSelect;
type FileRow = typeof files.$inferSelect;

const RESPONSE = 'This response';
const FILE = 'This file';
const SUBMITTED = 'This form has been submitted, so its answers can no longer be changed.';
const STALE =
  'Someone else saved answers to this form after you opened it. Compare their answers with yours and choose what to keep.';

const assignees = alias(people, 'assignee');

/** The form engine: requests to answer a template version, autosaved answers, submission and evidence files. */
export function createResponseService(deps: { db: Db; clock: Clock; storage: FileStorage }) {
  const { db, clock, storage } = deps;

  /** `files`: the case files the person may read (caseFilesReadableBy); only responses under a case file need it. */
  const resourceOf = (
    r: Pick<ResponseRow, 'agencyId' | 'assigneePersonId' | 'caseFileId'>,
    files: 'all' | Set<string> = new Set(),
  ): ResponseResource => ({
    agencyId: r.agencyId,
    assigneePersonId: r.assigneePersonId,
    caseFile: r.caseFileId ? { readable: files === 'all' || files.has(r.caseFileId) } : null,
  });

  /**
   * The response, or 404 when it is another partnership's or the person may not read it. Inside a change's
   * transaction pass `lock`: the row is then locked until commit, so two saves (or a save and a submit)
   * of the same version cannot both pass the version check and overwrite each other.
   */
  async function loadReadable(exec: Exec, actor: Actor, id: string, lock = false): Promise<ResponseRow> {
    const query = exec
      .select()
      .from(responses)
      .where(and(eq(responses.id, id), eq(responses.partnershipId, actor.partnershipId)));
    const [row] = lock ? await query.for('update') : await query;
    const files = row?.caseFileId ? await caseFilesReadableBy(exec, actor) : undefined;
    if (!row || !can(responsePolicy, actor, 'read', resourceOf(row, files))) throw notFound(RESPONSE);
    return row;
  }

  /** The response for a change: 404 as for reading; 403 for readers who may not answer; 409 once submitted. */
  async function loadWritable(exec: Exec, actor: Actor, id: string, lock = false): Promise<ResponseRow> {
    const row = await loadReadable(exec, actor, id, lock);
    authorize(responsePolicy, actor, 'write', resourceOf(row));
    if (row.status === 'submitted') throw new AppError('INVALID_TRANSITION', SUBMITTED);
    return row;
  }

  async function definitionOf(exec: Exec, versionId: string): Promise<TAuditTemplate> {
    const [v] = await exec
      .select({ definition: auditTemplateVersions.definition })
      .from(auditTemplateVersions)
      .where(eq(auditTemplateVersions.id, versionId));
    return v.definition;
  }

  async function liveFiles(exec: Exec, responseId: string): Promise<FileRow[]> {
    return exec
      .select()
      .from(files)
      .where(and(eq(files.responseId, responseId), isNull(files.removedAt)))
      .orderBy(asc(files.uploadedAt), asc(files.id));
  }

  async function personRef(exec: Exec, id: string | null) {
    if (!id) return null;
    const [p] = await exec.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, id));
    return p ?? null;
  }

  async function previousAnswersOf(exec: Exec, actor: Actor, row: ResponseRow): Promise<TAnswers | null> {
    if (!row.previousResponseId) return null;
    const [prev] = await exec
      .select({ answers: responses.answers })
      .from(responses)
      .where(and(eq(responses.id, row.previousResponseId), eq(responses.partnershipId, actor.partnershipId)));
    return prev?.answers ?? null;
  }

  const summarySelect = {
    r: responses,
    agencyName: agencies.name,
    assigneeName: assignees.name,
    activityTitle: qaActivities.title,
    templateId: auditTemplates.id,
    templateTitle: auditTemplates.title,
    versionNumber: auditTemplateVersions.number,
  };
  type SummaryRow = {
    r: ResponseRow;
    agencyName: string | null;
    assigneeName: string | null;
    activityTitle: string | null;
    templateId: string;
    templateTitle: string;
    versionNumber: number;
  };
  const summaryFrom = (exec: Exec) =>
    exec
      .select(summarySelect)
      .from(responses)
      .innerJoin(auditTemplateVersions, eq(auditTemplateVersions.id, responses.templateVersionId))
      .innerJoin(auditTemplates, eq(auditTemplates.id, auditTemplateVersions.templateId))
      .leftJoin(agencies, eq(agencies.id, responses.agencyId))
      .leftJoin(assignees, eq(assignees.id, responses.assigneePersonId))
      .leftJoin(qaActivities, eq(qaActivities.id, responses.activityId));

  function summary(actor: Actor, s: SummaryRow, files?: 'all' | Set<string>) {
    const { r } = s;
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      dueOn: r.dueOn,
      agency: r.agencyId && s.agencyName !== null ? { id: r.agencyId, name: s.agencyName } : null,
      assignee:
        r.assigneePersonId && s.assigneeName !== null
          ? { id: r.assigneePersonId, name: s.assigneeName }
          : null,
      activity:
        r.activityId && s.activityTitle !== null ? { id: r.activityId, title: s.activityTitle } : null,
      template: {
        id: s.templateId,
        title: s.templateTitle,
        versionId: r.templateVersionId,
        versionNumber: s.versionNumber,
      },
      version: r.version,
      lastSavedAt: r.lastSavedAt,
      submittedAt: r.submittedAt,
      createdAt: r.createdAt,
      allowedVerbs: allowedVerbs(responsePolicy, actor, resourceOf(r, files)),
    };
  }

  async function fileViews(exec: Exec, rows: FileRow[]) {
    const ids = [...new Set(rows.map((f) => f.uploadedBy).filter((x): x is string => x !== null))];
    const names = ids.length
      ? await exec.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))
      : [];
    return rows.map((f) => fileView(f, names.find((n) => n.id === f.uploadedBy) ?? null));
  }

  const fileView = (f: FileRow, uploadedBy: { id: string; name: string } | null) => ({
    id: f.id,
    questionId: f.questionId,
    fileName: f.fileName,
    mediaType: f.mediaType,
    sizeBytes: f.sizeBytes,
    uploadedAt: f.uploadedAt,
    uploadedBy,
    removedAt: f.removedAt,
  });

  async function detail(exec: Exec, actor: Actor, id: string) {
    const [s] = await summaryFrom(exec).where(
      and(eq(responses.id, id), eq(responses.partnershipId, actor.partnershipId)),
    );
    if (!s) throw notFound(RESPONSE);
    const r = s.r;
    const definition = await definitionOf(exec, r.templateVersionId);
    const live = await liveFiles(exec, r.id);
    const writable = can(responsePolicy, actor, 'write', resourceOf(r));
    const caseFilesRead = r.caseFileId ? await caseFilesReadableBy(exec, actor) : undefined;
    return {
      ...summary(actor, s, caseFilesRead),
      answers: r.answers,
      carryForward: r.carryForward,
      previousResponseId: r.previousResponseId,
      previousAnswers: await previousAnswersOf(exec, actor, r),
      lastSavedBy: await personRef(exec, r.lastSavedBy),
      submittedBy: await personRef(exec, r.submittedBy),
      definition: definition as unknown as Record<string, unknown>,
      files: await fileViews(exec, live),
      canEdit: writable && r.status === 'draft',
    };
  }

  async function saveResult(exec: Exec, r: ResponseRow) {
    return {
      id: r.id,
      status: r.status,
      version: r.version,
      answers: r.answers,
      carryForward: r.carryForward,
      lastSavedAt: r.lastSavedAt,
      lastSavedBy: await personRef(exec, r.lastSavedBy),
      submittedAt: r.submittedAt,
    };
  }

  /** What a stale saver is shown beside their own answers. */
  async function conflictWith(exec: Exec, r: ResponseRow) {
    return conflict(STALE, {
      current: {
        answers: r.answers,
        carryForward: r.carryForward,
        version: r.version,
        status: r.status,
        lastSavedAt: r.lastSavedAt?.toISOString() ?? null,
        lastSavedBy: await personRef(exec, r.lastSavedBy),
      },
    });
  }

  // Evidence answers follow the files: stored answers are kept in step, without a new version, so an
  // upload never makes the person's next autosave look stale.
  async function syncEvidence(tx: Tx, r: ResponseRow) {
    const definition = await definitionOf(tx, r.templateVersionId);
    const answers = withEvidence(definition, r.answers, await liveFiles(tx, r.id));
    await tx.update(responses).set({ answers, updatedAt: clock.now() }).where(eq(responses.id, r.id));
  }

  async function checkUpload(ctx: ActorContext, id: string, questionId: string) {
    const row = await loadWritable(db, ctx.actor, id);
    const definition = await definitionOf(db, row.templateVersionId);
    const q = allQuestions(definition).find((x) => x.id === questionId);
    if (q?.type !== 'evidence_file') throw invalid({ file: 'This question does not take files' });
  }

  return {
    /** Responses the person may see, newest due first; filters by status, agency, activity and "mine". */
    async listResponses(ctx: ActorContext, q: TResponseListQuery) {
      const { actor } = ctx;
      const oversees = can(responseRequestPolicy, actor, 'create', undefined);
      const led = agenciesOf(actor, 'agency_lead');
      const own = or(
        eq(responses.assigneePersonId, actor.personId),
        led.length ? inArray(responses.agencyId, led) : undefined,
      );
      // Requests under a case file are shown only to their answerers and the case file's readers; those who
      // oversee see every other request.
      const files = await caseFilesReadableBy(db, actor);
      const caseFilesRead =
        files === 'all'
          ? isNotNull(responses.caseFileId)
          : files.size
            ? inArray(responses.caseFileId, [...files])
            : undefined;
      const where = and(
        eq(responses.partnershipId, actor.partnershipId),
        q.mine ? own : or(own, oversees ? isNull(responses.caseFileId) : undefined, caseFilesRead),
        q.status ? eq(responses.status, q.status) : undefined,
        q.agencyId ? eq(responses.agencyId, q.agencyId) : undefined,
        q.activityId ? eq(responses.activityId, q.activityId) : undefined,
      );
      const [rows, [{ total }]] = await Promise.all([
        summaryFrom(db)
          .where(where)
          .orderBy(
            asc(responses.status),
            sql`${responses.dueOn} asc nulls last`,
            desc(responses.createdAt),
            asc(responses.id),
          )
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(responses).where(where),
      ]);
      return {
        items: rows.map((s) => summary(actor, s, files)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Sends a request: a new response on the template's latest published version. */
    async createResponse(ctx: ActorContext, input: TResponseCreate) {
      const { actor } = ctx;
      authorize(responseRequestPolicy, actor, 'create', undefined);
      const agencyId = input.agencyId ?? null;
      const assigneePersonId = input.assigneePersonId ?? null;
      const activityId = input.activityId ?? null;
      const previousResponseId = input.previousResponseId ?? null;
      const id = await db.transaction(async (tx) => {
        const errors: FieldErrors = {};
        const [template] = await tx
          .select()
          .from(auditTemplates)
          .where(
            and(
              eq(auditTemplates.id, input.templateId),
              eq(auditTemplates.partnershipId, actor.partnershipId),
              eq(auditTemplates.active, true),
            ),
          );
        const [version] = template
          ? await tx
              .select()
              .from(auditTemplateVersions)
              .where(
                and(
                  eq(auditTemplateVersions.templateId, template.id),
                  eq(auditTemplateVersions.status, 'published'),
                ),
              )
              .orderBy(desc(auditTemplateVersions.number))
              .limit(1)
          : [];
        if (!template) errors.templateId = 'Choose an audit tool from the list';
        else if (!version)
          errors.templateId =
            'This audit tool has no published version yet. Publish it before sending requests.';
        if (!agencyId && !assigneePersonId) errors.agencyId = 'Choose an agency or a person to send this to';
        if (agencyId) {
          const [link] = await tx
            .select()
            .from(partnershipAgencies)
            .where(
              and(
                eq(partnershipAgencies.partnershipId, actor.partnershipId),
                eq(partnershipAgencies.agencyId, agencyId),
                eq(partnershipAgencies.active, true),
              ),
            );
          if (!link) errors.agencyId = 'Choose an active agency of this partnership';
        }
        if (assigneePersonId) {
          const [member] = await tx
            .select({ id: memberships.id })
            .from(memberships)
            .innerJoin(people, eq(people.id, memberships.personId))
            .where(
              and(
                eq(memberships.partnershipId, actor.partnershipId),
                eq(memberships.personId, assigneePersonId),
                eq(memberships.active, true),
                eq(people.active, true),
              ),
            )
            .limit(1);
          if (!member) errors.assigneePersonId = 'Choose an active member of this partnership';
        }
        if (activityId) {
          const [activity] = await tx
            .select({ id: qaActivities.id })
            .from(qaActivities)
            .where(and(eq(qaActivities.id, activityId), eq(qaActivities.partnershipId, actor.partnershipId)));
          if (!activity) errors.activityId = 'Choose an activity of this partnership’s programme';
        }
        let previous: ResponseRow | undefined;
        if (previousResponseId) {
          [previous] = await tx
            .select()
            .from(responses)
            .where(
              and(eq(responses.id, previousResponseId), eq(responses.partnershipId, actor.partnershipId)),
            );
          // Earlier answers are shown to whoever answers this one, so they must be the same agency's (or person's).
          // A case file's confidential summary is never carried into an ordinary request.
          const sameAnswerer =
            previous !== undefined &&
            previous.caseFileId === null &&
            previous.agencyId === agencyId &&
            (agencyId !== null || previous.assigneePersonId === assigneePersonId);
          if (!sameAnswerer)
            errors.previousResponseId = 'Choose an earlier response from the same agency or person';
        }
        if (Object.keys(errors).length > 0) throw invalid(errors);

        const answers = previous ? carriedAnswers(version.definition, previous.answers) : {};
        const [row] = await tx
          .insert(responses)
          .values({
            partnershipId: actor.partnershipId,
            templateVersionId: version.id,
            activityId,
            agencyId,
            assigneePersonId,
            title: input.title,
            dueOn: input.dueOn ?? null,
            answers,
            previousResponseId,
            createdBy: actor.personId,
          })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'form_response',
          entityId: row.id,
          action: 'created',
          after: {
            title: row.title,
            templateId: template.id,
            templateVersionId: version.id,
            templateVersionNumber: version.number,
            agencyId,
            assigneePersonId,
            activityId,
            dueOn: row.dueOn,
            previousResponseId,
            carriedQuestionIds: Object.keys(answers).sort(),
          },
        });
        return row.id;
      });
      return detail(db, actor, id);
    },

    /** One response with its frozen template version, earlier answers and files. */
    async getResponse(ctx: ActorContext, id: string) {
      await loadReadable(db, ctx.actor, id);
      return detail(db, ctx.actor, id);
    },

    /**
     * Autosave: replaces the draft answers. Each answer must suit its question's type, though a draft may
     * be incomplete. A stale version is refused with the saved answers (409) unless this exact save
     * already landed (a retry after a lost reply), which is answered as a success.
     */
    async saveAnswers(
      ctx: ActorContext,
      id: string,
      input: { answers: Record<string, unknown>; carryForward: TCarryForward; version: number },
    ) {
      const { actor } = ctx;
      return db.transaction(async (tx) => {
        const before = await loadWritable(tx, actor, id, true);
        const definition = await definitionOf(tx, before.templateVersionId);
        const { answers, errors } = checkAnswerShapes(definition, input.answers);
        const ids = new Set(allQuestions(definition).map((q) => q.id));
        for (const qid of Object.keys(input.carryForward)) {
          if (!ids.has(qid))
            errors[qid] =
              `There is no question ‘${qid}’ in this form. Reload the page to get the current form.`;
        }
        if (Object.keys(errors).length > 0) throw invalid(errors, 'Some answers could not be saved');
        const next = withEvidence(definition, answers, await liveFiles(tx, id));
        const unchanged =
          canonicalJson(next) === canonicalJson(before.answers) &&
          canonicalJson(input.carryForward) === canonicalJson(before.carryForward);
        if (before.version !== input.version) {
          if (unchanged) return saveResult(tx, before);
          throw await conflictWith(tx, before);
        }
        if (unchanged) return saveResult(tx, before);
        const now = clock.now();
        const [after] = await tx
          .update(responses)
          .set({
            answers: next,
            carryForward: input.carryForward,
            version: before.version + 1,
            lastSavedAt: now,
            lastSavedBy: actor.personId,
            updatedAt: now,
          })
          .where(eq(responses.id, id))
          .returning();
        // Small on purpose: which questions changed, not the answers themselves (they can be long).
        await writeAudit(tx, ctx, {
          entity: 'form_response',
          entityId: id,
          action: 'answers_saved',
          before: { version: before.version },
          after: {
            version: after.version,
            changedQuestionIds: changedQuestionIds(before, {
              answers: next,
              carryForward: input.carryForward,
            }),
          },
        });
        return saveResult(tx, after);
      });
    },

    /**
     * Submits: every visible question must pass the template's checks and every carried answer be
     * confirmed or changed (hidden questions are never required, and their answers are dropped). The
     * answers are then frozen. A repeated submit of the same version (a double click) is a success.
     */
    async submitResponse(ctx: ActorContext, id: string, input: { version: number }) {
      const { actor } = ctx;
      return db.transaction(async (tx) => {
        const before = await loadReadable(tx, actor, id, true);
        authorize(responsePolicy, actor, 'write', resourceOf(before));
        if (before.status === 'submitted') {
          if (before.submittedBy === actor.personId && before.version === input.version + 1)
            return saveResult(tx, before);
          throw new AppError('INVALID_TRANSITION', 'This form has already been submitted.');
        }
        if (before.version !== input.version) throw await conflictWith(tx, before);
        const definition = await definitionOf(tx, before.templateVersionId);
        const answers = withEvidence(definition, before.answers, await liveFiles(tx, id));
        const previous = await previousAnswersOf(tx, actor, before);
        const errors = submitErrors(definition, answers, previous, before.carryForward);
        if (Object.keys(errors).length > 0)
          throw invalid(errors, 'Some answers are missing or need changing before you can submit');
        const now = clock.now();
        const [after] = await tx
          .update(responses)
          .set({
            status: 'submitted',
            answers: visibleAnswers(definition, answers),
            version: before.version + 1,
            submittedAt: now,
            submittedBy: actor.personId,
            updatedAt: now,
          })
          .where(eq(responses.id, id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'form_response',
          entityId: id,
          action: 'submitted',
          before: { status: before.status, version: before.version },
          after: { status: after.status, version: after.version },
        });
        return saveResult(tx, after);
      });
    },

    /** Checks an upload may go ahead before its bytes are read (404 / 403 / 409 / not a file question). */
    checkUpload,

    /** Stores an evidence file (type checked by content) under a random key, and attaches it to its question. */
    async addFile(
      ctx: ActorContext,
      id: string,
      questionId: string,
      upload: { fileName: string; bytes: Buffer },
    ) {
      const { actor } = ctx;
      await checkUpload(ctx, id, questionId);
      const accepted = await acceptUpload(upload);
      const row = await storeThenRecord(storage, accepted.bytes, (storageKey) =>
        db.transaction(async (tx) => {
          const response = await loadWritable(tx, actor, id, true);
          const [file] = await tx
            .insert(files)
            .values({
              partnershipId: actor.partnershipId,
              responseId: id,
              questionId,
              storageKey,
              fileName: accepted.fileName,
              mediaType: accepted.mediaType,
              sizeBytes: accepted.sizeBytes,
              sha256: accepted.sha256,
              uploadedBy: actor.personId,
              uploadedAt: clock.now(),
            })
            .returning();
          await syncEvidence(tx, response);
          await writeAudit(tx, ctx, {
            entity: 'form_response',
            entityId: id,
            action: 'file_uploaded',
            after: {
              fileId: file.id,
              questionId,
              fileName: file.fileName,
              mediaType: file.mediaType,
              sizeBytes: file.sizeBytes,
              sha256: file.sha256,
            },
          });
          return file;
        }),
      );
      return fileView(row, { id: actor.personId, name: actor.name });
    },

    /** An evidence file's bytes, only for people who may read its response; the download is logged. */
    async openFile(
      ctx: ActorContext,
      id: string,
      fileId: string,
    ): Promise<{ file: FileRow; stream: Readable }> {
      await loadReadable(db, ctx.actor, id);
      const [file] = await db
        .select()
        .from(files)
        .where(
          and(
            eq(files.id, fileId),
            eq(files.responseId, id),
            eq(files.partnershipId, ctx.actor.partnershipId),
            isNull(files.removedAt),
          ),
        );
      if (!file) throw notFound(FILE);
      const stream = await openStored(storage, file.storageKey);
      try {
        await writeAudit(db, ctx, {
          entity: 'form_response',
          entityId: id,
          action: 'file_downloaded',
          after: { fileId, questionId: file.questionId, fileName: file.fileName },
        });
      } catch (error) {
        stream.destroy();
        throw error;
      }
      return { file, stream };
    },

    /** Takes a file off its question; the record (and, until retention, the bytes) stay. */
    async removeFile(ctx: ActorContext, id: string, fileId: string) {
      const { actor } = ctx;
      return db.transaction(async (tx) => {
        const response = await loadWritable(tx, actor, id, true);
        const [before] = await tx
          .select()
          .from(files)
          .where(and(eq(files.id, fileId), eq(files.responseId, id), isNull(files.removedAt)));
        if (!before) throw notFound(FILE);
        const [after] = await tx
          .update(files)
          .set({ removedAt: clock.now(), removedBy: actor.personId })
          .where(eq(files.id, fileId))
          .returning();
        await syncEvidence(tx, response);
        await writeAudit(tx, ctx, {
          entity: 'form_response',
          entityId: id,
          action: 'file_removed',
          before: { fileId, questionId: before.questionId, fileName: before.fileName },
        });
        const [view] = await fileViews(tx, [after]);
        return view;
      });
    },
  };
}
