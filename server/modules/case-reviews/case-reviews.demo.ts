import { and, eq, inArray, max } from 'drizzle-orm';
import type { TAnswers } from '../../../contracts/audit-tools.js';
import { caseFileReference } from '../../../contracts/case-reviews.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { ukToday } from '../../platform/clock.js';
import type { Tx } from '../../platform/db.js';
import { addWorkingDays, nextWorkingDay } from '../../platform/working-days.js';
import { seedStarterTemplate } from '../audit-tools/audit-tools.library.js';
import { themes } from '../recommendations/recommendations.tables.js';
import { formResponses } from '../responses/responses.tables.js';
import {
  agencySummariesDueOn,
  notificationDueOn,
  rapidReviewDueOn,
  rapidReviewTimetable,
} from './case-reviews.rules.js';
import {
  caseFiles,
  caseFileThemes,
  rapidReviewSteps,
  rapidReviews,
  seriousIncidentNotifications,
} from './case-reviews.tables.js';
import { summaryRequestTitle } from './rapid-reviews.service.js';

// Demo data for case reviews, the children's part (PRODUCT.md §4.8), for Northshire:
// - the starter "Rapid review: summary of agency involvement", installed and published by the admin;
// - "Child K": a serious incident notified to the national panel in time, and its rapid review on working
//   day 5 of 15 today (on a working day): information requested on day 2, summaries asked of the police and
//   the council (the police's submitted, the council's due today), the later steps still to come;
// - "Young person J": the death of a care leaver, notified in time, which needs no rapid review.
// Dates count back from the day the demo is seeded, so the rapid review is always part-way through its
// timetable. Codes, never names; no dates of birth or addresses. Made by Daniel Whitfield (case review group)
// and audit-logged with references and dates, never the free text.

type DemoAgency = 'council' | 'police';
type DemoPerson = 'daniel' | 'kwabena' | 'priya' | 'tom' | 'rebecca';

/** The police's submitted summary of involvement for Child K (the starter's questions). */
const POLICE_SUMMARY = (dates: { before: string; incident: string; after: string }): TAnswers => ({
  'known-before': 'family-only',
  'involvement-summary':
    'Two attendances at the family home after neighbours reported shouting, and one domestic abuse risk assessment of the mother, graded standard. No officer saw the baby on either visit.',
  'records-period': 'The 12 months before the incident',
  household: 'The mother’s partner was known for two offences of violence, neither against a partner.',
  chronology: [
    {
      date: dates.before,
      agency: 'Northshire Police',
      event: 'Officers attended after a neighbour reported shouting; no offences disclosed',
      significance: 'The baby was in the flat but was not seen or recorded',
    },
    {
      date: dates.incident,
      agency: 'Northshire Police',
      event: 'Attended the hospital with children’s social care after the injuries were found',
      significance: 'Joint investigation started the same day',
    },
  ],
  'key-episodes':
    'The first attendance: the call was treated as a neighbour dispute, so no check on the children in the household was made and no notification went to children’s social care.',
  'concerns-identified': 'no',
  'signs-missed':
    'A baby in a household with repeated reports of shouting and a partner with a history of violence. Officers were not prompted to ask who else lived there.',
  'safety-action': 'yes',
  'safety-action-detail':
    'Public protection unit briefed response officers on recording every child present at domestic incidents (DCI, the week after the incident).',
  'went-well': 'The joint investigation with children’s social care started within hours.',
  'learning-so-far':
    'Calls recorded as neighbour disputes are not screened for children in the household. A change to the call-handling script has been agreed.',
  'fuller-review': 'yes',
  'completed-by-role': 'Detective Chief Inspector, Public Protection',
  'completed-on': dates.after,
  'senior-agreed': 'yes',
});

/** Seeds Northshire's rapid review (Child K) and care leaver death (Young person J). Runs after the register's themes. */
export async function seedDemoCaseReviewsChildren(
  tx: Tx,
  ctx: RequestContext,
  ids: {
    partnershipId: string;
    agencyIds: Record<DemoAgency, string>;
    personIds: Record<DemoPerson, string>;
    now: Date;
  },
) {
  const { partnershipId: pid, agencyIds, personIds, now } = ids;
  const daniel = personIds.daniel;
  const audit = (entry: Parameters<typeof writeAudit>[2]) =>
    writeAudit(tx, ctx, { partnershipId: pid, personId: daniel, personEmail: null, ...entry });
  const stamp = (on: string) => new Date(`${on}T10:00:00Z`);

  // The summary template, published by the partnership admin.
  const form = await seedStarterTemplate(tx, ctx, {
    partnershipId: pid,
    starterId: 'rapid-review-summary-of-agency-involvement',
    publishedBy: personIds.priya,
    now,
  });

  const today = ukToday(now);
  const [{ top }] = await tx
    .select({ top: max(caseFiles.number) })
    .from(caseFiles)
    .where(eq(caseFiles.partnershipId, pid));
  let number = Number(top ?? 0);
  async function caseFile(label: string, summary: string, themeNames: string[], on: string) {
    number += 1;
    const [row] = await tx
      .insert(caseFiles)
      .values({
        partnershipId: pid,
        number,
        kind: 'child',
        label,
        summary,
        createdBy: daniel,
        createdAt: stamp(on),
        updatedAt: stamp(on),
      })
      .returning();
    const found = themeNames.length
      ? await tx
          .select({ id: themes.id })
          .from(themes)
          .where(and(eq(themes.partnershipId, pid), inArray(themes.name, themeNames)))
      : [];
    if (found.length)
      await tx
        .insert(caseFileThemes)
        .values(found.map((t) => ({ caseFileId: row.id, themeId: t.id, partnershipId: pid })));
    await audit({
      entity: 'case_file',
      entityId: row.id,
      action: 'created',
      after: {
        reference: caseFileReference(row.number),
        kind: 'child',
        themeIds: found.map((t) => t.id),
        textFields: ['label', 'summary'],
      },
    });
    return row;
  }

  // --- Child K: the rapid review on working day 5 of 15 ------------------------------------------------
  // Counted from the next working day (today, on a working day), so the summaries are never overdue at a
  // weekend: on a Saturday the review is on day 4 and the summaries are due on Monday.
  const anchor = nextWorkingDay(today);
  const startedOn = addWorkingDays(anchor, -5);
  const becameAwareOn = addWorkingDays(startedOn, -2);
  const requestedOn = addWorkingDays(startedOn, 2);
  const policeSubmittedOn = addWorkingDays(startedOn, 4);
  const childK = await caseFile(
    'Child K',
    'Baby of four months admitted to hospital with a fractured arm and bruising; abuse suspected.',
    ['Neglect', 'Information sharing'],
    becameAwareOn,
  );
  const [notification] = await tx
    .insert(seriousIncidentNotifications)
    .values({
      partnershipId: pid,
      caseFileId: childK.id,
      kind: 'serious_incident',
      becameAwareOn,
      harm: 'serious_harm',
      abuseOrNeglect: 'suspected',
      place: 'in_area',
      notifyDueOn: notificationDueOn(becameAwareOn),
      notifiedPanelOn: startedOn,
      ofstedNotifiedOn: startedOn,
      createdBy: daniel,
      createdAt: stamp(becameAwareOn),
      updatedAt: stamp(startedOn),
      version: 2,
    })
    .returning();
  await audit({
    entity: 'serious_incident_notification',
    entityId: notification.id,
    action: 'created',
    after: {
      reference: caseFileReference(childK.number),
      caseFileId: childK.id,
      kind: 'serious_incident',
      becameAwareOn,
      notifyDueOn: notification.notifyDueOn,
      notifiedPanelOn: startedOn,
      inTime: true,
    },
  });
  const [rr] = await tx
    .insert(rapidReviews)
    .values({
      partnershipId: pid,
      caseFileId: childK.id,
      notificationId: notification.id,
      startedOn,
      dueOn: rapidReviewDueOn(startedOn),
      createdBy: daniel,
      createdAt: stamp(startedOn),
      updatedAt: stamp(startedOn),
    })
    .returning();
  const summariesDueOn = agencySummariesDueOn(requestedOn);
  const owners = {
    request_information: daniel,
    agency_summaries: daniel,
    collate: personIds.kwabena,
    decision_meeting: daniel,
    decision_sent: daniel,
  } as const;
  await tx.insert(rapidReviewSteps).values(
    rapidReviewTimetable(startedOn).map((s) => ({
      partnershipId: pid,
      rapidReviewId: rr.id,
      step: s.step,
      position: s.position,
      ownerPersonId: owners[s.step],
      dueOn: s.step === 'agency_summaries' ? summariesDueOn : s.dueOn,
      doneOn: s.step === 'request_information' ? requestedOn : null,
      notes:
        s.step === 'decision_meeting'
          ? 'Chair: the local authority’s director of children’s services; police and health to attend.'
          : null,
      version: s.step === 'request_information' || s.step === 'agency_summaries' ? 2 : 1,
      updatedAt: stamp(s.step === 'request_information' ? requestedOn : startedOn),
    })),
  );
  await audit({
    entity: 'rapid_review',
    entityId: rr.id,
    action: 'opened',
    after: { reference: caseFileReference(childK.number), startedOn, dueOn: rr.dueOn },
  });
  const title = summaryRequestTitle(childK.number);
  const [police, council] = await tx
    .insert(formResponses)
    .values([
      {
        partnershipId: pid,
        templateVersionId: form.versionId,
        caseFileId: childK.id,
        agencyId: agencyIds.police,
        title,
        dueOn: summariesDueOn,
        status: 'submitted' as const,
        answers: POLICE_SUMMARY({
          before: addWorkingDays(becameAwareOn, -40),
          incident: becameAwareOn,
          after: policeSubmittedOn,
        }),
        version: 3,
        lastSavedAt: stamp(policeSubmittedOn),
        lastSavedBy: personIds.tom,
        submittedAt: stamp(policeSubmittedOn),
        submittedBy: personIds.tom,
        createdBy: daniel,
        createdAt: stamp(requestedOn),
        updatedAt: stamp(policeSubmittedOn),
      },
      {
        partnershipId: pid,
        templateVersionId: form.versionId,
        caseFileId: childK.id,
        agencyId: agencyIds.council,
        title,
        dueOn: summariesDueOn,
        answers: {
          'known-before': 'child-and-family',
          'involvement-summary':
            'Early help support to the mother after the birth, closed two months before the incident.',
        },
        version: 2,
        lastSavedAt: stamp(policeSubmittedOn),
        lastSavedBy: personIds.rebecca,
        createdBy: daniel,
        createdAt: stamp(requestedOn),
        updatedAt: stamp(policeSubmittedOn),
      },
    ])
    .returning();
  await audit({
    entity: 'rapid_review',
    entityId: rr.id,
    action: 'summaries_requested',
    after: {
      reference: caseFileReference(childK.number),
      agencyIds: [agencyIds.police, agencyIds.council],
      responseIds: [police.id, council.id],
      dueOn: summariesDueOn,
    },
  });

  // --- Young person J: a care leaver's death, notified in time, no rapid review ---------------------------
  const jAware = addWorkingDays(anchor, -12);
  const youngPersonJ = await caseFile(
    'Young person J',
    'Care leaver aged 19, living in supported accommodation, died suddenly; the cause is awaited.',
    [],
    jAware,
  );
  const [jNotification] = await tx
    .insert(seriousIncidentNotifications)
    .values({
      partnershipId: pid,
      caseFileId: youngPersonJ.id,
      kind: 'care_leaver_death',
      becameAwareOn: jAware,
      ageAtDeath: 19,
      notifyDueOn: notificationDueOn(jAware),
      notifiedPanelOn: addWorkingDays(jAware, 3),
      createdBy: daniel,
      createdAt: stamp(jAware),
      updatedAt: stamp(addWorkingDays(jAware, 3)),
      version: 2,
    })
    .returning();
  await audit({
    entity: 'serious_incident_notification',
    entityId: jNotification.id,
    action: 'created',
    after: {
      reference: caseFileReference(youngPersonJ.number),
      caseFileId: youngPersonJ.id,
      kind: 'care_leaver_death',
      becameAwareOn: jAware,
      notifyDueOn: jNotification.notifyDueOn,
      notifiedPanelOn: jNotification.notifiedPanelOn,
      inTime: true,
    },
  });
  return { childKId: childK.id, youngPersonJId: youngPersonJ.id, summaryVersionId: form.versionId };
}
