import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZError, ZPartnershipParams } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { receiveUpload, sendAttachment, sizeText, uploadLimits } from '../../platform/uploads.js';
import {
  ZActionCreate,
  ZActionDetail,
  ZActionEdit,
  ZActionFile,
  ZActionFileParams,
  ZActionListQuery,
  ZActionParams,
  ZActionPlan,
  ZActionPlanParams,
  ZActionStatusChange,
  ZActionSummary,
  ZActionUpdateParams,
  ZProgressUpdateCreate,
} from './actions.schemas.js';
import type { ActionService } from './actions.service.js';

export function registerActionRoutes(
  fastify: FastifyInstance,
  service: ActionService,
  opts: { uploadMaxBytes: number },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['actions'];
  const base = '/api/v1/partnerships/:partnershipId/actions';
  const one = `${base}/:actionId`;

  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          'Actions the person may see (every agency’s, their agency’s, or their own), soonest due first',
        params: ZPartnershipParams,
        querystring: ZActionListQuery,
        response: { 200: pageOf(ZActionSummary), ...errorResponses },
      },
    },
    async (req) => service.listActions(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an agency’s action answering one or more recommendations addressed to it',
        params: ZPartnershipParams,
        body: ZActionCreate,
        response: { 201: ZActionDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createAction(actorContext(req), req.body)),
  );
  app.get(
    one,
    {
      schema: {
        tags,
        summary: 'One action with its recommendations and progress updates (newest first) with their files',
        params: ZActionParams,
        response: { 200: ZActionDetail, ...errorResponses },
      },
    },
    async (req) => service.getAction(actorContext(req), req.params.actionId),
  );
  app.put(
    one,
    {
      schema: {
        tags,
        summary: 'Change an action and the recommendations it answers; 409 when the version is stale',
        params: ZActionParams,
        body: ZActionEdit,
        response: { 200: ZActionDetail, ...errorResponses },
      },
    },
    async (req) => service.updateAction(actorContext(req), req.params.actionId, req.body),
  );
  app.post(
    `${one}/status`,
    {
      schema: {
        tags,
        summary: 'Move an action to another status (cancelling needs a reason)',
        params: ZActionParams,
        body: ZActionStatusChange,
        response: { 200: ZActionDetail, ...errorResponses },
      },
    },
    async (req) => service.changeStatus(actorContext(req), req.params.actionId, req.body),
  );
  app.post(
    `${one}/updates`,
    {
      schema: {
        tags,
        summary: 'Add a dated progress update; its RAG, when given, becomes the action’s',
        params: ZActionParams,
        body: ZProgressUpdateCreate,
        response: { 201: ZActionDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addUpdate(actorContext(req), req.params.actionId, req.body)),
  );
  app.get(
    `${one}/files/:fileId`,
    {
      schema: {
        tags,
        summary: 'Download an evidence file of one of the action’s updates (as an attachment)',
        description: 'Answers 200 with the file’s bytes, Content-Disposition: attachment.',
        params: ZActionFileParams,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      const { file, stream } = await service.openFile(
        actorContext(req),
        req.params.actionId,
        req.params.fileId,
      );
      return sendAttachment(reply, file, stream);
    },
  );
  app.delete(
    `${one}/files/:fileId`,
    {
      schema: {
        tags,
        summary: 'Remove an evidence file from its update (the record is kept)',
        params: ZActionFileParams,
        response: { 200: ZActionFile, ...errorResponses },
      },
    },
    async (req) => service.removeFile(actorContext(req), req.params.actionId, req.params.fileId),
  );
  app.get(
    '/api/v1/partnerships/:partnershipId/agencies/:agencyId/action-plan',
    {
      schema: {
        tags,
        summary: 'An agency’s whole action plan on one page, grouped by where each action stands',
        params: ZActionPlanParams,
        response: { 200: ZActionPlan, ...errorResponses },
      },
    },
    async (req) => service.getActionPlan(actorContext(req), req.params.agencyId),
  );

  // Multipart is parsed only by the upload route, so no other route accepts a form post.
  fastify.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: uploadLimits(opts.uploadMaxBytes) });
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${one}/updates/:updateId/files`,
      {
        schema: {
          tags,
          summary: 'Upload an evidence file to a progress update (multipart/form-data, field "file")',
          description: `At most ${sizeText(opts.uploadMaxBytes)}. PDF, DOCX, XLSX, PPTX, PNG, JPEG, plain text or CSV, recognised by content.`,
          params: ZActionUpdateParams,
          response: { 201: ZActionFile, 413: ZError, ...errorResponses },
        },
      },
      async (req, reply) => {
        const ctx = actorContext(req);
        const { actionId, updateId } = req.params;
        await service.checkUpload(ctx, actionId, updateId);
        const upload = await receiveUpload(req, reply, opts.uploadMaxBytes);
        if (!upload) return reply;
        return reply.code(201).send(await service.addFile(ctx, actionId, updateId, upload));
      },
    );
  });
}
