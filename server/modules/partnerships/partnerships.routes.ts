import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { ZPartnership, ZPartnershipUpdate } from './partnerships.schemas.js';
import type { PartnershipService } from './partnerships.service.js';

export function registerPartnershipRoutes(fastify: FastifyInstance, service: PartnershipService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['partnerships'];
  app.get(
    '/api/v1/partnerships/:partnershipId',
    {
      schema: {
        tags,
        summary: 'The partnership',
        params: ZPartnershipParams,
        response: { 200: ZPartnership, ...errorResponses },
      },
    },
    async (req) => service.getPartnership(actorContext(req)),
  );
  app.put(
    '/api/v1/partnerships/:partnershipId',
    {
      schema: {
        tags,
        summary: 'Change the partnership name or coverage',
        params: ZPartnershipParams,
        body: ZPartnershipUpdate,
        response: { 200: ZPartnership, ...errorResponses },
      },
    },
    async (req) => service.updatePartnership(actorContext(req), req.body),
  );
}
