import { z } from 'zod';

export const ZPriorityParams = z.object({
  partnershipId: z.uuid(),
  priorityId: z.uuid({ message: 'Enter a valid identifier' }),
});
const ZName = z
  .string({ message: 'Enter a name for the priority' })
  .trim()
  .min(1, 'Enter a name for the priority')
  .max(200, 'Name must be 200 characters or fewer');
const ZDescription = z
  .string()
  .trim()
  .max(2000, 'Description must be 2000 characters or fewer')
  .nullable()
  .optional();

export const ZPriority = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export const ZPriorityCreate = z.object({ name: ZName, description: ZDescription });
export const ZPriorityUpdate = z.object({
  name: ZName,
  description: ZDescription,
  version: z.number().int(),
});
