import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { registerFileRoutes } from '../../platform/uploads.js';
import {
  ZEvidenceInput,
  ZEvidenceSubmit,
  ZImpactCheck,
  ZImpactCheckPage,
  ZImpactCheckParams,
  ZImpactCheckQuery,
  ZImpactEvidenceFileParams,
  ZImpactEvidenceParams,
  ZJudgementInput,
} from './impact-checks.schemas.js';
import type { ImpactCheckService } from './impact-checks.service.js';
import { ZRegisterFile } from './register-files.schemas.js';

export function registerImpactCheckRoutes(
  fastify: FastifyInstance,
  service: ImpactCheckService,
  opts: { uploadMaxBytes: number },
) {
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

  // An agency's evidence files: read by whoever reads its evidence; added and removed while it is a draft.
  const evidence = `${base}/:impactCheckId/evidence/:agencyId/files`;
  registerFileRoutes(fastify, {
    tags,
    maxBytes: opts.uploadMaxBytes,
    of: 'an agency’s impact-check evidence',
    file: ZRegisterFile,
    collection: {
      url: evidence,
      params: ZImpactEvidenceParams,
      checkUpload: (ctx, p) => service.checkEvidenceUpload(ctx, p.impactCheckId, p.agencyId),
      addFile: (ctx, p, upload) => service.addEvidenceFile(ctx, p.impactCheckId, p.agencyId, upload),
      listFiles: (ctx, p) => service.listEvidenceFiles(ctx, p.impactCheckId, p.agencyId),
    },
    item: {
      url: `${evidence}/:fileId`,
      params: ZImpactEvidenceFileParams,
      openFile: (ctx, p) => service.openEvidenceFile(ctx, p.impactCheckId, p.agencyId, p.fileId),
      removeFile: (ctx, p) => service.removeEvidenceFile(ctx, p.impactCheckId, p.agencyId, p.fileId),
    },
  });
}
