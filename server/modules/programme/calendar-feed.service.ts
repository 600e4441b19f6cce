import { and, eq, isNull, sql } from 'drizzle-orm';
import ical, { ICalCalendarMethod } from 'ical-generator';
import {
  ACTIVITY_KIND_LABELS,
  type ActivityKind,
  addMonths,
  KEY_DATE_LABELS,
  type KeyDate,
} from '../../../contracts/programme.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { type Clock, todayOn } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db.js';
import { hashToken, newToken } from '../../platform/tokens.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import { memberships, people } from '../people/people.tables.js';
import { calendarFeeds, qaActivities, qaProgrammes } from './programme.tables.js';

export type CalendarFeedService = ReturnType<typeof createCalendarFeedService>;
type Person = { id: string; email: string; name: string };

/** A token as it appears in the feed's URL: 32 random bytes, base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Key dates a person's feed holds: everything for activities they lead; deadlines and meetings for their agency. */
const LEAD_DATES: KeyDate[] = ['releasedOn', 'deadlineOn', 'meetingOn', 'reportDueOn'];
const AGENCY_DATES: KeyDate[] = ['deadlineOn', 'meetingOn'];

/**
 * A person's secret iCalendar feed of their deadlines and meetings. The URL carries the only copy of the
 * token (the database keeps its hash), so it is shown once; making a new one or revoking stops the old.
 */
export function createCalendarFeedService(deps: { db: Db; clock: Clock; publicUrl: string }) {
  const { db, clock, publicUrl } = deps;

  /** One audit row for each partnership the person belongs to, like sign-in events, so each one's admins see it. */
  async function auditFeed(exec: Executor, ctx: RequestContext, person: Person, action: string) {
    const rows = await exec
      .selectDistinct({ partnershipId: memberships.partnershipId })
      .from(memberships)
      .where(and(eq(memberships.personId, person.id), eq(memberships.active, true)));
    const targets = rows.length ? rows.map((r) => r.partnershipId) : [null];
    for (const partnershipId of targets) {
      await writeAudit(exec, ctx, {
        entity: 'calendar_feed',
        entityId: person.id,
        action,
        partnershipId,
        personId: person.id,
        personEmail: person.email,
      });
    }
  }

  const liveFeed = (personId: string) =>
    and(eq(calendarFeeds.personId, personId), isNull(calendarFeeds.revokedAt));

  return {
    /** Whether the person has a live feed, and since when (never its URL: only its hash is kept). */
    async getFeed(person: Person) {
      const [row] = await db.select().from(calendarFeeds).where(liveFeed(person.id));
      return { exists: !!row, createdAt: row ? row.createdAt.toISOString() : null };
    },

    /** Makes a new feed URL, replacing (and so stopping) any earlier one. The URL is returned only here. */
    async createFeed(ctx: RequestContext, person: Person) {
      const token = newToken();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const replaced = await tx
          .update(calendarFeeds)
          .set({ revokedAt: now })
          .where(liveFeed(person.id))
          .returning({ id: calendarFeeds.id });
        await tx
          .insert(calendarFeeds)
          .values({ personId: person.id, tokenHash: hashToken(token), createdAt: now });
        await auditFeed(
          tx,
          ctx,
          person,
          replaced.length ? 'calendar_feed_replaced' : 'calendar_feed_created',
        );
      });
      return { url: `${publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`, createdAt: now.toISOString() };
    },

    /** Stops the person's feed; its URL then answers 404. */
    async revokeFeed(ctx: RequestContext, person: Person) {
      await db.transaction(async (tx) => {
        const revoked = await tx
          .update(calendarFeeds)
          .set({ revokedAt: clock.now() })
          .where(liveFeed(person.id))
          .returning({ id: calendarFeeds.id });
        if (revoked.length) await auditFeed(tx, ctx, person, 'calendar_feed_revoked');
      });
      return { exists: false, createdAt: null };
    },

    /**
     * The feed for a token as iCalendar text, or null (answered 404) for an unknown or revoked token or a
     * deactivated person. It holds all-day events from active programmes of active partnerships the person
     * is an active member of, from a year ago to two years ahead; cancelled and deferred work is left out.
     */
    async renderFeed(token: string): Promise<string | null> {
      if (!TOKEN_SHAPE.test(token)) return null;
      const [owner] = await db
        .select({ id: people.id, name: people.name })
        .from(calendarFeeds)
        .innerJoin(people, eq(people.id, calendarFeeds.personId))
        .where(
          and(
            eq(calendarFeeds.tokenHash, hashToken(token)),
            isNull(calendarFeeds.revokedAt),
            eq(people.active, true),
          ),
        );
      if (!owner) return null;

      const today = todayOn(clock);
      const from = addMonths(today, -12);
      const to = addMonths(today, 24);
      // Outer columns are named in full: drizzle writes lone columns unqualified inside these subqueries.
      const isMember = sql`exists (select 1 from ${memberships} m where m.person_id = ${owner.id}
        and m.partnership_id = "qa_activities"."partnership_id" and m.active)`;
      const leadsAnInvolvedAgency = sql<boolean>`exists (
        select 1 from qa_activity_agencies aa
        join ${memberships} m on m.agency_id = aa.agency_id and m.partnership_id = "qa_activities"."partnership_id"
          and m.person_id = ${owner.id} and m.role = 'agency_lead' and m.active
        join partnership_agencies pa on pa.partnership_id = m.partnership_id and pa.agency_id = m.agency_id and pa.active
        where aa.activity_id = "qa_activities"."id")`;
      const leads = sql<boolean>`("qa_activities"."lead_person_id" = ${owner.id})`;
      const rows = await db
        .select({
          a: qaActivities,
          partnershipName: partnerships.name,
          leads,
          forAgency: leadsAnInvolvedAgency,
        })
        .from(qaActivities)
        .innerJoin(
          qaProgrammes,
          and(eq(qaProgrammes.id, qaActivities.programmeId), eq(qaProgrammes.active, true)),
        )
        .innerJoin(
          partnerships,
          and(eq(partnerships.id, qaActivities.partnershipId), eq(partnerships.active, true)),
        )
        .where(
          and(
            sql`${qaActivities.status} not in ('cancelled', 'deferred')`,
            isMember,
            sql`(${leads} or ${leadsAnInvolvedAgency})`,
            sql`greatest(${qaActivities.releasedOn}, ${qaActivities.deadlineOn}, ${qaActivities.meetingOn}, ${qaActivities.reportDueOn}) >= ${from}`,
            sql`least(${qaActivities.releasedOn}, ${qaActivities.deadlineOn}, ${qaActivities.meetingOn}, ${qaActivities.reportDueOn}) <= ${to}`,
          ),
        )
        .orderBy(qaActivities.id);

      const calendar = ical({
        name: `Assure: ${owner.name}`,
        prodId: { company: 'Assure', product: 'QA programme', language: 'EN' },
        method: ICalCalendarMethod.PUBLISH,
        ttl: 60 * 60,
      });
      const base = publicUrl.replace(/\/$/, '');
      for (const { a, partnershipName, leads: isLead, forAgency } of rows) {
        const keys = isLead ? LEAD_DATES : forAgency ? AGENCY_DATES : [];
        for (const k of keys) {
          const date = a[k];
          if (!date || date < from || date > to) continue;
          const link = `${base}/programme/activities/${a.id}`;
          calendar.createEvent({
            id: `${a.id}-${k}@assure`,
            start: new Date(`${date}T00:00:00Z`),
            allDay: true,
            summary: `${KEY_DATE_LABELS[k]}: ${a.title}`,
            description: `${partnershipName}\n${ACTIVITY_KIND_LABELS[a.kind as ActivityKind] ?? a.kind}\n${isLead ? 'You lead this activity.' : 'An agency you lead is involved.'}\n${link}`,
            url: link,
            stamp: a.updatedAt,
          });
        }
      }
      return calendar.toString();
    },
  };
}
