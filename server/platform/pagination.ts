import { z } from 'zod';

export const ZPageQuery = z.object({
  q: z.string().trim().max(200, 'Search must be 200 characters or fewer').optional(),
  page: z.coerce
    .number({ message: 'Page must be a number' })
    .int()
    .min(1, 'Page must be 1 or more')
    .max(100_000)
    .default(1),
  pageSize: z.coerce
    .number({ message: 'Page size must be a number' })
    .int()
    .min(1)
    .max(100, 'Page size must be 100 or fewer')
    .default(25),
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type PageQuery = z.infer<typeof ZPageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const offsetOf = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

/** Escapes LIKE wildcards so a search for "50%" means the text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
