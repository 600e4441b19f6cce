import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActorContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { offsetOf, pageOf } from '../../platform/pagination.js';
import { authorize, type Policy } from '../../platform/policy.js';
import { isAdmin } from '../../platform/roles.js';
import type { Mailer } from './mail.service.js';

export const OUTBOX_STATUSES = ['outbox', 'queued', 'sent', 'failed', 'dead'] as const;

/** The outbox (every email the partnership's people were sent, and any that failed): partnership admins only. */
export const outboxPolicy: Policy<'read' | 'retry'> = { read: (a) => isAdmin(a), retry: (a) => isAdmin(a) };

const ZMessage = z.object({
  id: z.uuid(),
  toAddress: z.string(),
  subject: z.string(),
  textBody: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export function createOutboxService(deps: { db: Db; mailer: Mailer }) {
  const { db, mailer } = deps;
  const view = (m: Awaited<ReturnType<Mailer['list']>>['rows'][number]) => ({
    ...m,
    status: m.status as (typeof OUTBOX_STATUSES)[number],
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  });
  return {
    async listOutbox(ctx: ActorContext, q: { status?: string; page: number; pageSize: number }) {
      authorize(outboxPolicy, ctx.actor, 'read', undefined);
      const { rows, total } = await mailer.list(db, ctx.actor.partnershipId, {
        status: q.status,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
    },
    /** Puts a failed or dead email back on the delivery queue. */
    async retryMessage(ctx: ActorContext, messageId: string) {
      authorize(outboxPolicy, ctx.actor, 'retry', undefined);
      await db.transaction(async (tx) => {
        if (!(await mailer.retry(tx, ctx.actor.partnershipId, messageId)))
          throw notFound('A failed email with this reference');
        await writeAudit(tx, ctx, { entity: 'email', entityId: messageId, action: 'retried' });
      });
      await mailer.dispatch([messageId]);
      return { ok: true as const };
    },
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;

export function registerOutboxRoutes(fastify: FastifyInstance, service: OutboxService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['email'];
  app.get(
    '/api/v1/partnerships/:partnershipId/outbox',
    {
      schema: {
        tags,
        summary: 'Emails sent to people of this partnership, with delivery status',
        params: ZPartnershipParams,
        querystring: z.object({
          status: z.enum(OUTBOX_STATUSES).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: { 200: pageOf(ZMessage), ...errorResponses },
      },
    },
    async (req) => service.listOutbox(actorContext(req), req.query),
  );
  app.post(
    '/api/v1/partnerships/:partnershipId/outbox/:messageId/retry',
    {
      schema: {
        tags,
        summary: 'Try a failed email again',
        params: ZPartnershipParams.extend({ messageId: z.uuid({ message: 'Enter a valid identifier' }) }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
      },
    },
    async (req) => service.retryMessage(actorContext(req), req.params.messageId),
  );
}
