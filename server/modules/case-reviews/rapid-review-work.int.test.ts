import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { createMailer } from '../mail/mail.service.js';
import { outbox } from '../mail/mail.tables.js';
import { notifications } from '../notifications/notifications.tables.js';
import { runReminders } from '../notifications/reminders.service.js';
import { rapidReviewSteps } from './case-reviews.tables.js';
import { buildCaseReviewWorld, buildRapidReview, unnameFromCaseFile } from './reviews.testing.js';

// The 'rapid_review_step' work item: a step's owner sees it on My work and is reminded; nobody outside the
// case file sees it, is reminded or is told of its escalation. 07:00 in London on Monday 15 June 2026.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-15T06:00:00Z' });
});
afterAll(() => t.close());

type WorkItem = {
  kind: string;
  title: string;
  href: string;
  dueDate: string;
  itemType: string;
  itemId: string;
};
const stepsOf = (items: WorkItem[]) => items.filter((i) => i.itemType === 'rapid_review_step');

describe('rapid review steps as work items', () => {
  it('appear on My work for their owner, and for nobody outside the case file', async () => {
    const w = await buildCaseReviewWorld(t);
    const { steps } = await buildRapidReview(t.db, w.child, {
      becameAwareOn: '2026-06-05',
      notifiedPanelOn: '2026-06-08',
      ownerPersonId: w.people.reviewer.id,
    });
    const myWork = async (who: keyof typeof w.as) =>
      stepsOf((await w.as[who].get(`${w.base}/my-work`)).json().items as WorkItem[]);

    const owner = await myWork('reviewer');
    expect(owner.map((i) => [i.title, i.dueDate])).toEqual([
      ['C-1 rapid review: Request information from agencies', '2026-06-11'],
      ["C-1 rapid review: Agencies' summaries of involvement due", '2026-06-16'],
      ['C-1 rapid review: Collate the information and circulate it', '2026-06-17'],
      ['C-1 rapid review: Decision meeting', '2026-06-25'],
      ['C-1 rapid review: Decision sent to the national panel', '2026-06-29'],
    ]);
    expect(owner[0]).toMatchObject({ kind: 'Rapid review step', href: `/case-reviews/${w.child.id}` });
    expect(JSON.stringify(owner)).not.toContain('Child K');
    for (const who of ['reviewer2', 'admin', 'qa', 'lead', 'reader', 'viewer'] as const)
      expect(await myWork(who), who).toEqual([]);

    // A named person who owns a step sees it while they may read the file, and not once taken off it.
    const meeting = steps.find((s) => s.step === 'decision_meeting')!;
    await t.db
      .update(rapidReviewSteps)
      .set({ ownerPersonId: w.people.reader.id })
      .where(eq(rapidReviewSteps.id, meeting.id));
    expect((await myWork('reader')).map((i) => i.itemId)).toEqual([meeting.id]);
    expect(await myWork('reviewer')).toHaveLength(4);
    await unnameFromCaseFile(t.db, w.child.id, w.people.reader.id);
    expect(await myWork('reader')).toEqual([]);

    // A step done is no longer waiting.
    const first = steps.find((s) => s.step === 'request_information')!;
    await t.db
      .update(rapidReviewSteps)
      .set({ doneOn: '2026-06-11' })
      .where(eq(rapidReviewSteps.id, first.id));
    expect((await myWork('reviewer')).map((i) => i.itemId)).not.toContain(first.id);

    // The reminders sent about a step are listed only to people who may read the case file.
    const reminders = (who: keyof typeof w.as) =>
      w.as[who].get(`${w.base}/reminders?itemType=rapid_review_step&itemId=${meeting.id}`);
    for (const who of ['reviewer', 'reviewer2'] as const)
      expect((await reminders(who)).statusCode, who).toBe(200);
    for (const who of ['admin', 'qa', 'lead', 'reader', 'viewer', 'otherAdmin'] as const)
      expect((await reminders(who)).statusCode, who).toBe(404);
  });

  it('reminds the owner and escalates to the case review group, never to the partnership admins', async () => {
    const w = await buildCaseReviewWorld(t);
    // Notified 10 April: every step is more than 28 days overdue on 15 June.
    await buildRapidReview(t.db, w.child, {
      becameAwareOn: '2026-04-08',
      notifiedPanelOn: '2026-04-10',
      ownerPersonId: w.people.reviewer.id,
    });
    const mailer = createMailer({
      db: t.db,
      jobs: null,
      from: 'Assure <no-reply@assure.test>',
      clock: t.clock,
    });
    await runReminders({ db: t.db, clock: t.clock, mailer, publicUrl: 'http://assure.test' });

    const sent = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.partnershipId, w.p.id), eq(notifications.itemType, 'rapid_review_step')));
    const to = (personId: string) => sent.filter((n) => n.personId === personId);
    expect(to(w.people.reviewer.id)).toHaveLength(5);
    expect(to(w.people.reviewer2.id)).toHaveLength(5);
    expect(to(w.people.reviewer2.id)[0].title).toMatch(/^Escalated: C-1 rapid review: /);
    for (const who of ['admin', 'qa', 'lead', 'reader', 'editor', 'viewer'] as const)
      expect(to(w.people[who].id), who).toEqual([]);
    const emails = await t.db.select().from(outbox).where(eq(outbox.partnershipId, w.p.id));
    const addresses = new Set(emails.map((m) => m.toAddress));
    expect(addresses).toEqual(new Set([w.people.reviewer.email, w.people.reviewer2.email]));
    expect(emails.map((m) => m.textBody).join('\n')).not.toContain('Child K');

    // A step owned by someone who may not read the case file is nobody's: it reminds no one.
    await t.db
      .update(rapidReviewSteps)
      .set({ ownerPersonId: w.people.admin.id })
      .where(inArray(rapidReviewSteps.id, [...new Set(sent.map((n) => n.itemId!))]));
    t.clock.advance(7 * 86_400_000);
    await runReminders({ db: t.db, clock: t.clock, mailer, publicUrl: 'http://assure.test' });
    t.clock.advance(-7 * 86_400_000);
    const later = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.partnershipId, w.p.id), eq(notifications.personId, w.people.admin.id)));
    expect(later).toEqual([]);
  });
});
