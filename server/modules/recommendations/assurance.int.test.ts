import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecommendation } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

const P = (pid: string) => `/api/v1/partnerships/${pid}`;

async function world() {
  const db = t.db;
  const p = await buildPartnership(db);
  const agencyA = await buildAgency(db, { partnershipId: p.id, name: 'Agency A' });
  const agencyB = await buildAgency(db, { partnershipId: p.id, name: 'Agency B' });
  const member = (role: Parameters<typeof buildMember>[1]['role'], agencyId?: string) =>
    buildMember(db, { partnershipId: p.id, role, agencyId });
  const admin = await member('partnership_admin');
  const qa = await member('qa_group_member');
  const leadA = await member('agency_lead', agencyA.id);
  const leadB = await member('agency_lead', agencyB.id);
  const practitionerA = await member('auditor_practitioner', agencyA.id);
  const scrutineer = await member('independent_scrutineer');
  const viewer = await member('board_viewer');
  const other = await buildPartnership(db);
  const otherAgency = await buildAgency(db, { partnershipId: other.id });
  const otherAdmin = await buildMember(db, { partnershipId: other.id, role: 'partnership_admin' });
  const recA = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyA.id, agencyB.id],
    status: 'in_progress',
    agreedOn: '2026-03-01',
    title: 'Neglect thresholds',
  });
  const recA2 = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyA.id],
    status: 'agreed',
    agreedOn: '2026-04-01',
    title: 'Voice of the child',
  });
  const recB = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyB.id],
    status: 'agreed',
    agreedOn: '2026-04-01',
  });
  const recElsewhere = await buildRecommendation(db, {
    partnershipId: other.id,
    agencyIds: [otherAgency.id],
    status: 'agreed',
  });
  const s = (x: { email: string }) => t.signIn(x.email);
  return {
    p,
    other,
    agencyA,
    agencyB,
    recA,
    recA2,
    recB,
    recElsewhere,
    people: { admin, qa, leadA, leadB },
    as: {
      admin: await s(admin),
      qa: await s(qa),
      leadA: await s(leadA),
      leadB: await s(leadB),
      practitionerA: await s(practitionerA),
      scrutineer: await s(scrutineer),
      viewer: await s(viewer),
      otherAdmin: await s(otherAdmin),
    },
  };
}

describe('single-agency assurance requests', () => {
  it('are asked by the QA group, answered by the agency lead, judged once, and seen only by that agency', async () => {
    const w = await world();
    const base = `${P(w.p.id)}/assurance-requests`;
    const input = {
      agencyId: w.agencyA.id,
      title: 'Neglect: evidence your response',
      question: 'Show how supervision has changed since the audit',
      dueOn: '2026-07-31',
      recommendationIds: [w.recA2.id, w.recA.id],
    };
    const created = await w.as.qa.post(base, input);
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({
      agency: { id: w.agencyA.id, name: 'Agency A' },
      state: 'open',
      overdue: false,
      recommendationCount: 2,
      createdByName: w.people.qa.name,
      version: 1,
      allowedVerbs: ['read'],
    });
    expect(r.recommendations.map((x: { id: string }) => x.id)).toEqual([w.recA.id, w.recA2.id]);
    const url = `${base}/${r.id}`;

    // Who may ask: admins and the QA group only.
    expect((await w.as.leadA.post(base, input)).statusCode).toBe(403);
    expect((await w.as.scrutineer.post(base, input)).statusCode).toBe(403);
    expect((await w.as.otherAdmin.post(base, input)).statusCode).toBe(404);

    // Visibility: agency A's people, admins, QA and scrutineers; never agency B or the board viewer.
    expect((await w.as.leadA.get(url)).json().allowedVerbs).toEqual(['read', 'answer']);
    expect((await w.as.practitionerA.get(url)).statusCode).toBe(200);
    expect((await w.as.scrutineer.get(url)).statusCode).toBe(200);
    expect((await w.as.leadB.get(url)).statusCode).toBe(404);
    expect((await w.as.viewer.get(url)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.get(url)).statusCode).toBe(404);
    expect((await w.as.leadB.get(base)).json().total).toBe(0);
    expect((await w.as.viewer.get(base)).json().total).toBe(0);
    expect((await w.as.leadA.get(base)).json().items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    expect((await w.as.admin.get(`${base}?state=open`)).json().total).toBe(1);
    expect((await w.as.admin.get(`${base}?state=answered`)).json().total).toBe(0);
    expect((await w.as.admin.get(`${base}?agencyId=${w.agencyB.id}`)).json().total).toBe(0);

    // Judging before an answer: refused.
    const judgement = { judgement: 'assured', reasons: 'Good evidence', judgedOn: '2026-06-15', version: 2 };
    const early = await w.as.qa.post(`${url}/judgement`, { ...judgement, version: 1 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('INVALID_TRANSITION');

    // Answering: agency A's lead only.
    const answer = { answer: 'Supervision templates now ask about neglect', version: 1 };
    expect((await w.as.leadB.post(`${url}/answer`, answer)).statusCode).toBe(404);
    expect((await w.as.practitionerA.post(`${url}/answer`, answer)).statusCode).toBe(403);
    expect((await w.as.qa.post(`${url}/answer`, answer)).statusCode).toBe(403);
    const bad = await w.as.leadA.post(`${url}/answer`, { answer: '' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details.fields).sort()).toEqual(['answer', 'version']);
    const answered = await w.as.leadA.post(`${url}/answer`, answer);
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      state: 'answered',
      answeredByName: w.people.leadA.name,
      version: 2,
    });
    expect((await w.as.leadA.post(`${url}/answer`, answer)).statusCode).toBe(409);

    // Judging: admins and QA, reasons required, once.
    expect((await w.as.leadA.post(`${url}/judgement`, judgement)).statusCode).toBe(403);
    const noReasons = await w.as.qa.post(`${url}/judgement`, { ...judgement, reasons: '' });
    expect(noReasons.statusCode).toBe(400);
    expect(Object.keys(noReasons.json().details.fields)).toEqual(['reasons']);
    const judged = await w.as.admin.post(`${url}/judgement`, judgement);
    expect(judged.statusCode, judged.body).toBe(200);
    expect(judged.json()).toMatchObject({
      state: 'judged',
      judgement: 'assured',
      judgementReasons: 'Good evidence',
      judgedOn: '2026-06-15',
      version: 3,
    });
    const again = await w.as.admin.post(`${url}/judgement`, { ...judgement, version: 3 });
    expect(again.statusCode).toBe(409);
    expect((await w.as.leadA.post(`${url}/answer`, { ...answer, version: 3 })).statusCode).toBe(409);
    // The agency sees the judgement on its request.
    expect((await w.as.leadA.get(url)).json()).toMatchObject({
      judgement: 'assured',
      allowedVerbs: ['read'],
    });

    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'assurance_request'), eq(auditLog.entityId, r.id)));
    expect(audit.map((a) => a.action)).toEqual(['created', 'answered', 'judged']);
  });

  it('asks only about recommendations of this partnership addressed to that agency', async () => {
    const w = await world();
    const base = `${P(w.p.id)}/assurance-requests`;
    const input = {
      agencyId: w.agencyA.id,
      title: 'T',
      question: 'Q',
      dueOn: '2026-07-31',
      recommendationIds: [w.recA.id],
    };
    for (const ids of [
      [w.recB.id],
      [w.recElsewhere.id],
      [w.recA.id, '00000000-0000-4000-8000-000000000000'],
    ]) {
      const res = await w.as.admin.post(base, { ...input, recommendationIds: ids });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().details.fields)).toEqual(['recommendationIds']);
    }
    const none = await w.as.admin.post(base, {
      ...input,
      recommendationIds: [],
      dueOn: '31/07/2026',
      title: '',
    });
    expect(none.statusCode).toBe(400);
    expect(Object.keys(none.json().details.fields).sort()).toEqual(['dueOn', 'recommendationIds', 'title']);
    const elsewhere = await w.as.admin.post(base, { ...input, agencyId: (await buildAgency(t.db)).id });
    expect(elsewhere.statusCode).toBe(400);
    expect(Object.keys(elsewhere.json().details.fields)).toEqual(['agencyId']);
    const past = await w.as.admin.post(base, { ...input, dueOn: '2026-06-01' });
    expect(Object.keys(past.json().details.fields)).toEqual(['dueOn']);
  });

  it("appear on the agency lead's My work until answered", async () => {
    const w = await world();
    const created = await w.as.admin.post(`${P(w.p.id)}/assurance-requests`, {
      agencyId: w.agencyB.id,
      title: 'Evidence please',
      question: 'Q',
      dueOn: '2026-06-20',
      recommendationIds: [w.recB.id],
    });
    const id = created.json().id;
    const ids = async (c: typeof w.as.leadB) =>
      (await c.get(`${P(w.p.id)}/my-work`)).json().items.map((i: { itemId: string }) => i.itemId);
    const item = (await w.as.leadB.get(`${P(w.p.id)}/my-work`))
      .json()
      .items.find((i: { itemId: string }) => i.itemId === id);
    expect(item).toMatchObject({
      itemType: 'assurance_request',
      href: `/register/assurance-requests/${id}`,
      title: 'Evidence please',
    });
    expect(await ids(w.as.leadA)).not.toContain(id);
    await w.as.leadB.post(`${P(w.p.id)}/assurance-requests/${id}/answer`, { answer: 'Done', version: 1 });
    expect(await ids(w.as.leadB)).not.toContain(id);
    const reminders = `${P(w.p.id)}/reminders?itemType=assurance_request&itemId=${id}`;
    expect((await w.as.leadB.get(reminders)).statusCode).toBe(200);
    expect((await w.as.leadA.get(reminders)).statusCode).toBe(404);
  });
});
