import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses } from '../../platform/http.js';
import { ZCaseFileDetail } from './case-files.schemas.js';
import { ZCaseFileParams, ZSarDecisionBody, ZSarReferralBody } from './sar-referrals.schemas.js';
import type { SarReferralService } from './sar-referrals.service.js';

/** SAR referrals (adults) under a case file: the referral and the review panel's decision. */
export function registerSarReferralRoutes(fastify: FastifyInstance, service: SarReferralService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['case reviews'];
  const base = '/api/v1/partnerships/:partnershipId/case-files/:caseFileId/sar-referral';

  app.put(
    base,
    {
      schema: {
        tags,
        summary: 'Record or change the SAR referral of an adult’s case file',
        description:
          'Only on adult case files (400 otherwise). acknowledgeDueOn is computed: 5 working days after ' +
          'receivedOn (weekends and England and Wales bank holidays skipped), recomputed when receivedOn ' +
          'changes. The answer says whether the s44 criteria make a review mandatory or whether it would be ' +
          'discretionary. Changing a recorded referral needs its version (409 with the saved referral when ' +
          'stale). Answers with the whole case file detail (sarReferral carries acknowledgeDueOn, mandatory, ' +
          'overdue and workingDay). Case review group, or people named on the file with edit; a named reader ' +
          'gets 403 and anyone else 404.',
        params: ZCaseFileParams,
        body: ZSarReferralBody,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) => service.putReferral(actorContext(req), req.params.caseFileId, req.body),
  );

  app.put(
    `${base}/decision`,
    {
      schema: {
        tags,
        summary: 'Record the review panel’s decision on a SAR referral',
        description:
          'Immediate learning through rapid triage, single-agency review, partnership review, discretionary ' +
          'SAR, or SAR. "sar" needs the s44 criteria met, "discretionary_sar" needs them not met; ' +
          'concernsNotIdentified needs thresholdsLearning. The date cannot be before the referral was ' +
          'received or in the future. Answers with the whole case file detail.',
        params: ZCaseFileParams,
        body: ZSarDecisionBody,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) => service.decide(actorContext(req), req.params.caseFileId, req.body),
  );
}
