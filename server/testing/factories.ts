import { randomBytes } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import type { AgencyType, Role } from '../../contracts/org.js';
import type {
  PriorityLevel,
  RecommendationSource,
  RecommendationStatus,
} from '../../contracts/recommendations.js';
import { impactCheckDates } from '../../contracts/recommendations.rules.js';
import { agencies, partnershipAgencies } from '../modules/agencies/agencies.tables.js';
import { auditTemplates, auditTemplateVersions } from '../modules/audit-tools/audit-tools.tables.js';
import {
  notificationDueOn,
  rapidReviewDueOn,
  rapidReviewTimetable,
} from '../modules/case-reviews/case-reviews.rules.js';
import {
  caseFileAccess,
  caseFiles,
  rapidReviewSteps,
  rapidReviews,
  seriousIncidentNotifications,
} from '../modules/case-reviews/case-reviews.tables.js';
import { partnerships } from '../modules/partnerships/partnerships.tables.js';
import { memberships, people } from '../modules/people/people.tables.js';
import { qaActivities, qaProgrammes } from '../modules/programme/programme.tables.js';
import {
  impactChecks,
  recommendationAgencies,
  recommendations,
} from '../modules/recommendations/recommendations.tables.js';
import { formResponses } from '../modules/responses/responses.tables.js';
import type { Db } from '../platform/db.js';
import { hashPassword } from '../platform/tokens.js';

// Factories, not shared fixtures: each creates what it needs, so tests run in any order.

export const TEST_PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | null = null;
const testPasswordHash = () => {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
};
const uniq = () => randomBytes(4).toString('hex');

export async function buildPartnership(db: Db, over: Partial<{ name: string; covers: string }> = {}) {
  const [row] = await db
    .insert(partnerships)
    .values({ name: over.name ?? `Test Partnership ${uniq()}`, covers: over.covers ?? 'both' })
    .returning();
  return row;
}

export async function buildAgency(
  db: Db,
  over: { partnershipId?: string; name?: string; type?: AgencyType } = {},
) {
  const partnershipId = over.partnershipId ?? (await buildPartnership(db)).id;
  const [row] = await db
    .insert(agencies)
    .values({ name: over.name ?? `Test Agency ${uniq()}`, type: over.type ?? 'police' })
    .returning();
  await db.insert(partnershipAgencies).values({ partnershipId, agencyId: row.id });
  return { ...row, partnershipId };
}

export async function buildPerson(
  db: Db,
  over: Partial<{ email: string; name: string; active: boolean }> = {},
) {
  const [row] = await db
    .insert(people)
    .values({
      email: over.email ?? `person-${uniq()}@example.org`,
      name: over.name ?? `Test Person ${uniq()}`,
      passwordHash: await testPasswordHash(),
      active: over.active ?? true,
    })
    .returning();
  return row;
}

/** A person holding one role in a partnership (agency-scoped roles get an agency if none is given). */
export async function buildMember(
  db: Db,
  opts: { partnershipId: string; role: Role; agencyId?: string | null; personId?: string },
) {
  const person = opts.personId ? { id: opts.personId } : await buildPerson(db);
  let agencyId = opts.agencyId ?? null;
  if (!agencyId && ['agency_lead', 'auditor_practitioner', 'education_provider_lead'].includes(opts.role)) {
    agencyId = (await buildAgency(db, { partnershipId: opts.partnershipId })).id;
  }
  await db
    .insert(memberships)
    .values({ partnershipId: opts.partnershipId, personId: person.id, role: opts.role, agencyId });
  const [full] = await db.select().from(people).where(eqId(person.id));
  return { ...full, agencyId };
}

const eqId = (id: string) => eq(people.id, id);

/**
 * An open request to fill in a form (a draft form_response) on a small published tool, for reminder and
 * My work tests. Give `assigneePersonId` for a named person, or only `agencyId` for the agency's leads.
 */
export async function buildOpenResponse(
  db: Db,
  opts: {
    partnershipId: string;
    agencyId?: string | null;
    assigneePersonId?: string | null;
    dueOn?: string | null;
    title?: string;
    status?: 'draft' | 'submitted';
  },
) {
  const [template] = await db
    .insert(auditTemplates)
    .values({ partnershipId: opts.partnershipId, title: `Tool ${uniq()}`, kind: 'case_audit' })
    .returning();
  const [version] = await db
    .insert(auditTemplateVersions)
    .values({
      templateId: template.id,
      number: 1,
      status: 'published',
      publishedAt: new Date(),
      definition: {
        formatVersion: 1,
        title: template.title,
        kind: 'case_audit',
        scales: [],
        sections: [
          {
            id: 's1',
            title: 'Section',
            questions: [{ id: 'q1', type: 'short_text', text: 'Q', required: false }],
          },
        ],
      },
    })
    .returning();
  const [row] = await db
    .insert(formResponses)
    .values({
      partnershipId: opts.partnershipId,
      templateVersionId: version.id,
      agencyId: opts.agencyId ?? null,
      assigneePersonId: opts.assigneePersonId ?? null,
      title: opts.title ?? `Request ${uniq()}`,
      dueOn: opts.dueOn ?? null,
      status: opts.status ?? 'draft',
    })
    .returning();
  return row;
}

/** A programme activity led by someone, with a deadline (creates its programme). */
export async function buildOpenActivity(
  db: Db,
  opts: {
    partnershipId: string;
    leadPersonId?: string | null;
    deadlineOn?: string | null;
    reportDueOn?: string | null;
    status?: string;
    title?: string;
    /** The programme's year (default 2026); its programme is made unless one for that year exists. */
    startYear?: number;
  },
) {
  const startYear = opts.startYear ?? 2026;
  // One active programme per partnership and year: reuse it when an earlier call made it.
  const [existing] = await db
    .select()
    .from(qaProgrammes)
    .where(
      and(
        eq(qaProgrammes.partnershipId, opts.partnershipId),
        eq(qaProgrammes.startYear, startYear),
        eq(qaProgrammes.yearKind, 'financial'),
        eq(qaProgrammes.active, true),
      ),
    );
  const programme =
    existing ??
    (
      await db
        .insert(qaProgrammes)
        .values({ partnershipId: opts.partnershipId, startYear, title: `Programme ${uniq()}` })
        .returning()
    )[0];
  const [row] = await db
    .insert(qaActivities)
    .values({
      partnershipId: opts.partnershipId,
      programmeId: programme.id,
      kind: 'multi_agency_case_audit',
      title: opts.title ?? `Activity ${uniq()}`,
      quarter: 1,
      leadPersonId: opts.leadPersonId ?? null,
      deadlineOn: opts.deadlineOn ?? null,
      reportDueOn: opts.reportDueOn ?? null,
      status: opts.status ?? 'in_progress',
    })
    .returning();
  return row;
}

/** A QA programme for a year (financial by default), with no activities. */
export async function buildProgramme(
  db: Db,
  opts: { partnershipId: string; startYear?: number; yearKind?: 'financial' | 'academic'; title?: string },
) {
  const [row] = await db
    .insert(qaProgrammes)
    .values({
      partnershipId: opts.partnershipId,
      startYear: opts.startYear ?? 2026,
      yearKind: opts.yearKind ?? 'financial',
      title: opts.title ?? `QA programme ${uniq()}`,
    })
    .returning();
  return row;
}

/** A QA programme activity in a partnership (with the partnership's programme for 2026, made if missing). */
export async function buildActivity(db: Db, opts: { partnershipId: string; title?: string }) {
  const { qaActivities, qaProgrammes } = await import('../modules/programme/programme.tables.js');
  const { and } = await import('drizzle-orm');
  const where = and(eq(qaProgrammes.partnershipId, opts.partnershipId), eq(qaProgrammes.startYear, 2026));
  let [programme] = await db.select().from(qaProgrammes).where(where);
  if (!programme) {
    [programme] = await db
      .insert(qaProgrammes)
      .values({ partnershipId: opts.partnershipId, startYear: 2026, title: 'QA programme 2026 to 2027' })
      .returning();
  }
  const [activity] = await db
    .insert(qaActivities)
    .values({
      partnershipId: opts.partnershipId,
      programmeId: programme.id,
      kind: 'multi_agency_case_audit',
      title: opts.title ?? `Test activity ${uniq()}`,
      quarter: 2,
    })
    .returning();
  return activity;
}

/**
 * A recommendation in the register addressed to `agencyIds` (at least one), numbered next in its
 * partnership. Status defaults to draft; give `agreedOn` (and a status past draft) for an agreed one.
 * Impact checks are scheduled only when `impactCheckMonths` is given (with `agreedOn`, else 2026-01-15).
 * Returns the row with `agencyIds` and the `impactChecks` rows made.
 */
export async function buildRecommendation(
  db: Db,
  opts: {
    partnershipId: string;
    agencyIds: string[];
    status?: RecommendationStatus;
    agreedOn?: string | null;
    title?: string;
    detail?: string | null;
    sourceKind?: RecommendationSource;
    sourceTitle?: string;
    priority?: PriorityLevel;
    themeId?: string | null;
    monitoringGroupId?: string | null;
    createdBy?: string | null;
    impactCheckMonths?: number[];
  },
) {
  const [{ top }] = await db
    .select({ top: max(recommendations.number) })
    .from(recommendations)
    .where(eq(recommendations.partnershipId, opts.partnershipId));
  const [row] = await db
    .insert(recommendations)
    .values({
      partnershipId: opts.partnershipId,
      number: Number(top ?? 0) + 1,
      title: opts.title ?? `Recommendation ${uniq()}`,
      detail: opts.detail ?? null,
      sourceKind: opts.sourceKind ?? 'case_audit',
      sourceTitle: opts.sourceTitle ?? `Source ${uniq()}`,
      priority: opts.priority ?? 'medium',
      themeId: opts.themeId ?? null,
      monitoringGroupId: opts.monitoringGroupId ?? null,
      status: opts.status ?? 'draft',
      agreedOn: opts.agreedOn ?? null,
      createdBy: opts.createdBy ?? null,
    })
    .returning();
  if (opts.agencyIds.length > 0) {
    await db.insert(recommendationAgencies).values(
      opts.agencyIds.map((agencyId) => ({
        recommendationId: row.id,
        agencyId,
        partnershipId: opts.partnershipId,
      })),
    );
  }
  const checks = opts.impactCheckMonths
    ? await db
        .insert(impactChecks)
        .values(
          impactCheckDates(opts.agreedOn ?? '2026-01-15', opts.impactCheckMonths).map((c) => ({
            partnershipId: opts.partnershipId,
            recommendationId: row.id,
            months: c.months,
            dueOn: c.dueOn,
          })),
        )
        .returning()
    : [];
  return { ...row, agencyIds: [...opts.agencyIds], impactChecks: checks };
}

/**
 * A case file (case reviews) numbered next in its partnership, with a code for a label. For a child, give
 * `notification` to record a serious incident notification (or a care leaver's death), and `rapidReview` to
 * open its rapid review with the five timetabled steps (the notification must then have been sent). `named`
 * people are put on the file with the given access.
 */
export async function buildCaseFile(
  db: Db,
  opts: {
    partnershipId: string;
    kind?: 'child' | 'adult';
    label?: string;
    summary?: string | null;
    createdBy?: string | null;
    notification?: {
      kind?: 'serious_incident' | 'care_leaver_death';
      becameAwareOn: string;
      notifiedPanelOn?: string | null;
      ageAtDeath?: number;
    };
    rapidReview?: boolean;
    named?: { personId: string; level: 'read' | 'edit' }[];
  },
) {
  const [{ top }] = await db
    .select({ top: max(caseFiles.number) })
    .from(caseFiles)
    .where(eq(caseFiles.partnershipId, opts.partnershipId));
  const kind = opts.kind ?? 'child';
  const [file] = await db
    .insert(caseFiles)
    .values({
      partnershipId: opts.partnershipId,
      number: Number(top ?? 0) + 1,
      kind,
      label: opts.label ?? `${kind === 'child' ? 'Child' : 'Adult'} ${uniq().slice(0, 2).toUpperCase()}`,
      summary: opts.summary ?? null,
      createdBy: opts.createdBy ?? null,
    })
    .returning();
  if (opts.named?.length)
    await db.insert(caseFileAccess).values(
      opts.named.map((n) => ({
        caseFileId: file.id,
        personId: n.personId,
        partnershipId: opts.partnershipId,
        level: n.level,
      })),
    );
  let notification: typeof seriousIncidentNotifications.$inferSelect | null = null;
  if (opts.notification) {
    const n = opts.notification;
    const serious = (n.kind ?? 'serious_incident') === 'serious_incident';
    [notification] = await db
      .insert(seriousIncidentNotifications)
      .values({
        partnershipId: opts.partnershipId,
        caseFileId: file.id,
        kind: n.kind ?? 'serious_incident',
        becameAwareOn: n.becameAwareOn,
        harm: serious ? 'serious_harm' : null,
        abuseOrNeglect: serious ? 'suspected' : null,
        place: serious ? 'in_area' : null,
        ageAtDeath: serious ? null : (n.ageAtDeath ?? 21),
        notifyDueOn: notificationDueOn(n.becameAwareOn),
        notifiedPanelOn: n.notifiedPanelOn ?? null,
      })
      .returning();
  }
  let rapidReview: typeof rapidReviews.$inferSelect | null = null;
  let steps: (typeof rapidReviewSteps.$inferSelect)[] = [];
  if (opts.rapidReview) {
    const startedOn = notification?.notifiedPanelOn;
    if (!notification || !startedOn)
      throw new Error('buildCaseFile: a rapid review needs a sent notification');
    [rapidReview] = await db
      .insert(rapidReviews)
      .values({
        partnershipId: opts.partnershipId,
        caseFileId: file.id,
        notificationId: notification.id,
        startedOn,
        dueOn: rapidReviewDueOn(startedOn),
      })
      .returning();
    steps = await db
      .insert(rapidReviewSteps)
      .values(
        rapidReviewTimetable(startedOn).map((s) => ({
          partnershipId: opts.partnershipId,
          rapidReviewId: rapidReview!.id,
          step: s.step,
          position: s.position,
          dueOn: s.dueOn,
        })),
      )
      .returning();
  }
  return { ...file, notification, rapidReview, steps };
}
