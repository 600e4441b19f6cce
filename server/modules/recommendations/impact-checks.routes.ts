import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import {
  ZEvidenceInput,
  ZEvidenceSubmit,
  ZImpactCheck,
  ZImpactCheckPage,
  ZImpactCheckParams,
  ZImpactCheckQuery,
  ZImpactEvidenceParams,
  ZJudgementInput,
} from './impact-checks.schemas.js';
import type { ImpactCheckService } from './impact-checks.service.js';

export function registerImpactCheckRoutes(fastify: FastifyInstance, service: ImpactCheckService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['impact checks'];
  const base = '/api/v1/partnerships/:partnershipId/impact-checks';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Impact checks the signed-in person may see, soonest due first',
        params: ZPartnershipParams,
        querystring: ZImpactCheckQuery,
        response: { 200: ZImpactCheckPage, ...errorResponses },
      },
    },
    async (req) => service.listImpactChecks(actorContext(req), req.query),
  );
  app.get(
    `${base}/:impactCheckId`,
    {
      schema: {
        tags,
        summary: 'One impact check, with the evidence the signed-in person may see',
        params: ZImpactCheckParams,
        response: { 200: ZImpactCheck, ...errorResponses },
      },
    },
    async (req) => service.getImpactCheck(actorContext(req), req.params.impactCheckId),
  );
  app.put(
    `${base}/:impactCheckId/evidence/:agencyId`,
    {
      schema: {
        tags,
        summary: "Save an agency's evidence of change in practice and outcomes",
        params: ZImpactEvidenceParams,
        body: ZEvidenceInput,
        response: { 200: ZImpactCheck, ...errorResponses },
      },
    },
    async (req) =>
      service.saveEvidence(actorContext(req), req.params.impactCheckId, req.params.agencyId, req.body),
  );
  app.post(
    `${base}/:impactCheckId/evidence/:agencyId/submit`,
    {
      schema: {
        tags,
        summary: "Submit an agency's evidence to the monitoring group",
        params: ZImpactEvidenceParams,
        body: ZEvidenceSubmit,
        response: { 200: ZImpactCheck, ...errorResponses },
      },
    },
    async (req) =>
      service.submitEvidence(
        actorContext(req),
        req.params.impactCheckId,
        req.params.agencyId,
        req.body ?? {},
      ),
  );
  app.post(
    `${base}/:impactCheckId/judgement`,
    {
      schema: {
        tags,
        summary: "Record the monitoring group's judgement (not embedded reopens the recommendation)",
        params: ZImpactCheckParams,
        body: ZJudgementInput,
        response: { 200: ZImpactCheck, ...errorResponses },
      },
    },
    async (req) => service.judgeImpactCheck(actorContext(req), req.params.impactCheckId, req.body),
  );
}
