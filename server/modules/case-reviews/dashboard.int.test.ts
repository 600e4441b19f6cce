import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { themes } from '../recommendations/recommendations.tables.js';
import { notificationDueOn, reviewTargetPublicationOn, sarAcknowledgeDueOn } from './case-reviews.rules.js';
import {
  caseFileThemes,
  caseReviews,
  sarReferrals,
  seriousIncidentNotifications,
} from './case-reviews.tables.js';
import {
  buildCaseFile,
  buildCaseReviewWorld,
  buildRapidReview,
  type CaseReviewWorld,
} from './reviews.testing.js';

// Monday 15 June 2026, 10:00 in London: this week runs to Sunday 21 June.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

type Item = {
  caseFileId: string;
  reference: string;
  kind: string;
  what: string;
  dueOn: string;
  overdue: boolean;
};
const lines = (items: Item[]) => items.map((i) => `${i.reference} ${i.dueOn} ${i.what}`);

describe('the case reviews dashboard', () => {
  it('shows what is due this week and what is overdue, only on the case files the person may read', async () => {
    const w = await buildCaseReviewWorld(t);
    // C-2 (adult; the reader is named on it): receipt due Wed 17 June.
    await w.as.reviewer.put(`${w.fileUrl(w.adult)}/sar-referral`, {
      receivedOn: '2026-06-10',
      hasCareAndSupportNeeds: true,
      concernAboutJointWorking: false,
      outcome: 'died',
    });
    // C-3 (adult; nobody named): receipt was due Mon 1 June.
    const other = await buildCaseFile(t.db, { partnershipId: w.p.id, kind: 'adult', label: 'Adult Z' });
    await w.as.reviewer.put(`${w.fileUrl(other)}/sar-referral`, {
      receivedOn: '2026-05-22',
      hasCareAndSupportNeeds: true,
      concernAboutJointWorking: true,
      outcome: 'serious_abuse_or_neglect',
    });
    // C-1 (child): notified Mon 8 June; steps due 11, 16, 17, 25 and 29 June.
    await buildRapidReview(t.db, w.child, {
      becameAwareOn: '2026-06-05',
      notifiedPanelOn: '2026-06-08',
      ownerPersonId: w.people.reviewer.id,
    });
    // A review of C-1 past its target (3 May), with a milestone due Friday.
    const review = await w.as.reviewer.post(`${w.fileUrl(w.child)}/reviews`, {
      kind: 'single_agency_review',
      title: 'Health visiting',
      initiatedOn: '2025-11-03',
    });
    const reviewId = review.json().reviews[0].id;
    await w.as.reviewer.post(`${w.fileUrl(w.child)}/reviews/${reviewId}/events`, {
      kind: 'panel_meeting',
      title: 'Panel reads the draft',
      dueOn: '2026-06-19',
    });
    // Done, or later than this week: not shown.
    await w.as.reviewer.post(`${w.fileUrl(w.child)}/reviews/${reviewId}/events`, {
      kind: 'draft',
      title: 'Draft report',
      dueOn: '2026-06-22',
    });
    await w.as.reviewer.post(`${w.fileUrl(w.child)}/reviews/${reviewId}/events`, {
      kind: 'agency_report',
      title: 'Health report',
      dueOn: '2026-06-10',
      doneOn: '2026-06-09',
    });

    const res = await w.as.reviewer2.get(`${w.base}/case-reviews/dashboard`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(lines(d.overdue)).toEqual([
      'C-1 2026-05-03 Publish the review: Health visiting',
      'C-3 2026-06-01 Confirm receipt of the SAR referral',
      'C-1 2026-06-11 Rapid review: Request information from agencies',
    ]);
    expect(lines(d.dueThisWeek)).toEqual([
      "C-1 2026-06-16 Rapid review: Agencies' summaries of involvement due",
      'C-1 2026-06-17 Rapid review: Collate the information and circulate it',
      'C-2 2026-06-17 Confirm receipt of the SAR referral',
      'C-1 2026-06-19 Review milestone: Panel reads the draft',
    ]);
    expect(d.overdue.every((i: Item) => i.overdue)).toBe(true);
    expect(d.dueThisWeek.some((i: Item) => i.overdue)).toBe(false);
    expect(d.overdue[1]).toMatchObject({
      caseFileId: other.id,
      kind: 'sar_acknowledgement',
      href: `/case-reviews/${other.id}`,
    });
    // Codes and references only: never the case's label.
    expect(res.body).not.toMatch(/Child K|Adult M|Adult Z/);

    // The reader is named on C-1 and C-2 only.
    const mine = (await w.as.reader.get(`${w.base}/case-reviews/dashboard`)).json();
    expect([...mine.overdue, ...mine.dueThisWeek].map((i: Item) => i.reference).sort()).toEqual([
      'C-1',
      'C-1',
      'C-1',
      'C-1',
      'C-1',
      'C-2',
    ]);
    // Everyone else in the partnership sees nothing; another partnership is not found.
    for (const who of ['admin', 'qa', 'lead', 'viewer'] as const) {
      const empty = await w.as[who].get(`${w.base}/case-reviews/dashboard`);
      expect(empty.statusCode, who).toBe(200);
      expect(empty.json(), who).toEqual({ dueThisWeek: [], overdue: [] });
    }
    expect((await w.as.otherAdmin.get(`${w.base}/case-reviews/dashboard`)).statusCode).toBe(404);

    const views = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, w.p.id), eq(auditLog.entity, 'case_review_dashboard')));
    const byReviewer = views.find((v) => v.personId === w.people.reviewer2.id);
    expect(byReviewer).toMatchObject({ action: 'viewed', after: { dueThisWeek: 4, overdue: 3 } });
    expect(views).toHaveLength(6);
  });
});

describe('the annual counts', () => {
  /** Files with notifications, rapid reviews, SAR referrals, reviews and themes across 2025 and 2026. */
  async function countsWorld(w: CaseReviewWorld) {
    const db = t.db;
    const pid = w.p.id;
    const [neglect, exploitation, selfNeglect] = await db
      .insert(themes)
      .values(['Neglect', 'Exploitation', 'Self-neglect'].map((name) => ({ partnershipId: pid, name })))
      .returning();
    const file = async (kind: 'child' | 'adult', themeIds: string[]) => {
      const f = await buildCaseFile(db, { partnershipId: pid, kind });
      if (themeIds.length)
        await db
          .insert(caseFileThemes)
          .values(themeIds.map((themeId) => ({ caseFileId: f.id, themeId, partnershipId: pid })));
      return f;
    };
    const review = (
      f: { id: string },
      kind: 'lcspr' | 'sar' | 'partnership_review',
      initiatedOn: string,
      publishedOn: string | null = null,
    ) =>
      db.insert(caseReviews).values({
        partnershipId: pid,
        caseFileId: f.id,
        kind,
        title: 'Review',
        initiatedOn,
        targetPublicationOn: reviewTargetPublicationOn(initiatedOn),
        publishedOn,
        status: publishedOn ? 'published' : 'in_progress',
      });
    const referral = (
      f: { id: string },
      receivedOn: string,
      hasCareAndSupportNeeds: boolean,
      decision: 'sar' | 'discretionary_sar' | null,
    ) =>
      db.insert(sarReferrals).values({
        partnershipId: pid,
        caseFileId: f.id,
        receivedOn,
        hasCareAndSupportNeeds,
        concernAboutJointWorking: true,
        outcome: 'died',
        acknowledgeDueOn: sarAcknowledgeDueOn(receivedOn),
        decision,
      });

    // Children. A: in time, LCSPR decided, LCSPR started and published in 2026 (on time).
    const a = await file('child', [neglect.id]);
    await buildRapidReview(db, a, {
      becameAwareOn: '2026-02-02',
      notifiedPanelOn: '2026-02-04',
      decision: 'lcspr',
    });
    await review(a, 'lcspr', '2026-02-20', '2026-06-01');
    // B: sent late (due 9 March), rapid review undecided.
    const b = await file('child', []);
    await buildRapidReview(db, b, { becameAwareOn: '2026-03-02', notifiedPanelOn: '2026-03-20' });
    // C: not sent yet.
    const c = await file('child', []);
    await db.insert(seriousIncidentNotifications).values({
      partnershipId: pid,
      caseFileId: c.id,
      kind: 'serious_incident',
      becameAwareOn: '2026-06-10',
      notifyDueOn: notificationDueOn('2026-06-10'),
    });
    // D: a care leaver's death.
    const d = await file('child', []);
    await db.insert(seriousIncidentNotifications).values({
      partnershipId: pid,
      caseFileId: d.id,
      kind: 'care_leaver_death',
      becameAwareOn: '2026-04-01',
      ageAtDeath: 19,
      notifyDueOn: notificationDueOn('2026-04-01'),
      notifiedPanelOn: '2026-04-02',
    });
    // E: all in 2025.
    const e = await file('child', [exploitation.id]);
    await buildRapidReview(db, e, {
      becameAwareOn: '2025-12-15',
      notifiedPanelOn: '2025-12-17',
      decision: 'immediate_learning',
    });
    await review(e, 'partnership_review', '2025-12-20');
    // F: aware 29 Dec 2025, sent 6 Jan 2026 (in time over New Year); LCSPR from 2025 published late in 2026.
    const f = await file('child', [neglect.id]);
    await buildRapidReview(db, f, {
      becameAwareOn: '2025-12-29',
      notifiedPanelOn: '2026-01-06',
      decision: 'lcspr',
    });
    await review(f, 'lcspr', '2025-07-01', '2026-03-01');
    // Adults. G: mandatory, SAR decided, SAR started 2026. H: no care and support needs, discretionary.
    const g = await file('adult', [neglect.id]);
    await referral(g, '2026-05-01', true, 'sar');
    await review(g, 'sar', '2026-05-20');
    const h = await file('adult', [selfNeglect.id]);
    await referral(h, '2026-05-11', false, 'discretionary_sar');
    // I: mandatory, undecided. J: 2025.
    await referral(await file('adult', []), '2026-06-01', true, null);
    await referral(await file('adult', []), '2025-11-11', true, 'sar');
    return { neglect, exploitation, selfNeglect };
  }

  it('counts by year and outcome, with recurring themes, for the annual report', async () => {
    const w = await buildCaseReviewWorld(t);
    const th = await countsWorld(w);
    const res = await w.as.reviewer.get(`${w.base}/case-reviews/counts?year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      year: 2026,
      notifications: { total: 4, inTime: 2, late: 1, notSent: 1, careLeaverDeaths: 1 },
      rapidReviews: {
        total: 3,
        byDecision: [
          { key: 'lcspr', count: 2 },
          { key: 'undecided', count: 1 },
        ],
        recommendNationalReview: 0,
      },
      sarReferrals: {
        total: 3,
        mandatory: 2,
        discretionary: 1,
        byDecision: [
          { key: 'discretionary_sar', count: 1 },
          { key: 'sar', count: 1 },
          { key: 'undecided', count: 1 },
        ],
      },
      reviews: {
        started: 2,
        published: 2,
        publishedLate: 1,
        byKind: [
          { key: 'lcspr', count: 1 },
          { key: 'sar', count: 1 },
        ],
      },
      themes: [
        { id: th.neglect.id, name: 'Neglect', caseFiles: 3, reviews: 3, recurring: true },
        { id: th.selfNeglect.id, name: 'Self-neglect', caseFiles: 1, reviews: 0, recurring: false },
      ],
    });

    const y2025 = (await w.as.reviewer.get(`${w.base}/case-reviews/counts?year=2025`)).json();
    expect(y2025.notifications).toEqual({ total: 1, inTime: 1, late: 0, notSent: 0, careLeaverDeaths: 0 });
    expect(y2025.rapidReviews.byDecision).toEqual([{ key: 'immediate_learning', count: 1 }]);
    expect(y2025.sarReferrals).toMatchObject({ total: 1, mandatory: 1 });
    expect(y2025.reviews).toMatchObject({ started: 2, published: 0, publishedLate: 0 });
    expect(
      y2025.themes.map((x: { name: string; caseFiles: number; reviews: number }) => [
        x.name,
        x.caseFiles,
        x.reviews,
      ]),
    ).toEqual([
      ['Exploitation', 1, 1],
      ['Neglect', 1, 1],
    ]);
    // This year by default.
    expect((await w.as.reviewer.get(`${w.base}/case-reviews/counts`)).json().year).toBe(2026);
  });

  it('is for the case review group, partnership admins and board viewers, and is audit-logged', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.base}/case-reviews/counts?year=2026`;
    for (const who of ['reviewer', 'admin', 'viewer'] as const)
      expect((await w.as[who].get(url)).statusCode, who).toBe(200);
    for (const who of ['qa', 'lead', 'reader', 'editor'] as const)
      expect((await w.as[who].get(url)).statusCode, who).toBe(403);
    expect((await w.as.otherAdmin.get(url)).statusCode).toBe(404);
    const bad = await w.as.admin.get(`${w.base}/case-reviews/counts?year=twenty`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details.fields)).toContain('year');
    const views = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, w.p.id), eq(auditLog.entity, 'case_review_counts')));
    expect(views.map((v) => v.personId).sort()).toEqual(
      [w.people.reviewer.id, w.people.admin.id, w.people.viewer.id].sort(),
    );
  });
});
