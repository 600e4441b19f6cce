import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { authorize, type Policy } from '../../platform/policy.js';
import { anyMember } from '../../platform/roles.js';

export const myWorkPolicy: Policy<'read'> = { read: (a) => anyMember(a) };

export const ZWorkItem = z.object({
  kind: z.string(),
  title: z.string(),
  href: z.string(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
});

/**
 * "My work": everything waiting for the person, overdue first. No capability feeds it yet, so it is an
 * honest empty list; later domains add their items here.
 */
export function registerMyWorkRoutes(fastify: FastifyInstance, deps: { clock: Clock }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/partnerships/:partnershipId/my-work',
    {
      schema: {
        tags: ['my work'],
        summary: 'Everything waiting for the signed-in person',
        params: ZPartnershipParams,
        response: {
          200: z.object({ items: z.array(ZWorkItem), generatedAt: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const ctx = actorContext(req);
      authorize(myWorkPolicy, ctx.actor, 'read', undefined);
      return { items: [], generatedAt: deps.clock.now().toISOString() };
    },
  );
}
