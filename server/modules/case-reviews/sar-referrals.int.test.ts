import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { sarReferrals } from './case-reviews.tables.js';
import { buildCaseFile, buildCaseReviewWorld } from './reviews.testing.js';

// Monday 15 June 2026, 10:00 in London.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

const referral = (over: Record<string, unknown> = {}) => ({
  receivedOn: '2026-06-10',
  hasCareAndSupportNeeds: true,
  concernAboutJointWorking: true,
  outcome: 'died',
  ...over,
});
const decision = (version: number, over: Record<string, unknown> = {}) => ({
  version,
  decision: 'sar',
  decidedBy: 'SAR panel, 14 June meeting',
  decidedOn: '2026-06-12',
  justification: 'Agencies did not share what they knew about the risk from the carer.',
  ...over,
});

describe('SAR referrals', () => {
  it('records a referral with its 5-working-day acknowledgement clock and says whether s44 makes a SAR mandatory', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/sar-referral`;
    const res = await w.as.reviewer.put(url, referral({ referrerAgencyId: w.agency2.id }));
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().sarReferral;
    expect(s).toMatchObject({
      receivedOn: '2026-06-10',
      // Wed 10 June + 5 working days = Wed 17 June.
      acknowledgeDueOn: '2026-06-17',
      acknowledgedOn: null,
      acknowledgedInTime: null,
      // Thu 11, Fri 12, Mon 15.
      workingDay: 3,
      overdue: false,
      mandatory: true,
      referrerAgency: { id: w.agency2.id, name: 'Adult Social Care' },
      decision: null,
      version: 1,
    });

    // Without care and support needs, s44 does not apply: any review would be discretionary.
    const changed = await w.as.reviewer.put(
      url,
      referral({ hasCareAndSupportNeeds: false, receivedOn: '2026-05-22', version: 1 }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().sarReferral).toMatchObject({
      mandatory: false,
      // Fri 22 May + 5 working days skips the spring bank holiday (Mon 25 May): Mon 1 June.
      acknowledgeDueOn: '2026-06-01',
      overdue: true,
      version: 2,
    });
    // Neither death nor serious abuse or neglect: discretionary too.
    const neither = await w.as.reviewer.put(url, referral({ outcome: 'neither', version: 2 }));
    expect(neither.json().sarReferral).toMatchObject({ mandatory: false, overdue: false, version: 3 });

    const acknowledged = await w.as.reviewer.put(url, referral({ acknowledgedOn: '2026-06-12', version: 3 }));
    expect(acknowledged.json().sarReferral).toMatchObject({
      acknowledgedOn: '2026-06-12',
      acknowledgedInTime: true,
      overdue: false,
      workingDay: 2,
      mandatory: true,
    });
  });

  it('answers 409 with the saved referral when a change is stale or sent without the version', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/sar-referral`;
    await w.as.reviewer.put(url, referral());
    const missing = await w.as.reviewer2.put(url, referral({ receivedOn: '2026-06-11' }));
    expect(missing.statusCode).toBe(409);
    expect(missing.json().details.current).toMatchObject({ receivedOn: '2026-06-10', version: 1 });
    await w.as.reviewer.put(url, referral({ receivedOn: '2026-06-09', version: 1 }));
    const stale = await w.as.reviewer2.put(url, referral({ receivedOn: '2026-06-11', version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ receivedOn: '2026-06-09', version: 2 });
    const [row] = await t.db.select().from(sarReferrals).where(eq(sarReferrals.caseFileId, w.adult.id));
    expect(row.receivedOn).toBe('2026-06-09');
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/sar-referral`;
    const cases: [Record<string, unknown>, string][] = [
      [referral({ receivedOn: '2026-06-16' }), 'receivedOn'],
      [referral({ receivedOn: '2026-02-30' }), 'receivedOn'],
      [referral({ acknowledgedOn: '2026-06-09' }), 'acknowledgedOn'],
      [referral({ referrerAgencyId: w.otherAgency.id }), 'referrerAgencyId'],
      [referral({ outcome: 'unknown' }), 'outcome'],
      [{ ...referral(), hasCareAndSupportNeeds: undefined }, 'hasCareAndSupportNeeds'],
    ];
    for (const [body, field] of cases) {
      const res = await w.as.reviewer.put(url, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().details.fields), field).toContain(field);
    }
    const child = await w.as.reviewer.put(`${w.fileUrl(w.child)}/sar-referral`, referral());
    expect(child.statusCode).toBe(400);
    expect(child.json().details.fields.kind).toMatch(/adults/);
    // Nothing was stored by any of these.
    expect(await t.db.select().from(sarReferrals).where(eq(sarReferrals.partnershipId, w.p.id))).toEqual([]);
  });

  it('records the panel decision, which must agree with s44 and explain thresholds learning', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/sar-referral`;
    const early = await w.as.reviewer.put(`${url}/decision`, decision(1));
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/Record the SAR referral/);

    await w.as.reviewer.put(url, referral());
    const refused: [Record<string, unknown>, string][] = [
      [decision(1, { decision: 'discretionary_sar' }), 'decision'],
      [decision(1, { decidedOn: '2026-06-09' }), 'decidedOn'],
      [decision(1, { decidedOn: '2026-06-16' }), 'decidedOn'],
      [decision(1, { concernsNotIdentified: true }), 'thresholdsLearning'],
      [decision(1, { justification: '   ' }), 'justification'],
      [decision(1, { decision: 'review' }), 'decision'],
    ];
    for (const [body, field] of refused) {
      const res = await w.as.reviewer.put(`${url}/decision`, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().details.fields), field).toContain(field);
    }
    const ok = await w.as.reviewer.put(
      `${url}/decision`,
      decision(1, { concernsNotIdentified: true, thresholdsLearning: 'The carer’s own needs were missed.' }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().sarReferral).toMatchObject({
      decision: 'sar',
      decidedOn: '2026-06-12',
      decidedBy: 'SAR panel, 14 June meeting',
      concernsNotIdentified: true,
      thresholdsLearning: 'The carer’s own needs were missed.',
      version: 2,
    });
    expect(ok.json().stage).toBe('decided');
    const stale = await w.as.reviewer2.put(
      `${url}/decision`,
      decision(1, { decision: 'partnership_review' }),
    );
    expect(stale.statusCode).toBe(409);

    // Without care and support needs, only a discretionary SAR is possible.
    await w.as.reviewer.put(url, referral({ hasCareAndSupportNeeds: false, version: 2 }));
    const sar = await w.as.reviewer.put(`${url}/decision`, decision(3));
    expect(sar.statusCode).toBe(400);
    expect(sar.json().details.fields.decision).toMatch(/discretionary/);
    const discretionary = await w.as.reviewer.put(
      `${url}/decision`,
      decision(3, { decision: 'discretionary_sar' }),
    );
    expect(discretionary.statusCode, discretionary.body).toBe(200);
  });

  it('audit-logs every change with dates and choices, never the free text', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/sar-referral`;
    await w.as.reviewer.put(url, referral());
    await w.as.reviewer.put(`${url}/decision`, decision(1));
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, w.p.id), eq(auditLog.entity, 'sar_referral')));
    expect(rows.map((r) => r.action).sort()).toEqual(['created', 'decided']);
    const decided = rows.find((r) => r.action === 'decided')!;
    expect(decided.after).toMatchObject({
      reference: 'C-2',
      decision: 'sar',
      mandatory: true,
      textFields: ['decidedBy', 'justification'],
    });
    const text = JSON.stringify(rows.map((r) => [r.before, r.after]));
    expect(text).not.toContain('carer');
    expect(text).not.toContain('Adult M');
    expect(decided.personId).toBe(w.people.reviewer.id);
  });

  it('lets the case review group and named editors change it; a named reader reads it; everyone else gets 404', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/sar-referral`;
    const byEditor = await w.as.editor.put(url, referral());
    expect(byEditor.statusCode, byEditor.body).toBe(200);

    const read = await w.as.reader.get(w.fileUrl(w.adult));
    expect(read.statusCode).toBe(200);
    expect(read.json().sarReferral).toMatchObject({ receivedOn: '2026-06-10', mandatory: true });
    const write = await w.as.reader.put(url, referral({ version: 1 }));
    expect(write.statusCode).toBe(403);
    const decide = await w.as.reader.put(`${url}/decision`, decision(1));
    expect(decide.statusCode).toBe(403);

    for (const who of ['admin', 'qa', 'lead', 'viewer', 'otherAdmin'] as const) {
      for (const [path, body] of [
        [url, referral({ version: 1 })],
        [`${url}/decision`, decision(1)],
      ] as const) {
        const res = await w.as[who].put(path, body);
        expect(res.statusCode, `${who} ${path}`).toBe(404);
        expect(res.body).not.toContain('Adult M');
      }
    }
    // A case file of another partnership is not found, even for its case review group member.
    const elsewhere = await buildCaseFile(t.db, { partnershipId: w.other.id, kind: 'adult' });
    const cross = await w.as.reviewer.put(`${w.base}/case-files/${elsewhere.id}/sar-referral`, referral());
    expect(cross.statusCode).toBe(404);
    const [row] = await t.db.select().from(sarReferrals).where(eq(sarReferrals.caseFileId, w.adult.id));
    expect(row.version).toBe(1);
  });
});

describe('SAR referrals saved at the same time', () => {
  it('one first recording and one decision land; the others are told someone else changed it (409)', async () => {
    const w = await buildCaseReviewWorld(t);
    const url = `${w.fileUrl(w.adult)}/sar-referral`;
    const clients = [w.as.reviewer, w.as.reviewer2, w.as.editor, w.as.reviewer, w.as.reviewer2, w.as.editor];
    const recorded = await Promise.all(
      clients.map((c, i) => c.put(url, referral({ receivedOn: `2026-06-0${i + 1}` }))),
    );
    const codes = recorded.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
    const rows = await t.db.select().from(sarReferrals).where(eq(sarReferrals.caseFileId, w.adult.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].version).toBe(1);

    const decided = await Promise.all(
      clients.map((c, i) =>
        c.put(`${url}/decision`, decision(1, { decision: i % 2 ? 'sar' : 'partnership_review' })),
      ),
    );
    const decisionCodes = decided.map((r) => r.statusCode);
    expect(decisionCodes.filter((c) => c === 200)).toHaveLength(1);
    expect(decisionCodes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
  });
});
