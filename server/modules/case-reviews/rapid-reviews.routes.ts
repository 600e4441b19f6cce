import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses } from '../../platform/http.js';
import { ZCaseFileDetail, ZCaseFileParams } from './case-files.schemas.js';
import {
  ZDecisionBody,
  ZRapidReviewStepParams,
  ZStepBody,
  ZSummaryRequestBody,
} from './rapid-reviews.schemas.js';
import type { RapidReviewService } from './rapid-reviews.service.js';

const WHO =
  'For the case review group and people named on the case file with edit access; people named with read ' +
  'access are answered 403, anyone else 404. Answers with the whole case file.';

/** Rapid reviews (children): open from a sent notification, the timetable's steps, summaries, the decision. */
export function registerRapidReviewRoutes(fastify: FastifyInstance, service: RapidReviewService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['case reviews'];
  const base = '/api/v1/partnerships/:partnershipId/case-files/:caseFileId/rapid-review';

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Open the rapid review from a serious incident notification that has been sent',
        description:
          `${WHO} Day 0 is the day the notification was sent to the national panel; dueOn is working day 15 ` +
          'after it (weekends and England and Wales bank holidays never count). The five steps are due on ' +
          'working days 3 (request information from agencies), 6 (agencies’ summaries: 3 working days after ' +
          'the request), 7 (collate), 13 (decision meeting) and 15 (decision sent to the national panel). ' +
          'Answered 400 when there is no sent serious incident notification (a care leaver’s death needs no ' +
          'rapid review) and 409 when a rapid review is already open.',
        params: ZCaseFileParams,
        response: { 201: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.openRapidReview(actorContext(req), req.params.caseFileId)),
  );
  app.put(
    `${base}/steps/:stepId`,
    {
      schema: {
        tags,
        summary: 'Change a rapid review step: owner, due date, done date, notes',
        description:
          `${WHO} The owner must be able to read the case file (the case review group or named on it). A step ` +
          'is overdue once today (UK) is after its due date and it is not done. A stale version is answered 409.',
        params: ZRapidReviewStepParams,
        body: ZStepBody,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) => service.updateStep(actorContext(req), req.params.caseFileId, req.params.stepId, req.body),
  );
  app.post(
    `${base}/summary-requests`,
    {
      schema: {
        tags,
        summary: 'Ask agencies for their summaries of involvement (one form to fill in per agency)',
        description:
          `${WHO} Each agency gets a request on the chosen published form, titled with the case file’s ` +
          'reference (never its label) and due 3 working days after today. Only the agency’s lead (who answers ' +
          'it) and the case file’s readers can see it. The "request information" step is marked done today and ' +
          'the summaries step’s due date moves to the requests’ due date.',
        params: ZCaseFileParams,
        body: ZSummaryRequestBody,
        response: { 201: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.requestSummaries(actorContext(req), req.params.caseFileId, req.body)),
  );
  app.put(
    `${base}/decision`,
    {
      schema: {
        tags,
        summary: 'Record the rapid review’s decision',
        description:
          `${WHO} Immediate learning only, single-agency review, partnership review, LCSPR (which alone may ` +
          'recommend a national review) or no further action, with who decided and why. Where safeguarding ' +
          'concerns were not identified, the thresholds learning is required. The decision meeting and ' +
          'decision sent steps are marked done on the dates given; decisionInTime says whether the decision ' +
          'reached the national panel by working day 15. A stale version is answered 409.',
        params: ZCaseFileParams,
        body: ZDecisionBody,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) => service.recordDecision(actorContext(req), req.params.caseFileId, req.body),
  );
}
