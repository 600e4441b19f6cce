import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZTemplateKind } from '../../../contracts/audit-tools.js';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import type { AuditTemplateLibraryService } from './audit-tools.library.js';
import { ZTemplateDetail } from './audit-tools.schemas.js';

const ZStarterParams = ZPartnershipParams.extend({
  starterId: z
    .string()
    .max(100, { message: 'Starter template ids are 100 characters or fewer' })
    .regex(/^[a-z0-9-]+$/, {
      message: 'Starter template ids use only lower-case letters, digits and hyphens',
    }),
});

const ZStarterSummary = z.object({
  id: z.string(),
  title: z.string(),
  kind: ZTemplateKind,
  description: z.string(),
  /** How many sections and questions the starter has. */
  sections: z.number().int(),
  questions: z.number().int(),
  sectionTitles: z.array(z.string()),
});

const ZStarterList = z.object({
  items: z.array(ZStarterSummary),
  allowedVerbs: z.array(z.enum(['readPublished', 'readDrafts', 'write'])),
});

export function registerAuditTemplateLibraryRoutes(
  fastify: FastifyInstance,
  service: AuditTemplateLibraryService,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit-tools'];
  const base = '/api/v1/partnerships/:partnershipId/audit-templates/library';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The starter library of audit-tool templates',
        params: ZPartnershipParams,
        response: { 200: ZStarterList, ...errorResponses },
      },
    },
    async (req) => service.listStarters(actorContext(req)),
  );
  app.post(
    `${base}/:starterId`,
    {
      schema: {
        tags,
        summary: 'Add a starter to the partnership’s templates (as a new template with draft version 1)',
        params: ZStarterParams,
        response: { 201: ZTemplateDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addStarter(actorContext(req), req.params.starterId)),
  );
}
