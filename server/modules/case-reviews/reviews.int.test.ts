import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import {
  recommendationAgencies,
  recommendations,
  themes,
} from '../recommendations/recommendations.tables.js';
import { caseReviews } from './case-reviews.tables.js';
import {
  buildCaseFile,
  buildCaseReviewWorld,
  buildRapidReview,
  type CaseReviewWorld,
} from './reviews.testing.js';

// Monday 15 June 2026, 10:00 in London.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

type Review = { id: string; kind: string; version: number; events: { id: string; version: number }[] };

async function commission(w: CaseReviewWorld, file: { id: string }, body: Record<string, unknown>) {
  const res = await w.as.reviewer.post(`${w.fileUrl(file)}/reviews`, body);
  expect(res.statusCode, res.body).toBe(201);
  const reviews = res.json().reviews as (Review & { title: string; initiatedOn: string })[];
  const review = reviews.find((r) => r.title === body.title && r.initiatedOn === body.initiatedOn)!;
  return { detail: res.json(), review };
}

const update = (version: number, over: Record<string, unknown> = {}) => ({
  version,
  title: 'Child K: learning from the response to neglect',
  status: 'in_progress',
  reviewerName: 'Independent reviewer (appointed through the national pool)',
  reviewerKind: 'independent',
  reviewerAppointedOn: '2026-02-16',
  termsOfReference: 'How agencies saw the signs of neglect from January 2025.',
  familyInvolvement: 'The mother met the reviewer twice.',
  targetPublicationOn: '2026-07-30',
  ...over,
});

describe('reviews', () => {
  it('commissions an LCSPR with its target publication 6 months after initiation', async () => {
    const w = await buildCaseReviewWorld(t);
    const { detail, review } = await commission(w, w.child, {
      kind: 'lcspr',
      title: 'LCSPR: Child K',
      initiatedOn: '2026-01-30',
      recommendNationalReview: true,
    });
    expect(detail.stage).toBe('review');
    expect(review).toMatchObject({
      kind: 'lcspr',
      status: 'commissioned',
      initiatedOn: '2026-01-30',
      targetPublicationOn: '2026-07-30',
      recommendNationalReview: true,
      publishedOn: null,
      publishedLate: null,
      overdue: false,
      events: [],
      version: 1,
    });
    // A month end clamps: 31 August → the end of February.
    const { review: sar } = await commission(w, w.adult, {
      kind: 'sar',
      title: 'SAR: Adult M',
      initiatedOn: '2025-08-31',
    });
    expect(sar).toMatchObject({ targetPublicationOn: '2026-02-28', overdue: true });
  });

  it('refuses a kind that does not suit the file, and bad dates, naming the field', async () => {
    const w = await buildCaseReviewWorld(t);
    const cases: [{ id: string }, Record<string, unknown>, string][] = [
      [w.adult, { kind: 'lcspr', title: 'x', initiatedOn: '2026-06-01' }, 'kind'],
      [w.child, { kind: 'sar', title: 'x', initiatedOn: '2026-06-01' }, 'kind'],
      [
        w.child,
        { kind: 'partnership_review', title: 'x', initiatedOn: '2026-06-01', recommendNationalReview: true },
        'recommendNationalReview',
      ],
      [w.child, { kind: 'lcspr', title: 'x', initiatedOn: '2026-06-16' }, 'initiatedOn'],
      [w.child, { kind: 'lcspr', title: 'x', initiatedOn: '2026-02-30' }, 'initiatedOn'],
      [w.child, { kind: 'lcspr', title: ' ', initiatedOn: '2026-06-01' }, 'title'],
      [w.child, { kind: 'thematic', title: 'x', initiatedOn: '2026-06-01' }, 'kind'],
    ];
    for (const [file, body, field] of cases) {
      const res = await w.as.reviewer.post(`${w.fileUrl(file)}/reviews`, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().details.fields), field).toContain(field);
    }
    expect(await t.db.select().from(caseReviews).where(eq(caseReviews.partnershipId, w.p.id))).toEqual([]);
    // Partnership and single-agency reviews suit either.
    await commission(w, w.adult, { kind: 'partnership_review', title: 'x', initiatedOn: '2026-06-01' });
    await commission(w, w.child, { kind: 'single_agency_review', title: 'x', initiatedOn: '2026-06-01' });
  });

  it('needs the reason for a delay: published late, target passed unpublished, or target moved past 6 months', async () => {
    const w = await buildCaseReviewWorld(t);
    const { review } = await commission(w, w.child, {
      kind: 'lcspr',
      title: 'LCSPR',
      initiatedOn: '2026-01-30',
    });
    const url = `${w.fileUrl(w.child)}/reviews/${review.id}`;

    const ok = await w.as.reviewer.put(url, update(1));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().reviews[0]).toMatchObject({
      status: 'in_progress',
      reviewerKind: 'independent',
      reviewerAppointedOn: '2026-02-16',
      termsOfReference: 'How agencies saw the signs of neglect from January 2025.',
      version: 2,
    });

    const moved = await w.as.reviewer.put(url, update(2, { targetPublicationOn: '2026-09-30' }));
    expect(moved.statusCode).toBe(400);
    expect(moved.json().details.fields.delayReason).toMatch(/more than 6 months/);

    const published = await w.as.reviewer.put(
      url,
      update(2, { status: 'published', publishedOn: '2026-06-12' }),
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().reviews[0]).toMatchObject({ publishedOn: '2026-06-12', publishedLate: false });

    // An older review, past its target and unpublished.
    const { review: late } = await commission(w, w.child, {
      kind: 'single_agency_review',
      title: 'Health',
      initiatedOn: '2025-11-03',
    });
    expect(late).toMatchObject({ targetPublicationOn: '2026-05-03', overdue: true });
    const lateUrl = `${w.fileUrl(w.child)}/reviews/${late.id}`;
    const body = update(1, { title: 'Health', targetPublicationOn: '2026-05-03', reviewerAppointedOn: null });
    const passed = await w.as.reviewer.put(lateUrl, body);
    expect(passed.statusCode).toBe(400);
    expect(passed.json().details.fields.delayReason).toMatch(/target publication date has passed/);
    const reason = 'The criminal trial had to finish first.';
    expect((await w.as.reviewer.put(lateUrl, { ...body, delayReason: reason })).statusCode).toBe(200);
    const afterTarget = { ...body, version: 2, status: 'published', publishedOn: '2026-06-10' };
    const unexplained = await w.as.reviewer.put(lateUrl, { ...afterTarget, delayReason: null });
    expect(unexplained.json().details.fields.delayReason).toMatch(/published after its target/);
    const explained = await w.as.reviewer.put(lateUrl, { ...afterTarget, delayReason: reason });
    expect(explained.statusCode, explained.body).toBe(200);
    expect(explained.json().reviews.find((r: Review) => r.id === late.id)).toMatchObject({
      publishedLate: true,
      overdue: false,
      delayReason: reason,
    });

    // A closed review is no longer chased for publication.
    const { review: closed } = await commission(w, w.child, {
      kind: 'partnership_review',
      title: 'Closed',
      initiatedOn: '2025-10-01',
    });
    const closing = await w.as.reviewer.put(`${w.fileUrl(w.child)}/reviews/${closed.id}`, {
      ...update(1, { title: 'Closed', targetPublicationOn: '2026-04-01', reviewerAppointedOn: null }),
      status: 'closed',
    });
    expect(closing.statusCode, closing.body).toBe(200);
    expect(closing.json().reviews.find((r: Review) => r.id === closed.id).overdue).toBe(false);
  });

  it('refuses inconsistent review changes with a 400 naming the field, and stale ones with 409', async () => {
    const w = await buildCaseReviewWorld(t);
    const { review } = await commission(w, w.child, {
      kind: 'lcspr',
      title: 'LCSPR',
      initiatedOn: '2026-01-30',
    });
    const url = `${w.fileUrl(w.child)}/reviews/${review.id}`;
    const cases: [Record<string, unknown>, string][] = [
      [update(1, { status: 'published' }), 'publishedOn'],
      [update(1, { publishedOn: '2026-06-01' }), 'status'],
      [update(1, { status: 'published', publishedOn: '2026-06-16' }), 'publishedOn'],
      [update(1, { status: 'published', publishedOn: '2026-01-29' }), 'publishedOn'],
      [update(1, { reviewerKind: null }), 'reviewerKind'],
      [update(1, { reviewerAppointedOn: '2026-01-01' }), 'reviewerAppointedOn'],
      [update(1, { targetPublicationOn: '2026-01-01' }), 'targetPublicationOn'],
      [update(1, { targetPublicationOn: '2026-06-31' }), 'targetPublicationOn'],
      [update(1, { status: 'abandoned' }), 'status'],
    ];
    for (const [body, field] of cases) {
      const res = await w.as.reviewer.put(url, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().details.fields), field).toContain(field);
    }
    expect((await w.as.reviewer.put(url, update(1))).statusCode).toBe(200);
    const stale = await w.as.reviewer2.put(url, update(1, { title: 'Mine' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ id: review.id, version: 2 });
    // A review under another case file is not found through this one.
    const wrong = await w.as.reviewer.put(`${w.fileUrl(w.adult)}/reviews/${review.id}`, update(2));
    expect(wrong.statusCode).toBe(404);
  });

  it('saved by several people at once on the same version: one change lands, the others get 409', async () => {
    const w = await buildCaseReviewWorld(t);
    const { review } = await commission(w, w.adult, { kind: 'sar', title: 'SAR', initiatedOn: '2026-03-02' });
    const clients = [w.as.reviewer, w.as.reviewer2, w.as.editor, w.as.reviewer, w.as.reviewer2, w.as.editor];
    const url = `${w.fileUrl(w.adult)}/reviews/${review.id}`;
    const results = await Promise.all(
      clients.map((c, i) =>
        c.put(
          url,
          update(1, {
            title: `SAR ${i}`,
            targetPublicationOn: '2026-09-02',
            reviewerAppointedOn: '2026-03-16',
          }),
        ),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(
      codes.filter((c) => c === 200),
      results[0].body,
    ).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
    const winner = results.find((r) => r.statusCode === 200)!.json().reviews[0];
    const [row] = await t.db.select().from(caseReviews).where(eq(caseReviews.id, review.id));
    expect(row).toMatchObject({ title: winner.title, version: 2 });
  });

  it('records milestones with their due and done dates', async () => {
    const w = await buildCaseReviewWorld(t);
    const { review } = await commission(w, w.adult, { kind: 'sar', title: 'SAR', initiatedOn: '2026-03-02' });
    const url = `${w.fileUrl(w.adult)}/reviews/${review.id}/events`;
    const tor = await w.as.reviewer.post(url, {
      kind: 'terms_of_reference',
      title: 'Terms of reference agreed by the SAR panel',
      dueOn: '2026-06-12',
    });
    expect(tor.statusCode, tor.body).toBe(201);
    const event = tor.json().reviews[0].events[0];
    expect(event).toMatchObject({
      kind: 'terms_of_reference',
      dueOn: '2026-06-12',
      doneOn: null,
      overdue: true,
    });
    const report = await w.as.reviewer.post(url, {
      kind: 'agency_report',
      title: 'Agency report from adult social care',
      agencyId: w.agency2.id,
      dueOn: '2026-07-01',
    });
    expect(report.json().reviews[0].events[1]).toMatchObject({
      agency: { id: w.agency2.id, name: 'Adult Social Care' },
      overdue: false,
    });

    const done = await w.as.reviewer.put(`${url}/${event.id}`, {
      version: 1,
      kind: 'terms_of_reference',
      title: 'Terms of reference agreed by the SAR panel',
      dueOn: '2026-06-12',
      doneOn: '2026-06-15',
      notes: 'Agreed at the June panel.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().reviews[0].events[0]).toMatchObject({
      doneOn: '2026-06-15',
      overdue: false,
      version: 2,
    });

    const stale = await w.as.reviewer.put(`${url}/${event.id}`, { version: 1, kind: 'other', title: 'x' });
    expect(stale.statusCode).toBe(409);
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'agency_report', title: 'x', agencyId: w.otherAgency.id }, 'agencyId'],
      [{ kind: 'panel_meeting', title: 'x', doneOn: '2026-06-16' }, 'doneOn'],
      [{ kind: 'panel_meeting', title: 'x', dueOn: '2026-13-01' }, 'dueOn'],
      [{ kind: 'meeting', title: 'x' }, 'kind'],
    ];
    for (const [body, field] of bad) {
      const res = await w.as.reviewer.post(url, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().details.fields), field).toContain(field);
    }
    const missing = await w.as.reviewer.put(`${url}/${crypto.randomUUID()}`, {
      version: 1,
      kind: 'other',
      title: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lets a named reader read reviews but not change them; others outside the file get 404', async () => {
    const w = await buildCaseReviewWorld(t);
    const { review } = await commission(w, w.adult, { kind: 'sar', title: 'SAR', initiatedOn: '2026-03-02' });
    const reviewUrl = `${w.fileUrl(w.adult)}/reviews/${review.id}`;
    const read = await w.as.reader.get(w.fileUrl(w.adult));
    expect(read.json().reviews).toHaveLength(1);
    const calls: [string, string, unknown][] = [
      ['POST', `${w.fileUrl(w.adult)}/reviews`, { kind: 'sar', title: 'x', initiatedOn: '2026-03-02' }],
      ['PUT', reviewUrl, update(1, { targetPublicationOn: '2026-09-02' })],
      ['POST', `${reviewUrl}/events`, { kind: 'other', title: 'x' }],
      ['POST', `${w.fileUrl(w.adult)}/recommendations`, { title: 'x', agencyIds: [w.agency.id] }],
    ];
    for (const [method, url, body] of calls) {
      expect((await w.as.reader.request(method, url, body)).statusCode, `reader ${method} ${url}`).toBe(403);
      for (const who of ['admin', 'qa', 'lead', 'viewer', 'otherAdmin'] as const)
        expect((await w.as[who].request(method, url, body)).statusCode, `${who} ${method} ${url}`).toBe(404);
    }
    const byEditor = await w.as.editor.post(`${reviewUrl}/events`, { kind: 'panel_meeting', title: 'Panel' });
    expect(byEditor.statusCode, byEditor.body).toBe(201);
  });

  it('audit-logs reviews and milestones without copying their free text', async () => {
    const w = await buildCaseReviewWorld(t);
    const { review } = await commission(w, w.child, {
      kind: 'lcspr',
      title: 'LCSPR about Child K',
      initiatedOn: '2026-01-30',
    });
    await w.as.reviewer.put(`${w.fileUrl(w.child)}/reviews/${review.id}`, update(1));
    await w.as.reviewer.post(`${w.fileUrl(w.child)}/reviews/${review.id}/events`, {
      kind: 'family_involvement',
      title: 'Met the mother',
      notes: 'She described the home visits.',
    });
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, w.p.id), eq(auditLog.personId, w.people.reviewer.id)));
    const mine = rows.filter((r) => r.entity === 'case_review' || r.entity === 'case_review_event');
    expect(mine.map((r) => `${r.entity}:${r.action}`).sort()).toEqual([
      'case_review:created',
      'case_review:updated',
      'case_review_event:created',
    ]);
    const updated = mine.find((r) => r.action === 'updated')!;
    expect(updated.after).toMatchObject({
      reference: 'C-1',
      status: 'in_progress',
      reviewerKind: 'independent',
      textFields: ['title', 'reviewerName', 'termsOfReference', 'familyInvolvement'],
    });
    const text = JSON.stringify(mine.map((r) => [r.before, r.after]));
    for (const secret of ['Child K', 'neglect', 'mother', 'home visits', 'national pool'])
      expect(text).not.toContain(secret);
  });
});

describe('recommendations from a case file', () => {
  async function theme(w: CaseReviewWorld) {
    const [row] = await t.db.insert(themes).values({ partnershipId: w.p.id, name: 'Neglect' }).returning();
    return row;
  }

  it('puts them into the register with the source kind and a title naming the reference, never the label', async () => {
    const w = await buildCaseReviewWorld(t);
    const neglect = await theme(w);
    await buildRapidReview(t.db, w.child, {
      becameAwareOn: '2026-03-02',
      notifiedPanelOn: '2026-03-04',
      decision: 'lcspr',
      decidedOn: '2026-03-20',
    });
    const url = `${w.fileUrl(w.child)}/recommendations`;
    const fromRapid = await w.as.reviewer.post(url, {
      title: 'Share health visiting concerns with the school nurse at transfer',
      themeId: neglect.id,
      priority: 'high',
      agencyIds: [w.agency.id, w.agency2.id],
    });
    expect(fromRapid.statusCode, fromRapid.body).toBe(201);
    expect(fromRapid.json().recommendations).toEqual([
      {
        id: expect.any(String),
        reference: expect.stringMatching(/^R-\d+$/),
        title: 'Share health visiting concerns with the school nurse at transfer',
        sourceKind: 'rapid_review',
        sourceTitle: 'Rapid review C-1',
        status: 'draft',
        nextImpactCheckOn: null,
      },
    ]);

    const { review } = await commission(w, w.child, {
      kind: 'lcspr',
      title: 'LCSPR',
      initiatedOn: '2026-04-01',
    });
    const fromLcspr = await w.as.reviewer.post(url, {
      reviewId: review.id,
      title: 'Agree one neglect assessment tool across agencies',
      agencyIds: [w.agency.id],
    });
    expect(fromLcspr.statusCode, fromLcspr.body).toBe(201);
    const recs = fromLcspr.json().recommendations;
    expect(recs.map((r: { sourceTitle: string }) => r.sourceTitle)).toEqual([
      'Rapid review C-1',
      'LCSPR C-1',
    ]);

    const rows = await t.db.select().from(recommendations).where(eq(recommendations.partnershipId, w.p.id));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ sourceType: 'case_file', sourceId: w.child.id, status: 'draft' });
      expect(r.sourceTitle).not.toContain('Child K');
    }
    expect(rows.map((r) => r.number).sort()).toEqual([1, 2]);
    expect(rows.find((r) => r.sourceKind === 'rapid_review')).toMatchObject({
      sourceDate: '2026-03-20',
      themeId: neglect.id,
      priority: 'high',
    });
    const agencies = await t.db
      .select()
      .from(recommendationAgencies)
      .where(eq(recommendationAgencies.recommendationId, rows.find((r) => r.number === 1)!.id));
    expect(agencies.map((a) => a.agencyId).sort()).toEqual([w.agency.id, w.agency2.id].sort());

    // The register agrees it (QA group): impact checks are scheduled, and the case file shows the next one.
    const first = rows.find((r) => r.number === 1)!;
    const agreed = await w.as.qa.post(`${w.base}/recommendations/${first.id}/status`, {
      status: 'agreed',
      agreedOn: '2026-06-01',
      version: 1,
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    const detail = await w.as.reviewer.get(w.fileUrl(w.child));
    expect(detail.json().recommendations[0]).toMatchObject({
      status: 'agreed',
      nextImpactCheckOn: '2026-09-01',
    });

    // An audit row on the case file and one in the register, each naming the reference only.
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, w.p.id), eq(auditLog.action, 'recommendation_added')));
    expect(audit).toHaveLength(2);
    expect(audit[0].after).toMatchObject({ sourceTitle: expect.stringMatching(/C-1$/) });
  });

  it('from an adult case file: the SAR, or the SAR referral; refuses what does not belong to the file', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/recommendations`;
    const none = await w.as.reviewer.post(url, { title: 'x', agencyIds: [w.agency.id] });
    expect(none.statusCode).toBe(400);
    expect(none.json().details.fields.reviewId).toMatch(/no SAR referral/);

    await w.as.reviewer.put(`${w.fileUrl(w.adult)}/sar-referral`, {
      receivedOn: '2026-06-01',
      hasCareAndSupportNeeds: true,
      concernAboutJointWorking: true,
      outcome: 'serious_abuse_or_neglect',
    });
    const fromReferral = await w.as.editor.post(url, { title: 'Triage learning', agencyIds: [w.agency2.id] });
    expect(fromReferral.statusCode, fromReferral.body).toBe(201);
    expect(fromReferral.json().recommendations[0]).toMatchObject({
      sourceKind: 'other',
      sourceTitle: 'SAR referral C-2',
    });

    const { review } = await commission(w, w.adult, { kind: 'sar', title: 'SAR', initiatedOn: '2026-06-02' });
    const fromSar = await w.as.reviewer.post(url, {
      reviewId: review.id,
      title: 'x',
      agencyIds: [w.agency.id],
    });
    expect(fromSar.json().recommendations[1]).toMatchObject({ sourceKind: 'sar', sourceTitle: 'SAR C-2' });

    const { review: childReview } = await commission(w, w.child, {
      kind: 'lcspr',
      title: 'LCSPR',
      initiatedOn: '2026-06-02',
    });
    const bad: [Record<string, unknown>, string][] = [
      [{ reviewId: childReview.id, title: 'x', agencyIds: [w.agency.id] }, 'reviewId'],
      [{ reviewId: review.id, title: 'x', agencyIds: [w.otherAgency.id] }, 'agencyIds'],
      [{ reviewId: review.id, title: 'x', agencyIds: [] }, 'agencyIds'],
      [
        { reviewId: review.id, title: 'x', agencyIds: [w.agency.id], themeId: crypto.randomUUID() },
        'themeId',
      ],
      [{ reviewId: review.id, title: '', agencyIds: [w.agency.id] }, 'title'],
      [{ reviewId: review.id, title: 'x', agencyIds: [w.agency.id], priority: 'urgent' }, 'priority'],
    ];
    for (const [body, field] of bad) {
      const res = await w.as.reviewer.post(url, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().details.fields), field).toContain(field);
    }
    const count = await t.db.select().from(recommendations).where(eq(recommendations.partnershipId, w.p.id));
    expect(count).toHaveLength(2);
  });

  it('the register accepts a case file as a source only from someone who may read it', async () => {
    const w = await buildCaseReviewWorld(t);
    const body = (file: { id: string }) => ({
      title: 'Linked to a case file',
      sourceKind: 'lcspr',
      sourceTitle: 'LCSPR C-1',
      sourceType: 'case_file',
      sourceId: file.id,
      agencyIds: [w.agency.id],
    });
    // The QA group member and the admin create in the register, but are not in the case review group.
    const byQa = await w.as.qa.post(`${w.base}/recommendations`, body(w.child));
    expect(byQa.statusCode).toBe(400);
    expect(byQa.json().details.fields.sourceId).toBe('Choose a record of this partnership');
    const byAdmin = await w.as.admin.post(`${w.base}/recommendations`, body(w.child));
    expect(byAdmin.statusCode).toBe(400);
    // The same answer as for a case file that does not exist, so nothing is revealed.
    const unknown = await w.as.admin.post(`${w.base}/recommendations`, body({ id: crypto.randomUUID() }));
    expect(unknown.json().details.fields).toEqual(byAdmin.json().details.fields);
    // The reader (a QA group member named on the file) may link to it.
    const byReader = await w.as.reader.post(`${w.base}/recommendations`, body(w.child));
    expect(byReader.statusCode, byReader.body).toBe(201);
    expect(byReader.json()).toMatchObject({ sourceType: 'case_file', sourceId: w.child.id });
    // Another partnership's case file is refused to anyone.
    const elsewhere = await buildCaseFile(t.db, { partnershipId: w.other.id, kind: 'child' });
    const cross = await w.as.reader.post(`${w.base}/recommendations`, body(elsewhere));
    expect(cross.statusCode).toBe(400);
  });
});
