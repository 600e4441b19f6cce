import { and, eq } from 'drizzle-orm';
import {
  caseFileReference,
  type SarDecision,
  sarReferralIsMandatory,
} from '../../../contracts/case-reviews.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db.js';
import { conflict, type FieldErrors, invalid } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { changedTextFields, detailFor } from './case-files.service.js';
import { caseFileFor } from './case-reviews.access.js';
import { isOverdue, sarAcknowledgeDueOn, workingDayOf } from './case-reviews.rules.js';
import { caseFiles, sarReferrals } from './case-reviews.tables.js';
import type { SarDecisionBody, SarReferralBody, SarReferralView } from './sar-referrals.schemas.js';

export type SarReferralService = ReturnType<typeof createSarReferralService>;
type SarReferralRow = typeof sarReferrals.$inferSelect;

/** A SAR referral as the API answers it, with its computed acknowledgement clock and s44 reading. */
export function sarReferralView(
  r: SarReferralRow,
  referrerAgencyName: string | null,
  today: string,
): SarReferralView {
  return {
    id: r.id,
    receivedOn: r.receivedOn,
    referrerAgencyId: r.referrerAgencyId,
    referrerAgency:
      r.referrerAgencyId && referrerAgencyName ? { id: r.referrerAgencyId, name: referrerAgencyName } : null,
    hasCareAndSupportNeeds: r.hasCareAndSupportNeeds,
    concernAboutJointWorking: r.concernAboutJointWorking,
    outcome: r.outcome,
    mandatory: sarReferralIsMandatory(r),
    acknowledgeDueOn: r.acknowledgeDueOn,
    acknowledgedOn: r.acknowledgedOn,
    acknowledgedInTime: r.acknowledgedOn ? r.acknowledgedOn <= r.acknowledgeDueOn : null,
    workingDay: workingDayOf(r.receivedOn, r.acknowledgedOn ?? today),
    overdue: isOverdue(r.acknowledgeDueOn, r.acknowledgedOn, today),
    decision: r.decision,
    decidedBy: r.decidedBy,
    decidedOn: r.decidedOn,
    justification: r.justification,
    concernsNotIdentified: r.concernsNotIdentified,
    thresholdsLearning: r.thresholdsLearning,
    version: r.version,
  };
}

/** The case file's SAR referral with its referrer's name, or null (for the case file detail). */
export async function sarReferralOf(
  exec: Executor,
  partnershipId: string,
  caseFileId: string,
  today: string,
) {
  const [row] = await exec
    .select({ r: sarReferrals, agencyName: agencies.name })
    .from(sarReferrals)
    .leftJoin(agencies, eq(agencies.id, sarReferrals.referrerAgencyId))
    .where(and(eq(sarReferrals.caseFileId, caseFileId), eq(sarReferrals.partnershipId, partnershipId)));
  return row ? sarReferralView(row.r, row.agencyName, today) : null;
}

/** Whether a decision agrees with s44: "SAR" only when the criteria are met, "discretionary" only when not. */
function decisionProblem(decision: SarDecision, mandatory: boolean): string | null {
  if (decision === 'sar' && !mandatory)
    return 'The s44 criteria are not met, so a review would be a discretionary SAR';
  if (decision === 'discretionary_sar' && mandatory)
    return 'The s44 criteria are met, so the review is a SAR, not a discretionary one';
  return null;
}

/** What the audit row keeps of a referral: dates and choices, never the free text (admins read the log). */
const structured = (r: SarReferralRow | null) =>
  r && {
    receivedOn: r.receivedOn,
    referrerAgencyId: r.referrerAgencyId,
    hasCareAndSupportNeeds: r.hasCareAndSupportNeeds,
    concernAboutJointWorking: r.concernAboutJointWorking,
    outcome: r.outcome,
    mandatory: sarReferralIsMandatory(r),
    acknowledgeDueOn: r.acknowledgeDueOn,
    acknowledgedOn: r.acknowledgedOn,
    decision: r.decision,
    decidedOn: r.decidedOn,
    concernsNotIdentified: r.concernsNotIdentified,
    version: r.version,
  };

/**
 * SAR referrals (adults, Care Act s44): the referral with its 5-working-day acknowledgement clock, and the
 * review panel's decision. Only on adults' case files; every change goes through caseFileFor (404 to anyone
 * who may not read the file, 403 to a reader who may not change it) under the case file's row lock, is
 * audit-logged in its transaction, and answers with the whole case file detail.
 */
export function createSarReferralService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The file (checked for writing) and its referral, under the file's row lock: every writer takes it. */
  async function locked(tx: Tx, ctx: ActorContext, caseFileId: string) {
    await lockRow(tx, caseFiles, caseFiles.id, caseFileId);
    const { file } = await caseFileFor(tx, ctx.actor, caseFileId, 'write');
    const [row] = await tx.select().from(sarReferrals).where(eq(sarReferrals.caseFileId, caseFileId));
    return { file, before: row ?? null };
  }

  async function checkAgency(exec: Executor, partnershipId: string, agencyId: string) {
    const [ok] = await exec
      .select({ id: partnershipAgencies.agencyId })
      .from(partnershipAgencies)
      .where(
        and(
          eq(partnershipAgencies.partnershipId, partnershipId),
          eq(partnershipAgencies.agencyId, agencyId),
          eq(partnershipAgencies.active, true),
        ),
      );
    return Boolean(ok);
  }

  const stale = async (exec: Executor, ctx: ActorContext, before: SarReferralRow, today: string) =>
    conflict('Someone else changed this referral. Check their changes.', {
      current: await sarReferralOf(exec, ctx.actor.partnershipId, before.caseFileId, today),
    });

  return {
    /**
     * Records the SAR referral of an adult's case file, or changes it (then `version` must be the one
     * changed). acknowledgeDueOn is 5 working days after receivedOn, recomputed when receivedOn changes.
     */
    async putReferral(ctx: ActorContext, caseFileId: string, input: SarReferralBody) {
      const today = todayOn(clock);
      await db.transaction(async (tx) => {
        const { file, before } = await locked(tx, ctx, caseFileId);
        if (file.kind !== 'adult')
          throw invalid(
            {
              kind: 'SAR referrals are for adults’ case files. For a child, record the serious incident notification.',
            },
            'A SAR referral can only be recorded on an adult’s case file',
          );
        if (before && input.version !== before.version) throw await stale(tx, ctx, before, today);

        const fields: FieldErrors = {};
        if (input.receivedOn > today)
          fields.receivedOn = 'The date the referral was received cannot be in the future';
        else if (before?.decidedOn && input.receivedOn > before.decidedOn)
          fields.receivedOn = 'The date the referral was received cannot be after the panel’s decision';
        if (input.acknowledgedOn && input.acknowledgedOn < input.receivedOn)
          fields.acknowledgedOn = 'The date receipt was confirmed cannot be before the referral was received';
        else if (input.acknowledgedOn && input.acknowledgedOn > today)
          fields.acknowledgedOn = 'The date receipt was confirmed cannot be in the future';
        if (
          input.referrerAgencyId &&
          input.referrerAgencyId !== before?.referrerAgencyId &&
          !(await checkAgency(tx, ctx.actor.partnershipId, input.referrerAgencyId))
        )
          fields.referrerAgencyId = 'Select an agency that is active in this partnership';
        if (Object.keys(fields).length) throw invalid(fields);

        const values = {
          receivedOn: input.receivedOn,
          referrerAgencyId: input.referrerAgencyId ?? null,
          hasCareAndSupportNeeds: input.hasCareAndSupportNeeds,
          concernAboutJointWorking: input.concernAboutJointWorking,
          outcome: input.outcome,
          acknowledgeDueOn: sarAcknowledgeDueOn(input.receivedOn),
          acknowledgedOn: input.acknowledgedOn ?? null,
        };
        const [after] = before
          ? await tx
              .update(sarReferrals)
              .set({ ...values, version: before.version + 1, updatedAt: clock.now() })
              .where(eq(sarReferrals.id, before.id))
              .returning()
          : await tx
              .insert(sarReferrals)
              .values({
                ...values,
                partnershipId: ctx.actor.partnershipId,
                caseFileId,
                createdBy: ctx.actor.personId,
              })
              .returning();
        await writeAudit(tx, ctx, {
          entity: 'sar_referral',
          entityId: after.id,
          action: before ? 'updated' : 'created',
          before: structured(before),
          after: { reference: caseFileReference(file.number), caseFileId, ...structured(after) },
        });
      });
      return detailFor(db, ctx.actor, caseFileId, today);
    },

    /**
     * Records the review panel's decision on the referral. "SAR" needs the s44 criteria met and
     * "discretionary SAR" needs them not met; concerns not identified needs the thresholds learning.
     */
    async decide(ctx: ActorContext, caseFileId: string, input: SarDecisionBody) {
      const today = todayOn(clock);
      await db.transaction(async (tx) => {
        const { file, before } = await locked(tx, ctx, caseFileId);
        if (!before)
          throw invalid(
            { decision: 'Record the SAR referral before the panel’s decision on it' },
            'Record the SAR referral before the panel’s decision on it',
          );
        if (input.version !== before.version) throw await stale(tx, ctx, before, today);
        const fields: FieldErrors = {};
        const problem = decisionProblem(input.decision, sarReferralIsMandatory(before));
        if (problem) fields.decision = problem;
        if (input.decidedOn < before.receivedOn)
          fields.decidedOn = 'The date of the decision cannot be before the referral was received';
        else if (input.decidedOn > today)
          fields.decidedOn = 'The date of the decision cannot be in the future';
        if (input.concernsNotIdentified && !input.thresholdsLearning)
          fields.thresholdsLearning =
            'Enter the thresholds learning: why the safeguarding concerns were not identified';
        if (Object.keys(fields).length) throw invalid(fields);

        const [after] = await tx
          .update(sarReferrals)
          .set({
            decision: input.decision,
            decidedBy: input.decidedBy,
            decidedOn: input.decidedOn,
            justification: input.justification,
            concernsNotIdentified: input.concernsNotIdentified,
            thresholdsLearning: input.thresholdsLearning,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(sarReferrals.id, before.id))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'sar_referral',
          entityId: after.id,
          action: 'decided',
          before: structured(before),
          after: {
            reference: caseFileReference(file.number),
            caseFileId,
            ...structured(after),
            textFields: changedTextFields(before, after, [
              'decidedBy',
              'justification',
              'thresholdsLearning',
            ]),
          },
        });
      });
      return detailFor(db, ctx.actor, caseFileId, today);
    },
  };
}
