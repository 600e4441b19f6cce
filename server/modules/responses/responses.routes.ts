import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { registerFileRoutes } from '../../platform/uploads.js';
import {
  ZAnswersUpdate,
  ZFileParams,
  ZQuestionFileParams,
  ZResponseCreate,
  ZResponseDetail,
  ZResponseFile,
  ZResponseListQuery,
  ZResponseParams,
  ZResponseSummary,
  ZSubmit,
} from './responses.schemas.js';
import type { ResponseService } from './responses.service.js';

const ZSaveResult = z.object({
  id: z.uuid(),
  status: z.enum(['draft', 'submitted']),
  version: z.number().int(),
  answers: z.record(z.string(), z.unknown()),
  carryForward: z.record(z.string(), z.enum(['confirmed', 'changed'])),
  lastSavedAt: z.date().nullable(),
  lastSavedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  submittedAt: z.date().nullable(),
});

export function registerResponseRoutes(
  fastify: FastifyInstance,
  service: ResponseService,
  opts: { uploadMaxBytes: number },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['responses'];
  const base = '/api/v1/partnerships/:partnershipId/responses';
  const one = `${base}/:responseId`;

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Responses the person may see (requests sent, forms to answer)',
        params: ZPartnershipParams,
        querystring: ZResponseListQuery,
        response: { 200: pageOf(ZResponseSummary), ...errorResponses },
      },
    },
    async (req) => service.listResponses(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Send a request: a response to the latest published version of an audit tool',
        params: ZPartnershipParams,
        body: ZResponseCreate,
        response: { 201: ZResponseDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createResponse(actorContext(req), req.body)),
  );
  app.get(
    one,
    {
      schema: {
        tags,
        summary: 'One response with its template version, earlier answers and files',
        params: ZResponseParams,
        response: { 200: ZResponseDetail, ...errorResponses },
      },
    },
    async (req) => service.getResponse(actorContext(req), req.params.responseId),
  );
  app.put(
    `${one}/answers`,
    {
      // Long forms with long answers: more than the default 1 MB.
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Save draft answers (autosave); 409 with the saved answers when the version is stale',
        params: ZResponseParams,
        body: ZAnswersUpdate,
        response: { 200: ZSaveResult, ...errorResponses },
      },
    },
    async (req) => service.saveAnswers(actorContext(req), req.params.responseId, req.body),
  );
  app.post(
    `${one}/submit`,
    {
      schema: {
        tags,
        summary: 'Submit the response; its answers are then frozen',
        params: ZResponseParams,
        body: ZSubmit,
        response: { 200: ZSaveResult, ...errorResponses },
      },
    },
    async (req) => service.submitResponse(actorContext(req), req.params.responseId, req.body),
  );
  registerFileRoutes(fastify, {
    tags,
    maxBytes: opts.uploadMaxBytes,
    of: 'a question of a response',
    file: ZResponseFile,
    collection: {
      url: `${one}/questions/:questionId/files`,
      params: ZQuestionFileParams,
      checkUpload: (ctx, p) => service.checkUpload(ctx, p.responseId, p.questionId),
      addFile: (ctx, p, upload) => service.addFile(ctx, p.responseId, p.questionId, upload),
    },
    item: {
      url: `${one}/files/:fileId`,
      params: ZFileParams,
      openFile: (ctx, p) => service.openFile(ctx, p.responseId, p.fileId),
      removeFile: (ctx, p) => service.removeFile(ctx, p.responseId, p.fileId),
    },
  });
}
