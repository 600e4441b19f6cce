import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../platform/errors.js';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import {
  MAX_IMPORT_BYTES,
  parseTemplateFile,
  parseTemplateJson,
  templateToXlsx,
  toEnvelope,
  XLSX_MIME,
} from './audit-tools.import-export.js';
import {
  ZDiffParams,
  ZTemplateCreate,
  ZTemplateDetail,
  ZTemplateDiff,
  ZTemplateExport,
  ZTemplateImport,
  ZTemplateParams,
  ZTemplateSummary,
  ZTemplateVersion,
  ZVersionParams,
  ZVersionUpdate,
} from './audit-tools.schemas.js';
import type { AuditTemplateService } from './audit-tools.service.js';

/** A file name for an export: the title in lower-case words, and the version number. */
function exportFileName(title: string, number: number, ext: 'json' | 'xlsx') {
  const slug =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'audit-tool';
  return `${slug}-v${number}.${ext}`;
}

export function registerAuditTemplateRoutes(fastify: FastifyInstance, service: AuditTemplateService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit-tools'];
  const base = '/api/v1/partnerships/:partnershipId/audit-templates';
  const one = `${base}/:templateId`;
  const version = `${one}/versions/:versionId`;

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Audit-tool templates',
        params: ZPartnershipParams,
        querystring: ZPageQuery,
        response: { 200: pageOf(ZTemplateSummary), ...errorResponses },
      },
    },
    async (req) => service.listTemplates(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an audit-tool template (with draft version 1)',
        params: ZPartnershipParams,
        body: ZTemplateCreate,
        response: { 201: ZTemplateDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createTemplate(actorContext(req), req.body)),
  );
  app.get(
    one,
    {
      schema: {
        tags,
        summary: 'One template and its versions',
        params: ZTemplateParams,
        response: { 200: ZTemplateDetail, ...errorResponses },
      },
    },
    async (req) => service.getTemplate(actorContext(req), req.params.templateId),
  );
  app.get(
    version,
    {
      schema: {
        tags,
        summary: 'One version of a template, with its definition',
        params: ZVersionParams,
        response: { 200: ZTemplateVersion, ...errorResponses },
      },
    },
    async (req) => service.getVersion(actorContext(req), req.params.templateId, req.params.versionId),
  );
  app.put(
    version,
    {
      schema: {
        tags,
        summary: 'Change a draft version',
        params: ZVersionParams,
        body: ZVersionUpdate,
        response: { 200: ZTemplateVersion, ...errorResponses },
      },
    },
    async (req) =>
      service.updateDraft(actorContext(req), req.params.templateId, req.params.versionId, req.body),
  );
  app.post(
    `${version}/publish`,
    {
      schema: {
        tags,
        summary: 'Publish a draft, freezing it',
        params: ZVersionParams,
        response: { 200: ZTemplateVersion, ...errorResponses },
      },
    },
    async (req) => service.publishVersion(actorContext(req), req.params.templateId, req.params.versionId),
  );
  app.post(
    `${version}/new-draft`,
    {
      schema: {
        tags,
        summary: 'Make a new draft from this version',
        params: ZVersionParams,
        response: { 201: ZTemplateVersion, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.createDraftFrom(actorContext(req), req.params.templateId, req.params.versionId)),
  );
  app.get(
    `${version}/diff/:otherVersionId`,
    {
      schema: {
        tags,
        summary: 'What changed from this version to another',
        params: ZDiffParams,
        response: { 200: ZTemplateDiff, ...errorResponses },
      },
    },
    async (req) =>
      service.diffVersions(
        actorContext(req),
        req.params.templateId,
        req.params.versionId,
        req.params.otherVersionId,
      ),
  );
  app.get(
    `${version}/export.json`,
    {
      schema: {
        tags,
        summary: 'Export a version as the documented JSON format (docs/template-format.md)',
        params: ZVersionParams,
        response: { 200: ZTemplateExport, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { templateId, versionId } = req.params;
      const v = await service.exportVersion(actorContext(req), templateId, versionId, 'json');
      return reply
        .header(
          'content-disposition',
          `attachment; filename="${exportFileName(v.definition.title, v.number, 'json')}"`,
        )
        .send(toEnvelope(v.definition));
    },
  );
  app.get(
    `${version}/export.xlsx`,
    {
      schema: {
        tags,
        summary: 'Export a version as an XLSX workbook (About, Sections, Questions, Scales, Bands)',
        params: ZVersionParams,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('XLSX workbook'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { templateId, versionId } = req.params;
      const v = await service.exportVersion(actorContext(req), templateId, versionId, 'xlsx');
      const file = await templateToXlsx(v.definition);
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="${exportFileName(v.definition.title, v.number, 'xlsx')}"`,
        )
        .send(file);
    },
  );
  // Multipart is parsed only on the import route, so no other route accepts uploads.
  fastify.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/import`,
      {
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary:
            'Import a template (JSON body, or a JSON or XLSX file upload) as a new template with draft version 1',
          params: ZPartnershipParams,
          body: ZTemplateImport,
          response: { 201: ZTemplateDetail, ...errorResponses },
        },
      },
      async (req, reply) => {
        const created = await service.importTemplate(actorContext(req), async () => {
          if (!req.isMultipart()) return { definition: parseTemplateJson(req.body), source: 'json' };
          const file = await req.file().catch(() => undefined);
          if (!file) throw invalid({ file: 'Choose a JSON or XLSX file to import' });
          try {
            return await parseTemplateFile(await file.toBuffer());
          } catch (e) {
            if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
              throw invalid({
                file: `The selected file must be smaller than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
              });
            }
            throw e;
          }
        });
        return reply.code(201).send(created);
      },
    );
  });
  app.post(
    `${one}/deactivate`,
    {
      schema: {
        tags,
        summary: 'Deactivate a template',
        params: ZTemplateParams,
        response: { 200: ZTemplateDetail, ...errorResponses },
      },
    },
    async (req) => service.setTemplateActive(actorContext(req), req.params.templateId, false),
  );
  app.post(
    `${one}/reactivate`,
    {
      schema: {
        tags,
        summary: 'Reactivate a template',
        params: ZTemplateParams,
        response: { 200: ZTemplateDetail, ...errorResponses },
      },
    },
    async (req) => service.setTemplateActive(actorContext(req), req.params.templateId, true),
  );
}
