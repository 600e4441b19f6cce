import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  actorContext,
  errorResponses,
  requestContext,
  sendNotFound,
  ZPartnershipParams,
} from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import type { CalendarFeedService } from './calendar-feed.service.js';
import {
  ZActivity,
  ZActivityCreate,
  ZActivityParams,
  ZActivityUpdate,
  ZAgencyView,
  ZApprovalInput,
  ZCalendarFeedCreated,
  ZCalendarFeedStatus,
  ZChangesPage,
  ZChangesQuery,
  ZCopyForward,
  ZMonthList,
  ZProgrammeAgencyParams,
  ZProgrammeCreate,
  ZProgrammeDetail,
  ZProgrammeParams,
  ZProgrammeSummary,
  ZProgrammeUpdate,
  ZQuarterGrid,
  ZStatusChange,
} from './programme.schemas.js';
import type { ProgrammeService } from './programme.service.js';

/** The signed-in person, for routes about their own things (/api/v1/me/...). The auth hook has checked. */
function me(req: FastifyRequest) {
  const person = req.signedIn?.person;
  if (!person) throw new AppError('UNAUTHENTICATED', 'You need to sign in to do that');
  return person;
}

export function registerProgrammeRoutes(
  fastify: FastifyInstance,
  service: ProgrammeService,
  feeds: CalendarFeedService,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['programme'];
  const programmes = '/api/v1/partnerships/:partnershipId/programmes';
  const activities = '/api/v1/partnerships/:partnershipId/activities';

  app.get(
    programmes,
    {
      schema: {
        tags,
        summary: 'QA programmes, newest year first',
        params: ZPartnershipParams,
        querystring: ZPageQuery,
        response: { 200: pageOf(ZProgrammeSummary), ...errorResponses },
      },
    },
    async (req) => service.listProgrammes(actorContext(req), req.query),
  );
  app.post(
    programmes,
    {
      schema: {
        tags,
        summary: 'Start a programme for a year',
        params: ZPartnershipParams,
        body: ZProgrammeCreate,
        response: { 201: ZProgrammeDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createProgramme(actorContext(req), req.body)),
  );
  app.get(
    `${programmes}/:programmeId`,
    {
      schema: {
        tags,
        summary: 'One programme with its activities',
        params: ZProgrammeParams,
        response: { 200: ZProgrammeDetail, ...errorResponses },
      },
    },
    async (req) => service.getProgramme(actorContext(req), req.params.programmeId),
  );
  app.put(
    `${programmes}/:programmeId`,
    {
      schema: {
        tags,
        summary: 'Rename a programme',
        params: ZProgrammeParams,
        body: ZProgrammeUpdate,
        response: { 200: ZProgrammeDetail, ...errorResponses },
      },
    },
    async (req) => service.updateProgramme(actorContext(req), req.params.programmeId, req.body),
  );
  app.post(
    `${programmes}/:programmeId/approval`,
    {
      schema: {
        tags,
        summary: "Record the Executive's approval of the programme",
        params: ZProgrammeParams,
        body: ZApprovalInput,
        response: { 200: ZProgrammeDetail, ...errorResponses },
      },
    },
    async (req) => service.recordApproval(actorContext(req), req.params.programmeId, req.body),
  );
  app.get(
    `${programmes}/:programmeId/changes-since-approval`,
    {
      schema: {
        tags,
        summary: 'Changes to the programme and its activities since its approval was recorded',
        params: ZProgrammeParams,
        querystring: ZChangesQuery,
        response: { 200: ZChangesPage, ...errorResponses },
      },
    },
    async (req) => service.listChangesSinceApproval(actorContext(req), req.params.programmeId, req.query),
  );
  app.post(
    `${programmes}/:programmeId/copy-forward`,
    {
      schema: {
        tags,
        summary: 'Start next year’s programme from this one',
        params: ZProgrammeParams,
        body: ZCopyForward,
        response: { 201: ZProgrammeDetail, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.copyForward(actorContext(req), req.params.programmeId, req.body ?? {})),
  );
  app.post(
    `${programmes}/:programmeId/deactivate`,
    {
      schema: {
        tags,
        summary: 'Deactivate a programme',
        params: ZProgrammeParams,
        response: { 200: ZProgrammeDetail, ...errorResponses },
      },
    },
    async (req) => service.setProgrammeActive(actorContext(req), req.params.programmeId, false),
  );
  app.post(
    `${programmes}/:programmeId/reactivate`,
    {
      schema: {
        tags,
        summary: 'Reactivate a programme',
        params: ZProgrammeParams,
        response: { 200: ZProgrammeDetail, ...errorResponses },
      },
    },
    async (req) => service.setProgrammeActive(actorContext(req), req.params.programmeId, true),
  );
  app.get(
    `${programmes}/:programmeId/quarters`,
    {
      schema: {
        tags,
        summary: 'The programme year as a grid of quarters',
        params: ZProgrammeParams,
        response: { 200: ZQuarterGrid, ...errorResponses },
      },
    },
    async (req) => service.getQuarterGrid(actorContext(req), req.params.programmeId),
  );
  app.get(
    `${programmes}/:programmeId/months`,
    {
      schema: {
        tags,
        summary: 'Every key date of the programme, month by month',
        params: ZProgrammeParams,
        response: { 200: ZMonthList, ...errorResponses },
      },
    },
    async (req) => service.getMonthList(actorContext(req), req.params.programmeId),
  );
  app.get(
    `${programmes}/:programmeId/agencies/:agencyId`,
    {
      schema: {
        tags,
        summary: 'What the programme asks of one agency, month by month',
        params: ZProgrammeAgencyParams,
        response: { 200: ZAgencyView, ...errorResponses },
      },
    },
    async (req) => service.getAgencyView(actorContext(req), req.params.programmeId, req.params.agencyId),
  );

  app.post(
    activities,
    {
      schema: {
        tags,
        summary: 'Plan an activity in a programme',
        params: ZPartnershipParams,
        body: ZActivityCreate,
        response: { 201: ZActivity, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createActivity(actorContext(req), req.body)),
  );
  app.get(
    `${activities}/:activityId`,
    {
      schema: {
        tags,
        summary: 'One activity',
        params: ZActivityParams,
        response: { 200: ZActivity, ...errorResponses },
      },
    },
    async (req) => service.getActivity(actorContext(req), req.params.activityId),
  );
  app.put(
    `${activities}/:activityId`,
    {
      schema: {
        tags,
        summary: 'Change an activity',
        params: ZActivityParams,
        body: ZActivityUpdate,
        response: { 200: ZActivity, ...errorResponses },
      },
    },
    async (req) => service.updateActivity(actorContext(req), req.params.activityId, req.body),
  );
  app.post(
    `${activities}/:activityId/status`,
    {
      schema: {
        tags,
        summary: 'Move an activity along its workflow',
        params: ZActivityParams,
        body: ZStatusChange,
        response: { 200: ZActivity, ...errorResponses },
      },
    },
    async (req) => service.changeActivityStatus(actorContext(req), req.params.activityId, req.body),
  );

  const feed = '/api/v1/me/calendar-feed';
  app.get(
    feed,
    {
      schema: {
        tags: ['calendar'],
        summary: 'Whether the signed-in person has a calendar feed',
        response: { 200: ZCalendarFeedStatus, ...errorResponses },
      },
    },
    async (req) => feeds.getFeed(me(req)),
  );
  app.post(
    feed,
    {
      schema: {
        tags: ['calendar'],
        summary: 'Make a new secret calendar feed URL (replacing any earlier one); shown only this once',
        response: { 201: ZCalendarFeedCreated, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await feeds.createFeed(requestContext(req), me(req))),
  );
  app.delete(
    feed,
    {
      schema: {
        tags: ['calendar'],
        summary: 'Stop the signed-in person’s calendar feed',
        response: { 200: ZCalendarFeedStatus, ...errorResponses },
      },
    },
    async (req) => feeds.revokeFeed(requestContext(req), me(req)),
  );

  // Calendar apps fetch this without a session: the secret token in the URL is the credential.
  app.get(
    '/calendar/:file',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: 'A person’s calendar feed (iCalendar), by its secret URL',
        security: [],
        params: z.object({ file: z.string().max(200) }),
      },
    },
    async (req, reply) => {
      const match = /^(.+)\.ics$/.exec(req.params.file);
      const body = match ? await feeds.renderFeed(match[1]) : null;
      if (body === null) return sendNotFound(req, reply);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .send(body);
    },
  );
}
