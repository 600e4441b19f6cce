import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { registerFileRoutes } from '../../platform/uploads.js';
import {
  ZAssuranceAnswer,
  ZAssuranceCreate,
  ZAssuranceFileParams,
  ZAssuranceJudgementInput,
  ZAssurancePage,
  ZAssuranceParams,
  ZAssuranceQuery,
  ZAssuranceRequest,
} from './assurance.schemas.js';
import type { AssuranceService } from './assurance.service.js';
import { ZRegisterFile } from './register-files.schemas.js';

export function registerAssuranceRoutes(
  fastify: FastifyInstance,
  service: AssuranceService,
  opts: { uploadMaxBytes: number },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['assurance requests'];
  const base = '/api/v1/partnerships/:partnershipId/assurance-requests';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Single-agency assurance requests the signed-in person may see',
        params: ZPartnershipParams,
        querystring: ZAssuranceQuery,
        response: { 200: ZAssurancePage, ...errorResponses },
      },
    },
    async (req) => service.listAssuranceRequests(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Ask one agency to evidence its response to recommendations addressed to it',
        params: ZPartnershipParams,
        body: ZAssuranceCreate,
        response: { 201: ZAssuranceRequest, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createAssuranceRequest(actorContext(req), req.body)),
  );
  app.get(
    `${base}/:assuranceRequestId`,
    {
      schema: {
        tags,
        summary: 'One assurance request with its recommendations, answer and judgement',
        params: ZAssuranceParams,
        response: { 200: ZAssuranceRequest, ...errorResponses },
      },
    },
    async (req) => service.getAssuranceRequest(actorContext(req), req.params.assuranceRequestId),
  );
  app.post(
    `${base}/:assuranceRequestId/answer`,
    {
      schema: {
        tags,
        summary: "The agency lead's answer",
        params: ZAssuranceParams,
        body: ZAssuranceAnswer,
        response: { 200: ZAssuranceRequest, ...errorResponses },
      },
    },
    async (req) => service.answerAssuranceRequest(actorContext(req), req.params.assuranceRequestId, req.body),
  );
  app.post(
    `${base}/:assuranceRequestId/judgement`,
    {
      schema: {
        tags,
        summary: "Record the group's judgement on the answer",
        params: ZAssuranceParams,
        body: ZAssuranceJudgementInput,
        response: { 200: ZAssuranceRequest, ...errorResponses },
      },
    },
    async (req) => service.judgeAssuranceRequest(actorContext(req), req.params.assuranceRequestId, req.body),
  );

  // The answer's evidence files: read by whoever reads the request; added and removed by the agency's lead
  // until the answer is judged.
  const files = `${base}/:assuranceRequestId/answer/files`;
  registerFileRoutes(fastify, {
    tags,
    maxBytes: opts.uploadMaxBytes,
    of: 'the answer to an assurance request',
    file: ZRegisterFile,
    collection: {
      url: files,
      params: ZAssuranceParams,
      checkUpload: (ctx, p) => service.checkAnswerUpload(ctx, p.assuranceRequestId),
      addFile: (ctx, p, upload) => service.addAnswerFile(ctx, p.assuranceRequestId, upload),
      listFiles: (ctx, p) => service.listAnswerFiles(ctx, p.assuranceRequestId),
    },
    item: {
      url: `${files}/:fileId`,
      params: ZAssuranceFileParams,
      openFile: (ctx, p) => service.openAnswerFile(ctx, p.assuranceRequestId, p.fileId),
      removeFile: (ctx, p) => service.removeAnswerFile(ctx, p.assuranceRequestId, p.fileId),
    },
  });
}
