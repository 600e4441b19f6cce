import { z } from 'zod';
import { ZCovers } from '../../../contracts/org.js';

export const ZPartnership = z.object({
  id: z.uuid(),
  name: z.string(),
  covers: ZCovers,
  active: z.boolean(),
  version: z.number().int(),
  allowedVerbs: z.array(z.string()),
});

export const ZPartnershipUpdate = z.object({
  name: z
    .string({ message: 'Enter the partnership name' })
    .trim()
    .min(1, 'Enter the partnership name')
    .max(200, 'Name must be 200 characters or fewer'),
  covers: ZCovers.describe('children, adults or both'),
  version: z.number({ message: 'Version is missing: reload the page' }).int(),
});
