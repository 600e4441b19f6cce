import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import { ZPriority, ZPriorityCreate, ZPriorityParams, ZPriorityUpdate } from './priorities.schemas.js';
import type { PriorityService } from './priorities.service.js';

export function registerPriorityRoutes(fastify: FastifyInstance, service: PriorityService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['priorities'];
  const base = '/api/v1/partnerships/:partnershipId/priorities';
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Strategic priorities',
        params: ZPartnershipParams,
        querystring: ZPageQuery,
        response: { 200: pageOf(ZPriority), ...errorResponses },
      },
    },
    async (req) => service.listPriorities(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Add a priority',
        params: ZPartnershipParams,
        body: ZPriorityCreate,
        response: { 201: ZPriority, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createPriority(actorContext(req), req.body)),
  );
  app.get(
    `${base}/:priorityId`,
    {
      schema: {
        tags,
        summary: 'One priority',
        params: ZPriorityParams,
        response: { 200: ZPriority, ...errorResponses },
      },
    },
    async (req) => service.getPriority(actorContext(req), req.params.priorityId),
  );
  app.put(
    `${base}/:priorityId`,
    {
      schema: {
        tags,
        summary: 'Change a priority',
        params: ZPriorityParams,
        body: ZPriorityUpdate,
        response: { 200: ZPriority, ...errorResponses },
      },
    },
    async (req) => service.updatePriority(actorContext(req), req.params.priorityId, req.body),
  );
  app.post(
    `${base}/:priorityId/deactivate`,
    {
      schema: {
        tags,
        summary: 'Deactivate a priority',
        params: ZPriorityParams,
        response: { 200: ZPriority, ...errorResponses },
      },
    },
    async (req) => service.setPriorityActive(actorContext(req), req.params.priorityId, false),
  );
  app.post(
    `${base}/:priorityId/reactivate`,
    {
      schema: {
        tags,
        summary: 'Reactivate a priority',
        params: ZPriorityParams,
        response: { 200: ZPriority, ...errorResponses },
      },
    },
    async (req) => service.setPriorityActive(actorContext(req), req.params.priorityId, true),
  );
}
