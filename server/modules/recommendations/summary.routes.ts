import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { ZRegisterSummary, ZSummaryQuery } from './summary.schemas.js';
import type { SummaryService } from './summary.service.js';

/** The Board's "learning loop" summary of the register (PRODUCT.md §4.9). */
export function registerSummaryRoutes(fastify: FastifyInstance, service: SummaryService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/partnerships/:partnershipId/register/summary',
    {
      schema: {
        tags: ['recommendations'],
        summary:
          'The learning loop for the Board: recommendations agreed, on track, overdue, impact checked, embedded and closed; by agency and by theme (counts only)',
        params: ZPartnershipParams,
        querystring: ZSummaryQuery,
        response: { 200: ZRegisterSummary, ...errorResponses },
      },
    },
    async (req) => service.getSummary(actorContext(req), req.query),
  );
}
