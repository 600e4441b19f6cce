import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { conflict, notFound } from '../../platform/errors.js';
import { likePattern, offsetOf, type PageQuery } from '../../platform/pagination.js';
import { partnershipAgencies } from '../agencies/agencies.tables.js';
import type { SignedIn } from '../auth/auth.service.js';
import type { Mailer } from '../mail/mail.service.js';
import { partnerships } from '../partnerships/partnerships.tables.js';
import type { PeopleService } from '../people/people.service.js';
import { memberships } from '../people/people.tables.js';
import { installationPolicy } from './installation.policy.js';

export type InstallationService = ReturnType<typeof createInstallationService>;
type Covers = 'children' | 'adults' | 'both';

// The outer table is named in full: drizzle writes a lone column as "id", which inside the subquery
// would mean the subquery's own id.
const memberCount = sql<number>`(select count(distinct m.person_id)::int from ${memberships} m where m.partnership_id = "partnerships"."id" and m.active)`;
const agencyCount = sql<number>`(select count(*)::int from ${partnershipAgencies} pa where pa.partnership_id = "partnerships"."id" and pa.active)`;

/** The installation's own administration: which partnerships exist. */
export function createInstallationService(deps: {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  people: PeopleService;
}) {
  const { db, clock, mailer } = deps;

  // Refusals answer 404 so the service area's existence is not revealed to partnership users.
  const guard = (signedIn: SignedIn) => {
    if (!installationPolicy.managePartnerships(signedIn)) throw notFound('This page');
  };
  const ctxOf = (signedIn: SignedIn, req: RequestContext) => ({
    ...req,
    personId: signedIn.person.id,
    personEmail: signedIn.person.email,
  });

  async function view(id: string) {
    const [row] = await db
      .select({ p: partnerships, memberCount, agencyCount })
      .from(partnerships)
      .where(eq(partnerships.id, id));
    if (!row) throw notFound('This partnership');
    return shape(row);
  }
  const shape = (r: { p: typeof partnerships.$inferSelect; memberCount: number; agencyCount: number }) => ({
    id: r.p.id,
    name: r.p.name,
    covers: r.p.covers as Covers,
    active: r.p.active,
    memberCount: r.memberCount,
    agencyCount: r.agencyCount,
    createdAt: r.p.createdAt.toISOString(),
  });

  return {
    /** Every partnership in the installation, searchable by name. */
    async listAllPartnerships(signedIn: SignedIn, q: PageQuery) {
      guard(signedIn);
      const where = and(
        q.includeInactive ? undefined : eq(partnerships.active, true),
        q.q ? ilike(partnerships.name, likePattern(q.q)) : undefined,
      );
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({ p: partnerships, memberCount, agencyCount })
          .from(partnerships)
          .where(where)
          .orderBy(asc(sql`lower(${partnerships.name})`), asc(partnerships.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(partnerships).where(where),
      ]);
      return { items: rows.map(shape), total, page: q.page, pageSize: q.pageSize };
    },

    async getPartnership(signedIn: SignedIn, id: string) {
      guard(signedIn);
      return view(id);
    },

    /** Creates a partnership and invites its first partnership admin by email. */
    async createPartnership(
      signedIn: SignedIn,
      req: RequestContext,
      input: { name: string; covers: Covers; adminName: string; adminEmail: string },
    ) {
      guard(signedIn);
      const { partnershipId, mailId } = await db.transaction(async (tx) => {
        const [clash] = await tx
          .select({ id: partnerships.id })
          .from(partnerships)
          .where(eq(sql`lower(${partnerships.name})`, input.name.toLowerCase()));
        if (clash) {
          throw conflict('A partnership with this name already exists', {
            fields: { name: 'A partnership with this name already exists. Choose another name.' },
          });
        }
        const [p] = await tx
          .insert(partnerships)
          .values({ name: input.name, covers: input.covers })
          .returning();
        const ctx = ctxOf(signedIn, req);
        await writeAudit(tx, req, {
          entity: 'partnership',
          entityId: p.id,
          action: 'created',
          after: p,
          partnershipId: p.id,
          personId: ctx.personId,
          personEmail: ctx.personEmail,
        });
        const { mailId } = await deps.people.issueInvitation(tx, req, {
          partnershipId: p.id,
          email: input.adminEmail,
          name: input.adminName,
          role: 'partnership_admin',
          agencyId: null,
          invitedBy: { id: signedIn.person.id, name: signedIn.person.name, email: signedIn.person.email },
        });
        return { partnershipId: p.id, mailId };
      });
      await mailer.dispatch([mailId]);
      return view(partnershipId);
    },

    /** Deactivating a partnership ends every member's access to it; nothing is deleted. */
    async setPartnershipActive(signedIn: SignedIn, req: RequestContext, id: string, active: boolean) {
      guard(signedIn);
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(partnerships).where(eq(partnerships.id, id));
        if (!before) throw notFound('This partnership');
        if (before.active === active) return;
        await tx
          .update(partnerships)
          .set({ active, version: before.version + 1, updatedAt: clock.now() })
          .where(eq(partnerships.id, id));
        await writeAudit(tx, req, {
          entity: 'partnership',
          entityId: id,
          action: active ? 'reactivated' : 'deactivated',
          before: { active: before.active },
          after: { active },
          partnershipId: id,
          personId: signedIn.person.id,
          personEmail: signedIn.person.email,
        });
      });
      return view(id);
    },
  };
}
