import { randomUUID } from 'node:crypto';
import { and, eq, inArray, max } from 'drizzle-orm';
import { caseFileReference, type RAPID_REVIEW_STEPS } from '../../../contracts/case-reviews.js';
import { DEFAULT_IMPACT_CHECK_MONTHS, recommendationReference } from '../../../contracts/recommendations.js';
import { impactCheckDates } from '../../../contracts/recommendations.rules.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { ukToday } from '../../platform/clock.js';
import type { Tx } from '../../platform/db.js';
import { addWorkingDays } from '../../platform/working-days.js';
import { governanceGroups } from '../governance/governance.tables.js';
import {
  impactChecks,
  recommendationAgencies,
  recommendations,
  themes,
} from '../recommendations/recommendations.tables.js';
import {
  notificationDueOn,
  rapidReviewDueOn,
  rapidReviewTimetable,
  reviewTargetPublicationOn,
  sarAcknowledgeDueOn,
} from './case-reviews.rules.js';
import {
  caseFiles,
  caseFileThemes,
  caseReviewEvents,
  caseReviews,
  rapidReviewSteps,
  rapidReviews,
  sarReferrals,
  seriousIncidentNotifications,
} from './case-reviews.tables.js';

// Demo data for case reviews, the adults and reviews part (PRODUCT.md §4.8), for Northshire:
// - an adult's case file ("Adult M") whose SAR referral the panel decided is a SAR (the s44 criteria are met),
//   and the SAR in progress with an independent reviewer, terms of reference, two milestones and its target
//   publication date;
// - a child's case file ("Child T") whose rapid review decided on an LCSPR, the LCSPR published after its
//   target with the reason for the delay, and one recommendation from it in the register (agreed, with its
//   impact checks).
// Codes, never names; no dates of birth or addresses. Dates count back (in working days) from the day the demo
// is seeded, as the children's demo does, so the SAR is always in progress with its next milestone and its
// target still ahead, and the LCSPR's first impact check is still to come. Every row is made by Daniel
// Whitfield (case review group) and audit-logged with references and dates, never free text.

type DemoAgency = 'council' | 'hospitals' | 'icb' | 'police' | 'communityTrust';
type DemoPerson = 'daniel';

/** Seeds Northshire's SAR (Adult M) and LCSPR (Child T) case files. Runs after the register's demo (themes). */
export async function seedDemoCaseReviewsAdultsAndReviews(
  tx: Tx,
  ctx: RequestContext,
  ids: {
    partnershipId: string;
    agencyIds: Record<DemoAgency, string>;
    personIds: Record<DemoPerson, string>;
    /** The moment of seeding: the demo's dates count from its UK date. */
    now: Date;
  },
) {
  const { partnershipId: pid, agencyIds } = ids;
  const today = ukToday(ids.now);
  const wd = (from: string, n: number) => addWorkingDays(from, n);
  const daniel = ids.personIds.daniel;
  const audit = (entry: Parameters<typeof writeAudit>[2]) =>
    writeAudit(tx, ctx, { partnershipId: pid, personId: daniel, personEmail: null, ...entry });
  const themeRows = await tx
    .select({ id: themes.id, name: themes.name })
    .from(themes)
    .where(and(eq(themes.partnershipId, pid), inArray(themes.name, ['Neglect', 'Information sharing'])));
  const themeId = (name: string) => themeRows.find((t) => t.name === name)?.id;

  // Case files are numbered after any the children's demo made.
  const [{ top }] = await tx
    .select({ top: max(caseFiles.number) })
    .from(caseFiles)
    .where(eq(caseFiles.partnershipId, pid));
  let number = Number(top ?? 0);
  async function caseFile(
    kind: 'child' | 'adult',
    label: string,
    summary: string,
    themeNames: string[],
    at: string,
  ) {
    number += 1;
    const createdAt = new Date(`${at}T09:30:00Z`);
    const [row] = await tx
      .insert(caseFiles)
      .values({
        partnershipId: pid,
        number,
        kind,
        label,
        summary,
        createdBy: daniel,
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    const tids = themeNames.flatMap((n) => themeId(n) ?? []);
    if (tids.length)
      await tx
        .insert(caseFileThemes)
        .values(tids.map((t) => ({ caseFileId: row.id, themeId: t, partnershipId: pid })));
    await audit({
      entity: 'case_file',
      entityId: row.id,
      action: 'created',
      after: {
        reference: caseFileReference(row.number),
        kind,
        themeIds: tids,
        textFields: ['label', 'summary'],
      },
    });
    return row;
  }

  // --- Adult M: SAR referral decided "SAR", and the SAR in progress -------------------------------------
  const adult = await caseFile(
    'adult',
    'Adult M',
    'An older woman with care and support needs, cared for at home by a relative, who died in hospital with ' +
      'severe pressure damage. Several agencies were in contact with the household in the year before.',
    ['Neglect', 'Information sharing'],
    wd(today, -65),
  );
  // Received 13 weeks ago; receipt confirmed in 2 working days; the panel decided a month later.
  const receivedOn = wd(today, -65);
  const [referral] = await tx
    .insert(sarReferrals)
    .values({
      partnershipId: pid,
      caseFileId: adult.id,
      receivedOn,
      referrerAgencyId: agencyIds.hospitals,
      hasCareAndSupportNeeds: true,
      concernAboutJointWorking: true,
      outcome: 'died',
      acknowledgeDueOn: sarAcknowledgeDueOn(receivedOn),
      acknowledgedOn: wd(receivedOn, 2),
      decision: 'sar',
      decidedBy: 'SAR panel, chaired by the Head of Safeguarding and Review',
      decidedOn: wd(receivedOn, 18),
      justification:
        'The s44 criteria are met: the adult had care and support needs, she died and neglect is suspected to ' +
        'have contributed, and there is concern that the district nursing team, the GP practice and adult ' +
        'social care each knew part of the picture without anyone bringing it together.',
      createdBy: daniel,
      version: 3,
    })
    .returning();
  await audit({
    entity: 'sar_referral',
    entityId: referral.id,
    action: 'decided',
    after: {
      reference: caseFileReference(adult.number),
      caseFileId: adult.id,
      receivedOn,
      acknowledgeDueOn: referral.acknowledgeDueOn,
      acknowledgedOn: referral.acknowledgedOn,
      mandatory: true,
      decision: 'sar',
      decidedOn: referral.decidedOn,
    },
  });
  const sarInitiatedOn = wd(receivedOn, 20);
  const [sar] = await tx
    .insert(caseReviews)
    .values({
      partnershipId: pid,
      caseFileId: adult.id,
      kind: 'sar',
      title: `Safeguarding adult review ${caseFileReference(adult.number)}`,
      status: 'in_progress',
      initiatedOn: sarInitiatedOn,
      reviewerName: 'Independent reviewer from the regional SAR reviewer framework',
      reviewerKind: 'independent',
      reviewerAppointedOn: wd(sarInitiatedOn, 10),
      termsOfReference:
        'The review covers the 18 months before the adult’s death. It asks how risks of pressure damage and of ' +
        'carer strain were recognised and shared between community health, primary care and adult social ' +
        'care; whether the adult’s own wishes were sought; and what stopped agencies from escalating when ' +
        'visits were declined.',
      familyInvolvement:
        'The adult’s daughter has been invited to contribute and has met the reviewer; the relative who cared ' +
        'for her has been offered a meeting through an advocate.',
      targetPublicationOn: reviewTargetPublicationOn(sarInitiatedOn),
      createdBy: daniel,
      version: 3,
    })
    .returning();
  const sarEvents = await tx
    .insert(caseReviewEvents)
    .values([
      {
        partnershipId: pid,
        reviewId: sar.id,
        kind: 'terms_of_reference' as const,
        title: 'Terms of reference agreed by the SAR panel',
        dueOn: wd(sarInitiatedOn, 18),
        doneOn: wd(sarInitiatedOn, 18),
        createdBy: daniel,
      },
      {
        partnershipId: pid,
        reviewId: sar.id,
        kind: 'agency_report' as const,
        title: 'Chronology and agency report from the community health trust',
        agencyId: agencyIds.communityTrust,
        dueOn: wd(today, 15),
        createdBy: daniel,
      },
    ])
    .returning();
  await audit({
    entity: 'case_review',
    entityId: sar.id,
    action: 'created',
    after: {
      reference: caseFileReference(adult.number),
      caseFileId: adult.id,
      kind: 'sar',
      status: sar.status,
      initiatedOn: sarInitiatedOn,
      targetPublicationOn: sar.targetPublicationOn,
      milestones: sarEvents.map((e) => ({ kind: e.kind, dueOn: e.dueOn, doneOn: e.doneOn })),
    },
  });

  // --- Child T: rapid review decided "LCSPR"; the LCSPR published late; one recommendation --------------
  const child = await caseFile(
    'child',
    'Child T',
    'A baby seriously injured at home; neglect and physical abuse are suspected. The family was known to ' +
      'health visiting and to early help.',
    ['Neglect'],
    wd(today, -300),
  );
  // About 14 months ago: notified in 2 working days, the rapid review decided and sent within its 15.
  const awareOn = wd(today, -300);
  const sentOn = wd(awareOn, 2);
  const [notification] = await tx
    .insert(seriousIncidentNotifications)
    .values({
      partnershipId: pid,
      caseFileId: child.id,
      kind: 'serious_incident',
      becameAwareOn: awareOn,
      harm: 'serious_harm',
      abuseOrNeglect: 'suspected',
      place: 'in_area',
      notifyDueOn: notificationDueOn(awareOn),
      notifiedPanelOn: sentOn,
      ofstedNotifiedOn: sentOn,
      createdBy: daniel,
    })
    .returning();
  const [rapid] = await tx
    .insert(rapidReviews)
    .values({
      partnershipId: pid,
      caseFileId: child.id,
      notificationId: notification.id,
      startedOn: sentOn,
      dueOn: rapidReviewDueOn(sentOn),
      decision: 'lcspr',
      decidedBy: 'Rapid review meeting of the three safeguarding partners’ delegates',
      decidedOn: wd(sentOn, 12),
      justification:
        'The injuries are serious and agencies held information about the household that was not shared; ' +
        'the learning is likely to be wider than one agency and could improve practice across the partnership.',
      decisionSentOn: wd(sentOn, 14),
      createdBy: daniel,
      version: 2,
    })
    .returning();
  const doneOn: Record<(typeof RAPID_REVIEW_STEPS)[number], string> = {
    request_information: wd(sentOn, 1),
    agency_summaries: wd(sentOn, 5),
    collate: wd(sentOn, 7),
    decision_meeting: wd(sentOn, 12),
    decision_sent: wd(sentOn, 14),
  };
  await tx.insert(rapidReviewSteps).values(
    rapidReviewTimetable(sentOn).map((s) => ({
      partnershipId: pid,
      rapidReviewId: rapid.id,
      step: s.step,
      position: s.position,
      ownerPersonId: daniel,
      dueOn: s.dueOn,
      doneOn: doneOn[s.step],
      version: 2,
    })),
  );
  await audit({
    entity: 'rapid_review',
    entityId: rapid.id,
    action: 'decided',
    after: {
      reference: caseFileReference(child.number),
      caseFileId: child.id,
      startedOn: sentOn,
      dueOn: rapid.dueOn,
      decision: 'lcspr',
      decidedOn: rapid.decidedOn,
      decisionSentOn: rapid.decisionSentOn,
    },
  });
  const lcsprInitiatedOn = wd(sentOn, 23);
  const lcsprTarget = reviewTargetPublicationOn(lcsprInitiatedOn);
  // Published about 11 weeks after its target, once the criminal trial had finished.
  const lcsprPublishedOn = wd(lcsprTarget, 55);
  const [lcspr] = await tx
    .insert(caseReviews)
    .values({
      partnershipId: pid,
      caseFileId: child.id,
      kind: 'lcspr',
      title: `Local child safeguarding practice review ${caseFileReference(child.number)}`,
      status: 'published',
      initiatedOn: lcsprInitiatedOn,
      reviewerName: 'Independent lead reviewer',
      reviewerKind: 'independent',
      reviewerAppointedOn: wd(lcsprInitiatedOn, 10),
      termsOfReference:
        'How health visiting, early help, the GP practice and police shared what they knew about the ' +
        'household in the baby’s first five months, and how fathers and other adults in the home were seen.',
      familyInvolvement: 'The mother and the maternal grandmother met the reviewer; the father declined.',
      targetPublicationOn: lcsprTarget,
      publishedOn: lcsprPublishedOn,
      delayReason:
        'Publication waited for the end of criminal proceedings so as not to prejudice the trial; the national ' +
        'panel and the Secretary of State were told of the new date before the target passed.',
      createdBy: daniel,
      version: 5,
    })
    .returning();
  await tx.insert(caseReviewEvents).values([
    {
      partnershipId: pid,
      reviewId: lcspr.id,
      kind: 'panel_meeting' as const,
      title: 'Practitioners’ learning event',
      dueOn: wd(lcsprInitiatedOn, 70),
      doneOn: wd(lcsprInitiatedOn, 70),
      createdBy: daniel,
    },
    {
      partnershipId: pid,
      reviewId: lcspr.id,
      kind: 'panel_notified' as const,
      title: 'National panel and Secretary of State sent the report',
      dueOn: wd(lcsprPublishedOn, -3),
      doneOn: wd(lcsprPublishedOn, -3),
      createdBy: daniel,
    },
  ]);
  await audit({
    entity: 'case_review',
    entityId: lcspr.id,
    action: 'published',
    after: {
      reference: caseFileReference(child.number),
      caseFileId: child.id,
      kind: 'lcspr',
      initiatedOn: lcsprInitiatedOn,
      targetPublicationOn: lcspr.targetPublicationOn,
      publishedOn: lcspr.publishedOn,
      textFields: ['delayReason'],
    },
  });

  // The LCSPR's recommendation, numbered next in the register and agreed, with its impact checks.
  const [{ topRec }] = await tx
    .select({ topRec: max(recommendations.number) })
    .from(recommendations)
    .where(eq(recommendations.partnershipId, pid));
  const [qaGroup] = await tx
    .select({ id: governanceGroups.id })
    .from(governanceGroups)
    .where(and(eq(governanceGroups.partnershipId, pid), eq(governanceGroups.kind, 'qa_group')));
  // Agreed by the QA group two months after publication: the 3-month impact check is still to come.
  const agreedOn = wd(lcsprPublishedOn, 40);
  const recId = randomUUID();
  const [rec] = await tx
    .insert(recommendations)
    .values({
      id: recId,
      partnershipId: pid,
      number: Number(topRec ?? 0) + 1,
      title: 'Health visitors and early help workers ask about every adult living in or visiting the home',
      detail:
        'Agencies record who lives in and regularly visits the home of a baby, including fathers and ' +
        'partners, check what is known about them, and share it at the first multi-agency meeting.',
      sourceKind: 'lcspr',
      sourceTitle: `LCSPR ${caseFileReference(child.number)}`,
      sourceType: 'case_file',
      sourceId: child.id,
      sourceDate: lcspr.publishedOn,
      themeId: themeId('Neglect') ?? null,
      priority: 'high',
      monitoringGroupId: qaGroup?.id ?? null,
      status: 'agreed',
      agreedOn,
      createdBy: daniel,
      createdAt: new Date(`${wd(lcsprPublishedOn, 2)}T10:00:00Z`),
      updatedAt: new Date(`${agreedOn}T14:00:00Z`),
      version: 2,
    })
    .returning();
  const recAgencies = [agencyIds.council, agencyIds.icb, agencyIds.police];
  await tx
    .insert(recommendationAgencies)
    .values(recAgencies.map((agencyId) => ({ recommendationId: rec.id, agencyId, partnershipId: pid })));
  await tx.insert(impactChecks).values(
    impactCheckDates(agreedOn, [...DEFAULT_IMPACT_CHECK_MONTHS]).map((c) => ({
      partnershipId: pid,
      recommendationId: rec.id,
      months: c.months,
      dueOn: c.dueOn,
    })),
  );
  await audit({
    entity: 'recommendation',
    entityId: rec.id,
    action: 'created',
    after: { number: rec.number, sourceKind: 'lcspr', sourceTitle: rec.sourceTitle, agencyIds: recAgencies },
  });
  await audit({
    entity: 'case_file',
    entityId: child.id,
    action: 'recommendation_added',
    after: {
      recommendationId: rec.id,
      reference: recommendationReference(rec.number),
      sourceKind: 'lcspr',
      sourceTitle: rec.sourceTitle,
    },
  });
  return { adultCaseFileId: adult.id, childCaseFileId: child.id, recommendationId: rec.id };
}
