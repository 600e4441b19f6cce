import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildPartnership, createTestApp, type TestApp } from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { priorities } from './priorities.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Priority = { id: string; name: string; description: string | null; active: boolean; version: number };

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const c = await t.signIn(admin.email);
  return { p, admin, c, base: `/api/v1/partnerships/${p.id}/priorities` };
}

describe('priorities', () => {
  it('creates a priority, trimming what was typed, and audits it', async () => {
    const { p, admin, c, base } = await world();
    const res = await c.post(base, { name: '  Neglect  ', description: '  Children living with neglect  ' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      name: 'Neglect',
      description: 'Children living with neglect',
      active: true,
      version: 1,
    });
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, res.json().id), eq(auditLog.action, 'created')));
    expect(row).toMatchObject({
      entity: 'priority',
      partnershipId: p.id,
      personId: admin.id,
      after: { name: 'Neglect' },
    });
    expect(row.requestId).toBe(res.headers['x-request-id']);
  });

  it('an empty description is stored as none', async () => {
    const { c, base } = await world();
    const res = await c.post(base, { name: 'Exploitation', description: '   ' });
    expect(res.json().description).toBeNull();
  });

  it('names the field when the name is empty, blank, missing or too long, and saves nothing', async () => {
    const { p, c, base } = await world();
    for (const body of [{ name: '' }, { name: '    ' }, {}]) {
      const res = await c.post(base, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({
        error: 'VALIDATION',
        message: 'There is a problem with what you entered',
        details: { fields: { name: 'Enter a name for the priority' } },
      });
    }
    const long = await c.post(base, { name: 'x'.repeat(201), description: 'y'.repeat(2001) });
    expect(long.json().details.fields).toEqual({
      name: 'Name must be 200 characters or fewer',
      description: 'Description must be 2000 characters or fewer',
    });
    expect(await t.db.select().from(priorities).where(eq(priorities.partnershipId, p.id))).toEqual([]);
  });

  it('updates with the current version and refuses a stale one, showing the current priority', async () => {
    const { c, base } = await world();
    const created: Priority = (await c.post(base, { name: 'Neglect' })).json();
    const ok = await c.put(`${base}/${created.id}`, {
      name: 'Neglect and abuse',
      description: null,
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Neglect and abuse', version: 2 });

    const stale = await c.put(`${base}/${created.id}`, { name: 'Lost update', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({
      error: 'CONFLICT',
      message: 'Someone else changed this priority. Check their changes.',
      details: {
        current: { id: created.id, name: 'Neglect and abuse', description: null, active: true, version: 2 },
      },
      requestId: expect.any(String),
    });
    const [row] = await t.db.select().from(priorities).where(eq(priorities.id, created.id));
    expect(row.name).toBe('Neglect and abuse');

    const blank = await c.put(`${base}/${created.id}`, { name: '', version: 2 });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().details.fields).toEqual({ name: 'Enter a name for the priority' });
    const noVersion = await c.put(`${base}/${created.id}`, { name: 'No version' });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().details.fields).toHaveProperty('version');
  });

  it('deactivates and reactivates; the list hides inactive ones unless asked; an edit from before deactivation is stale', async () => {
    const { c, base } = await world();
    const keep: Priority = (await c.post(base, { name: 'Alpha' })).json();
    const gone: Priority = (await c.post(base, { name: 'Bravo' })).json();

    const off = await c.post(`${base}/${gone.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    // Doing it again changes nothing.
    expect((await c.post(`${base}/${gone.id}/deactivate`)).json()).toMatchObject({
      active: false,
      version: 2,
    });
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, gone.id), eq(auditLog.action, 'deactivated')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ before: { active: true }, after: { active: false } });

    expect((await c.get(base)).json()).toMatchObject({ total: 1, items: [{ id: keep.id }] });
    const all = (await c.get(`${base}?includeInactive=true`)).json();
    expect(all.items.map((x: Priority) => [x.name, x.active])).toEqual([
      ['Alpha', true],
      ['Bravo', false],
    ]);

    expect((await c.put(`${base}/${gone.id}`, { name: 'Bravo renamed', version: 1 })).statusCode).toBe(409);

    const on = await c.post(`${base}/${gone.id}/reactivate`);
    expect(on.json()).toMatchObject({ active: true, version: 3 });
    expect((await c.get(base)).json().total).toBe(2);
  });

  it('searches by name and pages', async () => {
    const { c, base } = await world();
    for (const name of ['Neglect', 'Exploitation', 'Domestic abuse', 'Self-neglect in adults'])
      await c.post(base, { name });
    expect((await c.get(`${base}?q=NEGLECT`)).json().items.map((x: Priority) => x.name)).toEqual([
      'Neglect',
      'Self-neglect in adults',
    ]);
    const page2 = (await c.get(`${base}?pageSize=3&page=2`)).json();
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((x: Priority) => x.name)).toEqual(['Self-neglect in adults']);
  });

  it("another partnership's priority is not found through this one and is not changed", async () => {
    const a = await world();
    const b = await world();
    const theirs: Priority = (await b.c.post(b.base, { name: 'B priority' })).json();
    for (const res of [
      await a.c.put(`${a.base}/${theirs.id}`, { name: 'Taken', version: 1 }),
      await a.c.post(`${a.base}/${theirs.id}/deactivate`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('This priority could not be found');
    }
    const [row] = await t.db.select().from(priorities).where(eq(priorities.id, theirs.id));
    expect(row).toMatchObject({ name: 'B priority', active: true, version: 1 });
  });

  it('names the identifier when it is not one', async () => {
    const { c, base } = await world();
    const res = await c.put(`${base}/not-an-id`, { name: 'X', version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual({ priorityId: 'Enter a valid identifier' });
  });
});

describe('reading one priority', () => {
  it('returns it to a member, and 404 for one of another partnership', async () => {
    const t2 = await createTestApp();
    try {
      const p = await buildPartnership(t2.db);
      const other = await buildPartnership(t2.db);
      const admin = await buildMember(t2.db, { partnershipId: p.id, role: 'partnership_admin' });
      const otherAdmin = await buildMember(t2.db, { partnershipId: other.id, role: 'partnership_admin' });
      const c = await t2.signIn(admin.email);
      const created = (
        await c.post(`/api/v1/partnerships/${p.id}/priorities`, {
          name: 'Neglect',
          description: 'Chronic neglect',
        })
      ).json();
      const res = await c.get(`/api/v1/partnerships/${p.id}/priorities/${created.id}`);
      expect(res.json()).toEqual({
        id: created.id,
        name: 'Neglect',
        description: 'Chronic neglect',
        active: true,
        version: 1,
      });
      const c2 = await t2.signIn(otherAdmin.email);
      expect((await c2.get(`/api/v1/partnerships/${other.id}/priorities/${created.id}`)).statusCode).toBe(
        404,
      );
    } finally {
      await t2.close();
    }
  });
});
