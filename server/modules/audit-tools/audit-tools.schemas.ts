import { z } from 'zod';
import { ZTemplateKind } from '../../../contracts/audit-tools.js';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

export const ZTemplateParams = z.object({ partnershipId: z.uuid(), templateId: ZUuid });
export const ZVersionParams = ZTemplateParams.extend({ versionId: ZUuid });
export const ZDiffParams = ZVersionParams.extend({ otherVersionId: ZUuid });

const ZTitle = z
  .string({ message: 'Enter a title for the audit tool' })
  .trim()
  .min(1, 'Enter a title for the audit tool')
  .max(500, 'Title must be 500 characters or fewer');

/** The definition is checked against ZAuditTemplate by the service, so its problems name their path. */
export const ZTemplateCreate = z.object({
  title: ZTitle,
  kind: ZTemplateKind,
  definition: z.unknown().optional(),
});
export const ZVersionUpdate = z.object({
  definition: z.unknown(),
  version: z.number({ message: 'Send the version you changed' }).int(),
});

const ZVerb = z.enum(['readPublished', 'readDrafts', 'write']);
const ZDefinition = z.record(z.string(), z.unknown());

export const ZTemplateSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: ZTemplateKind,
  active: z.boolean(),
  version: z.number().int(),
  latestPublishedNumber: z.number().int().nullable(),
  /** Only ever true for people who may see drafts. */
  hasDraft: z.boolean(),
  allowedVerbs: z.array(ZVerb),
});

export const ZVersionSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(['draft', 'published']),
  basedOnVersionId: z.uuid().nullable(),
  publishedAt: z.date().nullable(),
  publishedBy: z.uuid().nullable(),
  version: z.number().int(),
  updatedAt: z.date(),
});

export const ZTemplateDetail = ZTemplateSummary.extend({ versions: z.array(ZVersionSummary) });

export const ZTemplateVersion = ZVersionSummary.extend({
  templateId: z.uuid(),
  definition: ZDefinition,
});

const ZChanged = z.object({ id: z.string(), fields: z.array(z.string()) });
export const ZTemplateDiff = z.object({
  from: z.object({ id: z.uuid(), number: z.number().int() }),
  to: z.object({ id: z.uuid(), number: z.number().int() }),
  /** Template-level fields that differ (title, description, kind, scales, bands). */
  changedFields: z.array(z.string()),
  sections: z.object({
    added: z.array(z.object({ id: z.string(), title: z.string() })),
    removed: z.array(z.object({ id: z.string(), title: z.string() })),
    changed: z.array(ZChanged),
  }),
  questions: z.object({
    added: z.array(z.object({ id: z.string(), sectionId: z.string(), text: z.string() })),
    removed: z.array(z.object({ id: z.string(), sectionId: z.string(), text: z.string() })),
    changed: z.array(ZChanged),
  }),
});
export type TTemplateDiff = z.infer<typeof ZTemplateDiff>;

/** What an import accepts as JSON: the export envelope (or a bare definition), checked by the service. */
export const ZTemplateImport = z
  .unknown()
  .describe(
    'The JSON export envelope { format: "assure-audit-template", formatVersion: 1, title, kind, description?, definition } or a bare definition; or, as multipart/form-data, one file (JSON or XLSX) in the field "file". See docs/template-format.md.',
  );

/** The exported JSON document (docs/template-format.md). */
export const ZTemplateExport = z.object({
  format: z.literal('assure-audit-template'),
  formatVersion: z.literal(1),
  title: z.string(),
  kind: ZTemplateKind,
  description: z.string().optional(),
  definition: ZDefinition,
});
