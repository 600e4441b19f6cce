import { and, eq } from 'drizzle-orm';
import type { Role } from '../../../contracts/org.js';
import type { Db } from '../../platform/db.js';
import { buildAgency, buildCaseFile, buildMember, buildPartnership } from '../../testing/factories.js';
import type { TestApp, TestClient } from '../../testing/test-app.js';
import { notificationDueOn, rapidReviewDueOn, rapidReviewTimetable } from './case-reviews.rules.js';
import {
  caseFileAccess,
  rapidReviewSteps,
  rapidReviews,
  seriousIncidentNotifications,
} from './case-reviews.tables.js';

// Test helpers for the SAR referral, review, dashboard and work-item tests: case files (the shared factory)
// and rapid reviews with owners and decisions made straight in the database (their own routes are tested in
// the case-files and rapid-reviews tests).

/** A case file numbered next in its partnership (the shared factory). */
export { buildCaseFile };

/** Names a person on a case file. */
export async function nameOnCaseFile(
  db: Db,
  file: { id: string; partnershipId: string },
  personId: string,
  level: 'read' | 'edit',
) {
  await db
    .insert(caseFileAccess)
    .values({ caseFileId: file.id, partnershipId: file.partnershipId, personId, level });
}

export async function unnameFromCaseFile(db: Db, caseFileId: string, personId: string) {
  await db
    .delete(caseFileAccess)
    .where(and(eq(caseFileAccess.caseFileId, caseFileId), eq(caseFileAccess.personId, personId)));
}

/**
 * A sent serious incident notification and its rapid review with the five steps of the timetable from
 * `notifiedPanelOn`; `ownerPersonId` owns every step.
 */
export async function buildRapidReview(
  db: Db,
  file: { id: string; partnershipId: string },
  opts: {
    becameAwareOn: string;
    notifiedPanelOn: string;
    ownerPersonId?: string | null;
    decision?: 'lcspr' | 'immediate_learning' | null;
    decidedOn?: string | null;
  },
) {
  const [notification] = await db
    .insert(seriousIncidentNotifications)
    .values({
      partnershipId: file.partnershipId,
      caseFileId: file.id,
      kind: 'serious_incident',
      becameAwareOn: opts.becameAwareOn,
      harm: 'serious_harm',
      abuseOrNeglect: 'suspected',
      place: 'in_area',
      notifyDueOn: notificationDueOn(opts.becameAwareOn),
      notifiedPanelOn: opts.notifiedPanelOn,
    })
    .returning();
  const [rapid] = await db
    .insert(rapidReviews)
    .values({
      partnershipId: file.partnershipId,
      caseFileId: file.id,
      notificationId: notification.id,
      startedOn: opts.notifiedPanelOn,
      dueOn: rapidReviewDueOn(opts.notifiedPanelOn),
      decision: opts.decision ?? null,
      decidedOn: opts.decidedOn ?? null,
    })
    .returning();
  const steps = await db
    .insert(rapidReviewSteps)
    .values(
      rapidReviewTimetable(opts.notifiedPanelOn).map((s) => ({
        partnershipId: file.partnershipId,
        rapidReviewId: rapid.id,
        step: s.step,
        position: s.position,
        dueOn: s.dueOn,
        ownerPersonId: opts.ownerPersonId ?? null,
      })),
    )
    .returning();
  return { notification, rapid, steps };
}

/**
 * A partnership with two agencies, the case review group (two members), an admin, a QA group member, an
 * agency lead, a board viewer, a member named on both case files with read and one named on the adult file
 * with edit; a child and an adult case file; and another partnership's admin. Everyone is signed in.
 */
export async function buildCaseReviewWorld(t: TestApp) {
  const db = t.db;
  const p = await buildPartnership(db);
  const agency = await buildAgency(db, { partnershipId: p.id, name: 'Northern Police' });
  const agency2 = await buildAgency(db, { partnershipId: p.id, name: 'Adult Social Care' });
  const member = (role: Role, agencyId?: string) => buildMember(db, { partnershipId: p.id, role, agencyId });
  const people = {
    reviewer: await member('case_review_group_member'),
    reviewer2: await member('case_review_group_member'),
    admin: await member('partnership_admin'),
    qa: await member('qa_group_member'),
    lead: await member('agency_lead', agency.id),
    viewer: await member('board_viewer'),
    reader: await member('qa_group_member'),
    editor: await member('agency_lead', agency2.id),
  };
  const other = await buildPartnership(db);
  const otherAgency = await buildAgency(db, { partnershipId: other.id });
  const otherAdmin = await buildMember(db, { partnershipId: other.id, role: 'partnership_admin' });
  const child = await buildCaseFile(db, { partnershipId: p.id, kind: 'child', label: 'Child K' });
  const adult = await buildCaseFile(db, { partnershipId: p.id, kind: 'adult', label: 'Adult M' });
  await nameOnCaseFile(db, child, people.reader.id, 'read');
  await nameOnCaseFile(db, adult, people.reader.id, 'read');
  await nameOnCaseFile(db, adult, people.editor.id, 'edit');
  const as: Record<keyof typeof people | 'otherAdmin', TestClient> = {} as never;
  for (const [k, person] of Object.entries({ ...people, otherAdmin }))
    as[k as keyof typeof as] = await t.signIn(person.email);
  const base = `/api/v1/partnerships/${p.id}`;
  return {
    p,
    other,
    agency,
    agency2,
    otherAgency,
    people,
    child,
    adult,
    as,
    base,
    fileUrl: (f: { id: string }) => `${base}/case-files/${f.id}`,
  };
}
export type CaseReviewWorld = Awaited<ReturnType<typeof buildCaseReviewWorld>>;
