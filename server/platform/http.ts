import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, ActorContext, RequestContext } from './actor.js';
import { writeAudit } from './audit.js';
import type { Db } from './db.js';
import { AppError, type FieldErrors, statusForCode } from './errors.js';

/** The error body every API failure uses. */
export const ZError = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});

export const errorResponses = {
  400: ZError,
  401: ZError,
  403: ZError,
  404: ZError,
  409: ZError,
  423: ZError,
  429: ZError,
};

export const ZIdParams = z.object({ id: z.uuid({ message: 'Enter a valid identifier' }) });
export const ZPartnershipParams = z.object({
  partnershipId: z.uuid({ message: 'Enter a valid identifier' }),
});

export function requestContext(req: FastifyRequest): RequestContext {
  return { requestId: req.id, ip: req.ip ?? null };
}

/** The actor resolved by the tenancy hook; routes under a partnership always have one. */
export function actorContext(req: FastifyRequest): ActorContext {
  const actor = (req as FastifyRequest & { actor?: Actor }).actor;
  if (!actor) throw new AppError('NOT_FOUND', 'This page could not be found');
  return { ...requestContext(req), actor };
}

type ZodIssueLike = {
  path?: PropertyKey[];
  message: string;
  instancePath?: string;
  params?: { issue?: unknown };
};

function fieldsFromValidation(err: FastifyError): FieldErrors {
  const fields: FieldErrors = {};
  for (const v of (err.validation ?? []) as ZodIssueLike[]) {
    const issue = (v.params?.issue ?? v) as ZodIssueLike;
    const key =
      (issue.path ?? []).map(String).join('.') ||
      v.instancePath?.replace(/^\//, '').replace(/\//g, '.') ||
      'body';
    if (!fields[key]) fields[key] = issue.message;
  }
  return fields;
}

/**
 * One handler maps every error to `{ error, message, details, requestId }`. Refusals are written to
 * the audit log; anything unexpected is logged and answered as a plain 500 without a stack trace.
 */
export function installErrorHandler(app: FastifyInstance, db: Db) {
  app.setErrorHandler(async (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const requestId = req.id;
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.code(400).send({
        error: 'VALIDATION',
        message: 'There is a problem with what you entered',
        details: { fields: fieldsFromValidation(err) },
        requestId,
      });
    }
    if (err instanceof AppError) {
      if (err.code === 'FORBIDDEN') {
        const actor = (req as FastifyRequest & { actor?: Actor }).actor;
        await writeAudit(db, requestContext(req), {
          entity: 'request',
          entityId: null,
          action: 'permission_refused',
          after: { method: req.method, route: req.routeOptions.url, url: req.url },
          partnershipId: actor?.partnershipId ?? null,
          personId: actor?.personId ?? req.signedIn?.person.id ?? null,
          personEmail: actor?.email ?? req.signedIn?.person.email ?? null,
        }).catch((e) => req.log.error(e, 'could not log refusal'));
      }
      return reply
        .code(statusForCode[err.code])
        .send({ error: err.code, message: err.message, details: err.details, requestId });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({
        error: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the request as JSON (Content-Type: application/json)',
        requestId,
      });
    }
    if (
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (err as { type?: string }).type === 'entity.parse.failed' ||
      (err.statusCode === 400 && err instanceof SyntaxError)
    ) {
      return reply
        .code(400)
        .send({ error: 'VALIDATION', message: 'The request body is not valid JSON', requestId });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limitMb = (req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1_048_576) / 1_048_576;
      return reply.code(413).send({
        error: 'PAYLOAD_TOO_LARGE',
        message: `What you sent is larger than the ${Number(limitMb.toFixed(2))} MB limit. Send less at a time.`,
        requestId,
      });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({
        error: 'RATE_LIMITED',
        message: 'Too many requests. Wait a minute and try again.',
        requestId,
      });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .code(err.statusCode)
        .send({ error: 'BAD_REQUEST', message: 'The request could not be understood', requestId });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
    } else {
      req.log.error({ err }, 'unexpected error');
    }
    return reply.code(500).send({
      error: 'INTERNAL',
      message: `Something went wrong. Try again later. If it keeps happening, quote reference ${requestId}.`,
      requestId,
    });
  });
}

/** The JSON 404 for anything that is not a route (the web app's fallback wraps it; see app.ts). */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send({ error: 'NOT_FOUND', message: 'This page could not be found', requestId: req.id });
}
