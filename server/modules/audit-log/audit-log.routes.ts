import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ukToday } from '../../platform/clock.js';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { ZAuditEntry, ZAuditFilter, ZAuditQuery } from './audit-log.schemas.js';
import type { AuditLogService } from './audit-log.service.js';

export function registerAuditLogRoutes(fastify: FastifyInstance, service: AuditLogService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit log'];
  app.get(
    '/api/v1/partnerships/:partnershipId/audit-log',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first, filtered by person, entity, action and dates',
        params: ZPartnershipParams,
        querystring: ZAuditQuery,
        response: { 200: pageOf(ZAuditEntry), ...errorResponses },
      },
    },
    async (req) => service.listAuditLog(actorContext(req), req.query),
  );
  app.get(
    '/api/v1/partnerships/:partnershipId/audit-log.csv',
    {
      schema: {
        tags,
        summary: 'The filtered audit log as CSV (streamed; the export is itself logged)',
        params: ZPartnershipParams,
        querystring: ZAuditFilter,
        produces: ['text/csv'],
        response: { 200: z.any().describe('CSV file'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const stream = await service.exportAuditLog(actorContext(req), req.query);
      const day = ukToday(new Date());
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="assure-audit-log-${day}.csv"`)
        .send(stream);
    },
  );
}
