import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../../../contracts/notifications.js';
import { startJobs } from '../../platform/jobs-pgboss.js';
import { buildOpenActivity, buildOpenResponse } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { partnershipAgencies } from '../agencies/agencies.tables.js';
import { auditLog } from '../audit-log/audit-log.tables.js';
import { createMailer } from '../mail/mail.service.js';
import { outbox } from '../mail/mail.tables.js';
import { people } from '../people/people.tables.js';
import { notifications, remindersSent } from './notifications.tables.js';
import { REMINDERS_JOB, runReminders, scheduleReminderJobs } from './reminders.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T06:00:00Z' });
});
afterAll(() => t.close());

const runAt = async (iso: string) => {
  t.clock.set(iso);
  await runReminders({
    db: t.db,
    clock: t.clock,
    mailer: createMailer({ db: t.db, jobs: null, from: 'x@assure.test', clock: t.clock }),
    publicUrl: 'http://assure.test',
  });
};

async function world() {
  const p = await buildPartnership(t.db);
  const agencyA = await buildAgency(t.db, { partnershipId: p.id });
  const agencyB = await buildAgency(t.db, { partnershipId: p.id });
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const qa = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
  const leadA = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyA.id });
  const leadB = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyB.id });
  const practitioner = await buildMember(t.db, {
    partnershipId: p.id,
    role: 'auditor_practitioner',
    agencyId: agencyA.id,
  });
  const viewer = await buildMember(t.db, { partnershipId: p.id, role: 'board_viewer' });
  const other = await buildPartnership(t.db);
  const otherAdmin = await buildMember(t.db, { partnershipId: other.id, role: 'partnership_admin' });
  return { p, agencyA, agencyB, admin, qa, leadA, leadB, practitioner, viewer, other, otherAdmin };
}
const P = (id: string) => `/api/v1/partnerships/${id}`;

describe('reminder policy', () => {
  it('shows the defaults until an admin changes it; the QA group reads it; others may not', async () => {
    const w = await world();
    const admin = await t.signIn(w.admin.email);
    const res = await admin.get(`${P(w.p.id)}/reminder-policy`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ...DEFAULT_REMINDER_POLICY,
      version: 0,
      updatedAt: null,
      allowedVerbs: ['read', 'manage'],
    });
    const qa = await t.signIn(w.qa.email);
    expect((await qa.get(`${P(w.p.id)}/reminder-policy`)).json().allowedVerbs).toEqual(['read']);
    for (const email of [w.leadA.email, w.viewer.email]) {
      expect((await (await t.signIn(email)).get(`${P(w.p.id)}/reminder-policy`)).statusCode).toBe(403);
    }
    const otherAdmin = await t.signIn(w.otherAdmin.email);
    expect((await otherAdmin.get(`${P(w.p.id)}/reminder-policy`)).statusCode).toBe(404);
  });

  it('an admin saves a policy against its version, audited; a stale save is a conflict with the current one', async () => {
    const w = await world();
    const admin = await t.signIn(w.admin.email);
    const url = `${P(w.p.id)}/reminder-policy`;
    const body = {
      daysBefore: [14, 7],
      onTheDay: true,
      daysAfter: [1],
      thenEveryDays: null,
      escalateToAgencyLeadAfterDays: 10,
      escalateToAdminAfterDays: null,
    };
    const saved = await admin.put(url, { ...body, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...body, version: 1 });
    expect((await admin.get(url)).json()).toMatchObject({ ...body, version: 1 });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, w.p.id), eq(auditLog.entity, 'reminder_policy')));
    expect(audit).toMatchObject({ action: 'updated', personId: w.admin.id, after: body });

    const stale = await admin.put(url, { ...body, daysBefore: [3], version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ daysBefore: [14, 7], version: 1 });
    expect((await admin.put(url, { ...body, daysBefore: [3], version: 1 })).json().version).toBe(2);

    const qa = await t.signIn(w.qa.email);
    expect((await qa.put(url, { ...body, version: 2 })).statusCode).toBe(403);
  });

  it('names each wrong field and what to do, and saves nothing', async () => {
    const w = await world();
    const admin = await t.signIn(w.admin.email);
    const url = `${P(w.p.id)}/reminder-policy`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ daysBefore: [0] }, 'daysBefore.0', /1 day or more/],
      [{ daysBefore: [7, 7] }, 'daysBefore', /only once/],
      [{ daysAfter: [1.5] }, 'daysAfter.0', /whole number/],
      [{ thenEveryDays: 400 }, 'thenEveryDays', /365 days or fewer/],
      [
        { escalateToAgencyLeadAfterDays: 20, escalateToAdminAfterDays: 10 },
        'escalateToAdminAfterDays',
        /agency lead/,
      ],
      [{ onTheDay: 'yes' }, 'onTheDay', /Select whether/],
    ];
    for (const [change, field, message] of cases) {
      const res = await admin.put(url, { ...DEFAULT_REMINDER_POLICY, ...change, version: 0 });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().details.fields[field], `${JSON.stringify(change)}: ${res.body}`).toMatch(message);
    }
    expect((await admin.get(url)).json().version).toBe(0);
  });
});

describe('notifications', () => {
  it('lists only my own notifications in this partnership, newest first, and marks them read', async () => {
    const w = await world();
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-22',
    });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-15',
    });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.leadB.id,
      dueOn: '2026-06-15',
    });
    await runAt('2026-06-15T06:00:00Z');

    const me = await t.signIn(w.practitioner.email);
    const list = await me.get(`${P(w.p.id)}/notifications`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 2, unread: 2, page: 1 });
    expect(
      list
        .json()
        .items.map((n: { title: string }) => n.title.replace(/^.* is /, ''))
        .sort(),
    ).toEqual(['due in 7 days', 'due today']);
    const [first] = list.json().items;

    // Someone else cannot mark it read, and it does not exist for them.
    const leadB = await t.signIn(w.leadB.email);
    expect((await leadB.post(`${P(w.p.id)}/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await leadB.get(`${P(w.p.id)}/notifications`)).json().total).toBe(1);
    // Another partnership's admin sees nothing of this partnership.
    const otherAdmin = await t.signIn(w.otherAdmin.email);
    expect((await otherAdmin.get(`${P(w.p.id)}/notifications`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`${P(w.other.id)}/notifications`)).json().total).toBe(0);

    const read = await me.post(`${P(w.p.id)}/notifications/${first.id}/read`);
    expect(read.json()).toEqual({ unread: 1 });
    expect((await me.post(`${P(w.p.id)}/notifications/${first.id}/read`)).json()).toEqual({ unread: 1 });
    expect((await me.get(`${P(w.p.id)}/notifications?unreadOnly=true`)).json().total).toBe(1);
    expect((await me.post(`${P(w.p.id)}/notifications/read-all`)).json()).toEqual({ unread: 0, marked: 1 });
    expect((await me.get(`${P(w.p.id)}/notifications`)).json().unread).toBe(0);
    // leadB's own stays unread.
    expect((await leadB.get(`${P(w.p.id)}/notifications`)).json().unread).toBe(1);
  });

  it('answers bad paging with the field named', async () => {
    const w = await world();
    const me = await t.signIn(w.viewer.email);
    const res = await me.get(`${P(w.p.id)}/notifications?pageSize=500`);
    expect(res.statusCode).toBe(400);
    expect(res.json().details.fields.pageSize).toMatch(/100 or fewer/);
    expect((await me.post(`${P(w.p.id)}/notifications/not-a-uuid/read`)).statusCode).toBe(400);
  });
});

describe('reminders sent for an item', () => {
  it('shows them to people who may see the item, and to nobody else', async () => {
    const w = await world();
    const response = await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyA.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-15',
    });
    const activity = await buildOpenActivity(t.db, {
      partnershipId: w.p.id,
      leadPersonId: w.qa.id,
      deadlineOn: '2026-06-15',
    });
    await runAt('2026-06-15T06:00:00Z');
    const responseUrl = `${P(w.p.id)}/reminders?itemType=form_response&itemId=${response.id}`;
    const activityUrl = `${P(w.p.id)}/reminders?itemType=qa_activity&itemId=${activity.id}`;

    for (const email of [w.practitioner.email, w.leadA.email, w.admin.email, w.qa.email]) {
      const res = await (await t.signIn(email)).get(responseUrl);
      expect(res.statusCode, email).toBe(200);
      expect(res.json().items).toEqual([
        expect.objectContaining({
          rule: 'on_day',
          ruleLabel: 'On the due date',
          channel: 'email',
          sentOn: '2026-06-15',
          dueOn: '2026-06-15',
          personId: w.practitioner.id,
          personName: w.practitioner.name,
        }),
      ]);
    }
    // Another agency's lead and a board viewer may not see agency A's response: 404, as if it did not exist.
    for (const email of [w.leadB.email, w.viewer.email]) {
      expect((await (await t.signIn(email)).get(responseUrl)).statusCode, email).toBe(404);
    }
    // Any member sees the programme activity's reminders.
    const viewer = await t.signIn(w.viewer.email);
    expect((await viewer.get(activityUrl)).json().items).toHaveLength(1);
    // Another partnership's admin: 404 for both, even through their own partnership's URL.
    const otherAdmin = await t.signIn(w.otherAdmin.email);
    expect((await otherAdmin.get(responseUrl)).statusCode).toBe(404);
    expect(
      (await otherAdmin.get(`${P(w.other.id)}/reminders?itemType=form_response&itemId=${response.id}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await otherAdmin.get(`${P(w.other.id)}/reminders?itemType=qa_activity&itemId=${activity.id}`))
        .statusCode,
    ).toBe(404);
    // An unknown kind of item, or no such item.
    const admin = await t.signIn(w.admin.email);
    expect(
      (await admin.get(`${P(w.p.id)}/reminders?itemType=spaceship&itemId=${response.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await admin.get(`${P(w.p.id)}/reminders?itemType=form_response&itemId=${crypto.randomUUID()}`))
        .statusCode,
    ).toBe(404);
    const bad = await admin.get(`${P(w.p.id)}/reminders?itemType=form_response&itemId=nope`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.itemId).toMatch(/valid identifier/);
  });
});

describe('my work', () => {
  it("lists the person's open items from every source, overdue first, then by due date, with the unread count", async () => {
    const w = await world();
    t.clock.set('2026-06-15T09:00:00Z');
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.leadA.id,
      dueOn: '2026-07-01',
      title: 'Later',
    });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyA.id,
      dueOn: '2026-06-10',
      title: 'Overdue to my agency',
    });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyB.id,
      dueOn: '2026-06-01',
      title: 'Other agency',
    });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyA.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-01',
      title: 'Named to someone else',
    });
    await buildOpenResponse(t.db, { partnershipId: w.p.id, assigneePersonId: w.leadA.id, title: 'No date' });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.leadA.id,
      dueOn: '2026-06-01',
      status: 'submitted',
      title: 'Done',
    });
    await buildOpenActivity(t.db, {
      partnershipId: w.p.id,
      leadPersonId: w.leadA.id,
      deadlineOn: '2026-06-20',
      title: 'Activity',
    });
    await buildOpenActivity(t.db, {
      partnershipId: w.p.id,
      leadPersonId: w.leadA.id,
      deadlineOn: '2026-06-01',
      status: 'cancelled',
      title: 'Cancelled',
    });
    await t.db
      .insert(notifications)
      .values({ partnershipId: w.p.id, personId: w.leadA.id, kind: 'reminder', title: 'Hi' });

    const me = await t.signIn(w.leadA.email);
    const res = await me.get(`${P(w.p.id)}/my-work`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unreadNotifications).toBe(1);
    expect(
      body.items.map(
        (i: { title: string; overdue: boolean }) => `${i.title}${i.overdue ? ' (overdue)' : ''}`,
      ),
    ).toEqual(['Overdue to my agency (overdue)', 'Activity', 'Later', 'No date']);
    expect(body.items[0]).toMatchObject({
      dueDate: '2026-06-10',
      daysUntilDue: -5,
      itemType: 'form_response',
    });
    expect(body.items[1]).toMatchObject({
      kind: 'Activity you lead',
      href: expect.stringMatching(/^\/programme\/activities\//),
    });

    // Nothing of this partnership for another partnership's admin.
    const otherAdmin = await t.signIn(w.otherAdmin.email);
    expect((await otherAdmin.get(`${P(w.p.id)}/my-work`)).statusCode).toBe(404);
    expect((await otherAdmin.get(`${P(w.other.id)}/my-work`)).json().items).toEqual([]);
  });
});

describe('my work once an agency is deactivated', () => {
  it("no longer lists, reminds or escalates its requests to the agency's former lead", async () => {
    const w = await world();
    t.clock.set('2026-06-15T09:00:00Z');
    // The lead keeps another role, so they still see My work in this partnership.
    await buildMember(t.db, { partnershipId: w.p.id, role: 'board_viewer', personId: w.leadA.id });
    const item = await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyA.id,
      dueOn: '2026-05-01',
      title: 'Request to a deactivated agency',
    });
    await t.db
      .update(partnershipAgencies)
      .set({ active: false })
      .where(
        and(eq(partnershipAgencies.partnershipId, w.p.id), eq(partnershipAgencies.agencyId, w.agencyA.id)),
      );
    const me = await t.signIn(w.leadA.email);
    expect((await me.get(`${P(w.p.id)}/responses/${item.id}`)).statusCode).toBe(404);
    const res = await me.get(`${P(w.p.id)}/my-work`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    await runAt('2026-06-15T09:00:00Z');
    const sent = await t.db
      .select()
      .from(remindersSent)
      .where(and(eq(remindersSent.itemId, item.id), eq(remindersSent.personId, w.leadA.id)));
    expect(sent).toEqual([]);
  });
});

describe('my preferences', () => {
  it('a person turns the daily digest on and off for themselves, audited', async () => {
    const w = await world();
    const me = await t.signIn(w.viewer.email);
    expect((await me.get('/api/v1/me/preferences')).json()).toEqual({ dailyDigest: false });
    const res = await me.put('/api/v1/me/preferences', { dailyDigest: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dailyDigest: true });
    const [row] = await t.db.select().from(people).where(eq(people.id, w.viewer.id));
    expect(row).toMatchObject({ dailyDigest: true, version: 1 });
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.personId, w.viewer.id), eq(auditLog.action, 'preferences_updated')));
    expect(audits).toHaveLength(1);

    const bad = await me.put('/api/v1/me/preferences', { dailyDigest: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.fields.dailyDigest).toMatch(/one email a day/);
    expect((await t.anonymous().get('/api/v1/me/preferences')).statusCode).toBe(401);
  });
});

describe('the job queue', () => {
  it('runs the reminder run when its job is sent, and schedules nothing in a test app', async () => {
    const j = await createTestApp({ now: '2026-06-15T06:00:00Z', withJobs: true });
    try {
      const p = await buildPartnership(j.db);
      const person = await buildMember(j.db, { partnershipId: p.id, role: 'qa_group_member' });
      await buildOpenResponse(j.db, {
        partnershipId: p.id,
        assigneePersonId: person.id,
        dueOn: '2026-06-15',
      });
      const schedules = await j.database.raw.query('select name from pgboss.schedule');
      expect(schedules.rows).toEqual([]);
      await j.jobs!.send(REMINDERS_JOB, {});
      const deadline = Date.now() + 20_000;
      let rows: unknown[] = [];
      while (Date.now() < deadline) {
        rows = await j.db.select().from(outbox).where(eq(outbox.partnershipId, p.id));
        if (rows.length > 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(rows).toHaveLength(1);
      expect(
        await j.db.select().from(remindersSent).where(eq(remindersSent.partnershipId, p.id)),
      ).toHaveLength(1);
    } finally {
      await j.close();
    }
  }, 30_000);

  it('the server schedules both runs daily, UK time, once however often it starts', async () => {
    const database = await createTestDatabase();
    // No workers here, so even a schedule falling due during the test would run nothing.
    const jobs = await startJobs(database, { schedule: true });
    try {
      await scheduleReminderJobs(jobs);
      await scheduleReminderJobs(jobs);
      const { rows } = await database.raw.query<{ name: string; cron: string; timezone: string }>(
        'select name, cron, timezone from pgboss.schedule order by name',
      );
      expect(rows).toEqual([
        { name: 'reminders-digest', cron: '30 7 * * *', timezone: 'Europe/London' },
        { name: 'reminders-run', cron: '0 7 * * *', timezone: 'Europe/London' },
      ]);
    } finally {
      await jobs.stop();
      await database.drop();
    }
  }, 30_000);
});
