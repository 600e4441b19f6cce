import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { AuthService, SignedIn } from './auth.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    signedIn?: SignedIn;
    actor?: Actor;
  }
}

export const SESSION_COOKIE = 'assure_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie on every API request, checks the CSRF token on every state-changing
 * request made with a session, and resolves the actor for routes under /partnerships/:partnershipId.
 * Requests without a session reach only routes marked `config: { public: true }`.
 */
export function installAuthHooks(app: FastifyInstance, auth: AuthService) {
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const signedIn = await auth.resolveSession(token);
      if (signedIn) req.signedIn = signedIn;
    }
    const isPublic = (req.routeOptions.config as { public?: boolean } | undefined)?.public === true;
    if (!req.signedIn) {
      if (isPublic) return;
      throw new AppError('UNAUTHENTICATED', 'You need to sign in to do that');
    }
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.signedIn.csrfToken) {
      throw new AppError('CSRF', 'This form has expired. Reload the page and try again.');
    }
  });

  // preHandler runs after params are validated, so partnershipId is a real UUID here. Only routes under
  // /partnerships/:partnershipId/ act within a partnership; no other route may name a param partnershipId.
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const params = req.params as { partnershipId?: string } | undefined;
    if (!req.signedIn || !params?.partnershipId) return;
    const actor = await auth.resolveActor(req.signedIn, params.partnershipId);
    // Not a member: answer as if the partnership did not exist.
    if (!actor) throw new AppError('NOT_FOUND', 'This page could not be found');
    req.actor = actor;
  });
}
