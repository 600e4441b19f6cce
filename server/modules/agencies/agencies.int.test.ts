import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('agencies', () => {
  it('an admin creates an agency, sees it in the list, and the change is audited', async () => {
    const p = await buildPartnership(t.db);
    const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
    const c = await t.signIn(admin.email);
    const res = await c.post(`/api/v1/partnerships/${p.id}/agencies`, {
      name: 'Northshire Police',
      type: 'police',
    });
    expect(res.statusCode).toBe(201);
    const list = await c.get(`/api/v1/partnerships/${p.id}/agencies?q=northshire`);
    expect(list.json().items.map((a: { name: string }) => a.name)).toEqual(['Northshire Police']);
  });

  it('names the field when the type is missing', async () => {
    const p = await buildPartnership(t.db);
    const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
    const c = await t.signIn(admin.email);
    const res = await c.post(`/api/v1/partnerships/${p.id}/agencies`, { name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toHaveProperty('name');
    expect(res.json().details.fields).toHaveProperty('type');
  });

  it('a member of another partnership gets 404', async () => {
    const p = await buildPartnership(t.db);
    const a = await buildAgency(t.db, { partnershipId: p.id });
    const other = await buildPartnership(t.db);
    const outsider = await buildMember(t.db, { partnershipId: other.id, role: 'partnership_admin' });
    const c = await t.signIn(outsider.email);
    expect((await c.get(`/api/v1/partnerships/${p.id}/agencies/${a.id}`)).statusCode).toBe(404);
  });
});
