import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgramme } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { memberships, people } from '../people/people.tables.js';
import { calendarFeeds, qaActivities, qaActivityAgencies, qaProgrammes } from './programme.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T10:00:00Z' });
});
afterAll(() => t.close());

const FEED = '/api/v1/me/calendar-feed';
const pathOf = (url: string) => new URL(url).pathname;
const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: pathOf(url) });

/** An agency lead who also leads one activity; activities that involve their agency, and others that do not. */
async function world() {
  const p = await buildPartnership(t.db, {
    name: `Feed Partnership ${Math.random().toString(36).slice(2, 8)}`,
  });
  const agency = await buildAgency(t.db, { partnershipId: p.id, name: 'Feed Police' });
  const otherAgency = await buildAgency(t.db, { partnershipId: p.id, name: 'Feed Health' });
  const lead = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agency.id });
  const programme = await buildProgramme(t.db, { partnershipId: p.id, startYear: 2026 });
  const activity = (title: string, over: Partial<typeof qaActivities.$inferInsert> = {}) => ({
    partnershipId: p.id,
    programmeId: programme.id,
    kind: 'multi_agency_case_audit',
    title,
    quarter: 3,
    releasedOn: '2026-10-01',
    deadlineOn: '2026-12-04',
    meetingOn: '2026-12-15',
    reportDueOn: '2027-01-29',
    ...over,
  });
  const [led, involved, notInvolved, cancelled] = await t.db
    .insert(qaActivities)
    .values([
      activity('Led audit', { leadPersonId: lead.id }),
      activity('Agency audit'),
      activity('Other agency audit'),
      activity('Cancelled audit', { status: 'cancelled', statusReason: 'No longer needed' }),
    ])
    .returning();
  await t.db.insert(qaActivityAgencies).values([
    { activityId: involved.id, agencyId: agency.id },
    { activityId: notInvolved.id, agencyId: otherAgency.id },
    { activityId: cancelled.id, agencyId: agency.id },
  ]);
  const c = await t.signIn(lead.email);
  return { p, agency, lead, programme, led, involved, notInvolved, cancelled, c };
}

describe('calendar feed', () => {
  it('says whether a feed exists, makes one whose URL is shown only once, and audits it', async () => {
    const w = await world();
    expect((await w.c.get(FEED)).json()).toEqual({ exists: false, createdAt: null });
    const made = await w.c.post(FEED);
    expect(made.statusCode, made.body).toBe(201);
    const { url, createdAt } = made.json();
    expect(url).toMatch(/^http:\/\/assure\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(createdAt).toBe('2026-11-23T10:00:00.000Z');
    const status = await w.c.get(FEED);
    expect(status.json()).toEqual({ exists: true, createdAt });
    expect(status.body).not.toContain('/calendar/');
    const [stored] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, w.lead.id));
    expect(url).not.toContain(stored.tokenHash);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'calendar_feed'), eq(auditLog.personId, w.lead.id)));
    expect(row).toMatchObject({ action: 'calendar_feed_created', partnershipId: w.p.id });
    expect(JSON.stringify(row)).not.toContain(url.split('/calendar/')[1].replace('.ics', ''));
  });

  it('holds every key date of what the person leads, and the deadlines and meetings of work involving their agency', async () => {
    const w = await world();
    const { url } = (await w.c.post(FEED)).json();
    const res = await fetchFeed(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const ics = res.body;
    expect(ics).toContain('BEGIN:VCALENDAR');
    const events = ics.split('BEGIN:VEVENT').slice(1);
    const summaries = events.map((e) => /SUMMARY:(.*)\r\n/.exec(e)?.[1]).sort();
    expect(summaries).toEqual([
      'Deadline: Agency audit',
      'Deadline: Led audit',
      'Panel or audit day: Agency audit',
      'Panel or audit day: Led audit',
      'Released: Led audit',
      'Report due: Led audit',
    ]);
    const deadline = events.find((e) => e.includes('SUMMARY:Deadline: Led audit'))!;
    expect(deadline).toContain('DTSTART;VALUE=DATE:20261204');
    expect(deadline).toContain(`UID:${w.led.id}-deadlineOn@assure`);
    expect(deadline.replace(/\r\n /g, '')).toContain(`http://assure.test/programme/activities/${w.led.id}`);
  });

  it('leaves out partnerships the person has left, deactivated programmes and deactivated partnerships', async () => {
    const w = await world();
    const { url } = (await w.c.post(FEED)).json();
    const count = async () => ((await fetchFeed(url)).body.match(/BEGIN:VEVENT/g) ?? []).length;
    expect(await count()).toBe(6);
    await t.db.update(qaProgrammes).set({ active: false }).where(eq(qaProgrammes.id, w.programme.id));
    expect(await count()).toBe(0);
    await t.db.update(qaProgrammes).set({ active: true }).where(eq(qaProgrammes.id, w.programme.id));
    expect(await count()).toBe(6);
    await t.db.update(partnerships).set({ active: false }).where(eq(partnerships.id, w.p.id));
    expect(await count()).toBe(0);
    await t.db.update(partnerships).set({ active: true }).where(eq(partnerships.id, w.p.id));
    await t.db
      .update(memberships)
      .set({ active: false })
      .where(and(eq(memberships.personId, w.lead.id), eq(memberships.partnershipId, w.p.id)));
    expect(await count()).toBe(0);
  });

  it('stops the old URL when a new one is made, and every URL when revoked', async () => {
    const w = await world();
    const first = (await w.c.post(FEED)).json().url;
    const second = (await w.c.post(FEED)).json().url;
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).statusCode).toBe(404);
    expect((await fetchFeed(second)).statusCode).toBe(200);
    const revoked = await w.c.delete(FEED);
    expect(revoked.json()).toEqual({ exists: false, createdAt: null });
    expect((await fetchFeed(second)).statusCode).toBe(404);
    expect((await w.c.get(FEED)).json().exists).toBe(false);
    const actions = (
      await t.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'calendar_feed'), eq(auditLog.personId, w.lead.id)))
    ).map((r) => r.action);
    expect(actions.sort()).toEqual([
      'calendar_feed_created',
      'calendar_feed_replaced',
      'calendar_feed_revoked',
    ]);
  });

  it('answers 404 once the person is deactivated, and for unknown or malformed tokens', async () => {
    const w = await world();
    const { url } = (await w.c.post(FEED)).json();
    await t.db.update(people).set({ active: false }).where(eq(people.id, w.lead.id));
    expect((await fetchFeed(url)).statusCode).toBe(404);
    for (const path of [
      '/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
      '/calendar/nope.ics',
      '/calendar/x',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode, path).toBe(404);
    }
  });

  it('needs a session and the CSRF token to make or revoke a feed', async () => {
    expect((await t.anonymous().post(FEED)).statusCode).toBe(401);
    expect((await t.anonymous().get(FEED)).statusCode).toBe(401);
    expect((await t.anonymous().delete(FEED)).statusCode).toBe(401);
    const w = await world();
    const noCsrf = await t.app.inject({ method: 'POST', url: FEED, headers: { cookie: w.c.cookie } });
    expect(noCsrf.statusCode).toBe(403);
  });
});
