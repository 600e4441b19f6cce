import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, requestContext, ZPartnershipParams } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import { setSessionCookie } from '../auth/auth.routes.js';
import { ZOk } from '../auth/auth.schemas.js';
import {
  ZInvitation,
  ZInvitationAccept,
  ZInvitationCreate,
  ZInvitationParams,
  ZInvitationPublic,
  ZInvitationQuery,
  ZMembershipParams,
  ZPerson,
  ZPersonParams,
  ZPersonSummary,
  ZPersonUpdate,
  ZRoleGrantBody,
  ZTokenParams,
} from './people.schemas.js';
import type { PeopleService } from './people.service.js';

export function registerPeopleRoutes(
  fastify: FastifyInstance,
  service: PeopleService,
  opts: { maxHours: number; acceptRateLimit: { max: number; timeWindow: string } },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['people'];
  const base = '/api/v1/partnerships/:partnershipId/people';
  const r = { ...errorResponses };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'People in the partnership with their roles',
        params: ZPartnershipParams,
        querystring: ZPageQuery,
        response: { 200: pageOf(ZPersonSummary), ...r },
      },
    },
    async (req) => service.listPeople(actorContext(req), req.query),
  );
  app.get(
    `${base}/:personId`,
    {
      schema: {
        tags,
        summary: 'One person and their roles here',
        params: ZPersonParams,
        response: { 200: ZPerson, ...r },
      },
    },
    async (req) => service.getPerson(actorContext(req), req.params.personId),
  );
  app.put(
    `${base}/:personId`,
    {
      schema: {
        tags,
        summary: "Change a person's name or job title",
        params: ZPersonParams,
        body: ZPersonUpdate,
        response: { 200: ZPerson, ...r },
      },
    },
    async (req) => service.updatePerson(actorContext(req), req.params.personId, req.body),
  );
  app.post(
    `${base}/:personId/roles`,
    {
      schema: {
        tags,
        summary: 'Give a person a role',
        params: ZPersonParams,
        body: ZRoleGrantBody,
        response: { 200: ZPerson, ...r },
      },
    },
    async (req) => service.grantRole(actorContext(req), req.params.personId, req.body),
  );
  app.post(
    `${base}/:personId/roles/:membershipId/remove`,
    {
      schema: {
        tags,
        summary: 'Take a role away',
        params: ZMembershipParams,
        response: { 200: ZPerson, ...r },
      },
    },
    async (req) => service.removeRole(actorContext(req), req.params.personId, req.params.membershipId),
  );
  app.post(
    `${base}/:personId/deactivate`,
    {
      schema: {
        tags,
        summary: "Remove a person's access to this partnership",
        params: ZPersonParams,
        response: { 200: ZPerson, ...r },
      },
    },
    async (req) => service.setPersonActive(actorContext(req), req.params.personId, false),
  );
  app.post(
    `${base}/:personId/reactivate`,
    {
      schema: {
        tags,
        summary: "Restore a person's access",
        params: ZPersonParams,
        response: { 200: ZPerson, ...r },
      },
    },
    async (req) => service.setPersonActive(actorContext(req), req.params.personId, true),
  );

  const inv = '/api/v1/partnerships/:partnershipId/invitations';
  app.get(
    inv,
    {
      schema: {
        tags,
        summary: 'Invitations sent by the partnership',
        params: ZPartnershipParams,
        querystring: ZInvitationQuery,
        response: { 200: pageOf(ZInvitation), ...r },
      },
    },
    async (req) => service.listInvitations(actorContext(req), req.query),
  );
  app.post(
    inv,
    {
      schema: {
        tags,
        summary: 'Invite someone by email to a role',
        params: ZPartnershipParams,
        body: ZInvitationCreate,
        response: { 201: ZInvitation, ...r },
      },
    },
    async (req, reply) => reply.code(201).send(await service.invitePerson(actorContext(req), req.body)),
  );
  app.post(
    `${inv}/:invitationId/revoke`,
    {
      schema: {
        tags,
        summary: 'Revoke an invitation that has not been accepted',
        params: ZInvitationParams,
        response: { 200: ZOk, ...r },
      },
    },
    async (req) => service.revokeInvitation(actorContext(req), req.params.invitationId),
  );

  app.get(
    '/api/v1/invitations/:token',
    {
      config: { public: true, rateLimit: opts.acceptRateLimit },
      schema: {
        tags,
        summary: 'What an invitation link offers (the token is the credential)',
        params: ZTokenParams,
        response: { 200: ZInvitationPublic, ...r },
      },
    },
    async (req) => (await service.readInvitation(req.params.token)).view,
  );
  app.post(
    '/api/v1/invitations/:token/accept',
    {
      config: { public: true, rateLimit: opts.acceptRateLimit },
      schema: {
        tags,
        summary: 'Accept an invitation and sign in',
        params: ZTokenParams,
        body: ZInvitationAccept,
        response: { 200: ZOk, ...r },
      },
    },
    async (req, reply) => {
      const token = await service.acceptInvitation(
        req.params.token,
        req.body,
        requestContext(req),
        req.headers['user-agent'] ?? null,
        req.signedIn?.person.id ?? null,
      );
      setSessionCookie(reply, token, opts.maxHours);
      return { ok: true as const };
    },
  );
}
