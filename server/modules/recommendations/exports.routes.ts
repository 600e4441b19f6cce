import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { ukToday } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { ZActionPlanParams } from './actions.schemas.js';
import { createExportService, type ExportService } from './exports.service.js';
import { ZRecommendationQuery } from './recommendations.schemas.js';
import { registerSummaryRoutes } from './summary.routes.js';
import { ZSummaryQuery } from './summary.schemas.js';
import { createSummaryService } from './summary.service.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The register list's filters, without paging, and the Board summary's year of agreement. */
export const ZRegisterExportQuery = ZRecommendationQuery.omit({
  page: true,
  pageSize: true,
  includeInactive: true,
}).extend({ year: ZSummaryQuery.shape.year });

/** A file name safe in a Content-Disposition header: ASCII letters, digits and dashes. */
const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60) || 'agency';

/** The register's exports (CSV, XLSX) and an agency's board-ready action-plan PDF. */
export function registerExportRoutes(fastify: FastifyInstance, service: ExportService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['recommendations'];
  const register = '/api/v1/partnerships/:partnershipId/register';
  const day = () => ukToday(new Date());

  app.get(
    `${register}/recommendations.csv`,
    {
      schema: {
        tags,
        summary: 'The filtered register as CSV (streamed; the export is itself logged)',
        params: ZPartnershipParams,
        querystring: ZRegisterExportQuery,
        produces: ['text/csv'],
        response: { 200: z.any().describe('CSV file'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const stream = await service.exportCsv(actorContext(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="assure-recommendations-${day()}.csv"`)
        .send(stream);
    },
  );
  app.get(
    `${register}/recommendations.xlsx`,
    {
      schema: {
        tags,
        summary:
          'The filtered register as an XLSX workbook: Recommendations and Actions sheets (streamed; logged)',
        params: ZPartnershipParams,
        querystring: ZRegisterExportQuery,
        produces: [XLSX_MIME],
        response: { 200: z.any().describe('XLSX workbook'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const stream = await service.exportXlsx(actorContext(req), req.query);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="assure-recommendations-${day()}.xlsx"`)
        .send(stream);
    },
  );
  app.get(
    '/api/v1/partnerships/:partnershipId/agencies/:agencyId/action-plan.pdf',
    {
      schema: {
        tags,
        summary: 'An agency’s action plan as a board-ready PDF (logged)',
        params: ZActionPlanParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('PDF file'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { pdf, agencyName, today } = await service.exportActionPlanPdf(
        actorContext(req),
        req.params.agencyId,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="action-plan-${slug(agencyName)}-${today}.pdf"`)
        .send(pdf);
    },
  );
}

/** Wires the Board's summary and the register's exports (one line in modules/index.ts). */
export function registerRegisterReports(fastify: FastifyInstance, deps: { db: Db; clock: Clock }) {
  registerSummaryRoutes(fastify, createSummaryService(deps));
  registerExportRoutes(fastify, createExportService(deps));
}
