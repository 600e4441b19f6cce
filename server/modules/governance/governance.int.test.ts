import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMember,
  buildPartnership,
  buildPerson,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { governanceGroupMembers, governanceGroups } from './governance.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Member = { personId: string; name: string; memberRole: string };
type Group = {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  version: number;
  memberCount: number;
  members: Member[];
};

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const c = await t.signIn(admin.email);
  return { p, admin, c, base: `/api/v1/partnerships/${p.id}/groups` };
}

const auditRows = (groupId: string) =>
  t.db.select().from(auditLog).where(eq(auditLog.entityId, groupId)).orderBy(auditLog.id);

describe('governance groups', () => {
  it('creates a group and audits it', async () => {
    const { p, admin, c, base } = await world();
    const res = await c.post(base, {
      name: ' Executive ',
      kind: 'executive',
      description: 'Statutory partners',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      name: 'Executive',
      kind: 'executive',
      description: 'Statutory partners',
      active: true,
      version: 1,
      memberCount: 0,
      members: [],
      allowedVerbs: ['read', 'manage'],
    });
    const [row] = await auditRows(res.json().id);
    expect(row).toMatchObject({
      entity: 'governance_group',
      action: 'created',
      partnershipId: p.id,
      personId: admin.id,
    });
  });

  it('names the fields that are wrong and saves nothing', async () => {
    const { p, c, base } = await world();
    const empty = await c.post(base, { name: '', kind: 'board' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details.fields).toEqual({ name: 'Enter a name for the group' });
    const blank = await c.post(base, { name: '   ', kind: 'board' });
    expect(blank.json().details.fields).toEqual({ name: 'Enter a name for the group' });
    const kind = await c.post(base, { name: 'Board', kind: 'committee' });
    expect(kind.statusCode).toBe(400);
    expect(Object.keys(kind.json().details.fields)).toEqual(['kind']);
    const long = await c.post(base, { name: 'Board', kind: 'board', description: 'd'.repeat(2001) });
    expect(long.json().details.fields).toEqual({
      description: 'Description must be 2000 characters or fewer',
    });
    expect(
      await t.db.select().from(governanceGroups).where(eq(governanceGroups.partnershipId, p.id)),
    ).toEqual([]);
  });

  it('updates with the current version and refuses a stale one', async () => {
    const { c, base } = await world();
    const g: Group = (await c.post(base, { name: 'QA group', kind: 'qa_group' })).json();
    const ok = await c.put(`${base}/${g.id}`, {
      name: 'Learning and Improvement Group',
      kind: 'qa_group',
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Learning and Improvement Group', version: 2 });
    const stale = await c.put(`${base}/${g.id}`, { name: 'Lost', kind: 'subgroup', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'CONFLICT',
      message: 'Someone else changed this group. Check their changes.',
      details: { current: { id: g.id, name: 'Learning and Improvement Group', version: 2 } },
    });
    const blank = await c.put(`${base}/${g.id}`, { name: '', kind: 'qa_group', version: 2 });
    expect(blank.json().details.fields).toEqual({ name: 'Enter a name for the group' });
    const [row] = await t.db.select().from(governanceGroups).where(eq(governanceGroups.id, g.id));
    expect(row).toMatchObject({ name: 'Learning and Improvement Group', kind: 'qa_group', version: 2 });
  });

  it('deactivates and reactivates; inactive groups show only when asked for', async () => {
    const { c, base } = await world();
    const g: Group = (await c.post(base, { name: 'Old subgroup', kind: 'subgroup' })).json();
    const off = await c.post(`${base}/${g.id}/deactivate`);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await c.post(`${base}/${g.id}/deactivate`)).json()).toMatchObject({ active: false, version: 2 });
    expect((await c.get(base)).json()).toMatchObject({ items: [], total: 0 });
    expect((await c.get(`${base}?includeInactive=true`)).json().items).toMatchObject([
      { id: g.id, active: false },
    ]);
    // An edit started before the group was deactivated is stale.
    expect(
      (await c.put(`${base}/${g.id}`, { name: 'Renamed', kind: 'subgroup', version: 1 })).statusCode,
    ).toBe(409);
    expect((await c.post(`${base}/${g.id}/reactivate`)).json()).toMatchObject({ active: true, version: 3 });
    expect((await auditRows(g.id)).map((r) => r.action)).toEqual(['created', 'deactivated', 'reactivated']);
  });

  it('adds members of the partnership, changes the chair, and removes them', async () => {
    const { p, c, base } = await world();
    const g: Group = (await c.post(base, { name: 'Board', kind: 'board' })).json();
    const ann = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
    const bob = await buildMember(t.db, { partnershipId: p.id, role: 'lead_sponsor' });
    const url = (personId: string) => `${base}/${g.id}/members/${personId}`;

    const added = await c.put(url(ann.id), { memberRole: 'chair' });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({
      memberCount: 1,
      members: [{ personId: ann.id, name: ann.name, memberRole: 'chair' }],
    });
    await c.put(url(bob.id), { memberRole: 'member' });

    // Bob takes the chair; Ann steps down to vice-chair.
    await c.put(url(bob.id), { memberRole: 'chair' });
    const changed = await c.put(url(ann.id), { memberRole: 'vice_chair' });
    expect(changed.json().members.map((m: Member) => [m.personId, m.memberRole])).toEqual([
      [bob.id, 'chair'],
      [ann.id, 'vice_chair'],
    ]);
    expect(changed.json().memberCount).toBe(2);

    const removed = await c.delete(url(ann.id));
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({
      memberCount: 1,
      members: [{ personId: bob.id, memberRole: 'chair' }],
    });

    const again = await c.delete(url(ann.id));
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toBe('This member could not be found');

    expect((await auditRows(g.id)).map((r) => r.action)).toEqual([
      'created',
      'member_added',
      'member_added',
      'member_changed',
      'member_changed',
      'member_removed',
    ]);
    const [, , , chairChange] = await auditRows(g.id);
    expect(chairChange).toMatchObject({ before: { memberRole: 'member' }, after: { memberRole: 'chair' } });
  });

  it('refuses a person who is not an active member of the partnership, naming personId', async () => {
    const { p, c, base } = await world();
    const g: Group = (await c.post(base, { name: 'Executive', kind: 'executive' })).json();
    const stranger = await buildPerson(t.db);
    const elsewhere = await buildMember(t.db, {
      partnershipId: (await buildPartnership(t.db)).id,
      role: 'partnership_admin',
    });
    const leaver = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
    expect((await c.post(`/api/v1/partnerships/${p.id}/people/${leaver.id}/deactivate`)).statusCode).toBe(
      200,
    );
    for (const person of [stranger, elsewhere, leaver]) {
      const res = await c.put(`${base}/${g.id}/members/${person.id}`, { memberRole: 'member' });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.fields).toEqual({
        personId: 'Choose a person who is a member of this partnership',
      });
    }
    expect(
      await t.db.select().from(governanceGroupMembers).where(eq(governanceGroupMembers.groupId, g.id)),
    ).toEqual([]);
    const badRole = await c.put(`${base}/${g.id}/members/${leaver.id}`, { memberRole: 'president' });
    expect(badRole.statusCode).toBe(400);
    expect(Object.keys(badRole.json().details.fields)).toEqual(['memberRole']);
  });

  it('removing someone who is not in the group is 404 and logs nothing', async () => {
    const { p, c, base } = await world();
    const g: Group = (await c.post(base, { name: 'Executive', kind: 'executive' })).json();
    const notIn = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
    const res = await c.delete(`${base}/${g.id}/members/${notIn.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'NOT_FOUND', message: 'This member could not be found' });
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, g.id), eq(auditLog.action, 'member_removed'))),
    ).toEqual([]);
  });

  it("another partnership's group is not found through this one", async () => {
    const a = await world();
    const b = await world();
    const theirs: Group = (await b.c.post(b.base, { name: 'B board', kind: 'board' })).json();
    const aMember = await buildMember(t.db, { partnershipId: a.p.id, role: 'board_viewer' });
    expect((await a.c.get(`${a.base}/${theirs.id}`)).statusCode).toBe(404);
    const put = await a.c.put(`${a.base}/${theirs.id}/members/${aMember.id}`, { memberRole: 'chair' });
    expect(put.statusCode).toBe(404);
    expect(put.json().message).toBe('This group could not be found');
    expect(
      await t.db.select().from(governanceGroupMembers).where(eq(governanceGroupMembers.groupId, theirs.id)),
    ).toEqual([]);
  });
});
