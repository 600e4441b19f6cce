import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { caseFileReference } from '../../../contracts/case-reviews.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { auditTemplates, auditTemplateVersions } from '../audit-tools/audit-tools.tables.js';
import { formResponses } from '../responses/responses.tables.js';
import {
  caseFileDetail,
  changedTextFields,
  detailFor,
  notInFuture,
  personCanReadCaseFile,
  rapidReviewView,
} from './case-files.service.js';
import { caseFileFor } from './case-reviews.access.js';
import { agencySummariesDueOn, rapidReviewDueOn, rapidReviewTimetable } from './case-reviews.rules.js';
import {
  caseFiles,
  rapidReviewSteps,
  rapidReviews,
  seriousIncidentNotifications,
} from './case-reviews.tables.js';
import type { DecisionBody, StepBody, SummaryRequestBody } from './rapid-reviews.schemas.js';

export type RapidReviewService = ReturnType<typeof createRapidReviewService>;
type StepRow = typeof rapidReviewSteps.$inferSelect;

const NO_REVIEW = 'This case file has no rapid review yet. Open the rapid review first.';

/** The title agencies see on their request: the case file's reference, never its label. */
export const summaryRequestTitle = (caseFileNumber: number) =>
  `Rapid review ${caseFileReference(caseFileNumber)}: summary of involvement`;

/**
 * Rapid reviews (children): opened from a serious incident notification that has been sent, on a
 * 15-working-day clock from that day (day 0). Five steps with owners and due dates; agencies' summaries of
 * involvement requested through the form engine; the decision and the thresholds learning.
 */
export function createRapidReviewService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const today = () => todayOn(clock);

  /** The case file (locked, for writing) and its rapid review, or 400 when there is none. */
  async function lockedReview(tx: Tx, ctx: ActorContext, caseFileId: string) {
    await lockRow(tx, caseFiles, caseFiles.id, caseFileId);
    const { file, access } = await caseFileFor(tx, ctx.actor, caseFileId, 'write');
    const [ref] = await tx
      .select({ id: rapidReviews.id })
      .from(rapidReviews)
      .where(eq(rapidReviews.caseFileId, caseFileId));
    if (!ref) throw invalid({ rapidReview: NO_REVIEW }, NO_REVIEW);
    await lockRow(tx, rapidReviews, rapidReviews.id, ref.id);
    const [rr] = await tx.select().from(rapidReviews).where(eq(rapidReviews.id, ref.id));
    return { file, access, rr };
  }

  /** Marks a step done (if it is not) and/or moves its due date, as part of another change. */
  async function touchStep(
    tx: Tx,
    rapidReviewId: string,
    step: StepRow['step'],
    change: { doneOn?: string; dueOn?: string },
  ): Promise<{ step: string; before: Partial<StepRow>; after: Partial<StepRow> } | null> {
    const [ref] = await tx
      .select({ id: rapidReviewSteps.id })
      .from(rapidReviewSteps)
      .where(and(eq(rapidReviewSteps.rapidReviewId, rapidReviewId), eq(rapidReviewSteps.step, step)));
    if (!ref) return null;
    await lockRow(tx, rapidReviewSteps, rapidReviewSteps.id, ref.id);
    const [s] = await tx.select().from(rapidReviewSteps).where(eq(rapidReviewSteps.id, ref.id));
    if (s.doneOn !== null) return null;
    const set: Partial<StepRow> = {};
    if (change.doneOn) set.doneOn = change.doneOn;
    if (change.dueOn && change.dueOn !== s.dueOn) set.dueOn = change.dueOn;
    if (Object.keys(set).length === 0) return null;
    await tx
      .update(rapidReviewSteps)
      .set({ ...set, version: s.version + 1, updatedAt: clock.now() })
      .where(eq(rapidReviewSteps.id, s.id));
    return {
      step,
      before: { dueOn: s.dueOn, doneOn: s.doneOn, version: s.version },
      after: { ...set, version: s.version + 1 },
    };
  }

  return {
    /**
     * Opens the rapid review from a serious incident notification that has been sent: day 0 is the send
     * date, the deadline working day 15, and the five steps are due on working days 3, 6, 7, 13 and 15.
     */
    async openRapidReview(ctx: ActorContext, caseFileId: string) {
      const { actor } = ctx;
      await db.transaction(async (tx) => {
        await lockRow(tx, caseFiles, caseFiles.id, caseFileId);
        const { file } = await caseFileFor(tx, actor, caseFileId, 'write');
        const [existing] = await tx
          .select({ id: rapidReviews.id })
          .from(rapidReviews)
          .where(eq(rapidReviews.caseFileId, caseFileId));
        if (existing) throw conflict('A rapid review is already open for this case file.');
        const [n] = await tx
          .select()
          .from(seriousIncidentNotifications)
          .where(eq(seriousIncidentNotifications.caseFileId, caseFileId));
        if (n?.kind !== 'serious_incident' || !n.notifiedPanelOn) {
          const why = !n
            ? 'Record the serious incident notification before opening a rapid review.'
            : n.kind !== 'serious_incident'
              ? 'A care leaver’s death is notified but needs no rapid review.'
              : 'Enter the date the notification was sent to the national panel: the rapid review’s 15 working days count from it.';
          throw invalid({ notifiedPanelOn: why }, why);
        }
        const startedOn = n.notifiedPanelOn;
        const now = clock.now();
        const [rr] = await tx
          .insert(rapidReviews)
          .values({
            partnershipId: actor.partnershipId,
            caseFileId,
            notificationId: n.id,
            startedOn,
            dueOn: rapidReviewDueOn(startedOn),
            createdBy: actor.personId,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        const timetable = rapidReviewTimetable(startedOn);
        await tx.insert(rapidReviewSteps).values(
          timetable.map((t) => ({
            partnershipId: actor.partnershipId,
            rapidReviewId: rr.id,
            step: t.step,
            position: t.position,
            dueOn: t.dueOn,
            updatedAt: now,
          })),
        );
        await writeAudit(tx, ctx, {
          entity: 'rapid_review',
          entityId: rr.id,
          action: 'opened',
          after: {
            reference: caseFileReference(file.number),
            caseFileId,
            startedOn,
            dueOn: rr.dueOn,
            steps: timetable.map((t) => ({ step: t.step, dueOn: t.dueOn })),
          },
        });
      });
      return detailFor(db, actor, caseFileId, today());
    },

    /**
     * Changes one step: its owner (a member who can read the case file), due date, done date and notes.
     * A stale version answers 409 with the saved step.
     */
    async updateStep(ctx: ActorContext, caseFileId: string, stepId: string, input: StepBody) {
      const { actor } = ctx;
      const now = today();
      await db.transaction(async (tx) => {
        const { file, rr } = await lockedReview(tx, ctx, caseFileId);
        await lockRow(tx, rapidReviewSteps, rapidReviewSteps.id, stepId);
        const [before] = await tx
          .select()
          .from(rapidReviewSteps)
          .where(and(eq(rapidReviewSteps.id, stepId), eq(rapidReviewSteps.rapidReviewId, rr.id)));
        if (!before) throw notFound('This step of the rapid review');
        if (before.version !== input.version) {
          const view = await rapidReviewView(tx, caseFileId, now);
          throw conflict('Someone else changed this step. Check their changes.', {
            current: view?.steps.find((s) => s.id === stepId),
          });
        }
        const fields: FieldErrors = {};
        const owner = input.ownerPersonId ?? null;
        if (
          owner &&
          owner !== before.ownerPersonId &&
          !(await personCanReadCaseFile(tx, actor.partnershipId, caseFileId, owner))
        )
          fields.ownerPersonId =
            'Select someone in the case review group or named on this case file: the owner must be able to read it';
        if (input.dueOn < rr.startedOn)
          fields.dueOn = `The due date must be on or after ${rr.startedOn}, when the notification was sent`;
        if (input.doneOn && input.doneOn < rr.startedOn)
          fields.doneOn = `The date it was done must be on or after ${rr.startedOn}, when the notification was sent`;
        notInFuture(fields, 'doneOn', input.doneOn, now, 'The date it was done');
        if (Object.keys(fields).length) throw invalid(fields);
        const [after] = await tx
          .update(rapidReviewSteps)
          .set({
            ownerPersonId: owner,
            dueOn: input.dueOn,
            doneOn: input.doneOn ?? null,
            notes: input.notes ?? null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(rapidReviewSteps.id, stepId))
          .returning();
        const structured = (s: StepRow) => ({
          ownerPersonId: s.ownerPersonId,
          dueOn: s.dueOn,
          doneOn: s.doneOn,
          version: s.version,
        });
        await writeAudit(tx, ctx, {
          entity: 'rapid_review_step',
          entityId: stepId,
          action: 'updated',
          before: structured(before),
          after: {
            reference: caseFileReference(file.number),
            step: after.step,
            ...structured(after),
            textFields: changedTextFields(before, after, ['notes']),
          },
        });
      });
      return detailFor(db, actor, caseFileId, now);
    },

    /**
     * Asks agencies for their summaries of involvement: one form response per agency on the chosen published
     * form, due 3 working days from today, titled with the case file's reference (never its label). Marks the
     * "request information" step done today and moves the summaries step's due date to match.
     */
    async requestSummaries(ctx: ActorContext, caseFileId: string, input: SummaryRequestBody) {
      const { actor } = ctx;
      const now = today();
      await db.transaction(async (tx) => {
        const { file, rr } = await lockedReview(tx, ctx, caseFileId);
        const fields: FieldErrors = {};
        const [version] = await tx
          .select({
            id: auditTemplateVersions.id,
            number: auditTemplateVersions.number,
            templateId: auditTemplates.id,
          })
          .from(auditTemplateVersions)
          .innerJoin(auditTemplates, eq(auditTemplates.id, auditTemplateVersions.templateId))
          .where(
            and(
              eq(auditTemplateVersions.id, input.templateVersionId),
              eq(auditTemplates.partnershipId, actor.partnershipId),
              eq(auditTemplates.active, true),
              eq(auditTemplateVersions.status, 'published'),
            ),
          );
        if (!version) fields.templateVersionId = 'Select a published form of this partnership';
        const agencyIds = [...new Set(input.agencyIds)];
        const linked = await tx
          .select({ id: agencies.id, name: agencies.name })
          .from(partnershipAgencies)
          .innerJoin(agencies, eq(agencies.id, partnershipAgencies.agencyId))
          .where(
            and(
              eq(partnershipAgencies.partnershipId, actor.partnershipId),
              eq(partnershipAgencies.active, true),
              inArray(partnershipAgencies.agencyId, agencyIds),
            ),
          );
        if (linked.length !== agencyIds.length)
          fields.agencyIds = 'Select active agencies of this partnership';
        const asked = await tx
          .select({ agencyId: formResponses.agencyId, name: agencies.name })
          .from(formResponses)
          .innerJoin(agencies, eq(agencies.id, formResponses.agencyId))
          .where(
            and(
              eq(formResponses.caseFileId, caseFileId),
              isNotNull(formResponses.agencyId),
              inArray(formResponses.agencyId, agencyIds),
            ),
          );
        if (asked.length && !fields.agencyIds)
          fields.agencyIds = `Already asked for a summary: ${[...new Set(asked.map((a) => a.name))].join(', ')}. Remove them to ask the others.`;
        if (Object.keys(fields).length) throw invalid(fields);

        const dueOn = agencySummariesDueOn(now);
        const title = summaryRequestTitle(file.number);
        const stamp = clock.now();
        const created = await tx
          .insert(formResponses)
          .values(
            linked.map((a) => ({
              partnershipId: actor.partnershipId,
              templateVersionId: version.id,
              caseFileId,
              agencyId: a.id,
              title,
              dueOn,
              createdBy: actor.personId,
              createdAt: stamp,
              updatedAt: stamp,
            })),
          )
          .returning();
        for (const r of created) {
          await writeAudit(tx, ctx, {
            entity: 'form_response',
            entityId: r.id,
            action: 'created',
            after: {
              title: r.title,
              templateId: version.templateId,
              templateVersionId: version.id,
              templateVersionNumber: version.number,
              agencyId: r.agencyId,
              caseFileId,
              dueOn,
            },
          });
        }
        const steps = [
          await touchStep(tx, rr.id, 'request_information', { doneOn: now }),
          await touchStep(tx, rr.id, 'agency_summaries', { dueOn }),
        ].filter((x) => x !== null);
        await writeAudit(tx, ctx, {
          entity: 'rapid_review',
          entityId: rr.id,
          action: 'summaries_requested',
          after: {
            reference: caseFileReference(file.number),
            agencyIds: created.map((r) => r.agencyId),
            responseIds: created.map((r) => r.id),
            templateVersionId: version.id,
            dueOn,
            steps,
          },
        });
      });
      return detailFor(db, actor, caseFileId, now);
    },

    /**
     * Records (or corrects) the decision: who decided, the option and why; "lcspr" may recommend a national
     * review; concerns not identified needs the thresholds learning. The decision meeting and decision sent
     * steps are marked done on the dates given.
     */
    async recordDecision(ctx: ActorContext, caseFileId: string, input: DecisionBody) {
      const { actor } = ctx;
      const now = today();
      await db.transaction(async (tx) => {
        const { file, access, rr: before } = await lockedReview(tx, ctx, caseFileId);
        if (before.version !== input.version)
          throw conflict('Someone else changed this rapid review. Check their changes.', {
            current: (await caseFileDetail(tx, actor, file, access, now)).rapidReview,
          });
        const fields: FieldErrors = {};
        if (input.recommendNationalReview && input.decision !== 'lcspr')
          fields.recommendNationalReview = 'Only a decision to hold an LCSPR can recommend a national review';
        if (input.concernsNotIdentified && !input.thresholdsLearning)
          fields.thresholdsLearning =
            'Enter the thresholds learning: what should have prompted agencies to identify the safeguarding concerns';
        if (input.decidedOn < before.startedOn)
          fields.decidedOn = `The date of the decision must be on or after ${before.startedOn}, when the notification was sent`;
        notInFuture(fields, 'decidedOn', input.decidedOn, now, 'The date of the decision');
        if (input.decisionSentOn && input.decisionSentOn < input.decidedOn)
          fields.decisionSentOn =
            'The date the decision was sent must be on or after the date of the decision';
        notInFuture(fields, 'decisionSentOn', input.decisionSentOn, now, 'The date the decision was sent');
        if (Object.keys(fields).length) throw invalid(fields);
        const [after] = await tx
          .update(rapidReviews)
          .set({
            decision: input.decision,
            recommendNationalReview: input.recommendNationalReview,
            decidedBy: input.decidedBy,
            decidedOn: input.decidedOn,
            justification: input.justification,
            decisionSentOn: input.decisionSentOn ?? null,
            concernsNotIdentified: input.concernsNotIdentified,
            thresholdsLearning: input.thresholdsLearning ?? null,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(rapidReviews.id, before.id))
          .returning();
        const steps = [
          await touchStep(tx, before.id, 'decision_meeting', { doneOn: input.decidedOn }),
          input.decisionSentOn
            ? await touchStep(tx, before.id, 'decision_sent', { doneOn: input.decisionSentOn })
            : null,
        ].filter((x) => x !== null);
        const structured = (r: typeof before) => ({
          decision: r.decision,
          recommendNationalReview: r.recommendNationalReview,
          decidedOn: r.decidedOn,
          decisionSentOn: r.decisionSentOn,
          concernsNotIdentified: r.concernsNotIdentified,
          version: r.version,
        });
        await writeAudit(tx, ctx, {
          entity: 'rapid_review',
          entityId: before.id,
          action: before.decision ? 'decision_changed' : 'decided',
          before: structured(before),
          after: {
            reference: caseFileReference(file.number),
            ...structured(after),
            decisionInTime: after.decisionSentOn ? after.decisionSentOn <= after.dueOn : null,
            textFields: changedTextFields(before, after, [
              'decidedBy',
              'justification',
              'thresholdsLearning',
            ]),
            steps,
          },
        });
      });
      return detailFor(db, actor, caseFileId, now);
    },
  };
}
