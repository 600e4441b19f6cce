import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import {
  ZAgency,
  ZAgencyCreate,
  ZAgencyParams,
  ZAgencySummary,
  ZAgencyUpdate,
  ZAvailableAgency,
  ZSectionCreate,
  ZSectionParams,
  ZSectionUpdate,
} from './agencies.schemas.js';
import type { AgencyService } from './agencies.service.js';

export function registerAgencyRoutes(fastify: FastifyInstance, service: AgencyService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['agencies'];
  const base = '/api/v1/partnerships/:partnershipId/agencies';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Agencies in the partnership',
        params: ZPartnershipParams,
        querystring: ZPageQuery,
        response: { 200: pageOf(ZAgencySummary), ...errorResponses },
      },
    },
    async (req) => service.listAgencies(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create an agency in the partnership',
        params: ZPartnershipParams,
        body: ZAgencyCreate,
        response: { 201: ZAgency, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createAgency(actorContext(req), req.body)),
  );
  app.get(
    `${base}-available`,
    {
      schema: {
        tags,
        summary: 'Agencies elsewhere in Assure that could be shared with this partnership',
        params: ZPartnershipParams,
        querystring: z.object({ q: z.string().trim().max(200).optional() }),
        response: { 200: z.array(ZAvailableAgency), ...errorResponses },
      },
    },
    async (req) => service.listAvailableAgencies(actorContext(req), req.query.q),
  );
  app.get(
    `${base}/:agencyId`,
    {
      schema: {
        tags,
        summary: 'One agency with its sections',
        params: ZAgencyParams,
        response: { 200: ZAgency, ...errorResponses },
      },
    },
    async (req) => service.getAgency(actorContext(req), req.params.agencyId),
  );
  app.put(
    `${base}/:agencyId`,
    {
      schema: {
        tags,
        summary: 'Change an agency',
        params: ZAgencyParams,
        body: ZAgencyUpdate,
        response: { 200: ZAgency, ...errorResponses },
      },
    },
    async (req) => service.updateAgency(actorContext(req), req.params.agencyId, req.body),
  );
  app.post(
    `${base}/:agencyId/link`,
    {
      schema: {
        tags,
        summary: 'Share an existing agency with this partnership',
        params: ZAgencyParams,
        response: { 200: ZAgency, ...errorResponses },
      },
    },
    async (req) => service.linkAgency(actorContext(req), req.params.agencyId),
  );
  app.post(
    `${base}/:agencyId/deactivate`,
    {
      schema: {
        tags,
        summary: 'Deactivate the agency in this partnership',
        params: ZAgencyParams,
        response: { 200: ZAgency, ...errorResponses },
      },
    },
    async (req) => service.setAgencyActive(actorContext(req), req.params.agencyId, false),
  );
  app.post(
    `${base}/:agencyId/reactivate`,
    {
      schema: {
        tags,
        summary: 'Reactivate the agency in this partnership',
        params: ZAgencyParams,
        response: { 200: ZAgency, ...errorResponses },
      },
    },
    async (req) => service.setAgencyActive(actorContext(req), req.params.agencyId, true),
  );
  app.post(
    `${base}/:agencyId/sections`,
    {
      schema: {
        tags,
        summary: 'Add a section to an agency',
        params: ZAgencyParams,
        body: ZSectionCreate,
        response: { 201: ZAgency, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createSection(actorContext(req), req.params.agencyId, req.body)),
  );
  app.put(
    `${base}/:agencyId/sections/:sectionId`,
    {
      schema: {
        tags,
        summary: 'Change a section, its owner, or deactivate it',
        params: ZSectionParams,
        body: ZSectionUpdate,
        response: { 200: ZAgency, ...errorResponses },
      },
    },
    async (req) =>
      service.updateSection(actorContext(req), req.params.agencyId, req.params.sectionId, req.body),
  );
}
