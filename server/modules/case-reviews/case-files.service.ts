import { and, asc, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import {
  type CaseKind,
  caseFileReference,
  RAPID_REVIEW_STEP_LABELS,
  type RapidReviewStep,
} from '../../../contracts/case-reviews.js';
import type { Actor, ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { likePattern, offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { agencies } from '../agencies/agencies.tables.js';
import { auditTemplates, auditTemplateVersions } from '../audit-tools/audit-tools.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { memberships, people } from '../people/people.tables.js';
import { themes } from '../recommendations/recommendations.tables.js';
import { formResponses } from '../responses/responses.tables.js';
import type {
  AccessGrantBody,
  CaseFileCreate,
  CaseFileListQuery,
  CaseFileStage,
  CaseFileUpdate,
  NotificationBody,
} from './case-files.schemas.js';
import { type CaseFileRow, caseFileFor } from './case-reviews.access.js';
import {
  type CaseFileAccess,
  caseFilePolicy,
  caseReviewsPolicy,
  inCaseReviewGroup,
} from './case-reviews.policy.js';
import {
  isOverdue,
  needsRapidReview,
  notificationDueOn,
  notificationInTime,
  rapidReviewDueOn,
  rapidReviewTimetable,
  workingDayOf,
} from './case-reviews.rules.js';
import {
  caseFileAccess,
  caseFiles,
  caseFileThemes,
  caseReviewEvents,
  caseReviews,
  rapidReviewSteps,
  rapidReviews,
  sarReferrals,
  seriousIncidentNotifications,
} from './case-reviews.tables.js';
import { caseFileExtras } from './reviews.service.js';

export type CaseFileService = ReturnType<typeof createCaseFileService>;
type NotificationRow = typeof seriousIncidentNotifications.$inferSelect;

// Confidentiality in the audit log: partnership admins read the audit log but may not read case files, so
// case-review audit rows carry references, dates and choices, and name the free-text fields that changed
// (label, summary, reasons, notes) without copying them.

/** Names of the free-text fields that differ between two rows (for audit rows that must not copy them). */
export function changedTextFields<T extends Record<string, unknown>>(
  before: T | null | undefined,
  after: T,
  fields: (keyof T & string)[],
): string[] {
  return fields.filter((f) => (before?.[f] ?? null) !== (after[f] ?? null));
}

// --- What the actor may read ---------------------------------------------------------------------------

/**
 * The case files this actor may read, as SQL on the `case_files` row in the query (written as "case_files".id,
 * since drizzle leaves columns unqualified in a one-table select): all of the partnership's for the case review
 * group; otherwise those the person is named on. Lists use it so a list never shows what a read would 404.
 */
export function readableCaseFiles(actor: Actor): SQL {
  if (inCaseReviewGroup(actor)) return sql`true`;
  return sql`exists (select 1 from ${caseFileAccess} a where a.case_file_id = ${caseFiles}.id
    and a.person_id = ${actor.personId} and a.partnership_id = ${actor.partnershipId})`;
}

/**
 * Where a case file has got to, as SQL over `case_files`: a review under way ('review'); for a child, no
 * notification or not yet a rapid review ('notification'), a rapid review without a decision
 * ('rapid_review'), a care leaver's death or a decision that needs no review (immediate learning, no
 * further action: 'no_review'), otherwise 'decided'; for an adult likewise from the SAR referral.
 */
export const stageSql = sql<CaseFileStage>`case
  when exists (select 1 from ${caseReviews} cr where cr.case_file_id = ${caseFiles}.id) then 'review'
  when ${caseFiles}.kind = 'child' then coalesce((
    select case
      when n.kind = 'care_leaver_death' then 'no_review'
      when rr.id is null then 'notification'
      when rr.decision is null then 'rapid_review'
      when rr.decision in ('immediate_learning', 'no_further_action') then 'no_review'
      else 'decided' end
    from ${seriousIncidentNotifications} n left join ${rapidReviews} rr on rr.notification_id = n.id
    where n.case_file_id = ${caseFiles}.id), 'notification')
  else coalesce((
    select case
      when s.decision is null then 'sar_referral'
      when s.decision = 'immediate_learning' then 'no_review'
      else 'decided' end
    from ${sarReferrals} s where s.case_file_id = ${caseFiles}.id), 'sar_referral')
end`;

// --- Dated items under case files ----------------------------------------------------------------------

/** Something under a case file that is due and not yet done. */
export type CaseFileDueItem = {
  caseFileId: string;
  kind:
    | 'notification'
    | 'rapid_review_step'
    | 'summary_request'
    | 'sar_acknowledgement'
    | 'review_event'
    | 'review_publication';
  /** The step, request, referral, event or review (the notification for 'notification'). */
  itemId: string;
  what: string;
  dueOn: string;
  overdue: boolean;
};

/**
 * Every open dated item under the given case files (or under every case file of the partnership when
 * `caseFileIds` is omitted), optionally only those due on or before `dueBy`: unsent notifications, rapid
 * review steps not done, summary requests not submitted, SAR referrals not acknowledged, review milestones
 * not done and reviews not yet published. Set-based: one query per kind, never one per file. The caller
 * decides which case files the actor may read.
 */
export async function openDueItems(
  exec: Executor,
  partnershipId: string,
  today: string,
  opts: { caseFileIds?: string[]; dueBy?: string } = {},
): Promise<CaseFileDueItem[]> {
  if (opts.caseFileIds && opts.caseFileIds.length === 0) return [];
  const files = (col: SQL | typeof caseFiles.id) =>
    opts.caseFileIds ? inArray(col as typeof caseFiles.id, opts.caseFileIds) : undefined;
  const by = (col: SQL | typeof caseFiles.id) => (opts.dueBy ? sql`${col} <= ${opts.dueBy}` : undefined);
  const item = (
    caseFileId: string,
    kind: CaseFileDueItem['kind'],
    itemId: string,
    what: string,
    dueOn: string,
  ): CaseFileDueItem => ({ caseFileId, kind, itemId, what, dueOn, overdue: isOverdue(dueOn, null, today) });

  const notes = await exec
    .select({
      caseFileId: seriousIncidentNotifications.caseFileId,
      id: seriousIncidentNotifications.id,
      dueOn: seriousIncidentNotifications.notifyDueOn,
    })
    .from(seriousIncidentNotifications)
    .where(
      and(
        eq(seriousIncidentNotifications.partnershipId, partnershipId),
        isNull(seriousIncidentNotifications.notifiedPanelOn),
        files(seriousIncidentNotifications.caseFileId as never),
        by(seriousIncidentNotifications.notifyDueOn as never),
      ),
    );
  const steps = await exec
    .select({
      caseFileId: rapidReviews.caseFileId,
      id: rapidReviewSteps.id,
      step: rapidReviewSteps.step,
      dueOn: rapidReviewSteps.dueOn,
    })
    .from(rapidReviewSteps)
    .innerJoin(rapidReviews, eq(rapidReviews.id, rapidReviewSteps.rapidReviewId))
    .where(
      and(
        eq(rapidReviewSteps.partnershipId, partnershipId),
        isNull(rapidReviewSteps.doneOn),
        files(rapidReviews.caseFileId as never),
        by(rapidReviewSteps.dueOn as never),
      ),
    );
  const requests = await exec
    .select({
      caseFileId: formResponses.caseFileId,
      id: formResponses.id,
      dueOn: formResponses.dueOn,
      agencyName: agencies.name,
    })
    .from(formResponses)
    .leftJoin(agencies, eq(agencies.id, formResponses.agencyId))
    .where(
      and(
        eq(formResponses.partnershipId, partnershipId),
        sql`${formResponses.caseFileId} is not null`,
        eq(formResponses.status, 'draft'),
        sql`${formResponses.dueOn} is not null`,
        files(formResponses.caseFileId as never),
        by(formResponses.dueOn as never),
      ),
    );
  const referrals = await exec
    .select({
      caseFileId: sarReferrals.caseFileId,
      id: sarReferrals.id,
      dueOn: sarReferrals.acknowledgeDueOn,
    })
    .from(sarReferrals)
    .where(
      and(
        eq(sarReferrals.partnershipId, partnershipId),
        isNull(sarReferrals.acknowledgedOn),
        files(sarReferrals.caseFileId as never),
        by(sarReferrals.acknowledgeDueOn as never),
      ),
    );
  const events = await exec
    .select({
      caseFileId: caseReviews.caseFileId,
      id: caseReviewEvents.id,
      title: caseReviewEvents.title,
      dueOn: caseReviewEvents.dueOn,
    })
    .from(caseReviewEvents)
    .innerJoin(caseReviews, eq(caseReviews.id, caseReviewEvents.reviewId))
    .where(
      and(
        eq(caseReviewEvents.partnershipId, partnershipId),
        isNull(caseReviewEvents.doneOn),
        sql`${caseReviewEvents.dueOn} is not null`,
        files(caseReviews.caseFileId as never),
        by(caseReviewEvents.dueOn as never),
      ),
    );
  const publications = await exec
    .select({
      caseFileId: caseReviews.caseFileId,
      id: caseReviews.id,
      title: caseReviews.title,
      dueOn: caseReviews.targetPublicationOn,
    })
    .from(caseReviews)
    .where(
      and(
        eq(caseReviews.partnershipId, partnershipId),
        isNull(caseReviews.publishedOn),
        sql`${caseReviews.status} <> 'closed'`,
        files(caseReviews.caseFileId as never),
        by(caseReviews.targetPublicationOn as never),
      ),
    );
  return [
    ...notes.map((n) => item(n.caseFileId, 'notification', n.id, 'Notify the national panel', n.dueOn)),
    ...steps.map((s) =>
      item(s.caseFileId, 'rapid_review_step', s.id, RAPID_REVIEW_STEP_LABELS[s.step], s.dueOn),
    ),
    ...requests.map((r) =>
      item(
        r.caseFileId!,
        'summary_request',
        r.id,
        `Summary of involvement from ${r.agencyName ?? 'an agency'}`,
        r.dueOn!,
      ),
    ),
    ...referrals.map((r) =>
      item(r.caseFileId, 'sar_acknowledgement', r.id, 'Confirm receipt of the SAR referral', r.dueOn),
    ),
    ...events.map((e) => item(e.caseFileId, 'review_event', e.id, e.title, e.dueOn!)),
    ...publications.map((p) =>
      item(p.caseFileId, 'review_publication', p.id, `Publish the review: ${p.title}`, p.dueOn),
    ),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.what.localeCompare(b.what));
}

/** The soonest open item of each case file. */
export async function nextDueOf(exec: Executor, partnershipId: string, today: string, caseFileIds: string[]) {
  const byFile = new Map<string, { what: string; dueOn: string; overdue: boolean }>();
  for (const i of await openDueItems(exec, partnershipId, today, { caseFileIds })) {
    if (!byFile.has(i.caseFileId))
      byFile.set(i.caseFileId, { what: i.what, dueOn: i.dueOn, overdue: i.overdue });
  }
  return byFile;
}

// --- The detail -----------------------------------------------------------------------------------------

async function themesOf(exec: Executor, caseFileIds: string[]) {
  if (caseFileIds.length === 0) return new Map<string, { id: string; name: string }[]>();
  const rows = await exec
    .select({ caseFileId: caseFileThemes.caseFileId, id: themes.id, name: themes.name })
    .from(caseFileThemes)
    .innerJoin(themes, eq(themes.id, caseFileThemes.themeId))
    .where(inArray(caseFileThemes.caseFileId, caseFileIds))
    .orderBy(asc(sql`lower(${themes.name})`));
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) out.set(r.caseFileId, [...(out.get(r.caseFileId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** The people named on a case file, by name. */
export async function accessListOf(exec: Executor, caseFileId: string) {
  const rows = await exec
    .select({
      personId: caseFileAccess.personId,
      name: people.name,
      level: caseFileAccess.level,
      grantedAt: caseFileAccess.grantedAt,
    })
    .from(caseFileAccess)
    .innerJoin(people, eq(people.id, caseFileAccess.personId))
    .where(eq(caseFileAccess.caseFileId, caseFileId))
    .orderBy(asc(sql`lower(${people.name})`), asc(caseFileAccess.personId));
  return rows.map((r) => ({ ...r, grantedAt: r.grantedAt.toISOString() }));
}

export function notificationView(n: NotificationRow, today: string) {
  return {
    id: n.id,
    kind: n.kind,
    becameAwareOn: n.becameAwareOn,
    harm: n.harm,
    abuseOrNeglect: n.abuseOrNeglect,
    place: n.place,
    ageAtDeath: n.ageAtDeath,
    notifiedPanelOn: n.notifiedPanelOn,
    ofstedNotifiedOn: n.ofstedNotifiedOn,
    lateReason: n.lateReason,
    notifyDueOn: n.notifyDueOn,
    workingDay: workingDayOf(n.becameAwareOn, n.notifiedPanelOn ?? today),
    inTime: n.notifiedPanelOn ? notificationInTime(n.becameAwareOn, n.notifiedPanelOn) : null,
    overdue: isOverdue(n.notifyDueOn, n.notifiedPanelOn, today),
    needsRapidReview: needsRapidReview(n.kind),
    version: n.version,
  };
}

/** The rapid review with its timetable and the agencies' summary requests, or null. */
export async function rapidReviewView(exec: Executor, caseFileId: string, today: string) {
  const [rr] = await exec.select().from(rapidReviews).where(eq(rapidReviews.caseFileId, caseFileId));
  if (!rr) return null;
  const steps = await exec
    .select({ s: rapidReviewSteps, ownerName: people.name })
    .from(rapidReviewSteps)
    .leftJoin(people, eq(people.id, rapidReviewSteps.ownerPersonId))
    .where(eq(rapidReviewSteps.rapidReviewId, rr.id))
    .orderBy(asc(rapidReviewSteps.position));
  const requests = await exec
    .select({
      r: formResponses,
      agencyName: agencies.name,
      templateTitle: auditTemplates.title,
    })
    .from(formResponses)
    .innerJoin(auditTemplateVersions, eq(auditTemplateVersions.id, formResponses.templateVersionId))
    .innerJoin(auditTemplates, eq(auditTemplates.id, auditTemplateVersions.templateId))
    .leftJoin(agencies, eq(agencies.id, formResponses.agencyId))
    .where(eq(formResponses.caseFileId, caseFileId))
    .orderBy(asc(sql`lower(${agencies.name})`), asc(formResponses.createdAt), asc(formResponses.id));
  return {
    id: rr.id,
    startedOn: rr.startedOn,
    dueOn: rr.dueOn,
    workingDay: workingDayOf(rr.startedOn, rr.decisionSentOn ?? today),
    overdue: isOverdue(rr.dueOn, rr.decisionSentOn, today),
    decision: rr.decision,
    recommendNationalReview: rr.recommendNationalReview,
    decidedBy: rr.decidedBy,
    decidedOn: rr.decidedOn,
    justification: rr.justification,
    decisionSentOn: rr.decisionSentOn,
    decisionInTime: rr.decisionSentOn ? rr.decisionSentOn <= rr.dueOn : null,
    concernsNotIdentified: rr.concernsNotIdentified,
    thresholdsLearning: rr.thresholdsLearning,
    steps: steps.map(({ s, ownerName }) => ({
      id: s.id,
      step: s.step,
      label: RAPID_REVIEW_STEP_LABELS[s.step as RapidReviewStep],
      position: s.position,
      ownerPersonId: s.ownerPersonId,
      ownerName: s.ownerPersonId ? ownerName : null,
      dueOn: s.dueOn,
      dueWorkingDay: workingDayOf(rr.startedOn, s.dueOn),
      doneOn: s.doneOn,
      overdue: isOverdue(s.dueOn, s.doneOn, today),
      notes: s.notes,
      version: s.version,
    })),
    summaryRequests: requests.map(({ r, agencyName, templateTitle }) => ({
      responseId: r.id,
      agencyId: r.agencyId,
      agencyName: r.agencyId ? agencyName : null,
      title: r.title,
      templateTitle,
      status: r.status,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      dueOn: r.dueOn,
      overdue: r.status === 'draft' && r.dueOn !== null && isOverdue(r.dueOn, null, today),
    })),
    version: rr.version,
  };
}

/**
 * Engineer B's parts of the detail: the SAR referral (adults), the reviews with their milestones, and the
 * recommendations in the register that came from the case file (reviews.service.ts).
 */
export async function caseFileParts(exec: Executor, file: CaseFileRow, today: string) {
  return caseFileExtras(exec, file, today);
}

/**
 * The whole case file as its readers see it: themes, named people, the notification, the rapid review with
 * its steps and summary requests, and B's parts (caseFileParts). The caller has already checked access
 * (caseFileFor) and writes the audit row. `today` is the UK date by the service's clock.
 */
export async function caseFileDetail(
  exec: Executor,
  actor: Actor,
  file: CaseFileRow,
  access: CaseFileAccess,
  today: string,
) {
  const [{ stage }] = await exec.select({ stage: stageSql }).from(caseFiles).where(eq(caseFiles.id, file.id));
  const [notification] = await exec
    .select()
    .from(seriousIncidentNotifications)
    .where(eq(seriousIncidentNotifications.caseFileId, file.id));
  const next = await nextDueOf(exec, file.partnershipId, today, [file.id]);
  return {
    id: file.id,
    number: file.number,
    reference: caseFileReference(file.number),
    kind: file.kind as CaseKind,
    label: file.label,
    stage,
    nextDue: next.get(file.id) ?? null,
    themes: (await themesOf(exec, [file.id])).get(file.id) ?? [],
    summary: file.summary,
    version: file.version,
    access: await accessListOf(exec, file.id),
    allowedVerbs: allowedVerbs(caseFilePolicy, actor, access),
    notification: notification ? notificationView(notification, today) : null,
    rapidReview: await rapidReviewView(exec, file.id, today),
    ...(await caseFileParts(exec, file, today)),
    createdAt: file.createdAt.toISOString(),
    updatedAt: file.updatedAt.toISOString(),
  };
}

/** The detail for someone who may `verb` the case file (404 / 403 otherwise: caseFileFor). */
export async function detailFor(
  exec: Executor,
  actor: Actor,
  caseFileId: string,
  today: string,
  verb: 'read' | 'write' | 'grant' = 'read',
) {
  const { file, access } = await caseFileFor(exec, actor, caseFileId, verb);
  return caseFileDetail(exec, actor, file, access, today);
}

// --- Checks shared by the services ---------------------------------------------------------------------

/** Themes must be active themes of this partnership. */
async function checkThemes(exec: Executor, partnershipId: string, themeIds: string[], fields: FieldErrors) {
  const ids = [...new Set(themeIds)];
  if (ids.length === 0) return ids;
  const found = await exec
    .select({ id: themes.id })
    .from(themes)
    .where(and(eq(themes.partnershipId, partnershipId), eq(themes.active, true), inArray(themes.id, ids)));
  if (found.length !== ids.length) fields.themeIds = 'Select themes from the list';
  return ids;
}

/** Whether the person is an active member of the partnership. */
export async function isActiveMember(exec: Executor, partnershipId: string, personId: string) {
  const [m] = await exec
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.partnershipId, partnershipId),
        eq(memberships.personId, personId),
        eq(memberships.active, true),
        eq(people.active, true),
      ),
    )
    .limit(1);
  return Boolean(m);
}

/** Whether the person may read the case file: an active member in the case review group, or named on it. */
export async function personCanReadCaseFile(
  exec: Executor,
  partnershipId: string,
  caseFileId: string,
  personId: string,
) {
  if (!(await isActiveMember(exec, partnershipId, personId))) return false;
  const [group] = await exec
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.partnershipId, partnershipId),
        eq(memberships.personId, personId),
        eq(memberships.role, 'case_review_group_member'),
        eq(memberships.active, true),
      ),
    )
    .limit(1);
  if (group) return true;
  const [named] = await exec
    .select({ level: caseFileAccess.level })
    .from(caseFileAccess)
    .where(and(eq(caseFileAccess.caseFileId, caseFileId), eq(caseFileAccess.personId, personId)));
  return Boolean(named);
}

/** Refuses a date after today with a message naming what it is. */
export function notInFuture(
  fields: FieldErrors,
  field: string,
  value: string | null | undefined,
  today: string,
  what: string,
) {
  if (value && value > today) fields[field] = `${what} cannot be in the future`;
}

// --- The service ---------------------------------------------------------------------------------------

/**
 * Case files (PRODUCT.md §4.8): the register of case files the actor may read, opening and changing one,
 * the people named on it, and the serious incident notification. Every read and every change is audit-logged;
 * every read goes through caseFileFor (404 to anyone outside the case review group not named on the file).
 */
export function createCaseFileService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const today = () => todayOn(clock);

  async function lockedFile(tx: Tx, ctx: ActorContext, id: string, verb: 'write' | 'grant') {
    await lockRow(tx, caseFiles, caseFiles.id, id);
    return caseFileFor(tx, ctx.actor, id, verb);
  }

  return {
    /** The case files the actor may read (the case review group: all; named people: theirs; others: none). */
    async listCaseFiles(ctx: ActorContext, q: CaseFileListQuery) {
      const { actor } = ctx;
      const search = q.q?.trim();
      const byNumber = search ? /^c-?(\d{1,9})$/i.exec(search) : null;
      const where = and(
        eq(caseFiles.partnershipId, actor.partnershipId),
        readableCaseFiles(actor),
        q.kind ? eq(caseFiles.kind, q.kind) : undefined,
        q.stage ? sql`(${stageSql}) = ${q.stage}` : undefined,
        search
          ? byNumber
            ? eq(caseFiles.number, Number(byNumber[1]))
            : sql`${caseFiles.label} ilike ${likePattern(search)}`
          : undefined,
      );
      const [{ total }] = await db.select({ total: count() }).from(caseFiles).where(where);
      const rows = await db
        .select({ f: caseFiles, stage: stageSql })
        .from(caseFiles)
        .where(where)
        .orderBy(sql`${caseFiles.number} desc`)
        .limit(q.pageSize)
        .offset(offsetOf(q));
      const ids = rows.map((r) => r.f.id);
      const [themeMap, next] = [
        await themesOf(db, ids),
        await nextDueOf(db, actor.partnershipId, today(), ids),
      ];
      const items = rows.map(({ f, stage }) => ({
        id: f.id,
        number: f.number,
        reference: caseFileReference(f.number),
        kind: f.kind as CaseKind,
        label: f.label,
        stage,
        nextDue: next.get(f.id) ?? null,
        themes: themeMap.get(f.id) ?? [],
      }));
      // The search text is not copied: someone might type a name into it.
      await writeAudit(db, ctx, {
        entity: 'case_file',
        action: 'listed',
        after: {
          kind: q.kind ?? null,
          stage: q.stage ?? null,
          searched: Boolean(search),
          page: q.page,
          total: Number(total),
          shown: items.map((i) => i.reference),
        },
      });
      return { items, total: Number(total), page: q.page, pageSize: q.pageSize };
    },

    /** Opens a case file with the partnership's next running number (the case review group only). */
    async createCaseFile(ctx: ActorContext, input: CaseFileCreate) {
      const { actor } = ctx;
      authorize(caseReviewsPolicy, actor, 'create', undefined);
      const id = await db.transaction(async (tx) => {
        const fields: FieldErrors = {};
        const themeIds = await checkThemes(tx, actor.partnershipId, input.themeIds, fields);
        if (Object.keys(fields).length) throw invalid(fields);
        // Numbers are allocated under the partnership's row lock, so two opens never share one.
        await lockRow(tx, partnerships, partnerships.id, actor.partnershipId);
        const [{ top }] = await tx
          .select({ top: sql<number | null>`max(${caseFiles.number})` })
          .from(caseFiles)
          .where(eq(caseFiles.partnershipId, actor.partnershipId));
        const now = clock.now();
        const [row] = await tx
          .insert(caseFiles)
          .values({
            partnershipId: actor.partnershipId,
            number: Number(top ?? 0) + 1,
            kind: input.kind,
            label: input.label,
            summary: input.summary ?? null,
            createdBy: actor.personId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (themeIds.length)
          await tx.insert(caseFileThemes).values(
            themeIds.map((themeId) => ({
              caseFileId: row.id,
              themeId,
              partnershipId: actor.partnershipId,
            })),
          );
        await writeAudit(tx, ctx, {
          entity: 'case_file',
          entityId: row.id,
          action: 'created',
          after: {
            reference: caseFileReference(row.number),
            kind: row.kind,
            themeIds,
            textFields: changedTextFields(null, row, ['label', 'summary']),
            version: row.version,
          },
        });
        return row.id;
      });
      return detailFor(db, actor, id, today());
    },

    /** One case file with everything under it; the view is audit-logged. */
    async getCaseFile(ctx: ActorContext, id: string) {
      const detail = await detailFor(db, ctx.actor, id, today());
      await writeAudit(db, ctx, {
        entity: 'case_file',
        entityId: id,
        action: 'viewed',
        after: { reference: detail.reference },
      });
      return detail;
    },

    /** Changes the code, summary and themes (kind never changes); a stale version answers 409. */
    async updateCaseFile(ctx: ActorContext, id: string, input: CaseFileUpdate) {
      const { actor } = ctx;
      await db.transaction(async (tx) => {
        const { file: before, access } = await lockedFile(tx, ctx, id, 'write');
        if (before.version !== input.version)
          throw conflict('Someone else changed this case file. Check their changes.', {
            current: await caseFileDetail(tx, actor, before, access, today()),
          });
        const fields: FieldErrors = {};
        const themeIds = await checkThemes(tx, actor.partnershipId, input.themeIds, fields);
        if (Object.keys(fields).length) throw invalid(fields);
        const beforeThemes = (await themesOf(tx, [id])).get(id)?.map((t) => t.id) ?? [];
        const [after] = await tx
          .update(caseFiles)
          .set({
            label: input.label,
            summary: input.summary ?? null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(caseFiles.id, id))
          .returning();
        await tx.delete(caseFileThemes).where(eq(caseFileThemes.caseFileId, id));
        if (themeIds.length)
          await tx
            .insert(caseFileThemes)
            .values(
              themeIds.map((themeId) => ({ caseFileId: id, themeId, partnershipId: actor.partnershipId })),
            );
        await writeAudit(tx, ctx, {
          entity: 'case_file',
          entityId: id,
          action: 'updated',
          before: { themeIds: beforeThemes, version: before.version },
          after: {
            reference: caseFileReference(after.number),
            themeIds,
            textFields: changedTextFields(before, after, ['label', 'summary']),
            version: after.version,
          },
        });
      });
      return detailFor(db, actor, id, today());
    },

    /** The people named on the case file (read access to the file needed); the view is audit-logged. */
    async listAccess(ctx: ActorContext, id: string) {
      const { file } = await caseFileFor(db, ctx.actor, id, 'read');
      const items = await accessListOf(db, id);
      await writeAudit(db, ctx, {
        entity: 'case_file',
        entityId: id,
        action: 'access_viewed',
        after: { reference: caseFileReference(file.number) },
      });
      return { items };
    },

    /** Names a member of the partnership on the case file, or changes their level (the case review group only). */
    async grantAccess(ctx: ActorContext, id: string, input: AccessGrantBody) {
      const { actor } = ctx;
      return db.transaction(async (tx) => {
        const { file } = await lockedFile(tx, ctx, id, 'grant');
        if (!(await isActiveMember(tx, actor.partnershipId, input.personId)))
          throw invalid({ personId: 'Select an active member of this partnership' });
        const [before] = await tx
          .select()
          .from(caseFileAccess)
          .where(and(eq(caseFileAccess.caseFileId, id), eq(caseFileAccess.personId, input.personId)));
        if (before?.level === input.level) return { items: await accessListOf(tx, id) };
        await tx
          .insert(caseFileAccess)
          .values({
            caseFileId: id,
            personId: input.personId,
            partnershipId: actor.partnershipId,
            level: input.level,
            grantedBy: actor.personId,
            grantedAt: clock.now(),
          })
          .onConflictDoUpdate({
            target: [caseFileAccess.caseFileId, caseFileAccess.personId],
            set: { level: input.level, grantedBy: actor.personId, grantedAt: clock.now() },
          });
        await writeAudit(tx, ctx, {
          entity: 'case_file',
          entityId: id,
          action: 'access_granted',
          before: before ? { personId: input.personId, level: before.level } : null,
          after: { reference: caseFileReference(file.number), personId: input.personId, level: input.level },
        });
        return { items: await accessListOf(tx, id) };
      });
    },

    /** Takes a named person off the case file (the case review group only). */
    async revokeAccess(ctx: ActorContext, id: string, personId: string) {
      return db.transaction(async (tx) => {
        const { file } = await lockedFile(tx, ctx, id, 'grant');
        const [before] = await tx
          .delete(caseFileAccess)
          .where(and(eq(caseFileAccess.caseFileId, id), eq(caseFileAccess.personId, personId)))
          .returning();
        if (!before) throw notFound('This person on the case file');
        await writeAudit(tx, ctx, {
          entity: 'case_file',
          entityId: id,
          action: 'access_revoked',
          before: { reference: caseFileReference(file.number), personId, level: before.level },
        });
        return { items: await accessListOf(tx, id) };
      });
    },

    /**
     * Records or changes the serious incident notification (children). The due date (5 working days after
     * the local authority became aware) is stored; a notification sent after it needs the reason. Moving the
     * send date of a notification with a rapid review moves the review's clock and its unfinished steps.
     */
    async saveNotification(ctx: ActorContext, id: string, input: NotificationBody) {
      const { actor } = ctx;
      const now = today();
      await db.transaction(async (tx) => {
        const { file } = await lockedFile(tx, ctx, id, 'write');
        const [before] = await tx
          .select()
          .from(seriousIncidentNotifications)
          .where(eq(seriousIncidentNotifications.caseFileId, id));
        if (before && input.version !== undefined && input.version !== before.version)
          throw conflict('Someone else changed this notification. Check their changes.', {
            current: notificationView(before, now),
          });
        const fields: FieldErrors = {};
        if (file.kind !== 'child')
          fields.kind =
            'Notifications to the national panel are for children’s case files. Record a SAR referral for an adult.';
        const serious = input.kind === 'serious_incident';
        if (serious) {
          if (!input.harm) fields.harm = 'Select whether the child died or was seriously harmed';
          if (!input.abuseOrNeglect)
            fields.abuseOrNeglect = 'Select whether abuse or neglect is known or suspected';
          if (!input.place) fields.place = 'Select where it happened';
        } else if (input.ageAtDeath === null || input.ageAtDeath === undefined) {
          fields.ageAtDeath = 'Enter the care leaver’s age when they died';
        }
        notInFuture(
          fields,
          'becameAwareOn',
          input.becameAwareOn,
          now,
          'The date the local authority became aware',
        );
        notInFuture(
          fields,
          'notifiedPanelOn',
          input.notifiedPanelOn,
          now,
          'The date the notification was sent',
        );
        notInFuture(fields, 'ofstedNotifiedOn', input.ofstedNotifiedOn, now, 'The date Ofsted was told');
        if (input.notifiedPanelOn && input.notifiedPanelOn < input.becameAwareOn)
          fields.notifiedPanelOn =
            'The date the notification was sent must be on or after the date the local authority became aware';
        if (input.ofstedNotifiedOn && input.ofstedNotifiedOn < input.becameAwareOn)
          fields.ofstedNotifiedOn =
            'The date Ofsted was told must be on or after the date the local authority became aware';
        const notifyDueOn = notificationDueOn(input.becameAwareOn);
        const late = Boolean(input.notifiedPanelOn && input.notifiedPanelOn > notifyDueOn);
        if (late && !input.lateReason)
          fields.lateReason = `Enter why the notification was sent after ${notifyDueOn}, 5 working days after the local authority became aware`;
        const [rr] = before
          ? await tx.select().from(rapidReviews).where(eq(rapidReviews.notificationId, before.id))
          : [];
        if (rr && !serious)
          fields.kind =
            'A rapid review has been opened from this notification, so it must stay a serious incident';
        if (rr && !input.notifiedPanelOn)
          fields.notifiedPanelOn = 'The rapid review’s clock starts on this date, so it cannot be removed';
        if (Object.keys(fields).length) throw invalid(fields);

        const values = {
          kind: input.kind,
          becameAwareOn: input.becameAwareOn,
          harm: serious ? (input.harm ?? null) : null,
          abuseOrNeglect: serious ? (input.abuseOrNeglect ?? null) : null,
          place: serious ? (input.place ?? null) : null,
          ageAtDeath: serious ? null : (input.ageAtDeath ?? null),
          notifyDueOn,
          notifiedPanelOn: input.notifiedPanelOn ?? null,
          ofstedNotifiedOn: input.ofstedNotifiedOn ?? null,
          lateReason: input.lateReason ?? null,
        };
        const stamp = clock.now();
        let after: NotificationRow;
        if (before) {
          await lockRow(tx, seriousIncidentNotifications, seriousIncidentNotifications.id, before.id);
          [after] = await tx
            .update(seriousIncidentNotifications)
            .set({ ...values, version: before.version + 1, updatedAt: stamp })
            .where(eq(seriousIncidentNotifications.id, before.id))
            .returning();
        } else {
          [after] = await tx
            .insert(seriousIncidentNotifications)
            .values({
              ...values,
              partnershipId: actor.partnershipId,
              caseFileId: id,
              createdBy: actor.personId,
              createdAt: stamp,
              updatedAt: stamp,
            })
            .returning();
        }
        const structured = (n: NotificationRow | undefined) =>
          n && {
            kind: n.kind,
            becameAwareOn: n.becameAwareOn,
            harm: n.harm,
            abuseOrNeglect: n.abuseOrNeglect,
            place: n.place,
            ageAtDeath: n.ageAtDeath,
            notifyDueOn: n.notifyDueOn,
            notifiedPanelOn: n.notifiedPanelOn,
            ofstedNotifiedOn: n.ofstedNotifiedOn,
            version: n.version,
          };
        await writeAudit(tx, ctx, {
          entity: 'serious_incident_notification',
          entityId: after.id,
          action: before ? 'updated' : 'created',
          before: structured(before) ?? null,
          after: {
            reference: caseFileReference(file.number),
            caseFileId: id,
            ...structured(after),
            inTime: after.notifiedPanelOn
              ? notificationInTime(after.becameAwareOn, after.notifiedPanelOn)
              : null,
            textFields: changedTextFields(before, after, ['lateReason']),
          },
        });
        if (rr && after.notifiedPanelOn && after.notifiedPanelOn !== rr.startedOn)
          await rescheduleRapidReview(tx, ctx, rr, after.notifiedPanelOn, clock);
      });
      return detailFor(db, actor, id, now);
    },
  };
}

/**
 * The notification's send date moved: the rapid review's day 0 moves with it, so its deadline and the due
 * dates of the steps not yet done are worked out again from the timetable.
 */
async function rescheduleRapidReview(
  tx: Tx,
  ctx: ActorContext,
  locked: { id: string },
  startedOn: string,
  clock: Clock,
) {
  await lockRow(tx, rapidReviews, rapidReviews.id, locked.id);
  const [rr] = await tx.select().from(rapidReviews).where(eq(rapidReviews.id, locked.id));
  const dueOn = rapidReviewDueOn(startedOn);
  await tx
    .update(rapidReviews)
    .set({ startedOn, dueOn, version: rr.version + 1, updatedAt: clock.now() })
    .where(eq(rapidReviews.id, rr.id));
  const timetable = new Map(rapidReviewTimetable(startedOn).map((t) => [t.step, t.dueOn]));
  const steps = await tx.select().from(rapidReviewSteps).where(eq(rapidReviewSteps.rapidReviewId, rr.id));
  const moved: { step: string; from: string; to: string }[] = [];
  for (const s of steps) {
    const to = timetable.get(s.step)!;
    if (s.doneOn !== null || s.dueOn === to) continue;
    await lockRow(tx, rapidReviewSteps, rapidReviewSteps.id, s.id);
    await tx
      .update(rapidReviewSteps)
      .set({ dueOn: to, version: s.version + 1, updatedAt: clock.now() })
      .where(eq(rapidReviewSteps.id, s.id));
    moved.push({ step: s.step, from: s.dueOn, to });
  }
  await writeAudit(tx, ctx, {
    entity: 'rapid_review',
    entityId: rr.id,
    action: 'rescheduled',
    before: { startedOn: rr.startedOn, dueOn: rr.dueOn, version: rr.version },
    after: { startedOn, dueOn, version: rr.version + 1, steps: moved },
  });
}
