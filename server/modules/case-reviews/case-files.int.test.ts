import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCaseFile } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { memberships } from '../people/people.tables.js';
import { themes } from '../recommendations/recommendations.tables.js';
import { caseFileAccess, seriousIncidentNotifications } from './case-reviews.tables.js';

// Monday 15 June 2026, 10:00 in London. No bank holiday in June; the spring bank holiday was 25 May.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T09:00:00Z' });
});
afterAll(() => t.close());

const P = (pid: string) => `/api/v1/partnerships/${pid}`;

/** A client that signs in on its first request (signing in is the slow part of these tests). */
function lazyClient(email: string) {
  let client: Promise<TestClient> | null = null;
  const c = () => {
    client ??= t.signIn(email);
    return client;
  };
  return {
    get: async (url: string) => (await c()).get(url),
    post: async (url: string, body?: unknown) => (await c()).post(url, body),
    put: async (url: string, body?: unknown) => (await c()).put(url, body),
    delete: async (url: string) => (await c()).delete(url),
  };
}

async function world() {
  const db = t.db;
  const p = await buildPartnership(db);
  const other = await buildPartnership(db);
  const agency = await buildAgency(db, { partnershipId: p.id });
  const member = (role: Parameters<typeof buildMember>[1]['role'], agencyId?: string) =>
    buildMember(db, { partnershipId: p.id, role, agencyId });
  const group = await member('case_review_group_member');
  const group2 = await member('case_review_group_member');
  const admin = await member('partnership_admin');
  const qa = await member('qa_group_member');
  const lead = await member('agency_lead', agency.id);
  const viewer = await member('board_viewer');
  const reader = await member('qa_group_member');
  const editor = await member('independent_scrutineer');
  const otherAdmin = await buildMember(db, { partnershipId: other.id, role: 'partnership_admin' });
  const otherGroup = await buildMember(db, { partnershipId: other.id, role: 'case_review_group_member' });
  const [neglect, housing] = await db
    .insert(themes)
    .values([
      { partnershipId: p.id, name: 'Neglect' },
      { partnershipId: p.id, name: 'Housing' },
    ])
    .returning();
  const [elsewhere] = await db
    .insert(themes)
    .values({ partnershipId: other.id, name: 'Elsewhere' })
    .returning();
  const s = (x: { email: string }) => lazyClient(x.email);
  return {
    p,
    other,
    agency,
    people: { group, group2, admin, qa, lead, viewer, reader, editor },
    themes: { neglect, housing, elsewhere },
    base: `${P(p.id)}/case-files`,
    as: {
      group: s(group),
      group2: s(group2),
      admin: s(admin),
      qa: s(qa),
      lead: s(lead),
      viewer: s(viewer),
      reader: s(reader),
      editor: s(editor),
      otherAdmin: s(otherAdmin),
      otherGroup: s(otherGroup),
    },
  };
}
type W = Awaited<ReturnType<typeof world>>;

const auditRows = (entityId: string) => t.db.select().from(auditLog).where(eq(auditLog.entityId, entityId));

async function openFile(w: W, body: Record<string, unknown> = {}) {
  const res = await w.as.group.post(w.base, { kind: 'child', label: 'Child K', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('opening and changing a case file', () => {
  it('gives each new case file the next running reference, with its code, summary and themes', async () => {
    const w = await world();
    const first = await openFile(w, {
      summary: 'Infant with unexplained injuries',
      themeIds: [w.themes.neglect.id, w.themes.housing.id],
    });
    expect(first).toMatchObject({
      number: 1,
      reference: 'C-1',
      kind: 'child',
      label: 'Child K',
      summary: 'Infant with unexplained injuries',
      stage: 'notification',
      nextDue: null,
      version: 1,
      notification: null,
      rapidReview: null,
      access: [],
      allowedVerbs: ['read', 'write', 'grant'],
    });
    expect(first.themes.map((x: { name: string }) => x.name)).toEqual(['Housing', 'Neglect']);
    const second = await openFile(w, { kind: 'adult', label: 'Adult M' });
    expect(second).toMatchObject({ reference: 'C-2', kind: 'adult', stage: 'sar_referral' });
    // Another partnership counts from 1 again.
    const elsewhere = await w.as.otherGroup.post(`${P(w.other.id)}/case-files`, {
      kind: 'child',
      label: 'Child A',
    });
    expect(elsewhere.json().reference).toBe('C-1');
  });

  it('keeps the code and summary out of the audit log, which partnership admins read', async () => {
    const w = await world();
    const file = await openFile(w, { label: 'Child Q', summary: 'Sensitive summary text' });
    const [created] = await auditRows(file.id);
    expect(created).toMatchObject({ entity: 'case_file', action: 'created', personId: w.people.group.id });
    expect(created.after).toMatchObject({
      reference: 'C-1',
      kind: 'child',
      textFields: ['label', 'summary'],
    });
    expect(JSON.stringify(created)).not.toContain('Child Q');
    expect(JSON.stringify(created)).not.toContain('Sensitive summary');
  });

  it('answers bad input with a 400 naming the field', async () => {
    const w = await world();
    const noLabel = await w.as.group.post(w.base, { kind: 'child', label: '  ' });
    expect(noLabel.statusCode).toBe(400);
    expect(noLabel.json().details.fields.label).toBe('Enter a code or initials for the case');
    const badKind = await w.as.group.post(w.base, { kind: 'pet', label: 'X' });
    expect(badKind.json().details.fields.kind).toBe('Select child or adult');
    const otherTheme = await w.as.group.post(w.base, {
      kind: 'child',
      label: 'Child K',
      themeIds: [w.themes.elsewhere.id],
    });
    expect(otherTheme.statusCode).toBe(400);
    expect(otherTheme.json().details.fields.themeIds).toBe('Select themes from the list');
  });

  it('changes the code, summary and themes against the version, and answers a stale save with 409', async () => {
    const w = await world();
    const file = await openFile(w, { themeIds: [w.themes.neglect.id] });
    const url = `${w.base}/${file.id}`;
    const saved = await w.as.group.put(url, {
      version: 1,
      label: 'Child K2',
      summary: 'Updated',
      themeIds: [w.themes.housing.id],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ label: 'Child K2', summary: 'Updated', version: 2 });
    expect(saved.json().themes.map((x: { name: string }) => x.name)).toEqual(['Housing']);
    const stale = await w.as.group2.put(url, { version: 1, label: 'Child Z', summary: null, themeIds: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ label: 'Child K2', version: 2 });
    const updated = (await auditRows(file.id)).find((r) => r.action === 'updated');
    expect(updated?.after).toMatchObject({ textFields: ['label', 'summary'], version: 2 });
  });
});

describe('who can see a case file', () => {
  it('hides it (404) from partnership admins, the QA group, agency leads, board viewers and other partnerships', async () => {
    const w = await world();
    const file = await openFile(w);
    const url = `${w.base}/${file.id}`;
    for (const c of [w.as.admin, w.as.qa, w.as.lead, w.as.viewer, w.as.reader]) {
      expect((await c.get(url)).statusCode).toBe(404);
      expect((await c.get(`${url}/access`)).statusCode).toBe(404);
      expect((await c.put(url, { version: 1, label: 'X', themeIds: [] })).statusCode).toBe(404);
      expect(
        (await c.put(`${url}/notification`, { kind: 'serious_incident', becameAwareOn: '2026-06-10' }))
          .statusCode,
      ).toBe(404);
    }
    expect((await w.as.otherAdmin.get(`${P(w.other.id)}/case-files/${file.id}`)).statusCode).toBe(404);
    expect((await w.as.otherGroup.get(`${P(w.other.id)}/case-files/${file.id}`)).statusCode).toBe(404);
    // Opening one is for the case review group.
    expect((await w.as.admin.post(w.base, { kind: 'child', label: 'Child B' })).statusCode).toBe(403);
  });

  it('gives an empty list, not a refusal, to members outside the case review group', async () => {
    const w = await world();
    await openFile(w);
    for (const c of [w.as.admin, w.as.qa, w.as.lead, w.as.viewer]) {
      const res = await c.get(w.base);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ items: [], total: 0 });
    }
  });

  it('lets people named with read access read (but not change) it, and those named with edit access change it', async () => {
    const w = await world();
    const mine = await openFile(w, { label: 'Child R' });
    await openFile(w, { label: 'Child S' });
    const url = `${w.base}/${mine.id}`;
    const granted = await w.as.group.post(`${url}/access`, { personId: w.people.reader.id, level: 'read' });
    expect(granted.statusCode, granted.body).toBe(200);
    await w.as.group.post(`${url}/access`, { personId: w.people.editor.id, level: 'edit' });

    const read = await w.as.reader.get(url);
    expect(read.statusCode).toBe(200);
    expect(read.json().allowedVerbs).toEqual(['read']);
    const list = await w.as.reader.get(w.base);
    expect(list.json().items.map((i: { label: string }) => i.label)).toEqual(['Child R']);
    const refused = await w.as.reader.put(url, { version: 1, label: 'Child X', themeIds: [] });
    expect(refused.statusCode).toBe(403);
    const refusedNotification = await w.as.reader.put(`${url}/notification`, {
      kind: 'serious_incident',
      becameAwareOn: '2026-06-10',
      harm: 'death',
      abuseOrNeglect: 'known',
      place: 'in_area',
    });
    expect(refusedNotification.statusCode).toBe(403);
    expect(
      (await w.as.reader.post(`${url}/access`, { personId: w.people.qa.id, level: 'read' })).statusCode,
    ).toBe(403);

    const edited = await w.as.editor.put(url, { version: 1, label: 'Child R2', themeIds: [] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().allowedVerbs).toEqual(['read', 'write']);
    // Naming people stays with the case review group.
    expect(
      (await w.as.editor.post(`${url}/access`, { personId: w.people.qa.id, level: 'read' })).statusCode,
    ).toBe(403);
  });

  it('names, re-levels and removes people, only members of the partnership, and logs each change', async () => {
    const w = await world();
    const file = await openFile(w);
    const url = `${w.base}/${file.id}/access`;
    const first = await w.as.group.post(url, { personId: w.people.reader.id, level: 'read' });
    expect(first.json().items).toEqual([
      {
        personId: w.people.reader.id,
        name: w.people.reader.name,
        level: 'read',
        grantedAt: expect.any(String),
      },
    ]);
    const raised = await w.as.group.post(url, { personId: w.people.reader.id, level: 'edit' });
    expect(raised.json().items[0].level).toBe('edit');
    expect((await w.as.group.get(url)).json().items).toHaveLength(1);
    const outsider = await w.as.group.post(url, { personId: crypto.randomUUID(), level: 'read' });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().details.fields.personId).toBe('Select an active member of this partnership');
    const removed = await w.as.group.delete(`${url}/${w.people.reader.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().items).toEqual([]);
    expect((await w.as.reader.get(`${w.base}/${file.id}`)).statusCode).toBe(404);
    expect((await w.as.group.delete(`${url}/${w.people.reader.id}`)).statusCode).toBe(404);
    const actions = (await auditRows(file.id)).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['access_granted', 'access_granted', 'access_viewed', 'access_revoked']),
    );
  });

  it('stops a named person who leaves the partnership from reading it', async () => {
    const w = await world();
    const file = await openFile(w);
    await t.db.insert(caseFileAccess).values({
      caseFileId: file.id,
      personId: w.people.reader.id,
      partnershipId: w.p.id,
      level: 'read',
    });
    expect((await w.as.reader.get(`${w.base}/${file.id}`)).statusCode).toBe(200);
    await t.db
      .update(memberships)
      .set({ active: false })
      .where(and(eq(memberships.personId, w.people.reader.id), eq(memberships.partnershipId, w.p.id)));
    expect((await w.as.reader.get(`${w.base}/${file.id}`)).statusCode).toBe(404);
  });
});

describe('the register of case files', () => {
  it('filters by kind, stage and reference or code, shows the next due date, and logs every list and view', async () => {
    const w = await world();
    const k = await buildCaseFile(t.db, {
      partnershipId: w.p.id,
      label: 'Child K',
      notification: { becameAwareOn: '2026-06-08' },
    });
    const l = await buildCaseFile(t.db, {
      partnershipId: w.p.id,
      label: 'Child L',
      notification: { becameAwareOn: '2026-06-01', notifiedPanelOn: '2026-06-10' },
      rapidReview: true,
    });
    const m = await buildCaseFile(t.db, { partnershipId: w.p.id, kind: 'adult', label: 'Adult M' });
    const cl = await buildCaseFile(t.db, {
      partnershipId: w.p.id,
      label: 'Child N',
      notification: { kind: 'care_leaver_death', becameAwareOn: '2026-06-01', notifiedPanelOn: '2026-06-03' },
    });

    const list = async (q = '') => {
      const res = await w.as.group.get(`${w.base}${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await list();
    expect(all.total).toBe(4);
    expect(all.items.map((i: { reference: string }) => i.reference)).toEqual(['C-4', 'C-3', 'C-2', 'C-1']);
    const byId = (id: string) => all.items.find((i: { id: string }) => i.id === id);
    // Aware Monday 8 June: the notification is due 5 working days later, Monday 15 June (today).
    expect(byId(k.id)).toMatchObject({
      stage: 'notification',
      nextDue: { what: 'Notify the national panel', dueOn: '2026-06-15', overdue: false },
    });
    // Sent Wednesday 10 June: requesting information is due on working day 3, Monday 15 June.
    expect(byId(l.id)).toMatchObject({
      stage: 'rapid_review',
      nextDue: { what: 'Request information from agencies', dueOn: '2026-06-15', overdue: false },
    });
    expect(byId(m.id)).toMatchObject({ stage: 'sar_referral', nextDue: null });
    expect(byId(cl.id)).toMatchObject({ stage: 'no_review', nextDue: null });

    expect((await list('?kind=adult')).items.map((i: { label: string }) => i.label)).toEqual(['Adult M']);
    expect((await list('?stage=rapid_review')).items.map((i: { label: string }) => i.label)).toEqual([
      'Child L',
    ]);
    expect((await list('?q=c-2')).items.map((i: { label: string }) => i.label)).toEqual(['Child L']);
    expect((await list('?q=child%20n')).items.map((i: { label: string }) => i.label)).toEqual(['Child N']);
    expect((await list('?q=100%25')).total).toBe(0);
    const paged = await list('?page=2&pageSize=3');
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.items.map((i: { reference: string }) => i.reference)).toEqual(['C-1']);
    expect((await w.as.group.get(`${w.base}?stage=finished`)).json().details.fields.stage).toBe(
      'Select a stage from the list',
    );

    const listed = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'case_file'),
          eq(auditLog.action, 'listed'),
          eq(auditLog.partnershipId, w.p.id),
        ),
      );
    expect(listed).toHaveLength(7);
    expect(JSON.stringify(listed.map((r) => r.after))).not.toContain('child n');

    await w.as.group.get(`${w.base}/${l.id}`);
    const viewed = (await auditRows(l.id)).filter((r) => r.action === 'viewed');
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ personId: w.people.group.id, after: { reference: 'C-2' } });
  });
});

describe('the serious incident notification', () => {
  const serious = {
    kind: 'serious_incident',
    becameAwareOn: '2026-05-20',
    harm: 'serious_harm',
    abuseOrNeglect: 'suspected',
    place: 'in_area',
  };

  it('stores the due date 5 working days after the LA became aware, skipping the bank holiday', async () => {
    const w = await world();
    const file = await openFile(w);
    const url = `${w.base}/${file.id}/notification`;
    const res = await w.as.group.put(url, serious);
    expect(res.statusCode, res.body).toBe(200);
    // Aware Wednesday 20 May: 21, 22, (Monday 25 May is the spring bank holiday), 26, 27, 28 May.
    expect(res.json().notification).toMatchObject({
      kind: 'serious_incident',
      notifyDueOn: '2026-05-28',
      notifiedPanelOn: null,
      inTime: null,
      overdue: true,
      needsRapidReview: true,
      version: 1,
    });
    expect(res.json().nextDue).toEqual({
      what: 'Notify the national panel',
      dueOn: '2026-05-28',
      overdue: true,
    });

    const inTime = await w.as.group.put(url, { ...serious, notifiedPanelOn: '2026-05-28', version: 1 });
    expect(inTime.json().notification).toMatchObject({
      notifiedPanelOn: '2026-05-28',
      inTime: true,
      overdue: false,
      workingDay: 5,
      version: 2,
    });
    const [row] = await t.db
      .select()
      .from(seriousIncidentNotifications)
      .where(eq(seriousIncidentNotifications.caseFileId, file.id));
    expect(row.notifyDueOn).toBe('2026-05-28');
  });

  it('needs the reason for a late notification, and keeps it', async () => {
    const w = await world();
    const file = await openFile(w);
    const url = `${w.base}/${file.id}/notification`;
    const late = await w.as.group.put(url, { ...serious, notifiedPanelOn: '2026-05-29' });
    expect(late.statusCode).toBe(400);
    expect(late.json().details.fields.lateReason).toBe(
      'Enter why the notification was sent after 2026-05-28, 5 working days after the local authority became aware',
    );
    const saved = await w.as.group.put(url, {
      ...serious,
      notifiedPanelOn: '2026-05-29',
      lateReason: 'The police told the LA on the Friday evening',
    });
    expect(saved.json().notification).toMatchObject({
      inTime: false,
      lateReason: 'The police told the LA on the Friday evening',
      workingDay: 6,
    });
    const audit = (await auditRows(saved.json().notification.id))[0];
    expect(audit.after).toMatchObject({ inTime: false, textFields: ['lateReason'] });
    expect(JSON.stringify(audit)).not.toContain('Friday evening');
  });

  it('asks for what each kind needs, refuses future and impossible dates, and only on children’s files', async () => {
    const w = await world();
    const file = await openFile(w);
    const url = `${w.base}/${file.id}/notification`;
    const bare = await w.as.group.put(url, { kind: 'serious_incident', becameAwareOn: '2026-06-10' });
    expect(bare.statusCode).toBe(400);
    expect(Object.keys(bare.json().details.fields).sort()).toEqual(['abuseOrNeglect', 'harm', 'place']);
    const noAge = await w.as.group.put(url, { kind: 'care_leaver_death', becameAwareOn: '2026-06-10' });
    expect(noAge.json().details.fields).toEqual({ ageAtDeath: 'Enter the care leaver’s age when they died' });
    const tooOld = await w.as.group.put(url, {
      kind: 'care_leaver_death',
      becameAwareOn: '2026-06-10',
      ageAtDeath: 25,
    });
    expect(tooOld.json().details.fields.ageAtDeath).toBe(
      "Care leavers' deaths are notified up to and including age 24",
    );
    const future = await w.as.group.put(url, { ...serious, becameAwareOn: '2026-06-16' });
    expect(future.json().details.fields.becameAwareOn).toBe(
      'The date the local authority became aware cannot be in the future',
    );
    const impossible = await w.as.group.put(url, { ...serious, becameAwareOn: '2026-02-30' });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().details.fields.becameAwareOn).toMatch(/real date/);
    const ancient = await w.as.group.put(url, { ...serious, becameAwareOn: '1066-10-14' });
    expect(ancient.statusCode).toBe(400);
    const before = await w.as.group.put(url, { ...serious, notifiedPanelOn: '2026-05-19' });
    expect(before.json().details.fields.notifiedPanelOn).toBe(
      'The date the notification was sent must be on or after the date the local authority became aware',
    );
    const adult = await openFile(w, { kind: 'adult', label: 'Adult M' });
    const onAdult = await w.as.group.put(`${w.base}/${adult.id}/notification`, serious);
    expect(onAdult.statusCode).toBe(400);
    expect(onAdult.json().details.fields.kind).toMatch(/children’s case files/);
    expect(
      await t.db
        .select()
        .from(seriousIncidentNotifications)
        .where(eq(seriousIncidentNotifications.caseFileId, file.id)),
    ).toEqual([]);
  });

  it('records a care leaver’s death as needing no rapid review', async () => {
    const w = await world();
    const file = await openFile(w, { label: 'Care leaver P' });
    const res = await w.as.group.put(`${w.base}/${file.id}/notification`, {
      kind: 'care_leaver_death',
      becameAwareOn: '2026-06-08',
      ageAtDeath: 22,
      harm: 'death',
      notifiedPanelOn: '2026-06-12',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      stage: 'no_review',
      notification: { ageAtDeath: 22, harm: null, needsRapidReview: false, inTime: true },
    });
    const open = await w.as.group.post(`${w.base}/${file.id}/rapid-review`);
    expect(open.statusCode).toBe(400);
    expect(open.json().details.fields.notifiedPanelOn).toBe(
      'A care leaver’s death is notified but needs no rapid review.',
    );
  });

  it('answers a save on a stale version with 409 and the saved notification', async () => {
    const w = await world();
    const file = await openFile(w);
    const url = `${w.base}/${file.id}/notification`;
    await w.as.group.put(url, serious);
    await w.as.group.put(url, { ...serious, notifiedPanelOn: '2026-05-27', version: 1 });
    const stale = await w.as.group2.put(url, { ...serious, ofstedNotifiedOn: '2026-05-21', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ notifiedPanelOn: '2026-05-27', version: 2 });
  });
});

describe('the OpenAPI document', () => {
  it('describes case files, notifications and rapid reviews with how their due dates are computed', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const base = '/api/v1/partnerships/{partnershipId}/case-files';
    const notification = doc.paths[`${base}/{caseFileId}/notification`].put;
    expect(notification.description).toMatch(/5 working days after becameAwareOn/);
    const detail = JSON.stringify(doc.paths[`${base}/{caseFileId}`].get.responses['200']);
    for (const described of [
      '5 working days after becameAwareOn',
      'Working day 15 after startedOn',
      'Day N of 15',
      '3 working days after the request was sent',
    ])
      expect(detail).toContain(described);
    expect(doc.paths[`${base}/{caseFileId}/rapid-review`].post.description).toMatch(
      /working days 3 \(request information from agencies\), 6/,
    );
    expect(Object.keys(doc.paths).filter((p) => p.startsWith(base))).toEqual(
      expect.arrayContaining([
        base,
        `${base}/{caseFileId}/access/{personId}`,
        `${base}/{caseFileId}/rapid-review/steps/{stepId}`,
        `${base}/{caseFileId}/rapid-review/summary-requests`,
        `${base}/{caseFileId}/rapid-review/decision`,
      ]),
    );
  });
});
