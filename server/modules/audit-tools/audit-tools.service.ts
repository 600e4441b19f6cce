import { and, asc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { type TAuditTemplate, type TemplateKind, ZAuditTemplate } from '../../../contracts/audit-tools.js';
import type { Actor, ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { AppError, conflict, type FieldErrors, invalid, notFound } from '../../platform/errors.js';
import { lockRow } from '../../platform/locks.js';
import { likePattern, offsetOf, type PageQuery } from '../../platform/pagination.js';
import { allowedVerbs, authorize, can } from '../../platform/policy.js';
import { diffTemplates } from './audit-tools.diff.js';
import { auditTemplatePolicy as policy } from './audit-tools.policy.js';
import { auditTemplates, auditTemplateVersions as versions } from './audit-tools.tables.js';

export type AuditTemplateService = ReturnType<typeof createAuditTemplateService>;
const TEMPLATE = 'This audit tool';
const VERSION = 'This version of the audit tool';

type TemplateRow = typeof auditTemplates.$inferSelect;
type VersionRow = typeof versions.$inferSelect;

/** The smallest definition ZAuditTemplate accepts: one empty section. */
export function minimalDefinition(title: string, kind: TemplateKind): TAuditTemplate {
  return {
    formatVersion: 1,
    title,
    kind,
    scales: [],
    sections: [{ id: 'section-1', title: 'Section 1', questions: [] }],
  };
}

/** Checks a definition against the documented format; problems are named by their path under `definition`. */
export function parseDefinition(input: unknown): TAuditTemplate {
  const parsed = ZAuditTemplate.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = ['definition', ...issue.path.map(String)].join('.');
    fields[key] ??= issue.message;
  }
  throw invalid(fields);
}

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; cause?: unknown };
  return err?.code === '23505' || (err?.cause !== undefined && isUniqueViolation(err.cause));
};

const draftExists = () => conflict('This audit tool already has a draft. Edit or publish that draft first.');

/** Audit-tool templates and their versions: drafts change, published versions are frozen. */
export function createAuditTemplateService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const scoped = (actor: Actor, id: string) =>
    and(eq(auditTemplates.id, id), eq(auditTemplates.partnershipId, actor.partnershipId));

  const versionSummary = (v: VersionRow) => ({
    id: v.id,
    number: v.number,
    status: v.status,
    basedOnVersionId: v.basedOnVersionId,
    publishedAt: v.publishedAt,
    publishedBy: v.publishedBy,
    version: v.version,
    updatedAt: v.updatedAt,
  });
  const versionView = (v: VersionRow) => ({
    ...versionSummary(v),
    templateId: v.templateId,
    definition: v.definition,
  });

  function summary(actor: Actor, t: TemplateRow, vs: Pick<VersionRow, 'number' | 'status'>[]) {
    const published = vs.filter((v) => v.status === 'published').map((v) => v.number);
    return {
      id: t.id,
      title: t.title,
      kind: t.kind as TemplateKind,
      active: t.active,
      version: t.version,
      latestPublishedNumber: published.length ? Math.max(...published) : null,
      hasDraft: can(policy, actor, 'readDrafts', undefined) && vs.some((v) => v.status === 'draft'),
      allowedVerbs: allowedVerbs(policy, actor, undefined),
    };
  }

  /** The template, or 404 if it is another partnership's or, for readers, has nothing published. */
  async function loadTemplate(exec: Db | Tx, actor: Actor, id: string) {
    const [t] = await exec.select().from(auditTemplates).where(scoped(actor, id));
    if (!t) throw notFound(TEMPLATE);
    const vs = await exec
      .select()
      .from(versions)
      .where(eq(versions.templateId, id))
      .orderBy(asc(versions.number));
    const readsDrafts = can(policy, actor, 'readDrafts', undefined);
    if (!readsDrafts && !vs.some((v) => v.status === 'published')) throw notFound(TEMPLATE);
    return { t, vs: readsDrafts ? vs : vs.filter((v) => v.status === 'published'), all: vs };
  }

  async function loadVersion(exec: Db | Tx, actor: Actor, templateId: string, versionId: string) {
    const { t, vs, all } = await loadTemplate(exec, actor, templateId);
    const v = vs.find((x) => x.id === versionId);
    if (!v) throw notFound(VERSION);
    return { t, v, all };
  }

  return {
    /** Lists templates; readers see only active ones with a published version. */
    async listTemplates(ctx: ActorContext, q: PageQuery) {
      authorize(policy, ctx.actor, 'readPublished', undefined);
      const writer = can(policy, ctx.actor, 'readDrafts', undefined);
      const hasPublished = sql`exists (select 1 from ${versions} where ${versions.templateId} = ${auditTemplates.id} and ${versions.status} = 'published')`;
      const where = and(
        eq(auditTemplates.partnershipId, ctx.actor.partnershipId),
        writer && q.includeInactive ? undefined : eq(auditTemplates.active, true),
        writer ? undefined : hasPublished,
        q.q ? ilike(auditTemplates.title, likePattern(q.q)) : undefined,
      );
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(auditTemplates)
          .where(where)
          .orderBy(asc(sql`lower(${auditTemplates.title})`), asc(auditTemplates.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db.select({ total: sql<number>`count(*)::int` }).from(auditTemplates).where(where),
      ]);
      const vs = rows.length
        ? await db
            .select({ templateId: versions.templateId, number: versions.number, status: versions.status })
            .from(versions)
            .where(
              inArray(
                versions.templateId,
                rows.map((r) => r.id),
              ),
            )
        : [];
      return {
        items: rows.map((r) =>
          summary(
            ctx.actor,
            r,
            vs.filter((v) => v.templateId === r.id),
          ),
        ),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Creates a template with draft version 1 (the given definition, or a minimal valid one). */
    async createTemplate(
      ctx: ActorContext,
      input: { title: string; kind: TemplateKind; definition?: unknown },
    ) {
      authorize(policy, ctx.actor, 'write', undefined);
      const definition =
        input.definition === undefined
          ? minimalDefinition(input.title, input.kind)
          : { ...parseDefinition(input.definition), title: input.title, kind: input.kind };
      return db.transaction(async (tx) => {
        const [t] = await tx
          .insert(auditTemplates)
          .values({ partnershipId: ctx.actor.partnershipId, title: input.title, kind: input.kind })
          .returning();
        const [v] = await tx.insert(versions).values({ templateId: t.id, number: 1, definition }).returning();
        await writeAudit(tx, ctx, {
          entity: 'audit_template',
          entityId: t.id,
          action: 'created',
          after: { ...t, draft: v },
        });
        return { ...summary(ctx.actor, t, [v]), versions: [versionSummary(v)] };
      });
    },

    /** The template and the versions the person may see. */
    async getTemplate(ctx: ActorContext, id: string) {
      authorize(policy, ctx.actor, 'readPublished', undefined);
      const { t, vs } = await loadTemplate(db, ctx.actor, id);
      return { ...summary(ctx.actor, t, vs), versions: vs.map(versionSummary) };
    },

    /** One version with its definition; drafts only for people who may write. */
    async getVersion(ctx: ActorContext, templateId: string, versionId: string) {
      authorize(policy, ctx.actor, 'readPublished', undefined);
      const { v } = await loadVersion(db, ctx.actor, templateId, versionId);
      return versionView(v);
    },

    /** Changes a draft's definition; published versions are frozen. */
    async updateDraft(
      ctx: ActorContext,
      templateId: string,
      versionId: string,
      input: { definition: unknown; version: number },
    ) {
      authorize(policy, ctx.actor, 'write', undefined);
      return db.transaction(async (tx) => {
        await lockRow(tx, versions, versions.id, versionId);
        const { v: before } = await loadVersion(tx, ctx.actor, templateId, versionId);
        if (before.status !== 'draft')
          throw new AppError('INVALID_TRANSITION', 'Published versions cannot change; make a new draft');
        if (before.version !== input.version)
          throw conflict('Someone else changed this draft. Check their changes.', {
            current: versionView(before),
          });
        const definition = parseDefinition(input.definition);
        const [after] = await tx
          .update(versions)
          .set({ definition, version: before.version + 1, updatedAt: clock.now() })
          .where(eq(versions.id, versionId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'audit_template_version',
          entityId: versionId,
          action: 'updated',
          before: { number: before.number, version: before.version, definition: before.definition },
          after: { number: after.number, version: after.version, definition: after.definition },
        });
        return versionView(after);
      });
    },

    /** Publishes a draft, freezing it; the template takes the published title and kind. */
    async publishVersion(ctx: ActorContext, templateId: string, versionId: string) {
      authorize(policy, ctx.actor, 'write', undefined);
      return db.transaction(async (tx) => {
        const { v: before } = await loadVersion(tx, ctx.actor, templateId, versionId);
        if (before.status !== 'draft')
          throw new AppError(
            'INVALID_TRANSITION',
            'Only a draft can be published; this version is already published',
          );
        const now = clock.now();
        const [after] = await tx
          .update(versions)
          .set({
            status: 'published',
            publishedAt: now,
            publishedBy: ctx.actor.personId,
            version: before.version + 1,
            updatedAt: now,
          })
          .where(eq(versions.id, versionId))
          .returning();
        await tx
          .update(auditTemplates)
          .set({ title: after.definition.title, kind: after.definition.kind, updatedAt: now })
          .where(scoped(ctx.actor, templateId));
        await writeAudit(tx, ctx, {
          entity: 'audit_template_version',
          entityId: versionId,
          action: 'published',
          before: { number: before.number, status: before.status },
          after: { number: after.number, status: after.status, templateId },
        });
        return versionView(after);
      });
    },

    /** Copies any version's definition into a new draft numbered after the highest; one draft at a time. */
    async createDraftFrom(ctx: ActorContext, templateId: string, versionId: string) {
      authorize(policy, ctx.actor, 'write', undefined);
      try {
        return await db.transaction(async (tx) => {
          const { v: source, all } = await loadVersion(tx, ctx.actor, templateId, versionId);
          if (all.some((x) => x.status === 'draft')) throw draftExists();
          const number = Math.max(...all.map((x) => x.number)) + 1;
          const [draft] = await tx
            .insert(versions)
            .values({ templateId, number, definition: source.definition, basedOnVersionId: source.id })
            .returning();
          await writeAudit(tx, ctx, {
            entity: 'audit_template_version',
            entityId: draft.id,
            action: 'draft_created',
            after: { templateId, number, basedOnVersionId: source.id, basedOnNumber: source.number },
          });
          return versionView(draft);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw draftExists();
        throw e;
      }
    },

    /** What changed between two versions of one template. */
    async diffVersions(ctx: ActorContext, templateId: string, fromId: string, toId: string) {
      authorize(policy, ctx.actor, 'readPublished', undefined);
      const { vs } = await loadTemplate(db, ctx.actor, templateId);
      const a = vs.find((x) => x.id === fromId);
      const b = vs.find((x) => x.id === toId);
      if (!a || !b) throw notFound(VERSION);
      return diffTemplates(
        { id: a.id, number: a.number },
        a.definition,
        { id: b.id, number: b.number },
        b.definition,
      );
    },

    /** Creates a template with draft version 1 from an imported definition; `read` runs only once allowed. */
    async importTemplate(
      ctx: ActorContext,
      read: () => Promise<{ definition: TAuditTemplate; source: 'json' | 'xlsx' }>,
    ) {
      authorize(policy, ctx.actor, 'write', undefined);
      const { definition, source } = await read();
      return db.transaction(async (tx) => {
        const [t] = await tx
          .insert(auditTemplates)
          .values({
            partnershipId: ctx.actor.partnershipId,
            title: definition.title,
            kind: definition.kind,
          })
          .returning();
        const [v] = await tx.insert(versions).values({ templateId: t.id, number: 1, definition }).returning();
        await writeAudit(tx, ctx, {
          entity: 'audit_template',
          entityId: t.id,
          action: 'imported',
          after: { ...t, source, draft: v },
        });
        return { ...summary(ctx.actor, t, [v]), versions: [versionSummary(v)] };
      });
    },

    /** One version's definition for export (JSON or XLSX); the export is logged. */
    async exportVersion(ctx: ActorContext, templateId: string, versionId: string, format: 'json' | 'xlsx') {
      authorize(policy, ctx.actor, 'readPublished', undefined);
      const { v } = await loadVersion(db, ctx.actor, templateId, versionId);
      await writeAudit(db, ctx, {
        entity: 'audit_template_version',
        entityId: v.id,
        action: 'exported',
        after: { templateId, number: v.number, status: v.status, format },
      });
      return { number: v.number, definition: v.definition };
    },

    /** Deactivates or reactivates a template (its versions, and anything started on them, stay). */
    async setTemplateActive(ctx: ActorContext, templateId: string, active: boolean) {
      authorize(policy, ctx.actor, 'write', undefined);
      return db.transaction(async (tx) => {
        const { t: before, vs } = await loadTemplate(tx, ctx.actor, templateId);
        if (before.active === active)
          return { ...summary(ctx.actor, before, vs), versions: vs.map(versionSummary) };
        const [after] = await tx
          .update(auditTemplates)
          .set({ active, version: before.version + 1, updatedAt: clock.now() })
          .where(scoped(ctx.actor, templateId))
          .returning();
        await writeAudit(tx, ctx, {
          entity: 'audit_template',
          entityId: templateId,
          action: active ? 'reactivated' : 'deactivated',
          before: { active: before.active },
          after: { active },
        });
        return { ...summary(ctx.actor, after, vs), versions: vs.map(versionSummary) };
      });
    },
  };
}
