import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { reminderRuleLabel, type TReminderPolicy } from '../../../contracts/notifications.js';
import type { ActorContext, RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { conflict, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { people } from '../people/people.tables.js';
import { myNotificationsPolicy, myWorkPolicy, reminderPolicyPolicy } from './notifications.policy.js';
import { notifications, reminderPolicies, remindersSent } from './notifications.tables.js';
import { daysBetween, londonToday } from './reminders.rules.js';
import { loadReminderPolicy } from './reminders.service.js';
import { firstOfAll, myWorkByKind, sourceFor } from './work-items.js';

export type NotificationService = ReturnType<typeof createNotificationService>;

/** How many things My work lists at most; beyond that it says how many more of each kind there are. */
export const MY_WORK_SHOWN = 50;

const unreadCount = async (exec: Executor, ctx: ActorContext) => {
  const [{ n }] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.personId, ctx.actor.personId),
        eq(notifications.partnershipId, ctx.actor.partnershipId),
        isNull(notifications.readAt),
      ),
    );
  return n;
};

/** Reminder policy, the person's notifications, the reminders sent for an item, My work and preferences. */
export function createNotificationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  const policyView = async (ctx: ActorContext, exec: Executor) => {
    const p = await loadReminderPolicy(exec, ctx.actor.partnershipId);
    return {
      ...p.policy,
      version: p.version,
      updatedAt: p.updatedAt?.toISOString() ?? null,
      allowedVerbs: allowedVerbs(reminderPolicyPolicy, ctx.actor, undefined),
    };
  };

  return {
    /** The partnership's reminder policy (the defaults until changed; version 0 means never saved). */
    async getReminderPolicy(ctx: ActorContext) {
      authorize(reminderPolicyPolicy, ctx.actor, 'read', undefined);
      return policyView(ctx, db);
    },

    /** Changes the reminder policy against the version the admin opened. */
    async updateReminderPolicy(ctx: ActorContext, input: TReminderPolicy & { version: number }) {
      authorize(reminderPolicyPolicy, ctx.actor, 'manage', undefined);
      const { version, ...policy } = input;
      const pid = ctx.actor.partnershipId;
      return db.transaction(async (tx) => {
        await lockRow(tx, partnerships, partnerships.id, pid);
        const before = await loadReminderPolicy(tx, pid);
        if (before.version !== version) {
          throw conflict('Someone else changed the reminder policy. Check their changes.', {
            current: await policyView(ctx, tx),
          });
        }
        if (before.version === 0) {
          // Two admins saving the very first policy at once: the second insert finds the row.
          const inserted = await tx
            .insert(reminderPolicies)
            .values({ partnershipId: pid, policy, version: 1, updatedAt: clock.now() })
            .onConflictDoNothing()
            .returning();
          if (inserted.length === 0) {
            throw conflict('Someone else changed the reminder policy. Check their changes.', {
              current: await policyView(ctx, tx),
            });
          }
        } else {
          const updated = await tx
            .update(reminderPolicies)
            .set({ policy, version: version + 1, updatedAt: clock.now() })
            .where(and(eq(reminderPolicies.partnershipId, pid), eq(reminderPolicies.version, version)))
            .returning({ version: reminderPolicies.version });
          if (updated.length === 0) {
            throw conflict('Someone else changed the reminder policy. Check their changes.', {
              current: await policyView(ctx, tx),
            });
          }
        }
        await writeAudit(tx, ctx, {
          entity: 'reminder_policy',
          entityId: pid,
          action: 'updated',
          before: before.policy,
          after: policy,
        });
        return policyView(ctx, tx);
      });
    },

    /** The signed-in person's notifications in this partnership, newest first, with the unread count. */
    async listNotifications(ctx: ActorContext, q: { page: number; pageSize: number; unreadOnly: boolean }) {
      authorize(myNotificationsPolicy, ctx.actor, 'read', undefined);
      const where = and(
        eq(notifications.personId, ctx.actor.personId),
        eq(notifications.partnershipId, ctx.actor.partnershipId),
        q.unreadOnly ? isNull(notifications.readAt) : undefined,
      );
      const rows = await db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.pageSize)
        .offset(offsetOf(q));
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(notifications)
        .where(where);
      return {
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          title: n.title,
          body: n.body,
          href: n.href,
          itemType: n.itemType,
          itemId: n.itemId,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
        unread: await unreadCount(db, ctx),
      };
    },

    /** Marks one of the person's own notifications read (again is harmless). */
    async markRead(ctx: ActorContext, notificationId: string) {
      authorize(myNotificationsPolicy, ctx.actor, 'read', undefined);
      return db.transaction(async (tx) => {
        const mine = and(
          eq(notifications.id, notificationId),
          eq(notifications.personId, ctx.actor.personId),
          eq(notifications.partnershipId, ctx.actor.partnershipId),
        );
        const [row] = await tx.select({ readAt: notifications.readAt }).from(notifications).where(mine);
        if (!row) throw notFound('This notification');
        if (!row.readAt) {
          await tx.update(notifications).set({ readAt: clock.now() }).where(mine);
          await writeAudit(tx, ctx, { entity: 'notification', entityId: notificationId, action: 'read' });
        }
        return { unread: await unreadCount(tx, ctx) };
      });
    },

    /** Marks all the person's notifications in this partnership read. */
    async markAllRead(ctx: ActorContext) {
      authorize(myNotificationsPolicy, ctx.actor, 'read', undefined);
      return db.transaction(async (tx) => {
        const marked = await tx
          .update(notifications)
          .set({ readAt: clock.now() })
          .where(
            and(
              eq(notifications.personId, ctx.actor.personId),
              eq(notifications.partnershipId, ctx.actor.partnershipId),
              isNull(notifications.readAt),
            ),
          )
          .returning({ id: notifications.id });
        if (marked.length > 0) {
          await writeAudit(tx, ctx, {
            entity: 'notification',
            entityId: null,
            action: 'all_read',
            after: { count: marked.length },
          });
        }
        return { unread: 0, marked: marked.length };
      });
    },

    /**
     * Every reminder sent about one item, newest first: only to someone who may see the item (its own
     * source decides); anyone else, and any unknown item, is answered 404.
     */
    async listItemReminders(ctx: ActorContext, itemType: string, itemId: string) {
      const source = sourceFor(itemType);
      if (!source || !(await source.canSee(db, ctx.actor, itemId))) throw notFound('This item');
      const rows = await db
        .select({
          id: remindersSent.id,
          rule: remindersSent.rule,
          dueOn: remindersSent.dueOn,
          sentOn: remindersSent.sentOn,
          channel: remindersSent.channel,
          createdAt: remindersSent.createdAt,
          digestedAt: remindersSent.digestedAt,
          personId: remindersSent.personId,
          personName: people.name,
        })
        .from(remindersSent)
        .innerJoin(people, eq(people.id, remindersSent.personId))
        .where(
          and(
            eq(remindersSent.partnershipId, ctx.actor.partnershipId),
            eq(remindersSent.itemType, itemType),
            eq(remindersSent.itemId, itemId),
          ),
        )
        .orderBy(desc(remindersSent.createdAt), asc(people.name));
      return {
        items: rows.map((r) => ({
          ...r,
          ruleLabel: reminderRuleLabel(r.rule),
          createdAt: r.createdAt.toISOString(),
          digestedAt: r.digestedAt?.toISOString() ?? null,
        })),
      };
    },

    /**
     * What is waiting for the person in this partnership, overdue first, then by due date: the first
     * MY_WORK_SHOWN of it, with how much there is of each kind (so the page can say how many more, and
     * where to find them). A fixed number of queries however much is waiting.
     */
    async getMyWork(ctx: ActorContext) {
      authorize(myWorkPolicy, ctx.actor, 'read', undefined);
      const now = clock.now();
      const today = londonToday(now);
      const kinds = await myWorkByKind(db, {
        partnershipId: ctx.actor.partnershipId,
        personId: ctx.actor.personId,
        today,
        limit: MY_WORK_SHOWN,
      });
      const items = firstOfAll(kinds, MY_WORK_SHOWN).map((i) => {
        const daysUntilDue = i.dueOn ? daysBetween(today, i.dueOn) : null;
        return {
          kind: i.kindLabel,
          title: i.title,
          href: i.href,
          dueDate: i.dueOn,
          overdue: daysUntilDue !== null && daysUntilDue < 0,
          daysUntilDue,
          itemType: i.itemType,
          itemId: i.itemId,
        };
      });
      return {
        items,
        total: kinds.reduce((n, k) => n + k.total, 0),
        overdue: kinds.reduce((n, k) => n + k.overdue, 0),
        kinds: kinds
          .filter((k) => k.total > 0)
          .map((k) => ({
            itemType: k.itemType,
            total: k.total,
            overdue: k.overdue,
            shown: items.filter((i) => i.itemType === k.itemType).length,
          })),
        generatedAt: now.toISOString(),
        unreadNotifications: await unreadCount(db, ctx),
      };
    },

    /** The signed-in person's own notification preferences (not tied to a partnership). */
    async getPreferences(personId: string) {
      const [row] = await db
        .select({ dailyDigest: people.dailyDigest })
        .from(people)
        .where(eq(people.id, personId));
      if (!row) throw notFound('Your account');
      return row;
    },

    async updatePreferences(
      ctx: RequestContext,
      person: { id: string; email: string },
      input: { dailyDigest: boolean },
    ) {
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select({ dailyDigest: people.dailyDigest })
          .from(people)
          .where(eq(people.id, person.id));
        if (!before) throw notFound('Your account');
        if (before.dailyDigest !== input.dailyDigest) {
          // Not a change to the person's record others edit, so its version is left alone.
          await tx.update(people).set({ dailyDigest: input.dailyDigest }).where(eq(people.id, person.id));
          await writeAudit(tx, ctx, {
            entity: 'person',
            entityId: person.id,
            action: 'preferences_updated',
            before,
            after: input,
            partnershipId: null,
            personId: person.id,
            personEmail: person.email,
          });
        }
        return { dailyDigest: input.dailyDigest };
      });
    },
  };
}
