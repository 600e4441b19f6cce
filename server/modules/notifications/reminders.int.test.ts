import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildOpenActivity, buildOpenResponse } from '../../testing/factories.js';
import {
  buildAgency,
  buildMember,
  buildPartnership,
  createTestApp,
  type TestApp,
} from '../../testing/test-app.js';
import { createMailer } from '../mail/mail.service.js';
import { outbox } from '../mail/mail.tables.js';
import { people } from '../people/people.tables.js';
import { formResponses } from '../responses/responses.tables.js';
import { notifications, reminderPolicies, remindersSent } from './notifications.tables.js';
import { runDigest, runReminders } from './reminders.service.js';

// 07:00 in London on 15 June 2026 (British Summer Time), when the daily run fires.
const RUN_AT = '2026-06-15T06:00:00Z';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ now: RUN_AT });
});
afterEach(() => t.close());

const deps = () => ({
  db: t.db,
  clock: t.clock,
  mailer: createMailer({ db: t.db, jobs: null, from: 'Assure <no-reply@assure.test>', clock: t.clock }),
  publicUrl: 'http://assure.test',
});
const emailsOf = async (partnershipId: string) =>
  (await t.db.select().from(outbox).where(eq(outbox.partnershipId, partnershipId))).map((m) => ({
    to: m.toAddress,
    subject: m.subject,
    text: m.textBody,
  }));
const recipients = async (partnershipId: string) => (await emailsOf(partnershipId)).map((m) => m.to).sort();

async function world() {
  const p = await buildPartnership(t.db);
  const agencyA = await buildAgency(t.db, { partnershipId: p.id, name: 'Agency A' });
  const agencyB = await buildAgency(t.db, { partnershipId: p.id, name: 'Agency B' });
  const leadA1 = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyA.id });
  const leadA2 = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyA.id });
  const leadB = await buildMember(t.db, { partnershipId: p.id, role: 'agency_lead', agencyId: agencyB.id });
  const admin = await buildMember(t.db, { partnershipId: p.id, role: 'partnership_admin' });
  const practitioner = await buildMember(t.db, {
    partnershipId: p.id,
    role: 'auditor_practitioner',
    agencyId: agencyA.id,
  });
  const digester = await buildMember(t.db, { partnershipId: p.id, role: 'qa_group_member' });
  await t.db.update(people).set({ dailyDigest: true }).where(eq(people.id, digester.id));
  return { p, agencyA, agencyB, leadA1, leadA2, leadB, admin, practitioner, digester };
}

describe('the daily reminder run', () => {
  it('on 15 June sends exactly the reminders due that day, and a second run sends nothing more', async () => {
    const w = await world();
    // Due in 7 days, assigned to the practitioner: before:7.
    const r1 = await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyA.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-22',
      title: 'Neglect audit',
    });
    // Due today, to agency A with nobody named: both its leads, on the day.
    await buildOpenResponse(t.db, { partnershipId: w.p.id, agencyId: w.agencyA.id, dueOn: '2026-06-15' });
    // 3 days overdue, to agency B's lead.
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyB.id,
      assigneePersonId: w.leadB.id,
      dueOn: '2026-06-12',
    });
    // Already submitted: finished before its reminder, so none.
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-22',
      status: 'submitted',
    });
    // Due in 8 days: no rule falls due yet.
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.admin.id,
      dueOn: '2026-06-23',
    });
    // No due date: never reminded.
    await buildOpenResponse(t.db, { partnershipId: w.p.id, assigneePersonId: w.admin.id });
    // An activity the digest person leads, due in 7 days: held for their digest.
    await buildOpenActivity(t.db, {
      partnershipId: w.p.id,
      leadPersonId: w.digester.id,
      deadlineOn: '2026-06-22',
    });
    // A completed activity: none.
    await buildOpenActivity(t.db, {
      partnershipId: w.p.id,
      leadPersonId: w.admin.id,
      deadlineOn: '2026-06-15',
      status: 'complete',
    });

    const first = await runReminders(deps());
    expect(first).toEqual({ reminders: 5, emails: 4, held: 1 });
    expect(await recipients(w.p.id)).toEqual(
      [w.practitioner.email, w.leadA1.email, w.leadA2.email, w.leadB.email].sort(),
    );
    const toPractitioner = (await emailsOf(w.p.id)).find((m) => m.to === w.practitioner.email)!;
    expect(toPractitioner.subject).toBe('Reminder: Neglect audit is due in 7 days');
    expect(toPractitioner.text).toContain(`http://assure.test/responses/${r1.id}`);
    expect(toPractitioner.text).toContain('22 June 2026');

    const sent = await t.db.select().from(remindersSent).where(eq(remindersSent.partnershipId, w.p.id));
    expect(sent.map((s) => s.rule).sort()).toEqual(['after:3', 'before:7', 'before:7', 'on_day', 'on_day']);
    expect(sent.filter((s) => s.channel === 'email').every((s) => s.outboxId)).toBe(true);
    expect(sent.filter((s) => s.channel === 'digest').map((s) => s.personId)).toEqual([w.digester.id]);
    const inApp = await t.db.select().from(notifications).where(eq(notifications.partnershipId, w.p.id));
    expect(inApp).toHaveLength(5);

    expect(await runReminders(deps())).toEqual({ reminders: 0, emails: 0, held: 0 });
    expect(await emailsOf(w.p.id)).toHaveLength(4);
    expect(
      await t.db.select().from(notifications).where(eq(notifications.partnershipId, w.p.id)),
    ).toHaveLength(5);
  });

  it('escalates to the agency lead of that agency only, then to the admins, once each', async () => {
    const w = await world();
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      agencyId: w.agencyA.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-01',
      title: 'Late return',
    });
    // 14 days overdue today: the weekly repeat to the practitioner, and agency A's leads are told.
    await runReminders(deps());
    const day14 = await emailsOf(w.p.id);
    expect(day14.map((m) => m.to).sort()).toEqual(
      [w.practitioner.email, w.leadA1.email, w.leadA2.email].sort(),
    );
    expect(day14.map((m) => m.to)).not.toContain(w.leadB.email);
    expect(day14.find((m) => m.to === w.leadA1.email)!.subject).toBe(
      'Overdue: Late return is 14 days overdue',
    );
    expect(day14.find((m) => m.to === w.leadA1.email)!.text).toContain(w.practitioner.name);

    // 28 days overdue: the admins, and nobody at agency B.
    t.clock.set('2026-06-29T06:00:00Z');
    await runReminders(deps());
    const day28 = (await emailsOf(w.p.id)).slice(day14.length);
    expect(day28.map((m) => m.to).sort()).toEqual([w.admin.email, w.practitioner.email].sort());
    const rules = await t.db
      .select({ rule: remindersSent.rule, personId: remindersSent.personId })
      .from(remindersSent)
      .where(eq(remindersSent.partnershipId, w.p.id));
    expect(
      rules
        .filter((r) => r.rule === 'escalate:agency_lead')
        .map((r) => r.personId)
        .sort(),
    ).toEqual([w.leadA1.id, w.leadA2.id].sort());
    expect(rules.filter((r) => r.rule === 'escalate:admin').map((r) => r.personId)).toEqual([w.admin.id]);
  });

  it('follows the partnership policy, and another partnership keeps the defaults', async () => {
    const w = await world();
    const other = await buildPartnership(t.db);
    const otherPerson = await buildMember(t.db, { partnershipId: other.id, role: 'qa_group_member' });
    await t.db.insert(reminderPolicies).values({
      partnershipId: w.p.id,
      policy: {
        daysBefore: [],
        onTheDay: false,
        daysAfter: [],
        thenEveryDays: null,
        escalateToAgencyLeadAfterDays: null,
        escalateToAdminAfterDays: null,
      },
    });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.admin.id,
      dueOn: '2026-06-15',
    });
    await buildOpenResponse(t.db, {
      partnershipId: other.id,
      assigneePersonId: otherPerson.id,
      dueOn: '2026-06-15',
    });
    await runReminders(deps());
    expect(await emailsOf(w.p.id)).toEqual([]);
    expect(await recipients(other.id)).toEqual([otherPerson.email]);
  });

  it('sends the latest missed reminder once after days without a run, and starts afresh when the due date moves', async () => {
    const w = await world();
    const r = await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.practitioner.id,
      dueOn: '2026-06-13',
    });
    // The job did not run from the 6th to the 14th: before:7 and on_day were missed; only on_day is sent.
    await runReminders(deps());
    expect(
      (await t.db.select().from(remindersSent).where(eq(remindersSent.itemId, r.id))).map((s) => s.rule),
    ).toEqual(['on_day']);

    // Moved to 22 June: the reminders for the old date do not count; before:7 goes out today.
    await t.db.update(formResponses).set({ dueOn: '2026-06-22' }).where(eq(formResponses.id, r.id));
    await runReminders(deps());
    const rows = await t.db.select().from(remindersSent).where(eq(remindersSent.itemId, r.id));
    expect(rows.map((s) => `${s.dueOn} ${s.rule}`).sort()).toEqual([
      '2026-06-13 on_day',
      '2026-06-22 before:7',
    ]);
    expect(await emailsOf(w.p.id)).toHaveLength(2);
  });

  it('reminds nobody who has been deactivated', async () => {
    const w = await world();
    await t.db.update(people).set({ active: false }).where(eq(people.id, w.leadA1.id));
    await buildOpenResponse(t.db, { partnershipId: w.p.id, agencyId: w.agencyA.id, dueOn: '2026-06-15' });
    await runReminders(deps());
    expect(await recipients(w.p.id)).toEqual([w.leadA2.email]);
  });
});

describe('the daily digest', () => {
  it('sends a digest person one email listing their held reminders, once', async () => {
    const w = await world();
    await buildOpenActivity(t.db, {
      partnershipId: w.p.id,
      leadPersonId: w.digester.id,
      deadlineOn: '2026-06-22',
      title: 'Exploitation audit',
    });
    await buildOpenResponse(t.db, {
      partnershipId: w.p.id,
      assigneePersonId: w.digester.id,
      dueOn: '2026-06-15',
      title: 'Self-assessment',
    });
    await runReminders(deps());
    expect(await emailsOf(w.p.id)).toEqual([]);

    t.clock.set('2026-06-15T06:30:00Z');
    expect(await runDigest(deps())).toEqual({ emails: 1 });
    const [digest] = await emailsOf(w.p.id);
    expect(digest.to).toBe(w.digester.email);
    expect(digest.subject).toBe('Your reminders from Assure: 2 items');
    expect(digest.text).toContain('Exploitation audit is due in 7 days');
    expect(digest.text).toContain('Self-assessment is due today');

    const held = await t.db
      .select()
      .from(remindersSent)
      .where(and(eq(remindersSent.personId, w.digester.id), eq(remindersSent.channel, 'digest')));
    expect(held.every((r) => r.digestedAt && r.outboxId)).toBe(true);
    expect(await runDigest(deps())).toEqual({ emails: 0 });
    expect(await emailsOf(w.p.id)).toHaveLength(1);
  });
});
