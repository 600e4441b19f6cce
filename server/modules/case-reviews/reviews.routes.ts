import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses } from '../../platform/http.js';
import { ZCaseFileDetail } from './case-files.schemas.js';
import { ZCaseFileParams } from './case-reviews.schemas.js';
import {
  ZCaseRecommendationBody,
  ZReviewCreateBody,
  ZReviewEventBody,
  ZReviewEventParams,
  ZReviewEventUpdateBody,
  ZReviewParams,
  ZReviewUpdateBody,
} from './reviews.schemas.js';
import type { ReviewService } from './reviews.service.js';

const WHO =
  'Answers with the whole case file detail. Case review group, or people named on the case file with edit; a ' +
  'named reader gets 403 and anyone else 404.';

/** Reviews under a case file, their milestones, and recommendations from the file into the register. */
export function registerReviewRoutes(fastify: FastifyInstance, service: ReviewService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['case reviews'];
  const file = '/api/v1/partnerships/:partnershipId/case-files/:caseFileId';

  app.post(
    `${file}/reviews`,
    {
      schema: {
        tags,
        summary: 'Commission a review (LCSPR, SAR, partnership or single-agency review) from a case file',
        description:
          'An LCSPR only for a child, a SAR only for an adult; only an LCSPR may recommend a national review. ' +
          'targetPublicationOn is computed: 6 calendar months after initiatedOn (a month end clamps to the ' +
          `shorter month). The review starts as commissioned. ${WHO}`,
        params: ZCaseFileParams,
        body: ZReviewCreateBody,
        response: { 201: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createReview(actorContext(req), req.params.caseFileId, req.body)),
  );

  app.put(
    `${file}/reviews/:reviewId`,
    {
      schema: {
        tags,
        summary: 'Change a review: reviewer, terms of reference, family involvement, status, publication',
        description:
          'A publication after targetPublicationOn, a target passed while unpublished, or a target more than ' +
          '6 months after initiation needs delayReason (400 naming it otherwise). A published review needs ' +
          'publishedOn. overdue: not published or closed and today (UK) is after targetPublicationOn. A stale ' +
          `version answers 409 with the saved review (not the detail). ${WHO}`,
        params: ZReviewParams,
        body: ZReviewUpdateBody,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) =>
      service.updateReview(actorContext(req), req.params.caseFileId, req.params.reviewId, req.body),
  );

  app.post(
    `${file}/reviews/:reviewId/events`,
    {
      schema: {
        tags,
        summary: 'Add a milestone to a review',
        description:
          'Terms of reference, agency report (naming the agency), panel meeting, draft, family involvement, ' +
          `national panel told of publication. overdue: not done and today (UK) is after dueOn. ${WHO}`,
        params: ZReviewParams,
        body: ZReviewEventBody,
        response: { 201: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.addEvent(actorContext(req), req.params.caseFileId, req.params.reviewId, req.body),
        ),
  );

  app.put(
    `${file}/reviews/:reviewId/events/:eventId`,
    {
      schema: {
        tags,
        summary: 'Change a review’s milestone (for example, record the day it happened)',
        description: `A stale version answers 409 with the saved milestone (not the detail). ${WHO}`,
        params: ZReviewEventParams,
        body: ZReviewEventUpdateBody,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) =>
      service.updateEvent(
        actorContext(req),
        req.params.caseFileId,
        req.params.reviewId,
        req.params.eventId,
        req.body,
      ),
  );

  app.post(
    `${file}/recommendations`,
    {
      schema: {
        tags,
        summary: 'Put a recommendation from a case file into the register',
        description:
          'Creates a draft recommendation in the register, numbered next in the partnership, with source ' +
          'type case_file. Its source is the review named by reviewId (LCSPR → lcspr, SAR → sar, others → ' +
          'other), or else the rapid review (children: rapid_review) or the SAR referral (adults: other); the ' +
          'source title names the case file’s reference ("LCSPR C-7"), never its label. Impact checks are ' +
          `scheduled when the register agrees it. ${WHO}`,
        params: ZCaseFileParams,
        body: ZCaseRecommendationBody,
        response: { 201: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.addRecommendation(actorContext(req), req.params.caseFileId, req.body)),
  );
}
