import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildRecommendation } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  multipart,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { createMailer } from '../mail/mail.service.js';
import { outbox } from '../mail/mail.tables.js';
import { remindersSent } from '../notifications/notifications.tables.js';
import { runReminders } from '../notifications/reminders.service.js';
import { actions, assuranceRequests, recommendations, registerFiles } from './recommendations.tables.js';

// The clock stands at 15 June 2026, 10:00 in London.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A partnership with agencies A and B, their leads, an admin, a QA member, a scrutineer, a viewer, and recommendations. */
async function world(app: TestApp = t) {
  const db = app.db;
  const p = await buildPartnership(db);
  const agencyA = await buildAgency(db, { partnershipId: p.id, name: 'Agency A' });
  const agencyB = await buildAgency(db, { partnershipId: p.id, name: 'Agency B' });
  const admin = await buildMember(db, { partnershipId: p.id, role: 'partnership_admin' });
  const qa = await buildMember(db, { partnershipId: p.id, role: 'qa_group_member' });
  const scrutineer = await buildMember(db, { partnershipId: p.id, role: 'independent_scrutineer' });
  const viewer = await buildMember(db, { partnershipId: p.id, role: 'board_viewer' });
  const leadA = await buildMember(db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyA.id });
  const leadB = await buildMember(db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyB.id });
  const ownerA = await buildMember(db, {
    partnershipId: p.id,
    role: 'auditor_practitioner',
    agencyId: agencyA.id,
  });
  // R1 and R2 to agency A (and R2 also to B); R3 only to B; R4 closed, to A.
  const r1 = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyA.id],
    status: 'agreed',
    agreedOn: '2026-05-01',
  });
  const r2 = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyA.id, agencyB.id],
    status: 'agreed',
    agreedOn: '2026-05-01',
  });
  const r3 = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyB.id],
    status: 'agreed',
    agreedOn: '2026-05-01',
  });
  const r4 = await buildRecommendation(db, {
    partnershipId: p.id,
    agencyIds: [agencyA.id],
    status: 'closed',
    agreedOn: '2026-01-01',
  });
  const c: Record<string, TestClient> = {};
  for (const [k, person] of Object.entries({ admin, qa, scrutineer, viewer, leadA, leadB, ownerA })) {
    c[k] = await app.signIn(person.email);
  }
  const P = `/api/v1/partnerships/${p.id}`;
  return { p, P, agencyA, agencyB, admin, qa, scrutineer, viewer, leadA, leadB, ownerA, r1, r2, r3, r4, c };
}
type World = Awaited<ReturnType<typeof world>>;

async function createAction(w: World, over: Record<string, unknown> = {}, client = w.c.leadA) {
  const res = await client.post(`${w.P}/actions`, {
    agencyId: w.agencyA.id,
    title: 'Refresh neglect training',
    recommendationIds: [w.r1.id],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('actions', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('lets an agency lead create a workstream action answering two recommendations, audited', async () => {
    const a = await createAction(w, {
      title: 'One neglect workstream',
      description: 'Covers both',
      ownerPersonId: w.ownerA.id,
      dueOn: '2026-09-30',
      rag: 'amber',
      recommendationIds: [w.r1.id, w.r2.id],
    });
    expect(a).toMatchObject({
      title: 'One neglect workstream',
      description: 'Covers both',
      agency: { id: w.agencyA.id, name: 'Agency A' },
      owner: { id: w.ownerA.id },
      dueOn: '2026-09-30',
      status: 'not_started',
      rag: 'amber',
      overdue: false,
      version: 1,
      updates: [],
    });
    expect(a.recommendations.map((r: { id: string }) => r.id).sort()).toEqual([w.r1.id, w.r2.id].sort());
    expect(a.allowedVerbs).toEqual(['read', 'edit', 'progress']);
    // Each recommendation lists the one action: no duplicate action plans.
    for (const r of [w.r1, w.r2]) {
      const list = (await w.c.qa.get(`${w.P}/actions?recommendationId=${r.id}`)).json();
      expect(list.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    }
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'created')));
    expect(audit).toHaveLength(1);
  });

  it('refuses a recommendation not addressed to the agency, a closed one, another partnership’s, and a non-member owner', async () => {
    const other = await world();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ recommendationIds: [w.r3.id] }, 'recommendationIds', /not addressed to this agency/],
      [{ recommendationIds: [w.r4.id] }, 'recommendationIds', /closed/],
      [{ recommendationIds: [other.r1.id] }, 'recommendationIds', /Choose recommendations/],
      [{ ownerPersonId: other.leadA.id }, 'ownerPersonId', /active member/],
    ];
    for (const [over, field, message] of cases) {
      const res = await w.c.admin.post(`${w.P}/actions`, {
        agencyId: w.agencyA.id,
        title: 'Bad',
        recommendationIds: [w.r1.id],
        ...over,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details.fields[field]).toMatch(message);
    }
    expect(await t.db.select().from(actions).where(eq(actions.partnershipId, w.p.id))).toEqual([]);
  });

  it('answers bad input with 400 naming the field', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ recommendationIds: [] }, 'recommendationIds'],
      [{ dueOn: '2026-02-30' }, 'dueOn'],
      [{ rag: 'purple' }, 'rag'],
      [{ agencyId: 'nope' }, 'agencyId'],
    ];
    for (const [over, field] of bad) {
      const res = await w.c.admin.post(`${w.P}/actions`, {
        agencyId: w.agencyA.id,
        title: 'X',
        recommendationIds: [w.r1.id],
        ...over,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().details.fields)).toContain(field);
    }
    const a = await createAction(w);
    const future = await w.c.leadA.post(`${w.P}/actions/${a.id}/updates`, {
      body: 'Done',
      updateOn: '2026-06-16',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.fields.updateOn).toMatch(/today or in the past/);
    const badQuery = await w.c.admin.get(`${w.P}/actions?overdue=maybe`);
    expect(badQuery.statusCode).toBe(400);
    expect(Object.keys(badQuery.json().details.fields)).toContain('overdue');
  });

  it('updates, links and unlinks with a version check; a stale version is 409 with the current action', async () => {
    const a = await createAction(w, { recommendationIds: [w.r1.id] });
    const edit = {
      title: 'Renamed',
      ownerPersonId: w.ownerA.id,
      dueOn: '2026-08-31',
      rag: 'green',
      recommendationIds: [w.r2.id],
      version: 1,
    };
    const res = await w.c.leadA.put(`${w.P}/actions/${a.id}`, edit);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      title: 'Renamed',
      version: 2,
      rag: 'green',
      owner: { id: w.ownerA.id },
    });
    expect(res.json().recommendations.map((r: { id: string }) => r.id)).toEqual([w.r2.id]);
    const stale = await w.c.admin.put(`${w.P}/actions/${a.id}`, { ...edit, title: 'Mine', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ title: 'Renamed', version: 2 });
    // Linking a recommendation of another agency is refused on update too.
    const wrong = await w.c.leadA.put(`${w.P}/actions/${a.id}`, {
      ...edit,
      recommendationIds: [w.r3.id],
      version: 2,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.fields.recommendationIds).toMatch(/not addressed/);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'updated')));
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({
      recommendationIds: [w.r1.id],
      title: 'Refresh neglect training',
    });
    expect(audit[0].after).toMatchObject({ recommendationIds: [w.r2.id], title: 'Renamed' });
  });

  it('keeps a link to a recommendation closed since, but refuses adding it anew', async () => {
    const a = await createAction(w, { recommendationIds: [w.r1.id] });
    await t.db.update(recommendations).set({ status: 'closed' }).where(eq(recommendations.id, w.r1.id));
    const keep = await w.c.leadA.put(`${w.P}/actions/${a.id}`, {
      title: 'Still',
      recommendationIds: [w.r1.id],
      version: 1,
    });
    expect(keep.statusCode, keep.body).toBe(200);
    const b = await createAction(w, { recommendationIds: [w.r2.id] });
    const add = await w.c.leadA.put(`${w.P}/actions/${b.id}`, {
      title: 'Add',
      recommendationIds: [w.r2.id, w.r1.id],
      version: 1,
    });
    expect(add.statusCode).toBe(400);
  });

  it('moves status: in progress starts agreed recommendations (audited); complete dates it; cancel needs a reason kept as an update', async () => {
    await t.db.update(recommendations).set({ status: 'in_progress' }).where(eq(recommendations.id, w.r2.id));
    const a = await createAction(w, { recommendationIds: [w.r1.id, w.r2.id], ownerPersonId: w.ownerA.id });
    const start = await w.c.ownerA.post(`${w.P}/actions/${a.id}/status`, {
      status: 'in_progress',
      version: 1,
    });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json()).toMatchObject({ status: 'in_progress', version: 2 });
    const [r1] = await t.db.select().from(recommendations).where(eq(recommendations.id, w.r1.id));
    expect(r1).toMatchObject({ status: 'in_progress', version: 2 });
    const recAudit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'recommendation'), eq(auditLog.entityId, w.r1.id)));
    expect(recAudit.map((r) => r.action)).toEqual(['status_changed']);
    // R2 was already in progress: untouched.
    const [r2] = await t.db.select().from(recommendations).where(eq(recommendations.id, w.r2.id));
    expect(r2.version).toBe(1);

    const done = await w.c.ownerA.post(`${w.P}/actions/${a.id}/status`, { status: 'complete', version: 2 });
    expect(done.json()).toMatchObject({ status: 'complete', completedOn: '2026-06-15' });
    const again = await w.c.ownerA.post(`${w.P}/actions/${a.id}/status`, { status: 'complete', version: 2 });
    expect(again.statusCode).toBe(200);

    const b = await createAction(w);
    const noReason = await w.c.leadA.post(`${w.P}/actions/${b.id}/status`, {
      status: 'cancelled',
      version: 1,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields.reason).toBeTruthy();
    const cancel = await w.c.leadA.post(`${w.P}/actions/${b.id}/status`, {
      status: 'cancelled',
      reason: 'Covered by the workstream',
      version: 1,
    });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', completedOn: null });
    expect(cancel.json().updates[0].body).toBe('Cancelled: Covered by the workstream');
    const bad = await w.c.leadA.post(`${w.P}/actions/${b.id}/status`, { status: 'complete', version: 2 });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error).toBe('INVALID_TRANSITION');
    // The shared action status machine (contracts/recommendations.rules.ts) says why, as the page offers.
    expect(bad.json().message).toBe(
      'An action that is cancelled cannot be made complete. From cancelled it can move to: in progress.',
    );
  });

  it('records progress updates newest first; an update’s RAG becomes the action’s', async () => {
    const a = await createAction(w, { rag: 'green' });
    await w.c.leadA.post(`${w.P}/actions/${a.id}/updates`, { body: 'First', updateOn: '2026-06-01' });
    const res = await w.c.leadA.post(`${w.P}/actions/${a.id}/updates`, {
      body: 'Second',
      rag: 'red',
      updateOn: '2026-06-10',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rag: 'red', version: 2 });
    expect(res.json().updates.map((u: { body: string }) => u.body)).toEqual(['Second', 'First']);
  });

  it('stores evidence on an update, serves it only as an attachment, refuses wrong types, and removes it', async () => {
    const a = await createAction(w);
    const withUpdate = (
      await w.c.leadA.post(`${w.P}/actions/${a.id}/updates`, {
        body: 'Training delivered',
        updateOn: '2026-06-15',
      })
    ).json();
    const updateId = withUpdate.updates[0].id;
    const up = await w.c.leadA.post(
      `${w.P}/actions/${a.id}/updates/${updateId}/files`,
      multipart({ fileName: 'register.pdf', data: PDF }),
    );
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ fileName: 'register.pdf', mediaType: 'application/pdf', updateId });
    const [row] = await t.db.select().from(registerFiles).where(eq(registerFiles.id, file.id));
    expect(row).toMatchObject({ ownerType: 'action_update', ownerId: updateId, agencyId: w.agencyA.id });
    const shown = (await w.c.scrutineer.get(`${w.P}/actions/${a.id}`)).json();
    expect(shown.updates[0].files.map((f: { id: string }) => f.id)).toEqual([file.id]);

    const dl = await w.c.qa.get(`${w.P}/actions/${a.id}/files/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="register.pdf"/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(PDF)).toBe(true);

    const exe = await w.c.leadA.post(
      `${w.P}/actions/${a.id}/updates/${updateId}/files`,
      multipart({ fileName: 'evil.pdf', data: EXE }),
    );
    expect(exe.statusCode).toBe(400);
    expect(exe.json().details.fields.file).toBeTruthy();

    const rm = await w.c.leadA.delete(`${w.P}/actions/${a.id}/files/${file.id}`);
    expect(rm.statusCode, rm.body).toBe(200);
    expect(rm.json().removedAt).not.toBeNull();
    expect((await w.c.qa.get(`${w.P}/actions/${a.id}/files/${file.id}`)).statusCode).toBe(404);
    const [kept] = await t.db.select().from(registerFiles).where(eq(registerFiles.id, file.id));
    expect(kept.removedAt).not.toBeNull();
  });
});

describe('who sees and changes actions', () => {
  it('keeps agency B’s lead out of agency A’s actions and evidence entirely (404), and another partnership too', async () => {
    const w = await world();
    const other = await world();
    const a = await createAction(w, { ownerPersonId: w.ownerA.id, dueOn: '2026-06-01' });
    const updateId = (
      await w.c.leadA.post(`${w.P}/actions/${a.id}/updates`, { body: 'x', updateOn: '2026-06-15' })
    ).json().updates[0].id;
    const file = (
      await w.c.leadA.post(
        `${w.P}/actions/${a.id}/updates/${updateId}/files`,
        multipart({ fileName: 'e.pdf', data: PDF }),
      )
    ).json();
    const b = await createAction(w, { agencyId: w.agencyB.id, recommendationIds: [w.r3.id] }, w.c.leadB);

    // Lists: each lead sees only their agency's; the owner their own; overseers and the scrutineer all; a viewer none.
    const ids = async (c: TestClient, q = '') =>
      ((await c.get(`${w.P}/actions${q}`)).json().items as { id: string }[]).map((x) => x.id).sort();
    expect(await ids(w.c.leadA)).toEqual([a.id]);
    expect(await ids(w.c.leadB)).toEqual([b.id]);
    expect(await ids(w.c.leadB, `?agencyId=${w.agencyA.id}`)).toEqual([]);
    expect(await ids(w.c.ownerA)).toEqual([a.id]);
    expect(await ids(w.c.viewer)).toEqual([]);
    for (const c of [w.c.admin, w.c.qa, w.c.scrutineer]) expect(await ids(c)).toEqual([a.id, b.id].sort());
    expect(await ids(w.c.admin, '?overdue=true')).toEqual([a.id]);
    expect(await ids(w.c.admin, `?ownerPersonId=${w.ownerA.id}`)).toEqual([a.id]);
    expect(await ids(w.c.admin, '?status=complete')).toEqual([]);

    const refused = [
      () => w.c.leadB.get(`${w.P}/actions/${a.id}`),
      () =>
        w.c.leadB.put(`${w.P}/actions/${a.id}`, { title: 'Mine', recommendationIds: [w.r1.id], version: 1 }),
      () => w.c.leadB.post(`${w.P}/actions/${a.id}/status`, { status: 'in_progress', version: 1 }),
      () => w.c.leadB.post(`${w.P}/actions/${a.id}/updates`, { body: 'x', updateOn: '2026-06-15' }),
      () =>
        w.c.leadB.post(
          `${w.P}/actions/${a.id}/updates/${updateId}/files`,
          multipart({ fileName: 'e.pdf', data: PDF }),
        ),
      () => w.c.leadB.get(`${w.P}/actions/${a.id}/files/${file.id}`),
      () => w.c.leadB.delete(`${w.P}/actions/${a.id}/files/${file.id}`),
      () => w.c.viewer.get(`${w.P}/actions/${a.id}`),
      () => w.c.viewer.get(`${w.P}/actions/${a.id}/files/${file.id}`),
      () => other.c.admin.get(`${other.P}/actions/${a.id}`),
      () => other.c.admin.get(`${other.P}/actions/${a.id}/files/${file.id}`),
      () => other.c.admin.get(`${w.P}/actions/${a.id}`),
    ];
    for (const call of refused) {
      const res = await call();
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('Refresh neglect training');
    }
    // Agency B's file through B's own action id is still 404 (the file belongs to A's update).
    expect((await w.c.leadB.get(`${w.P}/actions/${b.id}/files/${file.id}`)).statusCode).toBe(404);
    // Creating for another agency: 403 for a lead; admins and QA may.
    expect(
      (
        await w.c.leadB.post(`${w.P}/actions`, {
          agencyId: w.agencyA.id,
          title: 'x',
          recommendationIds: [w.r1.id],
        })
      ).statusCode,
    ).toBe(403);
    await createAction(w, {}, w.c.qa);
    // The scrutineer reads but does not change; the owner records progress but does not edit.
    expect((await w.c.scrutineer.get(`${w.P}/actions/${a.id}`)).json().allowedVerbs).toEqual(['read']);
    expect(
      (await w.c.scrutineer.post(`${w.P}/actions/${a.id}/updates`, { body: 'x', updateOn: '2026-06-15' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await w.c.ownerA.put(`${w.P}/actions/${a.id}`, {
          title: 'x',
          recommendationIds: [w.r1.id],
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await w.c.ownerA.post(`${w.P}/actions/${a.id}/updates`, { body: 'Mine', updateOn: '2026-06-15' }))
        .statusCode,
    ).toBe(201);
    // Nothing leaked into the files table for B's attempts.
    const files = await t.db.select().from(registerFiles).where(eq(registerFiles.ownerId, updateId));
    expect(files).toHaveLength(1);
  });
});

describe('the agency action plan', () => {
  it('shows an agency’s open and recent actions by where they stand, with counts and unanswered recommendations', async () => {
    const w = await world();
    const overdue = await createAction(w, {
      title: 'Late',
      dueOn: '2026-06-01',
      recommendationIds: [w.r1.id],
    });
    const onTrack = await createAction(w, {
      title: 'On time',
      dueOn: '2026-07-01',
      recommendationIds: [w.r1.id],
    });
    await w.c.leadA.post(`${w.P}/actions/${onTrack.id}/status`, { status: 'in_progress', version: 1 });
    await w.c.leadA.post(`${w.P}/actions/${onTrack.id}/updates`, {
      body: 'Halfway',
      rag: 'green',
      updateOn: '2026-06-14',
    });
    const done = await createAction(w, { title: 'Done', recommendationIds: [w.r1.id] });
    await w.c.leadA.post(`${w.P}/actions/${done.id}/status`, { status: 'complete', version: 1 });
    await createAction(w, { agencyId: w.agencyB.id, recommendationIds: [w.r3.id] }, w.c.leadB);

    const res = await w.c.leadA.get(`${w.P}/agencies/${w.agencyA.id}/action-plan`);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.counts).toEqual({ open: 2, onTrack: 1, overdue: 1, complete: 1, cancelled: 0 });
    const byKey = Object.fromEntries(
      plan.groups.map((g: { key: string; actions: { id: string }[] }) => [g.key, g.actions.map((a) => a.id)]),
    );
    expect(byKey).toEqual({
      overdue: [overdue.id],
      in_progress: [onTrack.id],
      not_started: [],
      complete: [done.id],
      cancelled: [],
    });
    const inProgress = plan.groups.find((g: { key: string }) => g.key === 'in_progress').actions[0];
    expect(inProgress.latestUpdate).toEqual({ body: 'Halfway', rag: 'green', updateOn: '2026-06-14' });
    expect(inProgress.recommendations[0]).toMatchObject({ id: w.r1.id, number: w.r1.number });
    // R2 (to A and B) has no action of A's yet; R4 is closed so not expected.
    expect(plan.unansweredRecommendations.map((r: { id: string }) => r.id)).toEqual([w.r2.id]);

    for (const c of [w.c.admin, w.c.qa, w.c.scrutineer])
      expect((await c.get(`${w.P}/agencies/${w.agencyA.id}/action-plan`)).statusCode).toBe(200);
    for (const c of [w.c.leadB, w.c.viewer, w.c.ownerA])
      expect((await c.get(`${w.P}/agencies/${w.agencyA.id}/action-plan`)).statusCode).toBe(404);
  });

  it('pages a large plan in the groups’ order: page 2 holds the rest, and nothing of another agency', async () => {
    const w = await world();
    const day = (d: number) =>
      `2026-${String(5 + Math.floor(d / 28)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`;
    const rows = (agencyId: string, n: number, status: string, from: number, title: string) =>
      Array.from({ length: n }, (_, i) => ({
        partnershipId: w.p.id,
        agencyId,
        title: `${title} ${String(i).padStart(2, '0')}`,
        status,
        dueOn: day(from + i),
      }));
    // Agency A: 30 overdue (due May to early June), 20 in progress and 10 not started (due from July).
    await t.db.insert(actions).values([
      ...rows(w.agencyA.id, 30, 'not_started', 0, 'Late'),
      ...rows(w.agencyA.id, 20, 'in_progress', 60, 'Going'),
      ...rows(w.agencyA.id, 10, 'not_started', 90, 'Later'),
      ...rows(w.agencyB.id, 15, 'not_started', 0, 'Agency B late'),
      // Complete this month (on the plan); complete last year and cancelled in March (counted, not on it).
      {
        partnershipId: w.p.id,
        agencyId: w.agencyA.id,
        title: 'Done lately',
        status: 'complete',
        completedOn: '2026-06-01',
      },
      {
        partnershipId: w.p.id,
        agencyId: w.agencyA.id,
        title: 'Done long ago',
        status: 'complete',
        completedOn: '2025-01-01',
      },
      {
        partnershipId: w.p.id,
        agencyId: w.agencyA.id,
        title: 'Dropped',
        status: 'cancelled',
        updatedAt: new Date('2026-03-01T12:00:00Z'),
      },
    ]);
    const page = async (n: number) => {
      const res = await w.c.leadA.get(`${w.P}/agencies/${w.agencyA.id}/action-plan?page=${n}&pageSize=25`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        total: number;
        page: number;
        pageSize: number;
        counts: Record<string, number>;
        groups: { key: string; total: number; actions: { id: string; title: string; overdue: boolean }[] }[];
      };
    };
    const shape = (p: Awaited<ReturnType<typeof page>>) =>
      Object.fromEntries(p.groups.map((g) => [g.key, [g.total, g.actions.length]]));
    const one = await page(1);
    expect(one).toMatchObject({ total: 61, page: 1, pageSize: 25 });
    expect(one.counts).toEqual({ open: 60, overdue: 30, onTrack: 30, complete: 2, cancelled: 1 });
    expect(shape(one)).toEqual({
      overdue: [30, 25],
      in_progress: [20, 0],
      not_started: [10, 0],
      complete: [1, 0],
      cancelled: [0, 0],
    });
    // Soonest due first within the group.
    expect(one.groups[0].actions.map((a) => a.title)).toEqual(
      Array.from({ length: 25 }, (_, i) => `Late ${String(i).padStart(2, '0')}`),
    );
    const two = await page(2);
    expect(shape(two)).toEqual({
      overdue: [30, 5],
      in_progress: [20, 20],
      not_started: [10, 0],
      complete: [1, 0],
      cancelled: [0, 0],
    });
    expect(two.groups[0].actions.map((a) => a.title)).toEqual([
      'Late 25',
      'Late 26',
      'Late 27',
      'Late 28',
      'Late 29',
    ]);
    const three = await page(3);
    expect(shape(three)).toMatchObject({ not_started: [10, 10], complete: [1, 1] });
    // Every action of agency A exactly once over the three pages, and none of agency B's.
    const seen = [one, two, three].flatMap((p) => p.groups.flatMap((g) => g.actions.map((a) => a.title)));
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    expect(seen).not.toContain('Done long ago');
    expect(seen.some((s) => s.startsWith('Agency B'))).toBe(false);
    // Past the end: no actions, the same totals.
    const four = await page(4);
    expect(four.total).toBe(61);
    expect(four.groups.every((g) => g.actions.length === 0)).toBe(true);

    const bad = await w.c.leadA.get(`${w.P}/agencies/${w.agencyA.id}/action-plan?page=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields).toHaveProperty('page');
    const big = await w.c.leadA.get(`${w.P}/agencies/${w.agencyA.id}/action-plan?pageSize=500`);
    expect(big.statusCode).toBe(400);
    expect(big.json().details.fields).toHaveProperty('pageSize');
  });

  it('shows the first ten recommendations with no action yet, and pages through all of them', async () => {
    const w = await world();
    for (let i = 0; i < 12; i++)
      await buildRecommendation(t.db, {
        partnershipId: w.p.id,
        agencyIds: [w.agencyA.id],
        status: 'in_progress',
        agreedOn: '2026-05-01',
      });
    // R1 gets an action; R2 and the twelve new ones have none (R4 is closed, R3 is agency B's).
    await createAction(w, { recommendationIds: [w.r1.id] });
    const plan = (await w.c.leadA.get(`${w.P}/agencies/${w.agencyA.id}/action-plan`)).json();
    expect(plan.unansweredTotal).toBe(13);
    expect(plan.unansweredRecommendations).toHaveLength(10);
    expect(plan.unansweredRecommendations[0].id).toBe(w.r2.id);
    const url = `${w.P}/agencies/${w.agencyA.id}/action-plan/unanswered`;
    const first = (await w.c.leadA.get(`${url}?pageSize=10`)).json();
    const second = (await w.c.leadA.get(`${url}?page=2&pageSize=10`)).json();
    expect(first).toMatchObject({ total: 13, page: 1, pageSize: 10, agency: { id: w.agencyA.id } });
    expect(second.items).toHaveLength(3);
    const numbers = [...first.items, ...second.items].map((r: { number: number }) => r.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(13);
    expect(numbers).not.toContain(w.r1.number);
    expect(numbers).not.toContain(w.r3.number);
    // Past the end: no items, still the total.
    expect((await w.c.leadA.get(`${url}?page=9&pageSize=10`)).json()).toMatchObject({ items: [], total: 13 });
    // Another agency's lead and the board viewer: as if it did not exist.
    for (const c of [w.c.leadB, w.c.viewer]) expect((await c.get(url)).statusCode).toBe(404);
    expect((await w.c.admin.get(url)).statusCode).toBe(200);
  });
});

describe('overdue actions on My work and in the reminder run', () => {
  it('puts an overdue action on its owner’s My work and reminds them; an unowned one goes to the agency’s leads', async () => {
    const w = await world();
    const a = await createAction(w, {
      title: 'Overdue audit actions',
      ownerPersonId: w.ownerA.id,
      dueOn: '2026-06-12',
    });
    const unowned = await createAction(w, { title: 'Unowned', dueOn: '2026-06-15' });
    const myWork = (await w.c.ownerA.get(`${w.P}/my-work`)).json();
    const item = myWork.items.find((i: { itemId: string }) => i.itemId === a.id);
    expect(item).toMatchObject({
      itemType: 'action',
      href: `/register/actions/${a.id}`,
      dueDate: '2026-06-12',
      overdue: true,
    });
    expect(myWork.items.some((i: { itemId: string }) => i.itemId === unowned.id)).toBe(false);
    const leadWork = (await w.c.leadA.get(`${w.P}/my-work`)).json();
    expect(leadWork.items.map((i: { itemId: string }) => i.itemId)).toContain(unowned.id);

    const result = await runReminders({
      db: t.db,
      clock: t.clock,
      mailer: createMailer({ db: t.db, jobs: null, from: 'Assure <no-reply@assure.test>', clock: t.clock }),
      publicUrl: 'http://assure.test',
    });
    expect(result.reminders).toBeGreaterThanOrEqual(2);
    const sent = await t.db
      .select()
      .from(remindersSent)
      .where(and(eq(remindersSent.partnershipId, w.p.id), eq(remindersSent.itemType, 'action')));
    expect(sent.filter((s) => s.itemId === a.id).map((s) => s.personId)).toEqual([w.ownerA.id]);
    expect(sent.filter((s) => s.itemId === unowned.id).map((s) => s.personId)).toEqual([w.leadA.id]);
    const mail = await t.db.select().from(outbox).where(eq(outbox.toAddress, w.ownerA.email));
    expect(mail[0].textBody).toContain(`http://assure.test/register/actions/${a.id}`);
    // The item's reminders are visible to whoever may see the action, and hidden from another agency.
    const q = `${w.P}/reminders?itemType=action&itemId=${a.id}`;
    expect((await w.c.ownerA.get(q)).statusCode).toBe(200);
    expect((await w.c.leadB.get(q)).statusCode).toBe(404);
  });

  it('shows at most the 50 most urgent things, overdue first, and says how many more of each kind', async () => {
    const w = await world();
    const at = (month: number, d: number) =>
      `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    // Agency A's lead: 55 unowned actions due from July (theirs, not overdue), and one assurance request
    // to agency A that is overdue; agency B's overdue actions are not theirs.
    await t.db.insert(actions).values([
      ...Array.from({ length: 55 }, (_, i) => ({
        partnershipId: w.p.id,
        agencyId: w.agencyA.id,
        title: `Later ${String(i).padStart(2, '0')}`,
        dueOn: at(7 + Math.floor(i / 28), 1 + (i % 28)),
      })),
      { partnershipId: w.p.id, agencyId: w.agencyB.id, title: 'Agency B late', dueOn: at(6, 1) },
    ]);
    const [request] = await t.db
      .insert(assuranceRequests)
      .values({
        partnershipId: w.p.id,
        agencyId: w.agencyA.id,
        title: 'Evidence your neglect training',
        question: 'How many staff have been trained?',
        dueOn: at(6, 1),
      })
      .returning();
    const res = await w.c.leadA.get(`${w.P}/my-work`);
    expect(res.statusCode, res.body).toBe(200);
    const work = res.json();
    expect(work.total).toBe(56);
    expect(work.overdue).toBe(1);
    expect(work.items).toHaveLength(50);
    // Overdue first (the request), then the actions soonest due first.
    expect(work.items[0]).toMatchObject({ itemType: 'assurance_request', itemId: request.id, overdue: true });
    expect(work.items.slice(1).map((i: { title: string }) => i.title)).toEqual(
      Array.from({ length: 49 }, (_, i) => `Later ${String(i).padStart(2, '0')}`),
    );
    expect(work.items.some((i: { title: string }) => i.title === 'Agency B late')).toBe(false);
    expect(work.kinds).toEqual([
      { itemType: 'action', total: 55, overdue: 0, shown: 49 },
      { itemType: 'assurance_request', total: 1, overdue: 1, shown: 1 },
    ]);

    // Someone with little to do sees all of it, and nothing to page.
    const own = await createAction(w, { title: 'Mine', ownerPersonId: w.ownerA.id, dueOn: at(6, 10) });
    const ownerWork = (await w.c.ownerA.get(`${w.P}/my-work`)).json();
    expect(ownerWork).toMatchObject({ total: 1, overdue: 1 });
    expect(ownerWork.items.map((i: { itemId: string }) => i.itemId)).toEqual([own.id]);
    expect(ownerWork.kinds).toEqual([{ itemType: 'action', total: 1, overdue: 1, shown: 1 }]);
  });
});

describe('upload size limit', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ uploadMaxBytes: 1024 });
  });
  afterAll(() => small.close());

  it('refuses a file over the limit with 413 and stores nothing', async () => {
    const w = await world(small);
    const a = await createAction(w);
    const updateId = (
      await w.c.leadA.post(`${w.P}/actions/${a.id}/updates`, { body: 'x', updateOn: '2026-06-15' })
    ).json().updates[0].id;
    const big = Buffer.concat([PDF, Buffer.alloc(2048, 0x20)]);
    const res = await w.c.leadA.post(
      `${w.P}/actions/${a.id}/updates/${updateId}/files`,
      multipart({ fileName: 'big.pdf', data: big }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      error: 'PAYLOAD_TOO_LARGE',
      details: { fields: { file: expect.any(String) } },
    });
    expect(await small.db.select().from(registerFiles).where(eq(registerFiles.ownerId, updateId))).toEqual(
      [],
    );
  });
});
