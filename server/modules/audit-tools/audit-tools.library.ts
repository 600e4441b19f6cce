import type { ActorContext, RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { allowedVerbs, authorize } from '../../platform/policy.js';
import { auditTemplatePolicy as policy } from './audit-tools.policy.js';
import { createAuditTemplateService } from './audit-tools.service.js';
import { auditTemplates, auditTemplateVersions } from './audit-tools.tables.js';
import { findStarter, STARTER_TEMPLATES, type StarterTemplate } from './starter-library/index.js';

export type AuditTemplateLibraryService = ReturnType<typeof createAuditTemplateLibraryService>;

const STARTER = 'This starter template';

const questionCount = (s: StarterTemplate) =>
  s.definition.sections.reduce((n, section) => n + section.questions.length, 0);

/** What the library lists about a starter: enough to choose one, not its whole definition. */
function starterSummary(s: StarterTemplate) {
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    description: s.description,
    sections: s.definition.sections.length,
    questions: questionCount(s),
    sectionTitles: s.definition.sections.map((section) => section.title),
  };
}

/** The starter library of audit-tool templates, and copying a starter into a partnership's own templates. */
export function createAuditTemplateLibraryService(deps: { db: Db; clock: Clock }) {
  const templates = createAuditTemplateService(deps);
  return {
    /** The starters, for people who may see draft templates (they are what a draft starts from). */
    listStarters(ctx: ActorContext) {
      authorize(policy, ctx.actor, 'readDrafts', undefined);
      return {
        items: STARTER_TEMPLATES.map(starterSummary),
        allowedVerbs: allowedVerbs(policy, ctx.actor, undefined),
      };
    },

    /** Copies a starter into the partnership as a new template with draft version 1 (the usual create path). */
    async addStarter(ctx: ActorContext, starterId: string) {
      authorize(policy, ctx.actor, 'write', undefined);
      const starter = findStarter(starterId);
      if (!starter) throw notFound(STARTER);
      return templates.createTemplate(ctx, {
        title: starter.title,
        kind: starter.kind,
        definition: structuredClone(starter.definition),
      });
    },
  };
}

/**
 * For seeding demo data inside the seed's own transaction: adds a starter to a partnership as version 1,
 * published by `publishedBy` when given (a draft otherwise), with the same audit rows the app writes.
 */
export async function seedStarterTemplate(
  tx: Tx,
  ctx: RequestContext,
  opts: { partnershipId: string; starterId: string; publishedBy?: string; now: Date },
) {
  const starter = findStarter(opts.starterId);
  if (!starter) throw new Error(`No starter template ${opts.starterId}`);
  const who = { partnershipId: opts.partnershipId, personId: opts.publishedBy ?? null, personEmail: null };
  const [t] = await tx
    .insert(auditTemplates)
    .values({ partnershipId: opts.partnershipId, title: starter.title, kind: starter.kind })
    .returning();
  const [v] = await tx
    .insert(auditTemplateVersions)
    .values({
      templateId: t.id,
      number: 1,
      definition: structuredClone(starter.definition),
      ...(opts.publishedBy
        ? { status: 'published' as const, publishedAt: opts.now, publishedBy: opts.publishedBy, version: 2 }
        : {}),
    })
    .returning();
  await writeAudit(tx, ctx, {
    ...who,
    entity: 'audit_template',
    entityId: t.id,
    action: 'created',
    after: { ...t, firstVersion: v, starterId: starter.id },
  });
  if (opts.publishedBy) {
    await writeAudit(tx, ctx, {
      ...who,
      entity: 'audit_template_version',
      entityId: v.id,
      action: 'published',
      before: { number: 1, status: 'draft' },
      after: { number: 1, status: 'published', templateId: t.id },
    });
  }
  return { templateId: t.id, versionId: v.id };
}
