import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMember,
  buildPartnership,
  buildPerson,
  createTestApp,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { outbox } from '../mail/mail.tables.js';
import { people } from '../people/people.tables.js';

let t: TestApp;
let service: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await buildPerson(t.db);
  await t.db.update(people).set({ isServiceAdmin: true }).where(eq(people.id, admin.id));
  service = await t.signIn(admin.email);
});
afterAll(() => t.close());

const BASE = '/api/v1/installation/partnerships';

describe('creating a partnership', () => {
  it('creates it, invites its first admin by email, and the invited person becomes its admin', async () => {
    const name = `Westshire Safeguarding Partnership ${Date.now()}`;
    const res = await service.post(BASE, {
      name,
      covers: 'adults',
      adminName: 'Sam Patel',
      adminEmail: 'sam.patel@westshire.example',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name, covers: 'adults', active: true, memberCount: 0, agencyCount: 0 });

    const [mail] = await t.db.select().from(outbox).where(eq(outbox.partnershipId, created.id));
    expect(mail.toAddress).toBe('sam.patel@westshire.example');
    expect(mail.textBody).toContain('as partnership admin');
    const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.textBody)?.[1];
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { name: 'Sam Patel', password: 'a long enough password' },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    const sam = await t.signIn('sam.patel@westshire.example', 'a long enough password');
    const people = await sam.get(`/api/v1/partnerships/${created.id}/people`);
    expect(people.statusCode).toBe(200);
    expect(people.json().items[0].roles.map((r: { role: string }) => r.role)).toEqual(['partnership_admin']);

    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, created.id), eq(auditLog.entity, 'partnership')));
    expect(rows.map((r) => r.action)).toEqual(['created']);
  });

  it('refuses a name already taken, whatever its case, naming the field', async () => {
    const existing = await buildPartnership(t.db, { name: 'Eastshire Safeguarding Partnership' });
    const res = await service.post(BASE, {
      name: existing.name.toUpperCase(),
      covers: 'both',
      adminName: 'A B',
      adminEmail: 'a@example.org',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.fields.name).toMatch(/already exists/);
  });

  it('names each field that is wrong and writes nothing', async () => {
    const res = await service.post(BASE, {
      name: ' ',
      covers: 'everyone',
      adminName: '',
      adminEmail: 'not an email',
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details.fields).sort()).toEqual([
      'adminEmail',
      'adminName',
      'covers',
      'name',
    ]);
  });
});

describe('deactivating a partnership', () => {
  it('ends its members’ access without deleting anything, and reactivation restores it', async () => {
    const p = await buildPartnership(t.db);
    const member = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
    const c = await t.signIn(member.email);
    expect((await c.get(`/api/v1/partnerships/${p.id}`)).statusCode).toBe(200);

    const off = await service.post(`${BASE}/${p.id}/deactivate`);
    expect(off.json().active).toBe(false);
    expect((await c.get(`/api/v1/partnerships/${p.id}`)).statusCode).toBe(404);
    expect((await c.get('/api/v1/auth/session')).json().partnerships).toEqual([]);
    const listed = (await service.get(`${BASE}?includeInactive=true&q=${encodeURIComponent(p.name)}`)).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: p.id, active: false, memberCount: 1 })]);
    expect((await service.get(`${BASE}?q=${encodeURIComponent(p.name)}`)).json().items).toEqual([]);

    await service.post(`${BASE}/${p.id}/reactivate`);
    expect((await c.get(`/api/v1/partnerships/${p.id}`)).statusCode).toBe(200);
    const rows = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, p.id), eq(auditLog.entity, 'partnership')));
    expect(rows.map((r) => r.action).sort()).toEqual(['deactivated', 'reactivated']);
  });

  it('answers 404 for a partnership that does not exist', async () => {
    expect((await service.post(`${BASE}/00000000-0000-4000-8000-000000000000/deactivate`)).statusCode).toBe(
      404,
    );
  });
});
