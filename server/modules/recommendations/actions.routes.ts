import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { registerFileRoutes } from '../../platform/uploads.js';
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
  ZActionPlanQuery,
  ZActionStatusChange,
  ZActionSummary,
  ZActionUpdateParams,
  ZLinkedRecommendation,
  ZProgressUpdateCreate,
  ZRef,
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
    '/api/v1/partnerships/:partnershipId/agencies/:agencyId/action-plan',
    {
      schema: {
        tags,
        summary:
          'An agency’s action plan, a page at a time, grouped by where each action stands (overdue first), with each group’s total',
        params: ZActionPlanParams,
        querystring: ZActionPlanQuery,
        response: { 200: ZActionPlan, ...errorResponses },
      },
    },
    async (req) => service.getActionPlan(actorContext(req), req.params.agencyId, req.query),
  );
  app.get(
    '/api/v1/partnerships/:partnershipId/agencies/:agencyId/action-plan/unanswered',
    {
      schema: {
        tags,
        summary:
          'Recommendations in force addressed to the agency that none of its actions answers yet, by number, paged',
        params: ZActionPlanParams,
        querystring: ZActionPlanQuery,
        response: { 200: pageOf(ZLinkedRecommendation).extend({ agency: ZRef }), ...errorResponses },
      },
    },
    async (req) => service.listUnansweredRecommendations(actorContext(req), req.params.agencyId, req.query),
  );

  registerFileRoutes(fastify, {
    tags,
    maxBytes: opts.uploadMaxBytes,
    of: 'a progress update of an action',
    file: ZActionFile,
    collection: {
      url: `${one}/updates/:updateId/files`,
      params: ZActionUpdateParams,
      checkUpload: (ctx, p) => service.checkUpload(ctx, p.actionId, p.updateId),
      addFile: (ctx, p, upload) => service.addFile(ctx, p.actionId, p.updateId, upload),
    },
    item: {
      url: `${one}/files/:fileId`,
      params: ZActionFileParams,
      openFile: (ctx, p) => service.openFile(ctx, p.actionId, p.fileId),
      removeFile: (ctx, p) => service.removeFile(ctx, p.actionId, p.fileId),
    },
  });
}
