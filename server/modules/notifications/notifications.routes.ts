import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkEscalationOrder,
  REMINDER_CHANNELS,
  ZReminderPolicyFields,
} from '../../../contracts/notifications.js';
import { AppError } from '../../platform/errors.js';
import { actorContext, errorResponses, requestContext, ZPartnershipParams } from '../../platform/http.js';
import { pageOf } from '../../platform/pagination.js';
import { MY_WORK_SHOWN, type NotificationService } from './notifications.service.js';

const ZReminderPolicyView = ZReminderPolicyFields.extend({
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  allowedVerbs: z.array(z.enum(['read', 'manage'])),
});
const ZReminderPolicyUpdate = ZReminderPolicyFields.extend({
  version: z.number({ message: 'Reload the page and try again' }).int().min(0),
}).superRefine(checkEscalationOrder);

const ZNotification = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  href: z.string().nullable(),
  itemType: z.string().nullable(),
  itemId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const ZNotificationParams = ZPartnershipParams.extend({
  notificationId: z.uuid({ message: 'Enter a valid identifier' }),
});
const ZNotificationQuery = z.object({
  page: z.coerce
    .number({ message: 'Page must be a number' })
    .int()
    .min(1, 'Page must be 1 or more')
    .max(100_000)
    .default(1),
  pageSize: z.coerce
    .number({ message: 'Page size must be a number' })
    .int()
    .min(1, 'Page size must be 1 or more')
    .max(100, 'Page size must be 100 or fewer')
    .default(25),
  unreadOnly: z
    .enum(['true', 'false'], { message: 'Unread only must be true or false' })
    .optional()
    .transform((v) => v === 'true'),
});

const ZReminderSent = z.object({
  id: z.uuid(),
  rule: z.string(),
  ruleLabel: z.string(),
  dueOn: z.string(),
  sentOn: z.string(),
  channel: z.enum(REMINDER_CHANNELS),
  createdAt: z.string(),
  digestedAt: z.string().nullable(),
  personId: z.uuid(),
  personName: z.string(),
});
const ZRemindersQuery = z.object({
  itemType: z
    .string({ message: 'Enter the kind of item, for example form_response' })
    .trim()
    .min(1, 'Enter the kind of item, for example form_response')
    .max(50, 'The kind of item must be 50 characters or fewer'),
  itemId: z.uuid({ message: 'Enter a valid identifier for the item' }),
});

export const ZMyWorkItem = z.object({
  kind: z.string(),
  title: z.string(),
  href: z.string(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  /** Calendar days from today to the due date (negative when overdue). */
  daysUntilDue: z.number().int().nullable(),
  itemType: z.string(),
  itemId: z.uuid(),
});

const ZPreferences = z.object({ dailyDigest: z.boolean() });
const ZPreferencesUpdate = z.object({
  dailyDigest: z.boolean({
    message: 'Select whether you want one email a day or an email for each reminder',
  }),
});

export function registerNotificationRoutes(fastify: FastifyInstance, service: NotificationService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/partnerships/:partnershipId';

  app.get(
    `${base}/reminder-policy`,
    {
      schema: {
        tags: ['reminders'],
        summary: "The partnership's reminder policy (defaults until an admin changes it)",
        params: ZPartnershipParams,
        response: { 200: ZReminderPolicyView, ...errorResponses },
      },
    },
    async (req) => service.getReminderPolicy(actorContext(req)),
  );
  app.put(
    `${base}/reminder-policy`,
    {
      schema: {
        tags: ['reminders'],
        summary: 'Change the reminder policy',
        params: ZPartnershipParams,
        body: ZReminderPolicyUpdate,
        response: { 200: ZReminderPolicyView, ...errorResponses },
      },
    },
    async (req) => service.updateReminderPolicy(actorContext(req), req.body),
  );

  app.get(
    `${base}/notifications`,
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in person's notifications, newest first, with the unread count",
        params: ZPartnershipParams,
        querystring: ZNotificationQuery,
        response: { 200: pageOf(ZNotification).extend({ unread: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => service.listNotifications(actorContext(req), req.query),
  );
  app.post(
    `${base}/notifications/read-all`,
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        params: ZPartnershipParams,
        response: {
          200: z.object({ unread: z.number().int(), marked: z.number().int() }),
          ...errorResponses,
        },
      },
    },
    async (req) => service.markAllRead(actorContext(req)),
  );
  app.post(
    `${base}/notifications/:notificationId/read`,
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: ZNotificationParams,
        response: { 200: z.object({ unread: z.number().int() }), ...errorResponses },
      },
    },
    async (req) => service.markRead(actorContext(req), req.params.notificationId),
  );

  app.get(
    `${base}/reminders`,
    {
      schema: {
        tags: ['reminders'],
        summary: 'Reminders sent about one item (to people who may see the item)',
        params: ZPartnershipParams,
        querystring: ZRemindersQuery,
        response: { 200: z.object({ items: z.array(ZReminderSent) }), ...errorResponses },
      },
    },
    async (req) => service.listItemReminders(actorContext(req), req.query.itemType, req.query.itemId),
  );

  app.get(
    `${base}/my-work`,
    {
      schema: {
        tags: ['my work'],
        summary: `What is waiting for the signed-in person, overdue first: the first ${MY_WORK_SHOWN}, and how many there are of each kind`,
        params: ZPartnershipParams,
        response: {
          200: z.object({
            /** At most MY_WORK_SHOWN, overdue first, then soonest due; undated last. */
            items: z.array(ZMyWorkItem),
            /** Everything waiting, shown or not, and how much of it is overdue. */
            total: z.number().int(),
            overdue: z.number().int(),
            /** Each kind with anything waiting: how many, how many overdue, how many of them are in `items`. */
            kinds: z.array(
              z.object({
                itemType: z.string(),
                total: z.number().int(),
                overdue: z.number().int(),
                shown: z.number().int(),
              }),
            ),
            generatedAt: z.string(),
            unreadNotifications: z.number().int(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => service.getMyWork(actorContext(req)),
  );

  const me = (req: { signedIn?: { person: { id: string; email: string } } }) => {
    if (!req.signedIn) throw new AppError('UNAUTHENTICATED', 'You need to sign in to do that');
    return req.signedIn.person;
  };
  app.get(
    '/api/v1/me/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: "The signed-in person's notification preferences",
        response: { 200: ZPreferences, ...errorResponses },
      },
    },
    async (req) => service.getPreferences(me(req).id),
  );
  app.put(
    '/api/v1/me/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Choose one email a day (a daily digest) or an email for each reminder',
        body: ZPreferencesUpdate,
        response: { 200: ZPreferences, ...errorResponses },
      },
    },
    async (req) => service.updatePreferences(requestContext(req), me(req), req.body),
  );
}
