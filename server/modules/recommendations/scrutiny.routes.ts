import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import {
  ZScrutinyInput,
  ZScrutinyPage,
  ZScrutinyParams,
  ZScrutinyQuery,
  ZScrutinyReview,
  ZScrutinyUpdate,
} from './scrutiny.schemas.js';
import type { ScrutinyService } from './scrutiny.service.js';

export function registerScrutinyRoutes(fastify: FastifyInstance, service: ScrutinyService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['scrutiny and peer review'];
  const base = '/api/v1/partnerships/:partnershipId/scrutiny-reviews';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The scrutiny plan: scrutiny topics and peer reviews',
        params: ZPartnershipParams,
        querystring: ZScrutinyQuery,
        response: { 200: ZScrutinyPage, ...errorResponses },
      },
    },
    async (req) => service.listScrutinyReviews(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Add a scrutiny topic or peer review to the plan',
        params: ZPartnershipParams,
        body: ZScrutinyInput,
        response: { 201: ZScrutinyReview, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createScrutinyReview(actorContext(req), req.body)),
  );
  app.get(
    `${base}/:scrutinyReviewId`,
    {
      schema: {
        tags,
        summary: 'One scrutiny topic or peer review, with the recommendations that came from it',
        params: ZScrutinyParams,
        response: { 200: ZScrutinyReview, ...errorResponses },
      },
    },
    async (req) => service.getScrutinyReview(actorContext(req), req.params.scrutinyReviewId),
  );
  app.put(
    `${base}/:scrutinyReviewId`,
    {
      schema: {
        tags,
        summary: 'Change a scrutiny topic or peer review',
        params: ZScrutinyParams,
        body: ZScrutinyUpdate,
        response: { 200: ZScrutinyReview, ...errorResponses },
      },
    },
    async (req) => service.updateScrutinyReview(actorContext(req), req.params.scrutinyReviewId, req.body),
  );
  app.post(
    `${base}/:scrutinyReviewId/deactivate`,
    {
      schema: {
        tags,
        summary: 'Deactivate a scrutiny topic or peer review',
        params: ZScrutinyParams,
        response: { 200: ZScrutinyReview, ...errorResponses },
      },
    },
    async (req) => service.deactivateScrutinyReview(actorContext(req), req.params.scrutinyReviewId),
  );
  app.post(
    `${base}/:scrutinyReviewId/reactivate`,
    {
      schema: {
        tags,
        summary: 'Reactivate a scrutiny topic or peer review',
        params: ZScrutinyParams,
        response: { 200: ZScrutinyReview, ...errorResponses },
      },
    },
    async (req) => service.reactivateScrutinyReview(actorContext(req), req.params.scrutinyReviewId),
  );
}
