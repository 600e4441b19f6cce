import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import {
  ZGroup,
  ZGroupCreate,
  ZGroupMemberBody,
  ZGroupMemberParams,
  ZGroupParams,
  ZGroupSummary,
  ZGroupUpdate,
} from './governance.schemas.js';
import type { GovernanceService } from './governance.service.js';

export function registerGovernanceRoutes(fastify: FastifyInstance, service: GovernanceService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['governance'];
  const base = '/api/v1/partnerships/:partnershipId/groups';
  const r = errorResponses;
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Governance groups',
        params: ZPartnershipParams,
        querystring: ZPageQuery,
        response: { 200: pageOf(ZGroupSummary), ...r },
      },
    },
    async (req) => service.listGroups(actorContext(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create a governance group',
        params: ZPartnershipParams,
        body: ZGroupCreate,
        response: { 201: ZGroup, ...r },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createGroup(actorContext(req), req.body)),
  );
  app.get(
    `${base}/:groupId`,
    {
      schema: {
        tags,
        summary: 'One group with its members',
        params: ZGroupParams,
        response: { 200: ZGroup, ...r },
      },
    },
    async (req) => service.getGroup(actorContext(req), req.params.groupId),
  );
  app.put(
    `${base}/:groupId`,
    {
      schema: {
        tags,
        summary: 'Change a group',
        params: ZGroupParams,
        body: ZGroupUpdate,
        response: { 200: ZGroup, ...r },
      },
    },
    async (req) => service.updateGroup(actorContext(req), req.params.groupId, req.body),
  );
  app.post(
    `${base}/:groupId/deactivate`,
    {
      schema: { tags, summary: 'Deactivate a group', params: ZGroupParams, response: { 200: ZGroup, ...r } },
    },
    async (req) => service.setGroupActive(actorContext(req), req.params.groupId, false),
  );
  app.post(
    `${base}/:groupId/reactivate`,
    {
      schema: { tags, summary: 'Reactivate a group', params: ZGroupParams, response: { 200: ZGroup, ...r } },
    },
    async (req) => service.setGroupActive(actorContext(req), req.params.groupId, true),
  );
  app.put(
    `${base}/:groupId/members/:personId`,
    {
      schema: {
        tags,
        summary: 'Add a member or change their place in the group',
        params: ZGroupMemberParams,
        body: ZGroupMemberBody,
        response: { 200: ZGroup, ...r },
      },
    },
    async (req) =>
      service.setGroupMember(actorContext(req), req.params.groupId, req.params.personId, req.body.memberRole),
  );
  app.delete(
    `${base}/:groupId/members/:personId`,
    {
      schema: {
        tags,
        summary: 'Remove a member from the group',
        params: ZGroupMemberParams,
        response: { 200: ZGroup, ...r },
      },
    },
    async (req) => service.removeGroupMember(actorContext(req), req.params.groupId, req.params.personId),
  );
}
