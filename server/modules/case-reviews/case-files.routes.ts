import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCaseFileCreate, ZCaseFileUpdate } from '../../../contracts/case-reviews.js';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import {
  ZAccessGrantBody,
  ZAccessList,
  ZCaseFileAccessParams,
  ZCaseFileDetail,
  ZCaseFileListQuery,
  ZCaseFilePage,
  ZCaseFileParams,
  ZNotificationBody,
} from './case-files.schemas.js';
import type { CaseFileService } from './case-files.service.js';

const WHO =
  'Only the case review group and people named on the case file may read it; anyone else is answered 404, ' +
  'so a case file’s existence is not disclosed. Every view is audit-logged.';

/** Case files: the case reviews register, one case file, the people named on it, its notification. */
export function registerCaseFileRoutes(fastify: FastifyInstance, service: CaseFileService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['case reviews'];
  const base = '/api/v1/partnerships/:partnershipId/case-files';
  const one = `${base}/:caseFileId`;

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The case files the person may read, newest first, with each one’s stage and next due date',
        description:
          'The case review group sees every case file; a person named on case files sees only those; anyone ' +
          'else gets an empty list. nextDue is the soonest open dated item: the notification (5 working days ' +
          'after the local authority became aware), a rapid review step (working days 3, 6, 7, 13 and 15 after ' +
          'the notification was sent), an agency’s summary (3 working days after it was requested), and the ' +
          'SAR and review dates. Each call is audit-logged.',
        params: ZPartnershipParams,
        querystring: ZCaseFileListQuery,
        response: { 200: ZCaseFilePage, ...errorResponses },
      },
    },
    async (req) => service.listCaseFiles(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Open a case file (the case review group only)',
        description:
          'A case file holds the least identifying data: a code or initials as its label ("Child K"), never a ' +
          'name. It gets the partnership’s next running reference (C-7).',
        params: ZPartnershipParams,
        body: ZCaseFileCreate,
        response: { 201: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createCaseFile(actorContext(req), req.body)),
  );
  app.get(
    one,
    {
      schema: {
        tags,
        summary: 'One case file: its notification, rapid review timetable, summaries, referral and reviews',
        description: `${WHO} Each dated thing carries its computed due date, overdue flag and, on a working-day clock, the working day it has reached.`,
        params: ZCaseFileParams,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) => service.getCaseFile(actorContext(req), req.params.caseFileId),
  );
  app.put(
    one,
    {
      schema: {
        tags,
        summary: 'Change a case file’s code, summary and themes',
        description: `${WHO} People named with read access are answered 403. A stale version is answered 409 with the saved case file.`,
        params: ZCaseFileParams,
        body: ZCaseFileUpdate,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) => service.updateCaseFile(actorContext(req), req.params.caseFileId, req.body),
  );
  app.get(
    `${one}/access`,
    {
      schema: {
        tags,
        summary: 'The people named on a case file, with read or edit access',
        description: WHO,
        params: ZCaseFileParams,
        response: { 200: ZAccessList, ...errorResponses },
      },
    },
    async (req) => service.listAccess(actorContext(req), req.params.caseFileId),
  );
  app.post(
    `${one}/access`,
    {
      schema: {
        tags,
        summary:
          'Name a member of the partnership on a case file, or change their access (the case review group only)',
        params: ZCaseFileParams,
        body: ZAccessGrantBody,
        response: { 200: ZAccessList, ...errorResponses },
      },
    },
    async (req) => service.grantAccess(actorContext(req), req.params.caseFileId, req.body),
  );
  app.delete(
    `${one}/access/:personId`,
    {
      schema: {
        tags,
        summary: 'Take a named person off a case file (the case review group only)',
        params: ZCaseFileAccessParams,
        response: { 200: ZAccessList, ...errorResponses },
      },
    },
    async (req) => service.revokeAccess(actorContext(req), req.params.caseFileId, req.params.personId),
  );
  app.put(
    `${one}/notification`,
    {
      schema: {
        tags,
        summary: 'Record or change the serious incident notification to the national panel (children)',
        description:
          'notifyDueOn is stored: 5 working days after becameAwareOn (weekends and England and Wales bank ' +
          'holidays never count; the day of becoming aware is day 0). inTime is null until notifiedPanelOn is ' +
          'given; a notification sent after notifyDueOn needs lateReason. A serious incident needs harm, ' +
          'abuseOrNeglect and place; a care leaver’s death (up to and including 24) needs ageAtDeath and never ' +
          'gets a rapid review. Moving the send date of a notification with a rapid review moves the review’s ' +
          'day 0, its working-day-15 deadline and the due dates of its unfinished steps.',
        params: ZCaseFileParams,
        body: ZNotificationBody,
        response: { 200: ZCaseFileDetail, ...errorResponses },
      },
    },
    async (req) => service.saveNotification(actorContext(req), req.params.caseFileId, req.body),
  );
}
