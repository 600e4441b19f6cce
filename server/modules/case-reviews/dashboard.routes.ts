import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { ZCaseReviewCounts, ZCountsQuery, ZDashboard } from './dashboard.schemas.js';
import type { CaseReviewDashboardService } from './dashboard.service.js';

/** The case reviews dashboard and the annual counts. */
export function registerCaseReviewDashboardRoutes(
  fastify: FastifyInstance,
  service: CaseReviewDashboardService,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['case reviews'];
  const base = '/api/v1/partnerships/:partnershipId/case-reviews';

  app.get(
    `${base}/dashboard`,
    {
      schema: {
        tags,
        summary: 'What is due this week and what is overdue, on the case files the signed-in person may read',
        description:
          'Notifications not yet sent (due 5 working days after the local authority became aware), rapid ' +
          'review steps not done (each due working day N after the notification was sent: information ' +
          'requested day 3, summaries day 6, collated day 7, decision meeting day 13, decision sent day 15), ' +
          'agencies’ summaries not submitted (due 3 working days after the request), SAR referrals not ' +
          'acknowledged (5 working days after receipt), review milestones not done, and target publication ' +
          'dates (6 months after initiation) of unpublished reviews. Due this week: from today to Sunday; ' +
          'overdue: before today. The case review group sees every case file; anyone else only files naming ' +
          'them (so the lists are empty for most members). Audit-logged as a view.',
        params: ZPartnershipParams,
        response: { 200: ZDashboard, ...errorResponses },
      },
    },
    async (req) => service.dashboard(actorContext(req)),
  );

  app.get(
    `${base}/counts`,
    {
      schema: {
        tags,
        summary: 'Case review counts for one calendar year, for the annual report',
        description:
          'Notifications (in time, late, not sent; care leavers’ deaths), rapid reviews by decision, SAR ' +
          'referrals by decision and by whether the s44 criteria made them mandatory, reviews started, ' +
          'published and published late, and recurring themes. No case detail: the case review group, ' +
          'partnership admins and board viewers. The year defaults to this year (UK). Audit-logged as a view.',
        params: ZPartnershipParams,
        querystring: ZCountsQuery,
        response: { 200: ZCaseReviewCounts, ...errorResponses },
      },
    },
    async (req) => service.counts(actorContext(req), req.query),
  );
}
