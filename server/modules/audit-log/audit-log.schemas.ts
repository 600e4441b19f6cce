import { z } from 'zod';

const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date in the format YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'Enter a real date',
  );

export const ZAuditFilter = z
  .object({
    personId: z.uuid({ message: 'Choose a person from the list' }).optional(),
    entity: z.string().trim().max(100).optional(),
    action: z.string().trim().max(100).optional(),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The "to" date must be the same as or after the "from" date',
    path: ['to'],
  });

export const ZAuditQuery = z.intersection(
  ZAuditFilter,
  z.object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
);

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  personId: z.uuid().nullable(),
  personEmail: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
