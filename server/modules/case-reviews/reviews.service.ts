import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { caseFileReference, type ReviewKind } from '../../../contracts/case-reviews.js';
import {
  type RecommendationSource,
  type RecommendationStatus,
  recommendationReference,
} from '../../../contracts/recommendations.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { agencies, partnershipAgencies } from '../agencies/agencies.tables.js';
import { createRecommendationService } from '../recommendations/recommendations.service.js';
import { impactChecks, recommendations } from '../recommendations/recommendations.tables.js';
import { changedTextFields, detailFor } from './case-files.service.js';
import { type CaseFileRow, caseFileFor } from './case-reviews.access.js';
import { isOverdue, reviewTargetPublicationOn } from './case-reviews.rules.js';
import { caseReviewEvents, caseReviews, rapidReviews, sarReferrals } from './case-reviews.tables.js';
import type {
  CaseFileRecommendationView,
  CaseRecommendationBody,
  CaseReviewEventView,
  CaseReviewView,
  ReviewCreateBody,
  ReviewEventBody,
  ReviewEventUpdateBody,
  ReviewUpdateBody,
} from './reviews.schemas.js';
import { sarReferralOf } from './sar-referrals.service.js';

export type ReviewService = ReturnType<typeof createReviewService>;
type ReviewRow = typeof caseReviews.$inferSelect;
type EventRow = typeof caseReviewEvents.$inferSelect;

const REVIEW = 'This review';
const EVENT = 'This milestone';

/** How a review names itself in the register's source title ("LCSPR C-7"): never the case file's label. */
export const REVIEW_SOURCE_NAMES: Record<ReviewKind, string> = {
  lcspr: 'LCSPR',
  sar: 'SAR',
  partnership_review: 'Partnership review',
  single_agency_review: 'Single-agency review',
};
/** The register's source kind for a review's recommendations. */
const REVIEW_SOURCE_KINDS: Record<ReviewKind, RecommendationSource> = {
  lcspr: 'lcspr',
  sar: 'sar',
  partnership_review: 'other',
  single_agency_review: 'other',
};

/** A review's milestone as the API answers it. */
export function reviewEventView(e: EventRow, agencyName: string | null, today: string): CaseReviewEventView {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    agencyId: e.agencyId,
    agency: e.agencyId && agencyName ? { id: e.agencyId, name: agencyName } : null,
    dueOn: e.dueOn,
    doneOn: e.doneOn,
    overdue: e.dueOn ? isOverdue(e.dueOn, e.doneOn, today) : false,
    notes: e.notes,
    version: e.version,
  };
}

/** Not published nor closed, and the target publication date has passed. */
const reviewOverdue = (r: ReviewRow, today: string) =>
  r.publishedOn === null &&
  r.status !== 'closed' &&
  r.status !== 'published' &&
  today > r.targetPublicationOn;

/** A review as the API answers it, with its milestones. */
export function reviewView(r: ReviewRow, events: CaseReviewEventView[], today: string): CaseReviewView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    initiatedOn: r.initiatedOn,
    recommendNationalReview: r.recommendNationalReview,
    reviewerName: r.reviewerName,
    reviewerKind: r.reviewerKind,
    reviewerAppointedOn: r.reviewerAppointedOn,
    termsOfReference: r.termsOfReference,
    familyInvolvement: r.familyInvolvement,
    targetPublicationOn: r.targetPublicationOn,
    publishedOn: r.publishedOn,
    publishedLate: r.publishedOn ? r.publishedOn > r.targetPublicationOn : null,
    delayReason: r.delayReason,
    overdue: reviewOverdue(r, today),
    events,
    version: r.version,
  };
}

/** Milestones of these reviews, by review, in date order (one query). */
async function eventsOf(exec: Executor, reviewIds: string[], today: string) {
  const byReview = new Map<string, CaseReviewEventView[]>();
  if (!reviewIds.length) return byReview;
  const rows = await exec
    .select({ e: caseReviewEvents, agencyName: agencies.name })
    .from(caseReviewEvents)
    .leftJoin(agencies, eq(agencies.id, caseReviewEvents.agencyId))
    .where(inArray(caseReviewEvents.reviewId, reviewIds))
    .orderBy(
      asc(sql`coalesce(${caseReviewEvents.dueOn}, ${caseReviewEvents.doneOn})`),
      asc(caseReviewEvents.createdAt),
    );
  for (const r of rows) {
    const list = byReview.get(r.e.reviewId) ?? [];
    list.push(reviewEventView(r.e, r.agencyName, today));
    byReview.set(r.e.reviewId, list);
  }
  return byReview;
}

/** The case file's reviews with their milestones, oldest first (for the case file detail). */
export async function reviewsOf(
  exec: Executor,
  partnershipId: string,
  caseFileId: string,
  today: string,
): Promise<CaseReviewView[]> {
  const rows = await exec
    .select()
    .from(caseReviews)
    .where(and(eq(caseReviews.caseFileId, caseFileId), eq(caseReviews.partnershipId, partnershipId)))
    .orderBy(asc(caseReviews.initiatedOn), asc(caseReviews.createdAt));
  const events = await eventsOf(
    exec,
    rows.map((r) => r.id),
    today,
  );
  return rows.map((r) => reviewView(r, events.get(r.id) ?? [], today));
}

/** The recommendations in the register that came from this case file, with their next impact check. */
export async function recommendationsOf(
  exec: Executor,
  partnershipId: string,
  caseFileId: string,
): Promise<CaseFileRecommendationView[]> {
  const rows = await exec
    .select({
      id: recommendations.id,
      number: recommendations.number,
      title: recommendations.title,
      status: recommendations.status,
      sourceKind: recommendations.sourceKind,
      sourceTitle: recommendations.sourceTitle,
      // Qualified by hand: drizzle leaves a one-table select's columns unqualified, which would be ambiguous here.
      nextImpactCheckOn: sql<string | null>`(select min(ic.due_on)::text from ${impactChecks} ic
        where ic.recommendation_id = ${recommendations}.id and ic.cancelled_at is null and ic.judgement is null)`,
    })
    .from(recommendations)
    .where(
      and(
        eq(recommendations.partnershipId, partnershipId),
        eq(recommendations.sourceType, 'case_file'),
        eq(recommendations.sourceId, caseFileId),
      ),
    )
    .orderBy(asc(recommendations.number));
  return rows.map((r) => ({
    id: r.id,
    reference: recommendationReference(r.number),
    title: r.title,
    sourceKind: r.sourceKind as RecommendationSource,
    sourceTitle: r.sourceTitle,
    status: r.status as RecommendationStatus,
    nextImpactCheckOn: r.nextImpactCheckOn,
  }));
}

/**
 * Engineer B's parts of the case file detail: the SAR referral, the reviews with their milestones and the
 * recommendations in the register. The caller has already checked that the actor may read the case file.
 */
export async function caseFileExtras(
  exec: Executor,
  file: { id: string; partnershipId: string },
  today: string,
) {
  // One after the other: exec may be a transaction, which runs one query at a time.
  const sarReferral = await sarReferralOf(exec, file.partnershipId, file.id, today);
  const reviews = await reviewsOf(exec, file.partnershipId, file.id, today);
  const recs = await recommendationsOf(exec, file.partnershipId, file.id);
  return { sarReferral, reviews, recommendations: recs };
}

/** What the audit row keeps of a review: dates and choices; free text is named, never copied. */
const reviewAudit = (r: ReviewRow) => ({
  kind: r.kind,
  status: r.status,
  initiatedOn: r.initiatedOn,
  recommendNationalReview: r.recommendNationalReview,
  reviewerKind: r.reviewerKind,
  reviewerAppointedOn: r.reviewerAppointedOn,
  targetPublicationOn: r.targetPublicationOn,
  publishedOn: r.publishedOn,
  version: r.version,
});
const REVIEW_TEXT: (keyof ReviewRow & string)[] = [
  'title',
  'reviewerName',
  'termsOfReference',
  'familyInvolvement',
  'delayReason',
];
const eventAudit = (e: EventRow) => ({
  reviewId: e.reviewId,
  kind: e.kind,
  agencyId: e.agencyId,
  dueOn: e.dueOn,
  doneOn: e.doneOn,
  version: e.version,
});

/**
 * Reviews commissioned from a case file (LCSPR for children, SAR for adults, partnership and single-agency
 * reviews for either), their milestones, and the recommendations a case file puts into the register. Every
 * call goes through caseFileFor (404 to anyone who may not read the file, 403 to a reader who may not change
 * it); versioned changes take the row lock first; every change is audit-logged in its transaction.
 */
export function createReviewService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const register = createRecommendationService({ db, clock });

  async function activeAgency(exec: Executor, partnershipId: string, agencyId: string) {
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

  async function reviewUnder(exec: Executor, file: CaseFileRow, reviewId: string) {
    const [row] = await exec
      .select()
      .from(caseReviews)
      .where(
        and(
          eq(caseReviews.id, reviewId),
          eq(caseReviews.caseFileId, file.id),
          eq(caseReviews.partnershipId, file.partnershipId),
        ),
      );
    if (!row) throw notFound(REVIEW);
    return row;
  }

  async function fullReview(exec: Executor, row: ReviewRow, today: string) {
    return reviewView(row, (await eventsOf(exec, [row.id], today)).get(row.id) ?? [], today);
  }

  async function eventView(exec: Executor, row: EventRow, today: string) {
    const name = row.agencyId
      ? ((await exec.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, row.agencyId)))[0]
          ?.name ?? null)
      : null;
    return reviewEventView(row, name, today);
  }

  async function checkEvent(
    exec: Executor,
    ctx: ActorContext,
    input: ReviewEventBody,
    today: string,
    before?: EventRow,
  ) {
    const fields: FieldErrors = {};
    if (
      input.agencyId &&
      input.agencyId !== before?.agencyId &&
      !(await activeAgency(exec, ctx.actor.partnershipId, input.agencyId))
    )
      fields.agencyId = 'Select an agency that is active in this partnership';
    if (input.doneOn && input.doneOn > today) fields.doneOn = 'The date it happened cannot be in the future';
    if (Object.keys(fields).length) throw invalid(fields);
  }

  const eventValues = (input: ReviewEventBody) => ({
    kind: input.kind,
    title: input.title,
    agencyId: input.agencyId ?? null,
    dueOn: input.dueOn ?? null,
    doneOn: input.doneOn ?? null,
    notes: input.notes,
  });

  return {
    /**
     * Commissions a review from the case file. The kind must suit the file (an LCSPR only for a child, a
     * SAR only for an adult); only an LCSPR may recommend a national review. The target publication date
     * is 6 months after initiation.
     */
    async createReview(ctx: ActorContext, caseFileId: string, input: ReviewCreateBody) {
      const today = todayOn(clock);
      await db.transaction(async (tx) => {
        const { file } = await caseFileFor(tx, ctx.actor, caseFileId, 'write');
        const fields: FieldErrors = {};
        if (input.kind === 'lcspr' && file.kind !== 'child')
          fields.kind = 'An LCSPR is for a child: for an adult, choose a SAR or another kind of review';
        if (input.kind === 'sar' && file.kind !== 'adult')
          fields.kind = 'A SAR is for an adult: for a child, choose an LCSPR or another kind of review';
        if (input.recommendNationalReview && input.kind !== 'lcspr')
          fields.recommendNationalReview = 'Only an LCSPR can recommend a national review';
        if (input.initiatedOn > today)
          fields.initiatedOn = 'The date the review was initiated cannot be in the future';
        if (Object.keys(fields).length) throw invalid(fields);
        const [row] = await tx
          .insert(caseReviews)
          .values({
            partnershipId: ctx.actor.partnershipId,
            caseFileId,
            kind: input.kind,
            title: input.title,
            initiatedOn: input.initiatedOn,
            recommendNationalReview: input.recommendNationalReview,
            targetPublicationOn: reviewTargetPublicationOn(input.initiatedOn),
            createdBy: ctx.actor.personId,
          })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'case_review',
          entityId: row.id,
          action: 'created',
          after: {
            reference: caseFileReference(file.number),
            caseFileId,
            ...reviewAudit(row),
            textFields: changedTextFields(null, row, REVIEW_TEXT),
          },
        });
      });
      return detailFor(db, ctx.actor, caseFileId, today);
    },

    /**
     * Changes a review: reviewer, terms of reference, family involvement, status and publication. A
     * publication after the target, a target passed unpublished, or a target more than 6 months after
     * initiation needs the reason for the delay. A stale version answers 409 with the saved review.
     */
    async updateReview(ctx: ActorContext, caseFileId: string, reviewId: string, input: ReviewUpdateBody) {
      const today = todayOn(clock);
      await db.transaction(async (tx) => {
        const { file } = await caseFileFor(tx, ctx.actor, caseFileId, 'write');
        await lockRow(tx, caseReviews, caseReviews.id, reviewId);
        const before = await reviewUnder(tx, file, reviewId);
        if (before.version !== input.version)
          throw conflict('Someone else changed this review. Check their changes.', {
            current: await fullReview(tx, before, today),
          });

        const fields: FieldErrors = {};
        if (input.reviewerName && !input.reviewerKind)
          fields.reviewerKind = 'Select whether the reviewer is independent or internal';
        if (input.reviewerAppointedOn && input.reviewerAppointedOn < before.initiatedOn)
          fields.reviewerAppointedOn = 'The reviewer cannot be appointed before the review was initiated';
        else if (input.reviewerAppointedOn && input.reviewerAppointedOn > today)
          fields.reviewerAppointedOn = 'The date the reviewer was appointed cannot be in the future';
        if (input.targetPublicationOn < before.initiatedOn)
          fields.targetPublicationOn =
            'The target publication date cannot be before the review was initiated';
        if (input.publishedOn && input.publishedOn < before.initiatedOn)
          fields.publishedOn = 'The publication date cannot be before the review was initiated';
        else if (input.publishedOn && input.publishedOn > today)
          fields.publishedOn = 'The publication date cannot be in the future';
        if (input.status === 'published' && !input.publishedOn)
          fields.publishedOn = 'Enter the publication date of a published review';
        if (input.publishedOn && input.status !== 'published' && input.status !== 'closed')
          fields.status = 'A review with a publication date is published or closed';
        if (!input.delayReason) {
          if (input.publishedOn && input.publishedOn > input.targetPublicationOn)
            fields.delayReason = 'Enter the reason for the delay: it was published after its target date';
          else if (!input.publishedOn && input.status !== 'closed' && today > input.targetPublicationOn)
            fields.delayReason = 'Enter the reason for the delay: its target publication date has passed';
          else if (input.targetPublicationOn > reviewTargetPublicationOn(before.initiatedOn))
            fields.delayReason =
              'Enter the reason for the delay: the target is more than 6 months after the review was initiated';
        }
        if (Object.keys(fields).length) throw invalid(fields);

        const [after] = await tx
          .update(caseReviews)
          .set({
            title: input.title,
            status: input.status,
            reviewerName: input.reviewerName,
            reviewerKind: input.reviewerKind ?? null,
            reviewerAppointedOn: input.reviewerAppointedOn ?? null,
            termsOfReference: input.termsOfReference,
            familyInvolvement: input.familyInvolvement,
            targetPublicationOn: input.targetPublicationOn,
            publishedOn: input.publishedOn ?? null,
            delayReason: input.delayReason,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(caseReviews.id, reviewId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'case_review',
          entityId: reviewId,
          action: before.publishedOn === null && after.publishedOn !== null ? 'published' : 'updated',
          before: reviewAudit(before),
          after: {
            reference: caseFileReference(file.number),
            caseFileId,
            ...reviewAudit(after),
            textFields: changedTextFields(before, after, REVIEW_TEXT),
          },
        });
      });
      return detailFor(db, ctx.actor, caseFileId, today);
    },

    /** Adds a milestone to a review (terms of reference, agency report, panel meeting, draft, family contact). */
    async addEvent(ctx: ActorContext, caseFileId: string, reviewId: string, input: ReviewEventBody) {
      const today = todayOn(clock);
      await db.transaction(async (tx) => {
        const { file } = await caseFileFor(tx, ctx.actor, caseFileId, 'write');
        await reviewUnder(tx, file, reviewId);
        await checkEvent(tx, ctx, input, today);
        const [row] = await tx
          .insert(caseReviewEvents)
          .values({
            ...eventValues(input),
            partnershipId: ctx.actor.partnershipId,
            reviewId,
            createdBy: ctx.actor.personId,
          })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'case_review_event',
          entityId: row.id,
          action: 'created',
          after: {
            reference: caseFileReference(file.number),
            caseFileId,
            ...eventAudit(row),
            textFields: changedTextFields(null, row, ['title', 'notes']),
          },
        });
      });
      return detailFor(db, ctx.actor, caseFileId, today);
    },

    /** Changes a milestone (e.g. records the day it happened); a stale version answers 409. */
    async updateEvent(
      ctx: ActorContext,
      caseFileId: string,
      reviewId: string,
      eventId: string,
      input: ReviewEventUpdateBody,
    ) {
      const today = todayOn(clock);
      await db.transaction(async (tx) => {
        const { file } = await caseFileFor(tx, ctx.actor, caseFileId, 'write');
        await reviewUnder(tx, file, reviewId);
        await lockRow(tx, caseReviewEvents, caseReviewEvents.id, eventId);
        const [before] = await tx
          .select()
          .from(caseReviewEvents)
          .where(
            and(
              eq(caseReviewEvents.id, eventId),
              eq(caseReviewEvents.reviewId, reviewId),
              eq(caseReviewEvents.partnershipId, ctx.actor.partnershipId),
            ),
          );
        if (!before) throw notFound(EVENT);
        if (before.version !== input.version)
          throw conflict('Someone else changed this milestone. Check their changes.', {
            current: await eventView(tx, before, today),
          });
        await checkEvent(tx, ctx, input, today, before);
        const [after] = await tx
          .update(caseReviewEvents)
          .set({ ...eventValues(input), version: before.version + 1, updatedAt: clock.now() })
          .where(eq(caseReviewEvents.id, eventId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'case_review_event',
          entityId: eventId,
          action: 'updated',
          before: eventAudit(before),
          after: {
            reference: caseFileReference(file.number),
            caseFileId,
            ...eventAudit(after),
            textFields: changedTextFields(before, after, ['title', 'notes']),
          },
        });
      });
      return detailFor(db, ctx.actor, caseFileId, today);
    },

    /**
     * Puts a recommendation from the case file into the register, as a draft numbered next in the
     * partnership. Its source is the review named (LCSPR → lcspr, SAR → sar, others → other), or else the
     * rapid review (children) or the SAR referral (adults); the source title names the file's reference
     * ("LCSPR C-7"), never its label. The register's rules apply (active themes, groups and agencies).
     */
    async addRecommendation(ctx: ActorContext, caseFileId: string, input: CaseRecommendationBody) {
      await db.transaction(async (tx) => {
        const { file } = await caseFileFor(tx, ctx.actor, caseFileId, 'write');
        const ref = caseFileReference(file.number);
        let source: { kind: RecommendationSource; title: string; date: string | null };
        if (input.reviewId) {
          const [review] = await tx
            .select()
            .from(caseReviews)
            .where(
              and(
                eq(caseReviews.id, input.reviewId),
                eq(caseReviews.caseFileId, file.id),
                eq(caseReviews.partnershipId, file.partnershipId),
              ),
            );
          if (!review) throw invalid({ reviewId: 'Select one of this case file’s reviews' });
          source = {
            kind: REVIEW_SOURCE_KINDS[review.kind],
            title: `${REVIEW_SOURCE_NAMES[review.kind]} ${ref}`,
            date: review.publishedOn,
          };
        } else if (file.kind === 'child') {
          const [rapid] = await tx
            .select({ decidedOn: rapidReviews.decidedOn })
            .from(rapidReviews)
            .where(eq(rapidReviews.caseFileId, file.id));
          if (!rapid)
            throw invalid({
              reviewId: 'This case file has no rapid review: select the review the recommendation came from',
            });
          source = { kind: 'rapid_review', title: `Rapid review ${ref}`, date: rapid.decidedOn };
        } else {
          const [referral] = await tx
            .select({ decidedOn: sarReferrals.decidedOn })
            .from(sarReferrals)
            .where(eq(sarReferrals.caseFileId, file.id));
          if (!referral)
            throw invalid({
              reviewId: 'This case file has no SAR referral: select the review the recommendation came from',
            });
          source = { kind: 'other', title: `SAR referral ${ref}`, date: referral.decidedOn };
        }
        const row = await register.createRecommendationInTx(tx, ctx, {
          title: input.title,
          detail: input.detail,
          sourceKind: source.kind,
          sourceTitle: source.title,
          sourceDate: source.date,
          sourceType: 'case_file',
          sourceId: file.id,
          themeId: input.themeId ?? null,
          priority: input.priority,
          monitoringGroupId: input.monitoringGroupId ?? null,
          agencyIds: input.agencyIds,
        });
        await writeAudit(tx, ctx, {
          entity: 'case_file',
          entityId: file.id,
          action: 'recommendation_added',
          after: {
            recommendationId: row.id,
            reference: recommendationReference(row.number),
            sourceKind: source.kind,
            sourceTitle: source.title,
          },
        });
      });
      return detailFor(db, ctx.actor, caseFileId, todayOn(clock));
    },
  };
}
