import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { errorResponses, requestContext } from '../../platform/http.js';
import { SESSION_COOKIE } from './auth.hooks.js';
import {
  ZOk,
  ZResetCompleteBody,
  ZResetRequestBody,
  ZSessionInfo,
  ZSignInBody,
  ZSwitchBody,
} from './auth.schemas.js';
import type { AuthService } from './auth.service.js';

export function setSessionCookie(reply: FastifyReply, token: string, maxHours: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    maxAge: maxHours * 3600,
  });
}

export function registerAuthRoutes(
  fastify: FastifyInstance,
  deps: {
    auth: AuthService;
    idleMinutes: number;
    maxHours: number;
    signInRateLimit: { max: number; timeWindow: string };
  },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { auth } = deps;

  async function sessionInfo(req: FastifyRequest) {
    const s = req.signedIn;
    if (!s) throw new AppError('UNAUTHENTICATED', 'You need to sign in to do that');
    const list = await auth.partnershipsOf(s.person.id);
    return {
      person: s.person,
      partnerships: list.map((p) => ({ id: p.id, name: p.name, covers: p.covers, roles: p.grants })),
      currentPartnershipId: list.some((p) => p.id === s.currentPartnershipId)
        ? s.currentPartnershipId
        : (list[0]?.id ?? null),
      csrfToken: s.csrfToken,
      idleTimeoutSeconds: deps.idleMinutes * 60,
      expiresAt: s.expiresAt.toISOString(),
    };
  }

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: { public: true, rateLimit: deps.signInRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: ZSignInBody,
        response: { 200: ZOk, ...errorResponses },
      },
    },
    async (req, reply) => {
      const token = await auth.signIn(req.body, requestContext(req), req.headers['user-agent'] ?? null);
      setSessionCookie(reply, token, deps.maxHours);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign out and end the session',
        response: { 200: ZOk, ...errorResponses },
      },
    },
    async (req, reply) => {
      if (req.signedIn) await auth.signOut(req.signedIn, requestContext(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person, their partnerships and the CSRF token',
        response: { 200: ZSessionInfo, ...errorResponses },
      },
    },
    async (req) => sessionInfo(req),
  );

  app.post(
    '/api/v1/auth/keep-alive',
    {
      schema: {
        tags: ['auth'],
        summary: 'Extend the session after the timeout warning',
        response: { 200: ZSessionInfo, ...errorResponses },
      },
    },
    async (req) => sessionInfo(req),
  );

  app.put(
    '/api/v1/auth/current-partnership',
    {
      schema: {
        tags: ['auth'],
        summary: 'Switch the partnership the person is working in',
        body: ZSwitchBody,
        response: { 200: ZSessionInfo, ...errorResponses },
      },
    },
    async (req) => {
      await auth.switchPartnership(req.signedIn!, req.body.partnershipId, requestContext(req));
      req.signedIn!.currentPartnershipId = req.body.partnershipId;
      return sessionInfo(req);
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { public: true, rateLimit: deps.signInRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Email a single-use password reset link',
        body: ZResetRequestBody,
        response: { 202: ZOk, ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.requestPasswordReset(req.body.email, requestContext(req));
      return reply.code(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/complete',
    {
      config: { public: true, rateLimit: deps.signInRateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password from a reset link',
        body: ZResetCompleteBody,
        response: { 200: ZOk, ...errorResponses },
      },
    },
    async (req) => {
      await auth.completePasswordReset(req.body.token, req.body.password, requestContext(req));
      return { ok: true as const };
    },
  );
}
