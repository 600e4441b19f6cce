import { and, eq, isNull } from 'drizzle-orm';
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
import { governanceGroups } from '../governance/governance.tables.js';
import {
  actionRecommendations,
  actions,
  impactCheckEvidence,
  impactChecks,
  recommendations,
} from './recommendations.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T10:00:00Z' });
});
afterAll(() => t.close());

/** A partnership with an admin, a QA member, a scrutineer, a board viewer, two agencies and their leads, a group. */
async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const qa = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
  const scrutineer = await buildMember(t.db, { partnershipId: p.id, role: 'independent_scrutineer' });
  const viewer = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
  const police = await buildAgency(t.db, { partnershipId: p.id, name: 'Police' });
  const health = await buildAgency(t.db, { partnershipId: p.id, name: 'Health' });
  const policeLead = await buildMember(t.db, {
    partnershipId: p.id,
    role: 'agency_lead',
    agencyId: police.id,
  });
  const healthLead = await buildMember(t.db, {
    partnershipId: p.id,
    role: 'agency_lead',
    agencyId: health.id,
  });
  const [group] = await t.db
    .insert(governanceGroups)
    .values({ partnershipId: p.id, name: 'QA group', kind: 'subgroup' })
    .returning();
  const c = await t.signIn(admin.email);
  const base = `/api/v1/partnerships/${p.id}`;
  const theme = (await c.post(`${base}/themes`, { name: 'Neglect' })).json() as { id: string };
  return { p, admin, qa, scrutineer, viewer, police, health, policeLead, healthLead, group, c, base, theme };
}
type World = Awaited<ReturnType<typeof world>>;

const body = (w: World, over: Record<string, unknown> = {}) => ({
  title: 'Strengthen supervision of neglect cases',
  detail: 'Supervision notes should record the child’s lived experience.',
  sourceKind: 'case_audit',
  sourceTitle: 'MACA: neglect under fives',
  sourceDate: '2026-05-20',
  themeId: w.theme.id,
  priority: 'high',
  monitoringGroupId: w.group.id,
  agencyIds: [w.police.id, w.health.id],
  ...over,
});

async function create(w: World, over: Record<string, unknown> = {}) {
  const res = await w.c.post(`${w.base}/recommendations`, body(w, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function agree(w: World, rec: { id: string; version: number }, agreedOn?: string) {
  const res = await w.c.post(`${w.base}/recommendations/${rec.id}/status`, {
    status: 'agreed',
    agreedOn,
    version: rec.version,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('themes', () => {
  it('are managed by admins and the QA group, read by every member', async () => {
    const w = await world();
    const qa = await t.signIn(w.qa.email);
    const made = await qa.post(`${w.base}/themes`, { name: 'Exploitation', description: 'CCE and CSE' });
    expect(made.statusCode, made.body).toBe(201);
    const dup = await qa.post(`${w.base}/themes`, { name: 'neglect' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().details.fields.name).toMatch(/already/);

    const viewer = await t.signIn(w.viewer.email);
    expect((await viewer.post(`${w.base}/themes`, { name: 'Sneaky' })).statusCode).toBe(403);
    const list = await viewer.get(`${w.base}/themes`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['Exploitation', 'Neglect']);

    const id = made.json().id;
    const renamed = await qa.put(`${w.base}/themes/${id}`, { name: 'Exploitation (all forms)', version: 1 });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().version).toBe(2);
    const stale = await qa.put(`${w.base}/themes/${id}`, { name: 'Again', version: 1 });
    expect(stale.statusCode).toBe(409);

    expect((await qa.post(`${w.base}/themes/${id}/deactivate`)).json().active).toBe(false);
    const active = await viewer.get(`${w.base}/themes`);
    expect(active.json().items).toHaveLength(1);
    const all = await viewer.get(`${w.base}/themes?includeInactive=true`);
    expect(all.json().items).toHaveLength(2);
    // A retired theme cannot be given to a new recommendation.
    const refused = await w.c.post(`${w.base}/recommendations`, body(w, { themeId: id }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.fields.themeId).toBeTruthy();
    expect((await qa.post(`${w.base}/themes/${id}/reactivate`)).json().active).toBe(true);
  });
});

describe('settings', () => {
  it('default to 3, 6 and 12 months at version 0; admins change them, the QA group reads them', async () => {
    const w = await world();
    const first = await w.c.get(`${w.base}/recommendation-settings`);
    expect(first.json()).toEqual({
      impactCheckMonths: [3, 6, 12],
      version: 0,
      allowedVerbs: ['read', 'manage'],
    });
    const qa = await t.signIn(w.qa.email);
    expect((await qa.get(`${w.base}/recommendation-settings`)).json().allowedVerbs).toEqual(['read']);
    expect(
      (await qa.put(`${w.base}/recommendation-settings`, { impactCheckMonths: [6], version: 0 })).statusCode,
    ).toBe(403);
    const lead = await t.signIn(w.policeLead.email);
    expect((await lead.get(`${w.base}/recommendation-settings`)).statusCode).toBe(403);

    const bad = await w.c.put(`${w.base}/recommendation-settings`, { impactCheckMonths: [6, 3], version: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.impactCheckMonths).toMatch(/ascending/);
    const tooMany = await w.c.put(`${w.base}/recommendation-settings`, {
      impactCheckMonths: [1, 2, 3, 4, 5, 6, 7],
      version: 0,
    });
    expect(tooMany.statusCode).toBe(400);

    const saved = await w.c.put(`${w.base}/recommendation-settings`, {
      impactCheckMonths: [1, 9, 24],
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ impactCheckMonths: [1, 9, 24], version: 1 });
    const stale = await w.c.put(`${w.base}/recommendation-settings`, { impactCheckMonths: [3], version: 0 });
    expect(stale.statusCode).toBe(409);
    const again = await w.c.put(`${w.base}/recommendation-settings`, {
      impactCheckMonths: [2, 4],
      version: 1,
    });
    expect(again.json()).toMatchObject({ impactCheckMonths: [2, 4], version: 2 });
  });
});

describe('recommendations', () => {
  it('creates a numbered draft, audits it, and returns it with its agencies, theme and group', async () => {
    const w = await world();
    const r1 = await create(w);
    const r2 = await create(w, { title: 'Second', agencyIds: [w.police.id], priority: 'low' });
    expect(r1).toMatchObject({
      number: 1,
      reference: 'R-1',
      status: 'draft',
      priority: 'high',
      theme: { id: w.theme.id, name: 'Neglect' },
      monitoringGroup: { id: w.group.id, name: 'QA group' },
      version: 1,
      impactChecks: [],
      nextStatuses: ['agreed', 'not_accepted'],
      allowedVerbs: ['read', 'edit', 'changeStatus', 'close'],
    });
    expect(r1.agencies.map((a: { name: string }) => a.name)).toEqual(['Health', 'Police']);
    expect(r2.number).toBe(2);
    const got = await w.c.get(`${w.base}/recommendations/${r1.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().timeline).toEqual([
      expect.objectContaining({ entity: 'recommendation', entityId: r1.id, action: 'created' }),
    ]);
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, r1.id));
    expect(row.after).toMatchObject({ number: 1, agencyIds: expect.arrayContaining([w.police.id]) });
  });

  it('lists newest first, filtered and paged', async () => {
    const w = await world();
    const other = await buildAgency(t.db, { partnershipId: w.p.id, name: 'Education' });
    const a = await create(w, { title: 'Alpha supervision', agencyIds: [w.police.id] });
    const b = await create(w, {
      title: 'Beta chronology',
      sourceKind: 'sar',
      sourceTitle: 'SAR Adult B',
      priority: 'low',
      themeId: null,
      agencyIds: [w.health.id, other.id],
    });
    const c = await create(w, { title: 'Gamma thresholds', agencyIds: [w.police.id] });
    await agree(w, c, '2026-01-10');
    const ids = async (qs = '') => {
      const res = await w.c.get(`${w.base}/recommendations${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((x: { id: string }) => x.id);
    };
    expect(await ids()).toEqual([c.id, b.id, a.id]);
    expect(await ids('?source=sar')).toEqual([b.id]);
    expect(await ids(`?agencyId=${w.police.id}`)).toEqual([c.id, a.id]);
    expect(await ids(`?themeId=${w.theme.id}`)).toEqual([c.id, a.id]);
    expect(await ids('?priority=low')).toEqual([b.id]);
    expect(await ids('?status=agreed')).toEqual([c.id]);
    expect(await ids('?q=chrono')).toEqual([b.id]);
    expect(await ids('?q=50%25')).toEqual([]);
    // Agreed on 10 January: the 3-month check fell due on 10 April and is unjudged, so it is overdue.
    expect(await ids('?overdue=true')).toEqual([c.id]);
    expect(await ids('?overdue=false')).toEqual([b.id, a.id]);
    const page = await w.c.get(`${w.base}/recommendations?pageSize=2&page=2`);
    expect(page.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const listed = (await w.c.get(`${w.base}/recommendations`)).json().items;
    expect(listed[1].agencies.map((x: { name: string }) => x.name)).toEqual(['Education', 'Health']);
    expect(listed[0].overdue).toBe(true);
  });

  it('counts an overdue open action, but not a complete one', async () => {
    const w = await world();
    const rec = await buildRecommendation(t.db, {
      partnershipId: w.p.id,
      agencyIds: [w.police.id],
      status: 'in_progress',
      agreedOn: '2026-06-01',
    });
    const [act] = await t.db
      .insert(actions)
      .values({ partnershipId: w.p.id, agencyId: w.police.id, title: 'Train staff', dueOn: '2026-06-01' })
      .returning();
    await t.db.insert(actionRecommendations).values({ actionId: act.id, recommendationId: rec.id });
    const overdue = async () =>
      (await w.c.get(`${w.base}/recommendations?overdue=true`)).json().items.map((x: { id: string }) => x.id);
    expect(await overdue()).toEqual([rec.id]);
    await t.db.update(actions).set({ status: 'complete' }).where(eq(actions.id, act.id));
    expect(await overdue()).toEqual([]);
  });

  it('updates with a version check, and answers a stale save with the current record', async () => {
    const w = await world();
    const rec = await create(w);
    const res = await w.c.put(
      `${w.base}/recommendations/${rec.id}`,
      body(w, { title: 'Renamed', agencyIds: [w.police.id], priority: 'medium', version: 1 }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Renamed', version: 2, priority: 'medium' });
    expect(res.json().agencies.map((a: { id: string }) => a.id)).toEqual([w.police.id]);
    const stale = await w.c.put(
      `${w.base}/recommendations/${rec.id}`,
      body(w, { title: 'Mine', version: 1 }),
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ title: 'Renamed', version: 2 });
    const got = (await w.c.get(`${w.base}/recommendations/${rec.id}`)).json();
    expect(got.timeline.map((e: { action: string }) => e.action)).toEqual(['updated', 'created']);
  });

  it('answers bad input with 400 naming the field', async () => {
    const w = await world();
    const elsewhere = await buildPartnership(t.db);
    const foreignAgency = await buildAgency(t.db, { partnershipId: elsewhere.id });
    const [foreignGroup] = await t.db
      .insert(governanceGroups)
      .values({ partnershipId: elsewhere.id, name: 'Their group', kind: 'subgroup' })
      .returning();
    const fields = async (over: Record<string, unknown>) => {
      const res = await w.c.post(`${w.base}/recommendations`, body(w, over));
      expect(res.statusCode, res.body).toBe(400);
      return Object.keys(res.json().details.fields);
    };
    expect(await fields({ title: '' })).toEqual(['title']);
    expect(await fields({ agencyIds: [] })).toEqual(['agencyIds']);
    expect(await fields({ sourceKind: 'gossip' })).toEqual(['sourceKind']);
    expect(await fields({ priority: 'urgent' })).toEqual(['priority']);
    expect(await fields({ sourceDate: '2026-02-30' })).toEqual(['sourceDate']);
    expect(await fields({ sourceDate: '2027-01-01' })).toEqual(['sourceDate']);
    expect(await fields({ themeId: 'not-a-uuid' })).toEqual(['themeId']);
    expect(await fields({ agencyIds: [foreignAgency.id] })).toEqual(['agencyIds']);
    expect(await fields({ monitoringGroupId: foreignGroup.id })).toEqual(['monitoringGroupId']);
    expect(await fields({ sourceType: 'qa_activity' })).toEqual(['sourceId']);
    expect(await fields({ sourceType: 'qa_activity', sourceId: foreignGroup.id })).toEqual(['sourceId']);
    const badStatus = await w.c.post(`${w.base}/recommendations/${(await create(w)).id}/status`, {
      status: 'maybe',
      version: 1,
    });
    expect(badStatus.statusCode).toBe(400);
    expect(Object.keys(badStatus.json().details.fields)).toEqual(['status']);
    const badId = await w.c.get(`${w.base}/recommendations/nope`);
    expect(badId.statusCode).toBe(400);
    expect(Object.keys(badId.json().details.fields)).toEqual(['recommendationId']);
    const badFilter = await w.c.get(`${w.base}/recommendations?status=lost`);
    expect(badFilter.statusCode).toBe(400);
    expect(Object.keys(badFilter.json().details.fields)).toEqual(['status']);
  });

  it('agrees a recommendation and schedules impact checks at 3, 6 and 12 months, clamped to month ends', async () => {
    const w = await world();
    const rec = await create(w);
    const future = await w.c.post(`${w.base}/recommendations/${rec.id}/status`, {
      status: 'agreed',
      agreedOn: '2026-06-16',
      version: 1,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.fields.agreedOn).toBeTruthy();
    const agreed = await agree(w, rec, '2025-11-30');
    expect(agreed).toMatchObject({ status: 'agreed', agreedOn: '2025-11-30', version: 2 });
    expect(agreed.impactChecks.map((c: { months: number; dueOn: string }) => [c.months, c.dueOn])).toEqual([
      [3, '2026-02-28'],
      [6, '2026-05-30'],
      [12, '2026-11-30'],
    ]);
    expect(agreed.nextStatuses).toEqual(['in_progress', 'impact_check']);
    const rows = await t.db.select().from(impactChecks).where(eq(impactChecks.recommendationId, rec.id));
    expect(rows).toHaveLength(3);
    const log = await t.db.select().from(auditLog).where(eq(auditLog.entityId, rec.id));
    expect(log.find((r) => r.action === 'status_changed')?.after).toMatchObject({
      status: 'agreed',
      impactChecksScheduled: [
        { months: 3, dueOn: '2026-02-28' },
        { months: 6, dueOn: '2026-05-30' },
        { months: 12, dueOn: '2026-11-30' },
      ],
    });
  });

  it('agrees today by default, at the partnership’s own months', async () => {
    const w = await world();
    await w.c.put(`${w.base}/recommendation-settings`, { impactCheckMonths: [1, 18], version: 0 });
    const rec = await create(w);
    const agreed = await agree(w, rec);
    expect(agreed.agreedOn).toBe('2026-06-15');
    expect(agreed.impactChecks.map((c: { months: number; dueOn: string }) => [c.months, c.dueOn])).toEqual([
      [1, '2026-07-15'],
      [18, '2027-12-15'],
    ]);
  });

  it('needs a reason to not accept, keeps it visible, and can be reconsidered', async () => {
    const w = await world();
    const rec = await create(w);
    const url = `${w.base}/recommendations/${rec.id}/status`;
    const noReason = await w.c.post(url, { status: 'not_accepted', version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields.reason).toMatch(/why/);
    const refused = await w.c.post(url, {
      status: 'not_accepted',
      reason: 'Already covered by R-3',
      version: 1,
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'not_accepted', statusReason: 'Already covered by R-3' });
    const listed = (await w.c.get(`${w.base}/recommendations?status=not_accepted`)).json().items;
    expect(listed[0].statusReason).toBe('Already covered by R-3');
    const wrong = await w.c.post(url, { status: 'in_progress', version: 2 });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error).toBe('INVALID_TRANSITION');
    expect(wrong.json().message).toMatch(/not accepted cannot move to in progress/);
    const back = await w.c.post(url, { status: 'draft', version: 2 });
    expect(back.json()).toMatchObject({ status: 'draft', version: 3 });
  });

  it('moves by hand along the status machine, never to closed, and refuses a stale version', async () => {
    const w = await world();
    const rec = await agree(w, await create(w), '2026-01-15');
    const url = `${w.base}/recommendations/${rec.id}/status`;
    expect((await w.c.post(url, { status: 'in_progress', version: 1 })).statusCode).toBe(409);
    const going = await w.c.post(url, { status: 'in_progress', version: 2 });
    expect(going.json().status).toBe('in_progress');
    const closing = await w.c.post(url, { status: 'closed', version: 3 });
    expect(closing.statusCode).toBe(409);
    expect(closing.json().message).toMatch(/closure step/);
    const checking = await w.c.post(url, { status: 'impact_check', version: 3 });
    expect(checking.json().status).toBe('impact_check');
    const reopened = await w.c.post(url, { status: 'in_progress', reason: 'More work needed', version: 4 });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', statusReason: 'More work needed' });
  });

  it('closes only with an embedded judgement, every agency’s evidence and the group’s approval', async () => {
    const w = await world();
    const rec = await agree(w, await create(w), '2025-05-10');
    const url = `${w.base}/recommendations/${rec.id}`;
    await w.c.post(`${url}/status`, { status: 'impact_check', version: 2 });
    const approval = {
      approvedBy: 'Chair of the QA group',
      meeting: 'QA group, 12 June 2026',
      closedOn: '2026-06-12',
    };
    const close = (over: Record<string, unknown> = {}) =>
      w.c.post(`${url}/close`, { ...approval, version: 3, ...over });

    const unjudged = await close();
    expect(unjudged.statusCode).toBe(409);
    expect(unjudged.json()).toMatchObject({
      error: 'INVALID_TRANSITION',
      details: { refusal: 'no_judgement' },
    });

    const checks = await t.db
      .select()
      .from(impactChecks)
      .where(and(eq(impactChecks.recommendationId, rec.id), isNull(impactChecks.cancelledAt)));
    const twelve = checks.find((c) => c.months === 12)!;
    const six = checks.find((c) => c.months === 6)!;
    await t.db
      .update(impactChecks)
      .set({ judgement: 'embedded', judgedOn: '2026-01-01' })
      .where(eq(impactChecks.id, six.id));
    await t.db
      .update(impactChecks)
      .set({ judgement: 'partly_embedded', judgedOn: '2026-06-01' })
      .where(eq(impactChecks.id, twelve.id));
    const partly = await close();
    expect(partly.json()).toMatchObject({ details: { refusal: 'not_embedded' } });
    expect(partly.json().message).toMatch(/12 months.*partly embedded/);

    await t.db.update(impactChecks).set({ judgement: 'embedded' }).where(eq(impactChecks.id, twelve.id));
    const submittedAt = new Date('2026-05-20T10:00:00Z');
    await t.db.insert(impactCheckEvidence).values({
      partnershipId: w.p.id,
      impactCheckId: twelve.id,
      agencyId: w.police.id,
      practiceChange: 'Yes',
      submittedAt,
    });
    // Health's evidence is only a draft, so it does not count.
    await t.db.insert(impactCheckEvidence).values({
      partnershipId: w.p.id,
      impactCheckId: twelve.id,
      agencyId: w.health.id,
      practiceChange: 'Draft',
    });
    const missing = await close();
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({
      details: { refusal: 'missing_evidence', missingAgencies: [{ id: w.health.id, name: 'Health' }] },
    });

    await t.db
      .update(impactCheckEvidence)
      .set({ submittedAt })
      .where(
        and(eq(impactCheckEvidence.impactCheckId, twelve.id), eq(impactCheckEvidence.agencyId, w.health.id)),
      );
    const future = await close({ closedOn: '2026-06-16' });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.fields.closedOn).toMatch(/future/);
    const noMeeting = await close({ meeting: ' ' });
    expect(noMeeting.statusCode).toBe(400);
    expect(Object.keys(noMeeting.json().details.fields)).toEqual(['meeting']);
    const viewer = await t.signIn(w.viewer.email);
    expect((await viewer.post(`${url}/close`, { ...approval, version: 3 })).statusCode).toBe(403);
    const lead = await t.signIn(w.policeLead.email);
    expect((await lead.post(`${url}/close`, { ...approval, version: 3 })).statusCode).toBe(403);

    const qa = await t.signIn(w.qa.email);
    const closed = await qa.post(`${url}/close`, { ...approval, version: 3 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closedOn: '2026-06-12',
      closure: { ...approval, recordedByName: w.qa.name },
      nextStatuses: [],
      version: 4,
    });
    expect(closed.json().timeline[0]).toMatchObject({ action: 'closed', personName: w.qa.name });
    const edit = await w.c.put(url, body(w, { version: 4 }));
    expect(edit.statusCode).toBe(409);
  });

  it('shows an agency lead only their agency’s recommendations; the board and other partnerships see none', async () => {
    const w = await world();
    const both = await create(w, { title: 'Both' });
    const healthOnly = await create(w, { title: 'Health only', agencyIds: [w.health.id] });
    const lead = await t.signIn(w.policeLead.email);
    const list = await lead.get(`${w.base}/recommendations`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([both.id]);
    expect(list.json().total).toBe(1);
    const mine = await lead.get(`${w.base}/recommendations/${both.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().allowedVerbs).toEqual(['read']);
    expect((await lead.get(`${w.base}/recommendations/${healthOnly.id}`)).statusCode).toBe(404);
    expect((await lead.get(`${w.base}/recommendations?agencyId=${w.health.id}`)).statusCode).toBe(403);
    expect(
      (await lead.put(`${w.base}/recommendations/${healthOnly.id}`, body(w, { version: 1 }))).statusCode,
    ).toBe(404);
    expect((await lead.put(`${w.base}/recommendations/${both.id}`, body(w, { version: 1 }))).statusCode).toBe(
      403,
    );
    expect((await lead.post(`${w.base}/recommendations`, body(w))).statusCode).toBe(403);

    const scrutineer = await t.signIn(w.scrutineer.email);
    expect((await scrutineer.get(`${w.base}/recommendations`)).json().total).toBe(2);
    expect((await scrutineer.get(`${w.base}/recommendations/${healthOnly.id}`)).json().allowedVerbs).toEqual([
      'read',
    ]);

    const viewer = await t.signIn(w.viewer.email);
    expect((await viewer.get(`${w.base}/recommendations`)).statusCode).toBe(403);
    expect([403, 404]).toContain((await viewer.get(`${w.base}/recommendations/${both.id}`)).statusCode);

    const other = await world();
    expect((await other.c.get(`${w.base}/recommendations/${both.id}`)).statusCode).toBe(404);
    expect((await other.c.get(`${other.base}/recommendations/${both.id}`)).statusCode).toBe(404);
    expect((await other.c.get(`${other.base}/recommendations`)).json().total).toBe(0);
  });

  it('numbers recommendations created at the same time distinctly', async () => {
    const w = await world();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        w.c.post(`${w.base}/recommendations`, body(w, { title: `Parallel ${i}` })),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const numbers = results.map((r) => r.json().number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const rows = await t.db.select().from(recommendations).where(eq(recommendations.partnershipId, w.p.id));
    expect(rows).toHaveLength(8);
  });

  it('builds recommendations for other tests through the factory', async () => {
    const w = await world();
    const made = await buildRecommendation(t.db, {
      partnershipId: w.p.id,
      agencyIds: [w.police.id],
      status: 'agreed',
      agreedOn: '2028-02-29',
      impactCheckMonths: [12],
    });
    expect(made.number).toBe(1);
    expect(made.impactChecks.map((c) => c.dueOn)).toEqual(['2029-02-28']);
    const got = (await w.c.get(`${w.base}/recommendations/${made.id}`)).json();
    expect(got).toMatchObject({ status: 'agreed', agreedOn: '2028-02-29', agencies: [{ id: w.police.id }] });
  });
});

describe('the timeline', () => {
  it('says what each change did: statuses from and to, reasons, the reopening and the closure, by whom', async () => {
    const w = await world();
    const qa = await t.signIn(w.qa.email);
    const lead = await t.signIn(w.policeLead.email);
    const rec = await create(w, { agencyIds: [w.police.id] });
    const url = `${w.base}/recommendations/${rec.id}`;
    const move = async (c: typeof w.c, status: string, version: number, reason?: string) => {
      const res = await c.post(`${url}/status`, { status, version, reason });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await move(w.c, 'not_accepted', 1, 'Covered by R-3');
    await move(w.c, 'draft', 2, 'New evidence from the SAR');
    await agree(w, { id: rec.id, version: 3 }, '2026-01-15');

    // An action starting moves the recommendation on by itself (agreed → in progress).
    const made = await w.c.post(`${w.base}/actions`, {
      agencyId: w.police.id,
      title: 'Refresh neglect training',
      recommendationIds: [rec.id],
    });
    expect(made.statusCode, made.body).toBe(201);
    const action = made.json();
    const actionStatus = async (status: string, version: number) => {
      const res = await lead.post(`${w.base}/actions/${action.id}/status`, { status, version });
      expect(res.statusCode, res.body).toBe(200);
    };
    await actionStatus('in_progress', 1);
    await move(w.c, 'impact_check', 5);
    await actionStatus('complete', 2);

    // "Not embedded" at 3 months reopens the recommendation and its completed action.
    const checks = (await w.c.get(url)).json().impactChecks as { id: string; months: number }[];
    const check = (months: number) => checks.find((c) => c.months === months)!.id;
    const judge = async (months: number, judgement: string, judgedOn: string) => {
      const evidence = `${w.base}/impact-checks/${check(months)}/evidence/${w.police.id}`;
      const saved = await lead.put(evidence, { practiceChange: 'Audit', outcomes: 'Fewer', version: 0 });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await lead.post(`${evidence}/submit`, {})).statusCode).toBe(200);
      const judged = await qa.post(`${w.base}/impact-checks/${check(months)}/judgement`, {
        judgement,
        reasons: 'From the audit',
        judgedOn,
        version: 1,
      });
      expect(judged.statusCode, judged.body).toBe(200);
    };
    await judge(3, 'not_embedded', '2026-04-20');
    await move(w.c, 'impact_check', 7);
    await judge(6, 'embedded', '2026-06-10');
    const closed = await qa.post(`${url}/close`, {
      approvedBy: 'Chair of the QA group',
      meeting: 'QA group, 12 June 2026',
      closedOn: '2026-06-12',
      version: 8,
    });
    expect(closed.statusCode, closed.body).toBe(200);

    const timeline = closed.json().timeline as { summary: string; personName: string | null; at: string }[];
    const training = 'Action “Refresh neglect training”';
    expect(timeline.map((e) => e.summary)).toEqual([
      'Closed (approved by Chair of the QA group at QA group, 12 June 2026 on 12 June 2026)',
      'The 6-month impact check judged embedded on 10 June 2026',
      'Status changed from In progress to Impact being checked',
      `${training} reopened because an impact check was judged not embedded: changed from Complete to In progress`,
      'Reopened: the 3-month impact check was judged not embedded. Status changed from Impact being checked to In progress',
      'The 3-month impact check judged not embedded on 20 April 2026',
      `${training} changed from In progress to Complete`,
      'Status changed from In progress to Impact being checked',
      `${training} changed from Not started to In progress`,
      'Status changed from Agreed to In progress when an action answering it started',
      'Action added: “Refresh neglect training”',
      'Status changed from Draft to Agreed (agreed on 15 January 2026; impact checks at 3, 6 and 12 months)',
      'Status changed from Not accepted to Draft. Reason: New evidence from the SAR',
      'Not accepted: Covered by R-3',
      'Recommendation added as a draft',
    ]);
    // Who: the closure and the judgements are the QA member's, the automatic move the action's lead.
    expect(timeline[0].personName).toBe(w.qa.name);
    expect(timeline[1].personName).toBe(w.qa.name);
    expect(timeline[9].personName).toBe(w.policeLead.name);
    expect(timeline[13].personName).toBe(w.admin.name);
    // When: newest first.
    expect([...timeline.map((e) => e.at)].sort().reverse()).toEqual(timeline.map((e) => e.at));

    // The agency lead reads the same sentences on the page they may see.
    const asLead = (await lead.get(url)).json().timeline as { summary: string }[];
    expect(asLead.map((e) => e.summary)).toEqual(timeline.map((e) => e.summary));
  });

  it('still gives every older or sparser audit row a sentence', async () => {
    const w = await world();
    const rec = await create(w, { agencyIds: [w.police.id] });
    const old = (action: string, before: unknown, after: unknown) => ({
      partnershipId: w.p.id,
      personId: w.admin.id,
      personEmail: w.admin.email,
      entity: 'recommendation',
      entityId: rec.id,
      action,
      before,
      after,
    });
    await t.db.insert(auditLog).values(old('status_changed', null, null));
    await t.db
      .insert(auditLog)
      .values(old('reopened', { status: 'impact_check' }, { status: 'in_progress' }));
    await t.db.insert(auditLog).values(old('closed', {}, { status: 'closed' }));
    await t.db.insert(auditLog).values(old('merged', null, null));
    const got = await w.c.get(`${w.base}/recommendations/${rec.id}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().timeline.map((e: { summary: string }) => e.summary)).toEqual([
      'Recommendation: merged',
      'Recommendation closed with the monitoring group’s approval',
      'Reopened: an impact check was judged not embedded. Status changed from Impact being checked to In progress',
      'Status of the recommendation changed',
      'Recommendation added as a draft',
    ]);
    // The page never sees the audit rows' snapshots themselves.
    expect(Object.keys(got.json().timeline[0]).sort()).toEqual([
      'action',
      'at',
      'entity',
      'entityId',
      'personName',
      'summary',
    ]);
  });
});
