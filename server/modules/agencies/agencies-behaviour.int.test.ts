import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  buildPerson,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { agencies, agencySections } from './agencies.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Summary = { id: string; name: string; active: boolean; partnershipCount: number };

async function world() {
  const p = await buildPartnership(t.db);
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const c = await t.signIn(admin.email);
  return { p, admin, c, base: `/api/v1/partnerships/${p.id}/agencies` };
}
const tag = () => Math.random().toString(36).slice(2, 8);

describe('sharing an agency between partnerships', () => {
  it('offers another partnership’s agency, links it once, and shows it shared by two', async () => {
    const a = await world();
    const b = await world();
    const name = `Shared Constabulary ${tag()}`;
    const agency = await buildAgency(t.db, { partnershipId: b.p.id, name, type: 'police' });

    const available = await a.c.get(`${a.base}-available?q=${encodeURIComponent(name.toLowerCase())}`);
    expect(available.statusCode).toBe(200);
    expect(available.json()).toEqual([{ id: agency.id, name, type: 'police' }]);
    // B does not get offered its own agency.
    expect((await b.c.get(`${b.base}-available?q=${encodeURIComponent(name)}`)).json()).toEqual([]);

    const linked = await a.c.post(`${a.base}/${agency.id}/link`);
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ id: agency.id, name, active: true, partnershipCount: 2 });

    const list = (await a.c.get(`${a.base}?q=${encodeURIComponent(name)}`)).json();
    expect(list.items).toEqual([{ id: agency.id, name, type: 'police', active: true, partnershipCount: 2 }]);
    expect((await b.c.get(`${b.base}/${agency.id}`)).json().partnershipCount).toBe(2);
    // Once linked it is no longer offered.
    expect((await a.c.get(`${a.base}-available?q=${encodeURIComponent(name)}`)).json()).toEqual([]);

    const twice = await a.c.post(`${a.base}/${agency.id}/link`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      error: 'CONFLICT',
      message: 'This agency is already part of the partnership',
    });

    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, agency.id), eq(auditLog.action, 'linked')));
    expect(row).toMatchObject({
      partnershipId: a.p.id,
      personId: a.admin.id,
      after: { partnershipId: a.p.id },
    });
  });

  it('linking an agency that does not exist is 404', async () => {
    const a = await world();
    const res = await a.c.post(`${a.base}/00000000-0000-4000-8000-000000000000/link`);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('This agency could not be found');
  });

  it('deactivating hides the agency in this partnership only; includeInactive shows it', async () => {
    const a = await world();
    const b = await world();
    const name = `Deactivated Trust ${tag()}`;
    const agency = await buildAgency(t.db, { partnershipId: b.p.id, name, type: 'nhs_trust' });
    expect((await a.c.post(`${a.base}/${agency.id}/link`)).statusCode).toBe(200);

    const res = await a.c.post(`${a.base}/${agency.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: agency.id, active: false });

    const visible = (await a.c.get(a.base)).json().items.map((x: Summary) => x.id);
    expect(visible).not.toContain(agency.id);
    const withInactive = (await a.c.get(`${a.base}?includeInactive=true`)).json().items;
    expect(withInactive.find((x: Summary) => x.id === agency.id)).toMatchObject({ active: false });
    // B still has it, active.
    const inB = (await b.c.get(b.base)).json().items.find((x: Summary) => x.id === agency.id);
    expect(inB).toMatchObject({ active: true });
    // It is still linked, so it is neither offered again nor linkable again.
    expect((await a.c.get(`${a.base}-available?q=${encodeURIComponent(name)}`)).json()).toEqual([]);
    expect((await a.c.post(`${a.base}/${agency.id}/link`)).statusCode).toBe(409);

    const again = await a.c.post(`${a.base}/${agency.id}/reactivate`);
    expect(again.json()).toMatchObject({ active: true });
    expect((await a.c.get(a.base)).json().items.map((x: Summary) => x.id)).toContain(agency.id);
  });

  it('a stale version is refused with the current record and nothing changes', async () => {
    const a = await world();
    const agency = await buildAgency(t.db, {
      partnershipId: a.p.id,
      name: `Council ${tag()}`,
      type: 'la_childrens_services',
    });
    const ok = await a.c.put(`${a.base}/${agency.id}`, {
      name: 'Renamed Council',
      type: 'adult_social_care',
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Renamed Council', type: 'adult_social_care', version: 2 });

    const stale = await a.c.put(`${a.base}/${agency.id}`, {
      name: 'Lost Update',
      type: 'housing',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'CONFLICT',
      message: 'Someone else changed this agency. Check their changes.',
      details: { current: { id: agency.id, name: 'Renamed Council', version: 2 } },
    });
    const [row] = await t.db.select().from(agencies).where(eq(agencies.id, agency.id));
    expect(row).toMatchObject({ name: 'Renamed Council', type: 'adult_social_care', version: 2 });
  });
});

describe('sections', () => {
  it('the lead of the agency adds a section with an owner from the partnership', async () => {
    const a = await world();
    const agency = await buildAgency(t.db, { partnershipId: a.p.id });
    const lead = await buildMember(t.db, { partnershipId: a.p.id, role: 'agency_lead', agencyId: agency.id });
    const owner = await buildMember(t.db, {
      partnershipId: a.p.id,
      role: 'auditor_practitioner',
      agencyId: agency.id,
    });
    const c = await t.signIn(lead.email);

    const res = await c.post(`${a.base}/${agency.id}/sections`, {
      name: "Children's Services",
      ownerPersonId: owner.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().sections).toEqual([
      expect.objectContaining({
        name: "Children's Services",
        ownerPersonId: owner.id,
        ownerName: owner.name,
        active: true,
        version: 1,
      }),
    ]);
    expect(res.json().allowedVerbs).toEqual(['read', 'manageSections']);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.requestId, String(res.headers['x-request-id'])),
          eq(auditLog.entity, 'agency_section'),
        ),
      );
    expect(row).toMatchObject({ action: 'created', personId: lead.id, partnershipId: a.p.id });
  });

  it('refuses an owner who is not a member of the partnership, naming ownerPersonId', async () => {
    const a = await world();
    const agency = await buildAgency(t.db, { partnershipId: a.p.id });
    const stranger = await buildPerson(t.db);
    const elsewhere = await buildMember(t.db, {
      partnershipId: (await buildPartnership(t.db)).id,
      role: 'partnership_admin',
    });
    for (const ownerPersonId of [stranger.id, elsewhere.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await a.c.post(`${a.base}/${agency.id}/sections`, {
        name: 'Adult Social Care',
        ownerPersonId,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.fields).toEqual({
        ownerPersonId: 'Choose an owner who is a member of this partnership',
      });
    }
    expect(await t.db.select().from(agencySections).where(eq(agencySections.agencyId, agency.id))).toEqual(
      [],
    );

    const bad = await a.c.post(`${a.base}/${agency.id}/sections`, { name: '', ownerPersonId: 'someone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields).toEqual({ name: 'Enter a name', ownerPersonId: 'Choose an owner' });
  });

  it('a section edit with a stale version is refused', async () => {
    const a = await world();
    const agency = await buildAgency(t.db, { partnershipId: a.p.id });
    const created = await a.c.post(`${a.base}/${agency.id}/sections`, { name: 'Early Help' });
    const section = created.json().sections[0];
    const url = `${a.base}/${agency.id}/sections/${section.id}`;
    expect(
      (await a.c.put(url, { name: 'Early Help Hub', ownerPersonId: null, active: true, version: 1 }))
        .statusCode,
    ).toBe(200);
    const stale = await a.c.put(url, { name: 'Overwritten', ownerPersonId: null, active: false, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ name: 'Early Help Hub', version: 2 });
  });
});

describe('listing', () => {
  it('pages through agencies with the total on every page', async () => {
    const a = await world();
    for (const n of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) {
      await buildAgency(t.db, { partnershipId: a.p.id, name: `${n} Agency` });
    }
    const page1 = (await a.c.get(`${a.base}?pageSize=2`)).json();
    const page3 = (await a.c.get(`${a.base}?pageSize=2&page=3`)).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.items.map((x: Summary) => x.name)).toEqual(['Alpha Agency', 'Bravo Agency']);
    expect(page3).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(page3.items.map((x: Summary) => x.name)).toEqual(['Echo Agency']);
    const beyond = (await a.c.get(`${a.base}?pageSize=2&page=4`)).json();
    expect(beyond).toMatchObject({ total: 5, items: [] });

    const zero = await a.c.get(`${a.base}?page=0`);
    expect(zero.statusCode).toBe(400);
    expect(zero.json().details.fields).toEqual({ page: 'Page must be 1 or more' });
  });

  it("searches for '%' and '_' literally, case-insensitively", async () => {
    const a = await world();
    await buildAgency(t.db, { partnershipId: a.p.id, name: '100% Care Ltd' });
    await buildAgency(t.db, { partnershipId: a.p.id, name: 'Care Partners' });
    await buildAgency(t.db, { partnershipId: a.p.id, name: 'Under_score Housing' });
    const names = async (q: string) =>
      (await a.c.get(`${a.base}?q=${encodeURIComponent(q)}`)).json().items.map((x: Summary) => x.name);
    expect(await names('%')).toEqual(['100% Care Ltd']);
    expect(await names('_')).toEqual(['Under_score Housing']);
    expect(await names('CARE')).toEqual(['100% Care Ltd', 'Care Partners']);
    expect(await names('\\')).toEqual([]);
    // The offer list escapes them too.
    const offer = (await a.c.get(`${a.base}-available?q=${encodeURIComponent('%')}`)).json();
    expect(offer.every((x: { name: string }) => x.name.includes('%'))).toBe(true);
  });
});

describe('an agency deactivated in a partnership', () => {
  it('no longer gives its agency-scoped people access there, and gives it back when reactivated', async () => {
    const p = await buildPartnership(t.db);
    const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
    const agency = await buildAgency(t.db, { partnershipId: p.id });
    const lead = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agency.id });
    const c = await t.signIn(admin.email);
    const l = await t.signIn(lead.email);
    expect((await l.get(`/api/v1/partnerships/${p.id}`)).statusCode).toBe(200);

    await c.post(`/api/v1/partnerships/${p.id}/agencies/${agency.id}/deactivate`);
    expect((await l.get(`/api/v1/partnerships/${p.id}`)).statusCode).toBe(404);
    expect((await l.get('/api/v1/auth/session')).json().partnerships).toEqual([]);

    await c.post(`/api/v1/partnerships/${p.id}/agencies/${agency.id}/reactivate`);
    expect((await l.get(`/api/v1/partnerships/${p.id}`)).statusCode).toBe(200);
  });
});
