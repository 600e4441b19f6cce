import { and, eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  buildPerson,
  createTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { outbox } from '../mail/mail.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { priorities } from '../priorities/priorities.tables.js';

const START = '2026-06-15T09:00:00Z';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WRONG_DETAILS = 'Enter a correct email address and password';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: START, idleMinutes: 30 });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(START));

const signIn = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });

const cookieFrom = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'assure_session');
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return `assure_session=${c.value}`;
};

const session = (cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });

const auditFor = (personId: string) =>
  t.db.select().from(auditLog).where(eq(auditLog.personId, personId)).orderBy(auditLog.id);

/** A body without the request id, which differs on every answer. */
const withoutRequestId = (res: LightMyRequestResponse) => {
  const { requestId, ...rest } = res.json();
  expect(requestId).toEqual(expect.any(String));
  return rest;
};

async function admin() {
  const p = await buildPartnership(t.db);
  const person = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  return { p, person };
}

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and the session shows the person, partnerships with roles and a CSRF token', async () => {
    const p1 = await buildPartnership(t.db, { name: 'Aardvark Partnership' });
    const p2 = await buildPartnership(t.db, { name: 'Zebra Partnership' });
    const person = await buildMember(t.db, { partnershipId: p1.id, role: 'partnership_admin' });
    const agency = await buildAgency(t.db, { partnershipId: p2.id });
    await buildMember(t.db, {
      partnershipId: p2.id,
      role: 'agency_lead',
      agencyId: agency.id,
      personId: person.id,
    });

    const res = await signIn(person.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^assure_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');

    const s = await session(cookieFrom(res));
    expect(s.statusCode).toBe(200);
    const body = s.json();
    expect(body.person).toEqual({
      id: person.id,
      email: person.email,
      name: person.name,
      isServiceAdmin: false,
    });
    expect(body.partnerships).toEqual([
      {
        id: p1.id,
        name: 'Aardvark Partnership',
        covers: 'both',
        roles: [{ role: 'partnership_admin', agencyId: null }],
      },
      {
        id: p2.id,
        name: 'Zebra Partnership',
        covers: 'both',
        roles: [{ role: 'agency_lead', agencyId: agency.id }],
      },
    ]);
    expect(body.currentPartnershipId).toBe(p1.id);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.idleTimeoutSeconds).toBe(30 * 60);
    expect(body.expiresAt).toBe('2026-06-15T21:00:00.000Z');
    // The session never carries secrets beyond the CSRF token.
    expect(s.body).not.toMatch(/passwordHash|scrypt/);

    // One row for each partnership the person belongs to, so both partnerships' admins see it.
    const rows = await auditFor(person.id);
    expect(rows.map((r) => r.action)).toEqual(['signed_in', 'signed_in']);
  });

  it('refuses a wrong password with 400, a field error and no cookie', async () => {
    const { person } = await admin();
    const res = await signIn(person.email, 'not the right password');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'VALIDATION',
      message: WRONG_DETAILS,
      details: { fields: { email: WRONG_DETAILS } },
    });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers an unknown email exactly as it answers a wrong password', async () => {
    const { person } = await admin();
    const wrong = await signIn(person.email, 'not the right password');
    const unknown = await signIn('nobody-here@example.org', 'not the right password');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(withoutRequestId(unknown)).toEqual(withoutRequestId(wrong));
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a deactivated account with the same answer as a wrong password', async () => {
    const gone = await buildPerson(t.db, { active: false });
    const res = await signIn(gone.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(WRONG_DETAILS);
  });

  it('locks the account after 5 failures, even for the right password, logs it, and unlocks after 15 minutes', async () => {
    const { person } = await admin();
    for (let i = 1; i <= 5; i++) {
      const res = await signIn(person.email, `wrong password ${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(400);
    }
    const locked = await signIn(person.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({
      error: 'LOCKED',
      message:
        'You have entered the wrong details too many times. Try again after 09:15 UTC, or reset your password.',
    });
    expect(locked.headers['set-cookie']).toBeUndefined();

    const rows = await auditFor(person.id);
    expect(rows.map((r) => r.action)).toEqual([
      'sign_in_failed',
      'sign_in_failed',
      'sign_in_failed',
      'sign_in_failed',
      'sign_in_failed',
      'locked',
      'sign_in_refused_locked',
    ]);
    expect(rows.map((r) => (r.after as { failures?: number } | null)?.failures).slice(0, 5)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(rows[5].after).toEqual({ minutes: 15 });
    expect(rows.every((r) => r.entityId === person.id && r.personEmail === person.email)).toBe(true);

    t.clock.advance(14 * MINUTE);
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(423);

    t.clock.advance(MINUTE + 1000);
    const ok = await signIn(person.email, TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect((await session(cookieFrom(ok))).statusCode).toBe(200);
  });

  it('counts failures again from zero after a successful sign-in', async () => {
    const { person } = await admin();
    for (let i = 0; i < 4; i++) expect((await signIn(person.email, 'wrong password')).statusCode).toBe(400);
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(person.email, 'wrong password')).statusCode).toBe(400);
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers a form-encoded body with 415 and a text body with 400, never 500', async () => {
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40example.org&password=x',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({
      error: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the request as JSON (Content-Type: application/json)',
    });
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a@example.org',
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toBe('VALIDATION');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@example.org", "password": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'VALIDATION', message: 'The request body is not valid JSON' });
  });

  it('names the fields when the email is badly formed and the password is missing', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'not-an-email' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual({
      email: 'Enter an email address in the correct format, like name@example.org',
      password: 'Enter your password',
    });
  });
});

describe('session lifetime', () => {
  it('stays alive while used within the idle timeout and ends 31 idle minutes later', async () => {
    const { person } = await admin();
    const cookie = cookieFrom(await signIn(person.email, TEST_PASSWORD));
    t.clock.advance(29 * MINUTE);
    expect((await session(cookie)).statusCode).toBe(200);
    // Activity restarts the idle timer: another 29 minutes is still fine.
    t.clock.advance(29 * MINUTE);
    expect((await session(cookie)).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    const expired = await session(cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({
      error: 'UNAUTHENTICATED',
      message: 'You need to sign in to do that',
    });
    // Coming back does not revive it.
    t.clock.advance(-31 * MINUTE);
    expect((await session(cookie)).statusCode).toBe(401);
  });

  it('ends after 12 hours even when the person is active all the time', async () => {
    const { p, person } = await admin();
    const cookie = cookieFrom(await signIn(person.email, TEST_PASSWORD));
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await session(cookie)).statusCode, `after ${elapsed} minutes`).toBe(200);
    }
    t.clock.set(new Date(Date.parse(START) + 12 * HOUR - 1000));
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/partnerships/${p.id}`, headers: { cookie } }))
        .statusCode,
    ).toBe(200);
    t.clock.advance(1000);
    expect((await session(cookie)).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/partnerships/${p.id}`, headers: { cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('sign-out ends the session, clears the cookie and is audited', async () => {
    const { person } = await admin();
    const c = await t.signIn(person.email);
    const res = await c.post('/api/v1/auth/sign-out');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/^assure_session=;/);
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(401);
    const rows = await auditFor(person.id);
    expect(rows.map((r) => r.action)).toEqual(['signed_in', 'signed_out']);
    expect(rows[1].requestId).toBe(res.headers['x-request-id']);
  });

  it('keep-alive restarts the idle timer', async () => {
    const { person } = await admin();
    const c = await t.signIn(person.email);
    t.clock.advance(25 * MINUTE);
    expect((await c.post('/api/v1/auth/keep-alive')).statusCode).toBe(200);
    t.clock.advance(25 * MINUTE);
    expect((await c.get('/api/v1/auth/session')).statusCode).toBe(200);
  });
});

describe('CSRF protection', () => {
  it('refuses a PUT and a POST made with the session cookie but no or a wrong X-CSRF-Token, and changes nothing', async () => {
    const { p, person } = await admin();
    const c = await t.signIn(person.email);
    const attempts = [
      {
        method: 'PUT' as const,
        url: `/api/v1/partnerships/${p.id}`,
        body: { name: 'Hijacked', covers: 'adults', version: 1 },
      },
      {
        method: 'POST' as const,
        url: `/api/v1/partnerships/${p.id}/priorities`,
        body: { name: 'Hijacked priority' },
      },
    ];
    for (const a of attempts) {
      for (const token of [undefined, 'wrong-token', c.csrfToken.slice(0, -1)]) {
        const res = await t.app.inject({
          method: a.method,
          url: a.url,
          headers: {
            cookie: c.cookie,
            'content-type': 'application/json',
            ...(token ? { 'x-csrf-token': token } : {}),
          },
          payload: JSON.stringify(a.body),
        });
        expect(res.statusCode, `${a.method} with token ${token}`).toBe(403);
        expect(res.json()).toMatchObject({
          error: 'CSRF',
          message: 'This form has expired. Reload the page and try again.',
        });
      }
    }
    const [row] = await t.db.select().from(partnerships).where(eq(partnerships.id, p.id));
    expect(row.name).toBe(p.name);
    expect(row.version).toBe(1);
    expect(await t.db.select().from(priorities).where(eq(priorities.partnershipId, p.id))).toEqual([]);
    const changes = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, p.id), inArray(auditLog.entity, ['partnership', 'priority'])));
    expect(changes).toEqual([]);

    // The same request with the right token goes through, so the refusal above was the token's doing.
    expect((await c.put(`/api/v1/partnerships/${p.id}`, attempts[0].body)).statusCode).toBe(200);
  });

  it('another session’s CSRF token does not work', async () => {
    const { p, person } = await admin();
    const mine = await t.signIn(person.email);
    const other = await t.signIn(person.email);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/partnerships/${p.id}/priorities`,
      headers: { cookie: mine.cookie, 'x-csrf-token': other.csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Neglect' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('CSRF');
  });
});

describe('switching partnership', () => {
  it('switches to a partnership the person belongs to, and refuses one they do not with 404', async () => {
    const p1 = await buildPartnership(t.db, { name: 'A first partnership' });
    const p2 = await buildPartnership(t.db, { name: 'B second partnership' });
    const elsewhere = await buildPartnership(t.db);
    const person = await buildMember(t.db, { partnershipId: p1.id, role: 'board_viewer' });
    await buildMember(t.db, { partnershipId: p2.id, role: 'qa_group_member', personId: person.id });
    const c = await t.signIn(person.email);
    expect((await c.get('/api/v1/auth/session')).json().currentPartnershipId).toBe(p1.id);

    const res = await c.put('/api/v1/auth/current-partnership', { partnershipId: p2.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().currentPartnershipId).toBe(p2.id);
    expect((await c.get('/api/v1/auth/session')).json().currentPartnershipId).toBe(p2.id);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.personId, person.id), eq(auditLog.action, 'switched_partnership')));
    expect(row).toMatchObject({ partnershipId: p2.id, after: { partnershipId: p2.id } });

    const refused = await c.put('/api/v1/auth/current-partnership', { partnershipId: elsewhere.id });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().message).toBe('This partnership could not be found');
    expect(refused.body).not.toContain(elsewhere.name);
    expect((await c.get('/api/v1/auth/session')).json().currentPartnershipId).toBe(p2.id);

    const bad = await c.put('/api/v1/auth/current-partnership', { partnershipId: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields).toEqual({ partnershipId: 'Choose a partnership' });
  });
});

describe('password reset', () => {
  const requestReset = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
  const completeReset = (token: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/complete',
      payload: { token, password },
    });
  const emailsTo = (address: string) => t.db.select().from(outbox).where(eq(outbox.toAddress, address));
  const tokenIn = (text: string) => {
    const m = text.match(/http:\/\/assure\.test\/reset-password\/([A-Za-z0-9_-]+)/);
    if (!m) throw new Error(`no reset link in: ${text}`);
    return m[1];
  };

  it('emails a single-use link for a known address and answers an unknown one identically without email', async () => {
    const { person } = await admin();
    const known = await requestReset(person.email);
    expect(known.statusCode).toBe(202);
    const [mail, ...more] = await emailsTo(person.email);
    expect(more).toEqual([]);
    expect(mail.status).toBe('outbox');
    expect(mail.subject).toBe('Reset your Assure password');
    expect(tokenIn(mail.textBody)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Not shown in any partnership's outbox: the link is a credential.
    expect(mail.partnershipId).toBeNull();

    const before = await t.db.select({ id: outbox.id }).from(outbox);
    const unknown = await requestReset('no-account-here@example.org');
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    expect(unknown.json()).toEqual({ ok: true });
    expect(await emailsTo('no-account-here@example.org')).toEqual([]);
    expect((await t.db.select({ id: outbox.id }).from(outbox)).length).toBe(before.length);
  });

  it('sets the new password, ends existing sessions, and refuses the link a second time', async () => {
    const { person } = await admin();
    const existing = await t.signIn(person.email);
    await requestReset(person.email);
    const [mail] = await emailsTo(person.email);
    const token = tokenIn(mail.textBody);
    const newPassword = 'a brand new long password';

    const res = await completeReset(token, newPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });

    expect((await existing.get('/api/v1/auth/session')).statusCode).toBe(401);
    const old = await signIn(person.email, TEST_PASSWORD);
    expect(old.statusCode).toBe(400);
    expect(old.json().message).toBe(WRONG_DETAILS);
    expect((await signIn(person.email, newPassword)).statusCode).toBe(200);

    const again = await completeReset(token, 'yet another long password');
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({
      error: 'NOT_FOUND',
      message: 'This link has expired or has already been used. Ask for a new one from the sign-in page.',
    });
    expect((await signIn(person.email, newPassword)).statusCode).toBe(200);
    expect((await auditFor(person.id)).map((r) => r.action)).toContain('password_reset');
  });

  it('refuses a link more than 2 hours old', async () => {
    const { person } = await admin();
    await requestReset(person.email);
    const [mail] = await emailsTo(person.email);
    t.clock.advance(2 * HOUR + 1000);
    const res = await completeReset(tokenIn(mail.textBody), 'a brand new long password');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('This link has expired');
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('accepts a link just inside 2 hours', async () => {
    const { person } = await admin();
    await requestReset(person.email);
    const [mail] = await emailsTo(person.email);
    t.clock.advance(2 * HOUR - 1000);
    expect((await completeReset(tokenIn(mail.textBody), 'a brand new long password')).statusCode).toBe(200);
  });

  it('refuses a password shorter than 12 characters, naming the field, and keeps the link usable', async () => {
    const { person } = await admin();
    await requestReset(person.email);
    const [mail] = await emailsTo(person.email);
    const token = tokenIn(mail.textBody);
    const res = await completeReset(token, 'short pass!');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields).toEqual({ password: 'Password must be 12 characters or more' });
    expect((await completeReset(token, 'twelve chars')).statusCode).toBe(200);
  });

  it('unlocks a locked account', async () => {
    const { person } = await admin();
    for (let i = 0; i < 5; i++) await signIn(person.email, 'wrong password');
    expect((await signIn(person.email, TEST_PASSWORD)).statusCode).toBe(423);
    await requestReset(person.email);
    const [mail] = await emailsTo(person.email);
    expect((await completeReset(tokenIn(mail.textBody), 'a brand new long password')).statusCode).toBe(200);
    expect((await signIn(person.email, 'a brand new long password')).statusCode).toBe(200);
  });
});

describe('rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ signInRateLimit: 3 });
  });
  afterAll(() => limited.close());

  it('refuses the 4th sign-in attempt within a minute with 429 and a clear message, before checking the password', async () => {
    const p = await buildPartnership(limited.db);
    const person = await buildMember(limited.db, { partnershipId: p.id, role: 'partnership_admin' });
    const attempt = (password: string) =>
      limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: person.email, password },
      });
    expect((await attempt('wrong password')).statusCode).toBe(400);
    expect((await attempt('wrong password')).statusCode).toBe(400);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    const refused = await attempt(TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({
      error: 'RATE_LIMITED',
      message: 'Too many requests. Wait a minute and try again.',
    });
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers['set-cookie']).toBeUndefined();
    const rows = await limited.db.select().from(auditLog).where(eq(auditLog.personId, person.id));
    expect(rows.map((r) => r.action).sort()).toEqual(['sign_in_failed', 'sign_in_failed', 'signed_in']);
  });
});

describe('sign-in events in the audit log', () => {
  it('each partnership the person belongs to sees their sign-ins, failures and locks, and no other partnership does', async () => {
    const a = await buildPartnership(t.db);
    const b = await buildPartnership(t.db);
    const other = await buildPartnership(t.db);
    const adminA = await buildMember(t.db, { partnershipId: a.id, role: 'partnership_admin' });
    const adminOther = await buildMember(t.db, { partnershipId: other.id, role: 'partnership_admin' });
    const both = await buildMember(t.db, { partnershipId: a.id, role: 'qa_group_member' });
    await buildMember(t.db, { partnershipId: b.id, role: 'board_viewer', personId: both.id });

    await signIn(both.email, 'wrong password!');
    expect((await signIn(both.email, TEST_PASSWORD)).statusCode).toBe(200);

    const rows = await t.db
      .select({ partnershipId: auditLog.partnershipId, action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.personId, both.id), inArray(auditLog.action, ['signed_in', 'sign_in_failed'])));
    expect(
      rows
        .filter((r) => r.action === 'signed_in')
        .map((r) => r.partnershipId)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(
      rows
        .filter((r) => r.action === 'sign_in_failed')
        .map((r) => r.partnershipId)
        .sort(),
    ).toEqual([a.id, b.id].sort());

    const admin = await t.signIn(adminA.email);
    const seen = (await admin.get(`/api/v1/partnerships/${a.id}/audit-log?personId=${both.id}`)).json();
    expect(seen.items.map((i: { action: string }) => i.action)).toEqual(
      expect.arrayContaining(['signed_in', 'sign_in_failed']),
    );
    const outsider = await t.signIn(adminOther.email);
    const notSeen = (
      await outsider.get(`/api/v1/partnerships/${other.id}/audit-log?personId=${both.id}`)
    ).json();
    expect(notSeen.items).toEqual([]);
  });
});
