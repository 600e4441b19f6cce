import { and, eq } from 'drizzle-orm';
import type { AgencyType } from '../../../contracts/org.js';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { offsetOf, type PageQuery } from '../../platform/pagination.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { agencyPolicy } from './agencies.policy.js';
import type { AgencyRepo } from './agencies.repo.js';
import { agencies, agencySections, partnershipAgencies } from './agencies.tables.js';

export type AgencyService = ReturnType<typeof createAgencyService>;

const AGENCY = 'This agency';

export function createAgencyService(deps: { db: Db; clock: Clock; agencyRepo: AgencyRepo }) {
  const { db, clock, agencyRepo: repo } = deps;

  async function load(ctx: ActorContext, agencyId: string, exec = db as Parameters<AgencyRepo['find']>[0]) {
    const agency = await repo.find(exec, ctx.actor.partnershipId, agencyId);
    if (!agency) throw notFound(AGENCY);
    return agency;
  }

  async function detail(ctx: ActorContext, agencyId: string) {
    const agency = await load(ctx, agencyId);
    const sections = await repo.sections(db, agencyId);
    return {
      ...agency,
      type: agency.type as AgencyType,
      sections,
      allowedVerbs: allowedVerbs(agencyPolicy, ctx.actor, { agencyId }),
    };
  }

  async function checkOwner(ctx: ActorContext, ownerPersonId: string | null | undefined) {
    if (ownerPersonId && !(await repo.isMember(db, ctx.actor.partnershipId, ownerPersonId))) {
      throw invalid({ ownerPersonId: 'Choose an owner who is a member of this partnership' });
    }
  }

  return {
    /** Agencies of the partnership, searchable by name, a page at a time. */
    async listAgencies(ctx: ActorContext, q: PageQuery) {
      authorize(agencyPolicy, ctx.actor, 'read', undefined);
      const { items, total } = await repo.list(db, ctx.actor.partnershipId, {
        q: q.q,
        includeInactive: q.includeInactive,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return {
        items: items.map((i) => ({ ...i, type: i.type as AgencyType })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    getAgency: async (ctx: ActorContext, agencyId: string) => {
      authorize(agencyPolicy, ctx.actor, 'read', undefined);
      return detail(ctx, agencyId);
    },

    /** Agencies elsewhere in the installation this partnership could share instead of creating a copy. */
    async listAvailableAgencies(ctx: ActorContext, q: string | undefined) {
      authorize(agencyPolicy, ctx.actor, 'manage', undefined);
      const rows = await repo.available(db, ctx.actor.partnershipId, q, 20);
      return rows.map((r) => ({ ...r, type: r.type as AgencyType }));
    },

    /** Creates a new agency and adds it to the partnership. */
    async createAgency(ctx: ActorContext, input: { name: string; type: AgencyType }) {
      authorize(agencyPolicy, ctx.actor, 'manage', undefined);
      const id = await db.transaction(async (tx) => {
        const [agency] = await tx.insert(agencies).values({ name: input.name, type: input.type }).returning();
        await tx
          .insert(partnershipAgencies)
          .values({ partnershipId: ctx.actor.partnershipId, agencyId: agency.id });
        await writeAudit(tx, ctx, {
          entity: 'agency',
          entityId: agency.id,
          action: 'created',
          after: agency,
        });
        return agency.id;
      });
      return detail(ctx, id);
    },

    /** Adds an agency that already exists (e.g. a police force shared with a neighbouring partnership). */
    async linkAgency(ctx: ActorContext, agencyId: string) {
      authorize(agencyPolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        const [agency] = await tx.select().from(agencies).where(eq(agencies.id, agencyId));
        if (!agency) throw notFound(AGENCY);
        const existing = await repo.find(tx, ctx.actor.partnershipId, agencyId);
        if (existing) throw conflict('This agency is already part of the partnership');
        await tx.insert(partnershipAgencies).values({ partnershipId: ctx.actor.partnershipId, agencyId });
        await writeAudit(tx, ctx, {
          entity: 'agency',
          entityId: agencyId,
          action: 'linked',
          after: { partnershipId: ctx.actor.partnershipId },
        });
      });
      return detail(ctx, agencyId);
    },

    /** Renames an agency or changes its type (seen by every partnership that shares it). */
    async updateAgency(
      ctx: ActorContext,
      agencyId: string,
      input: { name: string; type: AgencyType; version: number },
    ) {
      authorize(agencyPolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        await lockRow(tx, agencies, agencies.id, agencyId);
        const before = await load(ctx, agencyId, tx);
        if (before.version !== input.version)
          throw conflict('Someone else changed this agency. Check their changes.', { current: before });
        const [after] = await tx
          .update(agencies)
          .set({ name: input.name, type: input.type, version: before.version + 1, updatedAt: clock.now() })
          .where(and(eq(agencies.id, agencyId), eq(agencies.version, input.version)))
          .returning();
        await writeAudit(tx, ctx, { entity: 'agency', entityId: agencyId, action: 'updated', before, after });
      });
      return detail(ctx, agencyId);
    },

    /** Deactivates or reactivates the agency in this partnership only; nothing is deleted. */
    async setAgencyActive(ctx: ActorContext, agencyId: string, active: boolean) {
      authorize(agencyPolicy, ctx.actor, 'manage', undefined);
      await db.transaction(async (tx) => {
        const before = await load(ctx, agencyId, tx);
        if (before.active === active) return;
        await tx
          .update(partnershipAgencies)
          .set({ active })
          .where(
            and(
              eq(partnershipAgencies.partnershipId, ctx.actor.partnershipId),
              eq(partnershipAgencies.agencyId, agencyId),
            ),
          );
        await writeAudit(tx, ctx, {
          entity: 'agency',
          entityId: agencyId,
          action: active ? 'reactivated' : 'deactivated',
          before: { active: before.active },
          after: { active },
        });
      });
      return detail(ctx, agencyId);
    },

    async createSection(
      ctx: ActorContext,
      agencyId: string,
      input: { name: string; ownerPersonId?: string | null },
    ) {
      await load(ctx, agencyId);
      authorize(agencyPolicy, ctx.actor, 'manageSections', { agencyId });
      await checkOwner(ctx, input.ownerPersonId);
      await db.transaction(async (tx) => {
        const [section] = await tx
          .insert(agencySections)
          .values({ agencyId, name: input.name, ownerPersonId: input.ownerPersonId ?? null })
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'agency_section',
          entityId: section.id,
          action: 'created',
          after: section,
        });
      });
      return detail(ctx, agencyId);
    },

    async updateSection(
      ctx: ActorContext,
      agencyId: string,
      sectionId: string,
      input: { name: string; ownerPersonId: string | null; active: boolean; version: number },
    ) {
      await load(ctx, agencyId);
      authorize(agencyPolicy, ctx.actor, 'manageSections', { agencyId });
      await checkOwner(ctx, input.ownerPersonId);
      await db.transaction(async (tx) => {
        await lockRow(tx, agencySections, agencySections.id, sectionId);
        const [before] = await tx
          .select()
          .from(agencySections)
          .where(and(eq(agencySections.id, sectionId), eq(agencySections.agencyId, agencyId)));
        if (!before) throw notFound('This section');
        if (before.version !== input.version)
          throw conflict('Someone else changed this section. Check their changes.', { current: before });
        const [after] = await tx
          .update(agencySections)
          .set({
            name: input.name,
            ownerPersonId: input.ownerPersonId,
            active: input.active,
            version: before.version + 1,
            updatedAt: clock.now(),
          })
          .where(eq(agencySections.id, sectionId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'agency_section',
          entityId: sectionId,
          action: 'updated',
          before,
          after,
        });
      });
      return detail(ctx, agencyId);
    },
  };
}
