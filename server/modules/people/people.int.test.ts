import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { memberships, people } from './people.tables.js';

const START = '2026-06-15T09:00:00Z';
const DAY = 86_400_000;
const NEW_PASSWORD = 'a long new password';
const GONE =
  'This invitation link has expired or has already been used. Ask your partnership admin to send a new one.';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: START });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(START));

type Person = {
  id: string;
  name: string;
  email: string;
  roles: { membershipId: string; role: string; active: boolean }[];
};

async function world(name?: string) {
  const p = await buildPartnership(t.db, name ? { name } : {});
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const c = await t.signIn(admin.email);
  return { p, admin, c, base: `/api/v1/partnerships/${p.id}` };
}

const cookieFrom = (res: LightMyRequestResponse) => {
  const set = res.cookies.find((x) => x.name === 'assure_session');
  if (!set) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `assure_session=${set.value}`;
};

const readInvitation = (token: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
const accept = (token: string, body: object, as?: TestClient) =>
  as
    ? as.post(`/api/v1/invitations/${token}/accept`, body)
    : t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: body });

/** Invites someone through the API and reads the link from the partnership's outbox, as an admin would. */
async function invite(
  c: TestClient,
  base: string,
  body: { email: string; name: string; role: string; agencyId?: string },
) {
  const res = await c.post(`${base}/invitations`, body);
  expect(res.statusCode, res.body).toBe(201);
  const box = await c.get(`${base}/outbox`);
  const mail = box.json().items.find((m: { toAddress: string }) => m.toAddress === body.email);
  expect(mail, `an email to ${body.email}`).toBeDefined();
  const m = (mail.textBody as string).match(/http:\/\/assure\.test\/invitation\/([A-Za-z0-9_-]+)/);
  expect(m, mail.textBody).not.toBeNull();
  return { invitation: res.json(), token: (m as RegExpMatchArray)[1], mail };
}

const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.org`;

async function personIn(c: TestClient, base: string, email: string): Promise<Person | undefined> {
  const res = await c.get(`${base}/people?q=${encodeURIComponent(email)}&includeInactive=true`);
  expect(res.statusCode).toBe(200);
  return res.json().items.find((x: Person) => x.email === email);
}

describe('invitations', () => {
  it('journey: invite, read the link from the email, see the offer, accept, and work with the new session', async () => {
    const { p, c, base } = await world('Northshire Safeguarding Partnership');
    const email = uniqueEmail('newcomer');
    const { token, mail, invitation } = await invite(c, base, {
      email,
      name: 'Nia Newcomer',
      role: 'qa_group_member',
    });
    expect(mail.subject).toBe('You have been invited to join Northshire Safeguarding Partnership on Assure');
    expect(mail.status).toBe('outbox');
    expect(mail.textBody).toContain('as qa group member');
    expect(invitation).toMatchObject({
      email,
      name: 'Nia Newcomer',
      role: 'qa_group_member',
      status: 'pending',
    });
    expect(invitation.expiresAt).toBe('2026-06-22T09:00:00.000Z');

    const offer = await readInvitation(token);
    expect(offer.statusCode).toBe(200);
    expect(offer.json()).toEqual({
      partnershipName: 'Northshire Safeguarding Partnership',
      email,
      name: 'Nia Newcomer',
      role: 'qa_group_member',
      agencyName: null,
      existingAccount: false,
    });

    const res = await accept(token, { name: 'Nia Newcomer', password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = cookieFrom(res);
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      person: { email, name: 'Nia Newcomer' },
      currentPartnershipId: p.id,
      partnerships: [{ id: p.id, roles: [{ role: 'qa_group_member', agencyId: null }] }],
    });
    const own = await t.app.inject({ method: 'GET', url: `${base}/people`, headers: { cookie } });
    expect(own.statusCode).toBe(200);

    const listed = await personIn(c, base, email);
    expect(listed?.roles.map((r) => [r.role, r.active])).toEqual([['qa_group_member', true]]);
    expect(
      (await c.get(`${base}/invitations?status=accepted`)).json().items.map((i: { id: string }) => i.id),
    ).toEqual([invitation.id]);

    // The link is used up.
    const again = await accept(token, { name: 'Someone Else', password: 'another long password' });
    expect(again.statusCode).toBe(404);
    expect((await readInvitation(token)).statusCode).toBe(404);
    // And the new password signs in.
    expect((await t.signIn(email, NEW_PASSWORD)).csrfToken).toBeTruthy();
  });

  it('an invitation for an agency-scoped role names the agency in the email and the offer', async () => {
    const { p, c, base } = await world();
    const agency = await buildAgency(t.db, { partnershipId: p.id, name: 'Northshire Police' });
    const email = uniqueEmail('lead');
    const { token, mail } = await invite(c, base, {
      email,
      name: 'Lee Lead',
      role: 'agency_lead',
      agencyId: agency.id,
    });
    expect(mail.textBody).toContain('as agency lead for Northshire Police');
    expect((await readInvitation(token)).json()).toMatchObject({
      role: 'agency_lead',
      agencyName: 'Northshire Police',
    });
    expect((await accept(token, { name: 'Lee Lead', password: NEW_PASSWORD })).statusCode).toBe(200);
    const listed = await personIn(c, base, email);
    expect(listed?.roles).toMatchObject([
      { role: 'agency_lead', agencyId: agency.id, agencyName: 'Northshire Police' },
    ]);
  });

  it('refuses an invitation after 7 days', async () => {
    const { admin, c, base } = await world();
    const email = uniqueEmail('late');
    const { token } = await invite(c, base, { email, name: 'Lata Late', role: 'board_viewer' });
    t.clock.advance(7 * DAY - 1000);
    expect((await readInvitation(token)).statusCode).toBe(200);
    t.clock.set(new Date(Date.parse(START) + 8 * DAY));
    const read = await readInvitation(token);
    expect(read.statusCode).toBe(404);
    expect(read.json().message).toBe(GONE);
    expect((await accept(token, { name: 'Lata Late', password: NEW_PASSWORD })).statusCode).toBe(404);
    t.clock.set(START);
    expect(await personIn(await t.signIn(admin.email), base, email)).toBeUndefined();
    expect(
      (await t.signIn(admin.email).then((a) => a.get(`${base}/invitations?status=expired`))).statusCode,
    ).toBe(200);
  });

  it('refuses a revoked invitation', async () => {
    const { c, base } = await world();
    const email = uniqueEmail('revoked');
    const { token, invitation } = await invite(c, base, { email, name: 'Rev Oked', role: 'board_viewer' });
    const revoke = await c.post(`${base}/invitations/${invitation.id}/revoke`);
    expect(revoke.statusCode).toBe(200);
    expect((await readInvitation(token)).statusCode).toBe(404);
    const res = await accept(token, { name: 'Rev Oked', password: NEW_PASSWORD });
    expect(res.statusCode).toBe(404);
    expect(await t.db.select().from(people).where(eq(people.email, email))).toEqual([]);
    expect((await c.get(`${base}/invitations?status=revoked`)).json().items[0]).toMatchObject({
      id: invitation.id,
      status: 'revoked',
    });
  });

  it('a new account must give a name and a password; the link still works afterwards', async () => {
    const { c, base } = await world();
    const email = uniqueEmail('nopassword');
    const { token } = await invite(c, base, { email, name: 'Pat Nopass', role: 'board_viewer' });
    const res = await accept(token, { name: 'Pat Nopass' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'VALIDATION',
      details: { fields: { password: 'Enter a password of 12 characters or more' } },
    });
    const short = await accept(token, { name: 'Pat Nopass', password: 'too short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().details.fields).toEqual({ password: 'Password must be 12 characters or more' });
    const noName = await accept(token, { password: NEW_PASSWORD });
    expect(noName.json().details.fields).toEqual({ name: 'Enter your full name' });
    expect((await accept(token, { name: 'Pat Nopass', password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('an existing account, signed in, accepts an invitation to a second partnership and keeps its password', async () => {
    const first = await world('First partnership');
    const member = await buildMember(t.db, { partnershipId: first.p.id, role: 'qa_group_member' });
    const second = await world('Second partnership');
    const { token } = await invite(second.c, second.base, {
      email: member.email,
      name: 'Ignored Name',
      role: 'board_viewer',
    });
    expect((await readInvitation(token)).json()).toMatchObject({ existingAccount: true, name: member.name });

    const own = await t.signIn(member.email);
    const res = await accept(token, { password: 'an attempt to change it' }, own);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = cookieFrom(res);
    const session = (
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })
    ).json();
    expect(session.currentPartnershipId).toBe(second.p.id);
    expect(
      session.partnerships.map((x: { name: string; roles: { role: string }[] }) => [
        x.name,
        x.roles.map((r) => r.role),
      ]),
    ).toEqual([
      ['First partnership', ['qa_group_member']],
      ['Second partnership', ['board_viewer']],
    ]);
    const [row] = await t.db.select().from(people).where(eq(people.id, member.id));
    expect(row.name).toBe(member.name);
    expect((await t.signIn(member.email, TEST_PASSWORD)).csrfToken).toBeTruthy();
    await expect(t.signIn(member.email, 'an attempt to change it')).rejects.toThrow(/400/);
  });

  it('the link alone does not sign anyone in to an existing account (the inviting partnership can read it in its outbox)', async () => {
    const victimHome = await world('Victim home partnership');
    const victim = await buildMember(t.db, { partnershipId: victimHome.p.id, role: 'partnership_admin' });
    const attacker = await world('Other partnership');
    const { token } = await invite(attacker.c, attacker.base, {
      email: victim.email,
      name: 'V',
      role: 'board_viewer',
    });

    const anonymous = await accept(token, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toBe(
      'You already have an Assure account. Sign in, then open the link again to accept.',
    );
    expect(anonymous.headers['set-cookie']).toBeUndefined();

    const asAttacker = await accept(token, {}, attacker.c);
    expect(asAttacker.statusCode).toBe(403);
    expect(asAttacker.json().message).toBe(
      `This invitation is for ${victim.email}. Sign out, sign in as that person, then open the link again.`,
    );
    expect(asAttacker.headers['set-cookie']).toBeUndefined();
    // Nothing changed: no membership in the other partnership, and the link is still there for its owner.
    const rows = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, victim.id), eq(memberships.partnershipId, attacker.p.id)));
    expect(rows).toEqual([]);
    expect((await readInvitation(token)).statusCode).toBe(200);
  });
});

describe('roles', () => {
  it('an agency-scoped role needs an agency of this partnership, in an invitation and in a grant', async () => {
    const { p, c, base } = await world();
    const target = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
    const otherAgency = await buildAgency(t.db);

    const noAgency = await c.post(`${base}/invitations`, {
      email: uniqueEmail('a'),
      name: 'A',
      role: 'auditor_practitioner',
    });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.json().details.fields).toEqual({
      agencyId: 'Choose the agency this auditor or practitioner acts for',
    });
    const foreign = await c.post(`${base}/invitations`, {
      email: uniqueEmail('b'),
      name: 'B',
      role: 'agency_lead',
      agencyId: otherAgency.id,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details.fields).toEqual({
      agencyId: 'Choose an agency that is part of this partnership',
    });

    const grantNoAgency = await c.post(`${base}/people/${target.id}/roles`, { role: 'agency_lead' });
    expect(grantNoAgency.statusCode).toBe(400);
    expect(grantNoAgency.json().details.fields).toEqual({
      agencyId: 'Choose the agency this agency lead acts for',
    });
    const grantForeign = await c.post(`${base}/people/${target.id}/roles`, {
      role: 'agency_lead',
      agencyId: otherAgency.id,
    });
    expect(grantForeign.statusCode).toBe(400);
    expect(grantForeign.json().details.fields).toEqual({
      agencyId: 'Choose an agency that is part of this partnership',
    });
    const rows = await t.db.select().from(memberships).where(eq(memberships.personId, target.id));
    expect(rows.map((r) => r.role)).toEqual(['board_viewer']);
  });

  it('granting a role the person already has is a conflict; a removed role can be granted again', async () => {
    const { p, c, base } = await world();
    const target = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
    const dup = await c.post(`${base}/people/${target.id}/roles`, { role: 'board_viewer' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'CONFLICT', message: 'This person already has that role' });

    const granted = await c.post(`${base}/people/${target.id}/roles`, { role: 'lead_sponsor' });
    expect(granted.statusCode).toBe(200);
    const sponsor = granted.json().roles.find((r: { role: string }) => r.role === 'lead_sponsor');
    expect(
      (await c.post(`${base}/people/${target.id}/roles/${sponsor.membershipId}/remove`)).statusCode,
    ).toBe(200);
    const regranted = await c.post(`${base}/people/${target.id}/roles`, { role: 'lead_sponsor' });
    expect(regranted.statusCode).toBe(200);
    expect(
      regranted.json().roles.filter((r: { role: string; active: boolean }) => r.role === 'lead_sponsor'),
    ).toEqual([expect.objectContaining({ membershipId: sponsor.membershipId, active: true })]);
  });

  it('the last partnership admin cannot lose the role, nor be deactivated', async () => {
    const { p, admin, c, base } = await world();
    const me = (await c.get(`${base}/people/${admin.id}`)).json();
    const adminRole = me.roles.find((r: { role: string }) => r.role === 'partnership_admin');
    const res = await c.post(`${base}/people/${admin.id}/roles/${adminRole.membershipId}/remove`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'INVALID_TRANSITION',
      message: 'A partnership needs at least one partnership admin. Give someone else the role first.',
    });
    const self = await c.post(`${base}/people/${admin.id}/deactivate`);
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({
      error: 'INVALID_TRANSITION',
      message: 'You cannot remove your own access. Ask another partnership admin.',
    });
    const [row] = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, admin.id), eq(memberships.partnershipId, p.id)));
    expect(row.active).toBe(true);

    // With a second admin, the first may step down.
    const second = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
    expect(
      (await c.post(`${base}/people/${admin.id}/roles/${adminRole.membershipId}/remove`)).statusCode,
    ).toBe(200);
    // The first now holds no role here, so the partnership is closed to them; the second is the last admin.
    expect((await c.post(`${base}/people/${second.id}/deactivate`)).statusCode).toBe(404);
    const c2 = await t.signIn(second.email);
    const secondRoles = (await c2.get(`${base}/people/${second.id}`)).json().roles;
    const last = await c2.post(`${base}/people/${second.id}/roles/${secondRoles[0].membershipId}/remove`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error).toBe('INVALID_TRANSITION');
  });

  it('an admin deactivates another admin while another admin remains', async () => {
    const { p, c, base } = await world();
    const other = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
    const res = await c.post(`${base}/people/${other.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false });
  });

  it('a deactivated person loses that partnership but keeps their other one', async () => {
    const one = await world('Partnership one');
    const two = await world('Partnership two');
    const person = await buildMember(t.db, { partnershipId: one.p.id, role: 'qa_group_member' });
    await buildMember(t.db, { partnershipId: two.p.id, role: 'board_viewer', personId: person.id });
    const theirs = await t.signIn(person.email);
    expect((await theirs.get(`${one.base}/people`)).statusCode).toBe(200);

    const res = await one.c.post(`${one.base}/people/${person.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual([expect.objectContaining({ role: 'qa_group_member', active: false })]);

    const refused = await theirs.get(`${one.base}/people`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Partnership one');
    expect((await theirs.get(`${one.base}/priorities`)).statusCode).toBe(404);
    expect((await theirs.get(`${two.base}/people`)).statusCode).toBe(200);
    const session = (await theirs.get('/api/v1/auth/session')).json();
    expect(session.partnerships.map((x: { id: string }) => x.id)).toEqual([two.p.id]);
    // They can still sign in: their account is theirs, only this partnership's access was removed.
    expect((await t.signIn(person.email)).csrfToken).toBeTruthy();
    // Hidden from the default directory, shown with includeInactive.
    expect((await one.c.get(`${one.base}/people`)).json().items.map((x: Person) => x.id)).not.toContain(
      person.id,
    );
    expect((await personIn(one.c, one.base, person.email))?.roles[0].active).toBe(false);

    expect((await one.c.post(`${one.base}/people/${person.id}/reactivate`)).statusCode).toBe(200);
    expect((await theirs.get(`${one.base}/people`)).statusCode).toBe(200);
  });
});

describe('editing a person', () => {
  it('saves with the current version and refuses a stale one with the current record', async () => {
    const { p, c, base } = await world();
    const target = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
    const first = await c.put(`${base}/people/${target.id}`, {
      name: 'Renamed Once',
      jobTitle: 'Head of QA',
      version: 1,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ name: 'Renamed Once', jobTitle: 'Head of QA', version: 2 });

    const stale = await c.put(`${base}/people/${target.id}`, {
      name: 'Overwrite',
      jobTitle: null,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'CONFLICT',
      message: 'Someone else changed this person. Check their changes.',
      details: { current: { id: target.id, name: 'Renamed Once', jobTitle: 'Head of QA', version: 2 } },
    });
    const [row] = await t.db.select().from(people).where(eq(people.id, target.id));
    expect(row).toMatchObject({ name: 'Renamed Once', version: 2 });
    // The refused write left no audit row.
    const updates = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, target.id), eq(auditLog.action, 'updated')));
    expect(updates).toHaveLength(1);
  });

  it('names the field when the name is blank', async () => {
    const { p, c, base } = await world();
    const target = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
    const res = await c.put(`${base}/people/${target.id}`, { name: '   ', jobTitle: null, version: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual({ name: 'Enter the full name' });
  });

  it('a person of another partnership is not found through this one', async () => {
    const { c, base } = await world();
    const elsewhere = await buildMember(t.db, {
      partnershipId: (await buildPartnership(t.db)).id,
      role: 'board_viewer',
    });
    expect((await c.get(`${base}/people/${elsewhere.id}`)).statusCode).toBe(404);
    const res = await c.put(`${base}/people/${elsewhere.id}`, { name: 'Stolen', jobTitle: null, version: 1 });
    expect(res.statusCode).toBe(404);
    const [row] = await t.db.select().from(people).where(eq(people.id, elsewhere.id));
    expect(row.name).toBe(elsewhere.name);
  });
});

describe('directory search and pages', () => {
  it('q matches name or email without regard to case, and pages carry the total', async () => {
    const { p, c, base } = await world();
    const tag = Math.random().toString(36).slice(2, 8);
    const add = async (name: string, email: string) => {
      const [row] = await t.db.insert(people).values({ name, email }).returning();
      await t.db.insert(memberships).values({ partnershipId: p.id, personId: row.id, role: 'board_viewer' });
      return row;
    };
    await add(`Aisha Quill${tag}`, `aisha.${tag}@example.org`);
    await add('Ben Carter', `QUILL${tag.toUpperCase()}.ben@example.org`);
    await add(`Cara quill${tag}`, `cara.${tag}@example.org`);
    await add('Dan Other', `dan.${tag}@example.org`);
    await add('Eve Other', `eve.${tag}@example.org`);

    const search = await c.get(`${base}/people?q=QUILL${tag}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((x: Person) => x.name)).toEqual([
      `Aisha Quill${tag}`,
      'Ben Carter',
      `Cara quill${tag}`,
    ]);
    expect(search.json().total).toBe(3);

    // 5 added + the admin = 6 people, in pages of 4.
    const page1 = (await c.get(`${base}/people?pageSize=4`)).json();
    const page2 = (await c.get(`${base}/people?pageSize=4&page=2`)).json();
    expect([page1.total, page1.page, page1.pageSize, page1.items.length]).toEqual([6, 1, 4, 4]);
    expect([page2.total, page2.page, page2.pageSize, page2.items.length]).toEqual([6, 2, 4, 2]);
    const all = [...page1.items, ...page2.items].map((x: Person) => x.id);
    expect(new Set(all).size).toBe(6);
    const names = [...page1.items, ...page2.items].map((x: Person) => x.name.toLowerCase());
    expect(names).toEqual([...names].sort());

    const bad = await c.get(`${base}/people?pageSize=500`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields).toEqual({ pageSize: 'Page size must be 100 or fewer' });
  });

  it('a search for a LIKE wildcard means the character itself', async () => {
    const { p, c, base } = await world();
    const [row] = await t.db
      .insert(people)
      .values({ name: 'Percy 100% Sure', email: `percy.${Date.now()}@example.org` })
      .returning();
    await t.db.insert(memberships).values({ partnershipId: p.id, personId: row.id, role: 'board_viewer' });
    expect(
      (await c.get(`${base}/people?q=${encodeURIComponent('%')}`)).json().items.map((x: Person) => x.id),
    ).toEqual([row.id]);
    expect((await c.get(`${base}/people?q=_`)).json().total).toBe(0);
  });
});

describe('audit trail', () => {
  const rowFor = (requestId: string) =>
    t.db.select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(auditLog.id);

  it('every change writes one audit row naming the entity, action, actor and request, with before and after', async () => {
    const { p, admin, c, base } = await world();
    const target = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
    const expectRow = async (res: LightMyRequestResponse, want: Record<string, unknown>) => {
      expect(res.statusCode, res.body).toBeLessThan(300);
      const rows = await rowFor(String(res.headers['x-request-id']));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        partnershipId: p.id,
        personId: admin.id,
        personEmail: admin.email,
        ...want,
      });
      return rows[0];
    };

    const upd = await expectRow(
      await c.put(`${base}/people/${target.id}`, { name: 'New Name', jobTitle: null, version: 1 }),
      {
        entity: 'person',
        action: 'updated',
        entityId: target.id,
      },
    );
    expect(upd.before).toMatchObject({ name: target.name, version: 1 });
    expect(upd.after).toMatchObject({ name: 'New Name', version: 2 });
    expect(JSON.stringify(upd)).not.toMatch(/passwordHash|scrypt/);

    const grantRes = await c.post(`${base}/people/${target.id}/roles`, { role: 'lead_sponsor' });
    const membershipId = grantRes
      .json()
      .roles.find((r: { role: string }) => r.role === 'lead_sponsor').membershipId;
    const grant = await expectRow(grantRes, {
      entity: 'membership',
      action: 'granted',
      entityId: membershipId,
    });
    expect(grant.before).toBeNull();
    expect(grant.after).toMatchObject({ role: 'lead_sponsor', personId: target.id, active: true });

    const removed = await expectRow(
      await c.post(`${base}/people/${target.id}/roles/${membershipId}/remove`),
      {
        entity: 'membership',
        action: 'removed',
        entityId: membershipId,
      },
    );
    expect([
      (removed.before as { active: boolean }).active,
      (removed.after as { active: boolean }).active,
    ]).toEqual([true, false]);

    await expectRow(await c.post(`${base}/people/${target.id}/deactivate`), {
      entity: 'person',
      action: 'deactivated',
      entityId: target.id,
      before: { active: true },
      after: { active: false },
    });
    await expectRow(await c.post(`${base}/people/${target.id}/reactivate`), {
      entity: 'person',
      action: 'reactivated',
      after: { active: true },
    });

    const inviteRes = await c.post(`${base}/invitations`, {
      email: uniqueEmail('audited'),
      name: 'Aud Ited',
      role: 'board_viewer',
    });
    const created = await expectRow(inviteRes, {
      entity: 'invitation',
      action: 'created',
      entityId: inviteRes.json().id,
    });
    expect(JSON.stringify(created.after)).not.toContain('tokenHash');
    await expectRow(await c.post(`${base}/invitations/${inviteRes.json().id}/revoke`), {
      entity: 'invitation',
      action: 'revoked',
      entityId: inviteRes.json().id,
    });
  });

  it('accepting an invitation is audited against the new person in the inviting partnership', async () => {
    const { p, c, base } = await world();
    const email = uniqueEmail('joiner');
    const { token, invitation } = await invite(c, base, { email, name: 'Jo Iner', role: 'board_viewer' });
    const res = await accept(token, { name: 'Jo Iner', password: NEW_PASSWORD });
    const rows = await rowFor(String(res.headers['x-request-id']));
    const [person] = await t.db.select().from(people).where(eq(people.email, email));
    expect(rows.map((r) => [r.entity, r.action, r.entityId, r.partnershipId, r.personId])).toEqual([
      ['person', 'created_from_invitation', person.id, p.id, person.id],
      ['invitation', 'accepted', invitation.id, p.id, person.id],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/passwordHash|scrypt/);
  });
});

describe('leaving a partnership', () => {
  it('takes the person off the partnership’s governance groups, and says so in the audit log', async () => {
    const t2 = await createTestApp();
    try {
      const p = await buildPartnership(t2.db);
      const admin = await buildMember(t2.db, { partnershipId: p.id, role: 'partnership_admin' });
      const leaver = await buildMember(t2.db, { partnershipId: p.id, role: 'qa_group_member' });
      const c = await t2.signIn(admin.email);
      const group = (
        await c.post(`/api/v1/partnerships/${p.id}/groups`, { name: 'QA group', kind: 'qa_group' })
      ).json();
      await c.put(`/api/v1/partnerships/${p.id}/groups/${group.id}/members/${leaver.id}`, {
        memberRole: 'chair',
      });
      expect((await c.post(`/api/v1/partnerships/${p.id}/people/${leaver.id}/deactivate`)).statusCode).toBe(
        200,
      );
      const after = (await c.get(`/api/v1/partnerships/${p.id}/groups/${group.id}`)).json();
      expect(after.members).toEqual([]);
      const log = (await c.get(`/api/v1/partnerships/${p.id}/audit-log?entity=person`)).json();
      const row = log.items.find(
        (r: { action: string; entityId: string }) => r.action === 'deactivated' && r.entityId === leaver.id,
      );
      expect(row.before.groups).toEqual([{ groupId: group.id, memberRole: 'chair' }]);
    } finally {
      await t2.close();
    }
  });
});

describe('returning to a partnership', () => {
  it('restores the roles the person held when they left, and not a role an admin had taken away', async () => {
    const t2 = await createTestApp();
    try {
      const p = await buildPartnership(t2.db);
      const admin = await buildMember(t2.db, { partnershipId: p.id, role: 'partnership_admin' });
      const person = await buildMember(t2.db, { partnershipId: p.id, role: 'qa_group_member' });
      const c = await t2.signIn(admin.email);
      const base = `/api/v1/partnerships/${p.id}/people/${person.id}`;
      const withSponsor = (await c.post(`${base}/roles`, { role: 'lead_sponsor' })).json();
      const sponsorRole = withSponsor.roles.find((r: { role: string }) => r.role === 'lead_sponsor');
      await c.post(`${base}/roles/${sponsorRole.membershipId}/remove`);

      await c.post(`${base}/deactivate`);
      const back = (await c.post(`${base}/reactivate`)).json();
      const active = back.roles
        .filter((r: { active: boolean }) => r.active)
        .map((r: { role: string }) => r.role);
      expect(active).toEqual(['qa_group_member']);
      expect(back.active).toBe(true);
    } finally {
      await t2.close();
    }
  });
});
