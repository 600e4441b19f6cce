import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { errorResponses, requestContext } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import type { SignedIn } from '../auth/auth.service.js';
import {
  ZInstallationPartnership,
  ZInstallationPartnershipParams,
  ZPartnershipCreate,
} from './installation.schemas.js';
import type { InstallationService } from './installation.service.js';

export function registerInstallationRoutes(fastify: FastifyInstance, service: InstallationService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['installation'];
  const base = '/api/v1/installation/partnerships';
  const signedIn = (req: { signedIn?: SignedIn }) => {
    if (!req.signedIn) throw new AppError('UNAUTHENTICATED', 'You need to sign in to do that');
    return req.signedIn;
  };

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'Every partnership in the installation (service admins)',
        querystring: ZPageQuery,
        response: { 200: pageOf(ZInstallationPartnership), ...errorResponses },
      },
    },
    async (req) => service.listAllPartnerships(signedIn(req), req.query),
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create a partnership and invite its first admin (service admins)',
        body: ZPartnershipCreate,
        response: { 201: ZInstallationPartnership, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createPartnership(signedIn(req), requestContext(req), req.body)),
  );
  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'One partnership (service admins)',
        params: ZInstallationPartnershipParams,
        response: { 200: ZInstallationPartnership, ...errorResponses },
      },
    },
    async (req) => service.getPartnership(signedIn(req), req.params.id),
  );
  app.post(
    `${base}/:id/deactivate`,
    {
      schema: {
        tags,
        summary: 'Deactivate a partnership: its members lose access; nothing is deleted',
        params: ZInstallationPartnershipParams,
        response: { 200: ZInstallationPartnership, ...errorResponses },
      },
    },
    async (req) => service.setPartnershipActive(signedIn(req), requestContext(req), req.params.id, false),
  );
  app.post(
    `${base}/:id/reactivate`,
    {
      schema: {
        tags,
        summary: 'Reactivate a partnership (service admins)',
        params: ZInstallationPartnershipParams,
        response: { 200: ZInstallationPartnership, ...errorResponses },
      },
    },
    async (req) => service.setPartnershipActive(signedIn(req), requestContext(req), req.params.id, true),
  );
}
