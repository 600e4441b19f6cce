import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import {
  ZDiffParams,
  ZTemplateCreate,
  ZTemplateDetail,
  ZTemplateDiff,
  ZTemplateParams,
  ZTemplateSummary,
  ZTemplateVersion,
  ZVersionParams,
  ZVersionUpdate,
} from './audit-tools.schemas.js';
import type { AuditTemplateService } from './audit-tools.service.js';

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
