import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  DEFAULT_REMINDER_POLICY,
  reminderRuleLabel,
  type TReminderPolicy,
  ZReminderPolicy,
} from '../../../contracts/notifications.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import type { Jobs } from '../../platform/jobs.js';
import type { Mailer } from '../mail/mail.service.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { memberships, people } from '../people/people.tables.js';
import { markImpactChecksDue } from '../recommendations/impact-checks.due.js';
import { notifications, reminderPolicies, remindersSent } from './notifications.tables.js';
import {
  type DueRule,
  daysBetween,
  dueReminderRules,
  dueWords,
  type IsoDate,
  londonToday,
} from './reminders.rules.js';
import { agencyLeadsOf, openWorkItems, type WorkItem } from './work-items.js';

export const REMINDERS_JOB = 'reminders-run';
export const DIGEST_JOB = 'reminders-digest';

export type ReminderDeps = { db: Db; clock: Clock; mailer: Mailer; publicUrl: string };

/** The partnership's policy, or the defaults when its admins have not changed them. */
export async function loadReminderPolicy(exec: Executor, partnershipId: string) {
  const [row] = await exec
    .select()
    .from(reminderPolicies)
    .where(eq(reminderPolicies.partnershipId, partnershipId));
  if (!row) return { policy: DEFAULT_REMINDER_POLICY, version: 0, updatedAt: null as Date | null };
  // A stored policy is always valid when written; parsing again fills any field added since.
  const parsed = ZReminderPolicy.safeParse(row.policy);
  return {
    policy: parsed.success ? parsed.data : DEFAULT_REMINDER_POLICY,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

const longDate = (d: IsoDate) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${d}T00:00:00Z`));

type Person = { id: string; name: string; email: string; dailyDigest: boolean };

/** Active people with an active role in the partnership, among these ids (one query). */
async function activeMembers(exec: Executor, partnershipId: string, ids: string[]) {
  const out = new Map<string, Person>();
  if (ids.length === 0) return out;
  const rows = await exec
    .selectDistinct({
      id: people.id,
      name: people.name,
      email: people.email,
      dailyDigest: people.dailyDigest,
    })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(
      and(
        inArray(people.id, [...new Set(ids)]),
        eq(people.active, true),
        eq(memberships.partnershipId, partnershipId),
        eq(memberships.active, true),
      ),
    );
  for (const r of rows) out.set(r.id, r);
  return out;
}

async function adminsOf(exec: Executor, partnershipId: string) {
  const rows = await exec
    .selectDistinct({ id: memberships.personId })
    .from(memberships)
    .where(
      and(
        eq(memberships.partnershipId, partnershipId),
        eq(memberships.role, 'partnership_admin'),
        eq(memberships.active, true),
      ),
    );
  return rows.map((r) => r.id);
}

type Delivery = { rule: DueRule; personId: string };

function message(
  item: WorkItem,
  rule: DueRule,
  person: Person,
  today: IsoDate,
  responsibleNames: string[],
  publicUrl: string,
) {
  const due = item.dueOn!;
  const words = dueWords(due, today);
  const link = `${publicUrl}${item.href}`;
  if (rule.kind === 'reminder') {
    return {
      kind: 'reminder',
      subject: `Reminder: ${item.title} is ${words}`,
      title: `${item.title} is ${words}`,
      body: `${item.kindLabel}, due on ${longDate(due)}.`,
      text: [
        `Hello ${person.name},`,
        '',
        `This is a reminder that "${item.title}" (${item.kindLabel.toLowerCase()}) is ${words}. It is due on ${longDate(due)}.`,
        '',
        `Open it in Assure: ${link}`,
        '',
        `You get this because it is waiting for you. To get one email a day with all your reminders instead, choose a daily digest: ${publicUrl}/account/notifications`,
      ].join('\n'),
    };
  }
  const overdue = daysBetween(due, today);
  const who =
    rule.kind === 'escalate_admin'
      ? 'you are an admin of the partnership'
      : 'you lead the agency it belongs to';
  const waitingFor = responsibleNames.length > 0 ? responsibleNames.join(', ') : 'nobody named yet';
  return {
    kind: 'escalation',
    subject: `Overdue: ${item.title} is ${overdue} days overdue`,
    title: `Escalated: ${item.title} is ${overdue} days overdue`,
    body: `${item.kindLabel}, due on ${longDate(due)}. Waiting for: ${waitingFor}.`,
    text: [
      `Hello ${person.name},`,
      '',
      `"${item.title}" (${item.kindLabel.toLowerCase()}) was due on ${longDate(due)} and is now ${overdue} days overdue.`,
      `It is waiting for: ${waitingFor}.`,
      '',
      `You are told because ${who}. Open it in Assure: ${link}`,
    ].join('\n'),
  };
}

/**
 * The daily reminder run: for every open item with a due date in every active partnership, works out
 * which rules of the partnership's policy fall due today, records each reminder in reminders_sent (whose
 * unique key makes a second run on the same day send nothing), adds an in-app notification for each
 * person, and emails it through the outbox, or holds it for the person's daily digest. Escalations go to
 * the item's agency leads, then the partnership's admins.
 */
export async function runReminders(deps: ReminderDeps) {
  const { db, clock, mailer } = deps;
  const today = londonToday(clock.now());
  const totals = { reminders: 0, emails: 0, held: 0 };
  // Recommendations whose first impact check has fallen due are now "impact being checked".
  await db.transaction((tx) =>
    markImpactChecksDue(tx, { requestId: 'job:reminders', ip: null }, { today, now: clock.now() }),
  );
  const active = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.active, true))
    .orderBy(asc(partnerships.id));

  for (const { id: partnershipId } of active) {
    const { policy } = await loadReminderPolicy(db, partnershipId);
    const items = (await openWorkItems(db, { partnershipId, today })).filter((i) => i.dueOn);
    if (items.length === 0) continue;
    const plans = await planDeliveries(db, partnershipId, policy, items, today);
    if (plans.length === 0) continue;

    const personIds = plans.flatMap((p) => [
      ...p.deliveries.map((d) => d.personId),
      ...p.item.responsiblePersonIds,
    ]);
    const members = await activeMembers(db, partnershipId, personIds);

    for (const { item, deliveries } of plans) {
      const responsibleNames = item.responsiblePersonIds.flatMap((id) => members.get(id)?.name ?? []);
      const outboxIds: string[] = [];
      await db.transaction(async (tx) => {
        for (const d of deliveries) {
          const person = members.get(d.personId);
          if (!person) continue;
          const channel = person.dailyDigest ? 'digest' : 'email';
          const [sent] = await tx
            .insert(remindersSent)
            .values({
              partnershipId,
              itemType: item.itemType,
              itemId: item.itemId,
              personId: person.id,
              rule: d.rule.rule,
              dueOn: item.dueOn!,
              sentOn: today,
              channel,
            })
            .onConflictDoNothing()
            .returning({ id: remindersSent.id });
          if (!sent) continue;
          const m = message(item, d.rule, person, today, responsibleNames, deps.publicUrl);
          // The notification shares the reminder's id, so the digest can list what it said.
          await tx.insert(notifications).values({
            id: sent.id,
            partnershipId,
            personId: person.id,
            kind: m.kind,
            title: m.title,
            body: m.body,
            href: item.href,
            itemType: item.itemType,
            itemId: item.itemId,
            createdAt: clock.now(),
          });
          totals.reminders++;
          if (channel === 'digest') {
            totals.held++;
            continue;
          }
          const outboxId = await mailer.enqueue(tx, {
            to: person.email,
            subject: m.subject,
            text: m.text,
            partnershipId,
          });
          await tx.update(remindersSent).set({ outboxId }).where(eq(remindersSent.id, sent.id));
          outboxIds.push(outboxId);
          totals.emails++;
        }
      });
      // After commit (never inside the transaction: on PGlite the job queue would wait for it).
      await mailer.dispatch(outboxIds);
    }
  }
  return totals;
}

/** Who gets which rule today, for each item that has anything due (a fixed number of queries). */
async function planDeliveries(
  exec: Executor,
  partnershipId: string,
  policy: TReminderPolicy,
  items: WorkItem[],
  today: IsoDate,
) {
  const sentRows = await exec
    .select({
      itemType: remindersSent.itemType,
      itemId: remindersSent.itemId,
      dueOn: remindersSent.dueOn,
      rule: remindersSent.rule,
    })
    .from(remindersSent)
    .where(
      and(
        eq(remindersSent.partnershipId, partnershipId),
        // item_type leads the (item_type, item_id, created_at) index, so name it for the index to apply.
        inArray(remindersSent.itemType, [...new Set(items.map((i) => i.itemType))]),
        // One array parameter, not one per item: a partnership can have more open items than the
        // 65,535 parameters a statement may carry.
        sql`${remindersSent.itemId} = any(${sql.param([...new Set(items.map((i) => i.itemId))])}::uuid[])`,
      ),
    );
  const key = (type: string, id: string, due: string) => `${type}|${id}|${due}`;
  const sent = new Map<string, Set<string>>();
  for (const r of sentRows) {
    const k = key(r.itemType, r.itemId, r.dueOn);
    sent.set(k, (sent.get(k) ?? new Set()).add(r.rule));
  }

  const due = items
    .map((item) => ({
      item,
      rules: dueReminderRules(
        policy,
        item.dueOn!,
        today,
        sent.get(key(item.itemType, item.itemId, item.dueOn!)),
      ),
    }))
    .filter((p) => p.rules.length > 0);
  if (due.length === 0) return [];

  const escalatedAgencies = due.flatMap((p) =>
    p.item.agencyId && p.rules.some((r) => r.kind === 'escalate_agency_lead') ? [p.item.agencyId] : [],
  );
  const leads = await agencyLeadsOf(exec, partnershipId, escalatedAgencies);
  const admins = due.some(
    (p) => !p.item.escalateToInsteadOfAdmins && p.rules.some((r) => r.kind === 'escalate_admin'),
  )
    ? await adminsOf(exec, partnershipId)
    : [];

  return due.map(({ item, rules }) => {
    const deliveries: Delivery[] = [];
    const responsible = new Set(item.responsiblePersonIds);
    for (const rule of rules) {
      const to =
        rule.kind === 'reminder'
          ? item.responsiblePersonIds
          : rule.kind === 'escalate_agency_lead'
            ? item.agencyId
              ? (leads.get(item.agencyId) ?? [])
              : []
            : (item.escalateToInsteadOfAdmins ?? admins);
      // Escalations tell someone new; the people whose work it is already have their reminders.
      for (const personId of new Set(to)) {
        if (rule.kind !== 'reminder' && responsible.has(personId)) continue;
        deliveries.push({ rule, personId });
      }
    }
    return { item, deliveries };
  });
}

/**
 * The daily digest: one email per person and partnership listing the reminders held for them since the
 * last digest, which are then marked digested (so a second run sends nothing).
 */
export async function runDigest(deps: ReminderDeps) {
  const { db, clock, mailer } = deps;
  const rows = await db
    .select({
      id: remindersSent.id,
      partnershipId: remindersSent.partnershipId,
      partnershipName: partnerships.name,
      personId: remindersSent.personId,
      name: people.name,
      email: people.email,
      rule: remindersSent.rule,
      title: notifications.title,
      href: notifications.href,
    })
    .from(remindersSent)
    .innerJoin(people, eq(people.id, remindersSent.personId))
    .innerJoin(partnerships, eq(partnerships.id, remindersSent.partnershipId))
    .leftJoin(notifications, eq(notifications.id, remindersSent.id))
    .where(
      and(eq(remindersSent.channel, 'digest'), isNull(remindersSent.digestedAt), eq(people.active, true)),
    )
    .orderBy(asc(remindersSent.createdAt), asc(remindersSent.id));

  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.personId}|${r.partnershipId}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  let emails = 0;
  for (const group of groups.values()) {
    const first = group[0];
    const outboxIds: string[] = [];
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(remindersSent)
        .set({ digestedAt: clock.now() })
        .where(
          and(
            inArray(
              remindersSent.id,
              group.map((r) => r.id),
            ),
            isNull(remindersSent.digestedAt),
          ),
        )
        .returning({ id: remindersSent.id });
      const ids = new Set(claimed.map((c) => c.id));
      const listed = group.filter((r) => ids.has(r.id));
      if (listed.length === 0) return;
      const lines = listed.map(
        (r) =>
          `- ${r.title ?? 'A reminder'} (${reminderRuleLabel(r.rule).toLowerCase()})\n  ${deps.publicUrl}${r.href ?? '/'}`,
      );
      const outboxId = await mailer.enqueue(tx, {
        to: first.email,
        subject: `Your reminders from Assure: ${listed.length} ${listed.length === 1 ? 'item' : 'items'}`,
        text: [
          `Hello ${first.name},`,
          '',
          `These are waiting for you in ${first.partnershipName}:`,
          '',
          ...lines,
          '',
          `Everything waiting for you is on My work: ${deps.publicUrl}/`,
          `You get one email a day because you chose a daily digest. Change it here: ${deps.publicUrl}/account/notifications`,
        ].join('\n'),
        partnershipId: first.partnershipId,
      });
      await tx
        .update(remindersSent)
        .set({ outboxId })
        .where(inArray(remindersSent.id, [...ids]));
      outboxIds.push(outboxId);
      emails++;
    });
    await mailer.dispatch(outboxIds);
  }
  return { emails };
}

/** Runs the reminder run and the digest from the job queue (workers in every app process). */
export async function registerReminderJobs(jobs: Jobs, deps: ReminderDeps) {
  await jobs.work(REMINDERS_JOB, async () => {
    await runReminders(deps);
  });
  await jobs.work(DIGEST_JOB, async () => {
    await runDigest(deps);
  });
}

/**
 * Schedules both runs daily, UK time: reminders at 07:00 and the digest at 07:30, after them. pg-boss
 * keeps schedules in the database and sends each due one once across all processes. Only the server
 * (main.ts) schedules them, so test apps that run the job queue never fire them.
 */
export async function scheduleReminderJobs(jobs: Jobs) {
  await jobs.schedule(REMINDERS_JOB, '0 7 * * *', {}, { tz: 'Europe/London' });
  await jobs.schedule(DIGEST_JOB, '30 7 * * *', {}, { tz: 'Europe/London' });
}
