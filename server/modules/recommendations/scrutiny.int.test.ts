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
import { recommendations } from './recommendations.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

const P = (pid: string) => `/api/v1/partnerships/${pid}`;

async function world() {
  const db = t.db;
  const p = await buildPartnership(db);
  const agency = await buildAgency(db, { partnershipId: p.id });
  const member = (role: Parameters<typeof buildMember>[1]['role'], agencyId?: string) =>
    buildMember(db, { partnershipId: p.id, role, agencyId });
  const admin = await member('partnership_admin');
  const qa = await member('qa_group_member');
  const scrutineer = await member('independent_scrutineer');
  const lead = await member('agency_lead', agency.id);
  const viewer = await member('board_viewer');
  const sponsor = await member('lead_sponsor');
  const other = await buildPartnership(db);
  const otherAdmin = await buildMember(db, { partnershipId: other.id, role: 'partnership_admin' });
  const outsider = await buildMember(db, { partnershipId: other.id, role: 'qa_group_member' });
  const s = (x: { email: string }) => t.signIn(x.email);
  return {
    p,
    other,
    agency,
    people: { admin, qa, scrutineer, lead, outsider },
    as: {
      admin: await s(admin),
      qa: await s(qa),
      scrutineer: await s(scrutineer),
      lead: await s(lead),
      viewer: await s(viewer),
      sponsor: await s(sponsor),
      otherAdmin: await s(otherAdmin),
    },
  };
}

describe('the scrutiny plan', () => {
  it('is written by admins, the QA group and scrutineers, read by members other than board viewers', async () => {
    const w = await world();
    const base = `${P(w.p.id)}/scrutiny-reviews`;
    const created = await w.as.scrutineer.post(base, {
      kind: 'scrutiny_topic',
      title: 'Thresholds and decision making for children',
      scope: 'Front door decisions, Q2',
      leadPersonId: w.people.scrutineer.id,
      plannedOn: '2026-09-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({
      kind: 'scrutiny_topic',
      status: 'planned',
      lead: { personId: w.people.scrutineer.id, name: w.people.scrutineer.name },
      recommendationCount: 0,
      recommendations: [],
      active: true,
      version: 1,
      allowedVerbs: ['read', 'write'],
    });
    const peer = await w.as.qa.post(base, {
      kind: 'external_peer_review',
      title: 'Peer review of the front door',
      leadName: 'A neighbouring partnership',
      plannedOn: '2026-07-01',
    });
    expect(peer.statusCode, peer.body).toBe(201);
    expect(peer.json().lead).toEqual({ personId: null, name: 'A neighbouring partnership' });

    // Readers: every member but board viewers; writers: admins, QA, scrutineers.
    expect((await w.as.lead.get(base)).json().items.map((i: { title: string }) => i.title)).toEqual([
      'Peer review of the front door',
      'Thresholds and decision making for children',
    ]);
    expect((await w.as.sponsor.get(`${base}/${r.id}`)).json().allowedVerbs).toEqual(['read']);
    expect((await w.as.viewer.get(base)).statusCode).toBe(403);
    expect((await w.as.viewer.get(`${base}/${r.id}`)).statusCode).toBe(403);
    expect((await w.as.lead.post(base, { kind: 'scrutiny_topic', title: 'x' })).statusCode).toBe(403);
    expect((await w.as.otherAdmin.get(`${base}/${r.id}`)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.get(`${P(w.other.id)}/scrutiny-reviews/${r.id}`)).statusCode).toBe(404);
    expect((await w.as.otherAdmin.get(`${P(w.other.id)}/scrutiny-reviews`)).json().total).toBe(0);

    // Filters.
    const titles = async (q: string) =>
      (await w.as.qa.get(`${base}?${q}`)).json().items.map((i: { title: string }) => i.title);
    expect(await titles('kind=external_peer_review')).toEqual(['Peer review of the front door']);
    expect(await titles('status=reported')).toEqual([]);
    const bad = await w.as.qa.get(`${base}?kind=gossip&status=done`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().details.fields).sort()).toEqual(['kind', 'status']);

    // Update with a version check.
    const update = {
      kind: 'scrutiny_topic',
      title: 'Thresholds and decision making for children',
      scope: 'Front door decisions, Q2',
      leadPersonId: w.people.scrutineer.id,
      status: 'reported',
      plannedOn: '2026-09-01',
      reportedOn: '2026-09-30',
      findings: 'Thresholds applied inconsistently',
      version: 1,
    };
    const ok = await w.as.admin.put(`${base}/${r.id}`, update);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'reported',
      findings: 'Thresholds applied inconsistently',
      version: 2,
    });
    const stale = await w.as.qa.put(`${base}/${r.id}`, { ...update, title: 'Other' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('CONFLICT');
    expect(stale.json().details.current.title).toBe('Thresholds and decision making for children');

    // Two saves of the same version at once: one lands, the other is told.
    const both = await Promise.all([
      w.as.qa.put(`${base}/${r.id}`, { ...update, version: 2, findings: 'First' }),
      w.as.scrutineer.put(`${base}/${r.id}`, { ...update, version: 2, findings: 'Second' }),
    ]);
    expect(both.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    await w.as.admin.put(`${base}/${r.id}`, { ...update, version: 3 });

    const rules = await w.as.admin.put(`${base}/${r.id}`, {
      ...update,
      version: 4,
      leadName: 'Someone else',
      reportedOn: null,
    });
    expect(rules.statusCode).toBe(400);
    expect(Object.keys(rules.json().details.fields).sort()).toEqual(['leadName', 'reportedOn']);
    const notMember = await w.as.admin.put(`${base}/${r.id}`, {
      ...update,
      version: 4,
      leadPersonId: w.people.outsider.id,
    });
    expect(Object.keys(notMember.json().details.fields)).toEqual(['leadPersonId']);
    const shape = await w.as.admin.post(base, { kind: 'chat', title: '', plannedOn: 'soon' });
    expect(shape.statusCode).toBe(400);
    expect(Object.keys(shape.json().details.fields).sort()).toEqual(['kind', 'plannedOn', 'title']);

    // Deactivate and reactivate.
    const off = await w.as.scrutineer.post(`${base}/${r.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 5 });
    expect(await titles('')).toEqual(['Peer review of the front door']);
    expect((await titles('includeInactive=true')).length).toBe(2);
    expect((await w.as.lead.post(`${base}/${r.id}/reactivate`)).statusCode).toBe(403);
    expect((await w.as.qa.post(`${base}/${r.id}/reactivate`)).json()).toMatchObject({
      active: true,
      version: 6,
    });

    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'scrutiny_review'), eq(auditLog.entityId, r.id)));
    expect(audit.map((a) => a.action)).toEqual([
      'created',
      'updated',
      'updated',
      'updated',
      'deactivated',
      'reactivated',
    ]);
  });

  it('lists the recommendations that came from a review (drafts only to admins and the QA group)', async () => {
    const w = await world();
    const base = `${P(w.p.id)}/scrutiny-reviews`;
    const r = (
      await w.as.admin.post(base, { kind: 'internal_peer_review', title: 'Neglect peer review' })
    ).json();
    const link = async (status: 'agreed' | 'draft', title: string) => {
      const rec = await buildRecommendation(t.db, {
        partnershipId: w.p.id,
        agencyIds: [w.agency.id],
        status,
        title,
        sourceKind: 'peer_review',
      });
      await t.db
        .update(recommendations)
        .set({ sourceType: 'scrutiny_review', sourceId: r.id })
        .where(eq(recommendations.id, rec.id));
      return rec;
    };
    const agreed = await link('agreed', 'Use the neglect toolkit');
    const draft = await link('draft', 'Still being worded');
    // Not linked: another review's source.
    await buildRecommendation(t.db, { partnershipId: w.p.id, agencyIds: [w.agency.id], status: 'agreed' });

    const asQa = (await w.as.qa.get(`${base}/${r.id}`)).json();
    expect(asQa.recommendationCount).toBe(2);
    expect(asQa.recommendations.map((x: { id: string }) => x.id)).toEqual([agreed.id, draft.id]);
    const asLead = (await w.as.lead.get(`${base}/${r.id}`)).json();
    expect(asLead.recommendationCount).toBe(1);
    expect(asLead.recommendations).toEqual([
      { id: agreed.id, number: agreed.number, title: 'Use the neglect toolkit', status: 'agreed' },
    ]);
    expect((await w.as.lead.get(base)).json().items[0].recommendationCount).toBe(1);
    expect((await w.as.qa.get(base)).json().items[0].recommendationCount).toBe(2);
  });
});
