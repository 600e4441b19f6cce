import { z } from 'zod';
import { ZGroupKind, ZGroupMemberRole } from '../../../contracts/org.js';

export const ZGroupParams = z.object({
  partnershipId: z.uuid(),
  groupId: z.uuid({ message: 'Enter a valid identifier' }),
});
export const ZGroupMemberParams = ZGroupParams.extend({ personId: z.uuid({ message: 'Choose a person' }) });
const ZName = z
  .string({ message: 'Enter a name for the group' })
  .trim()
  .min(1, 'Enter a name for the group')
  .max(200, 'Name must be 200 characters or fewer');
const ZDescription = z
  .string()
  .trim()
  .max(2000, 'Description must be 2000 characters or fewer')
  .nullable()
  .optional();

export const ZGroupSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZGroupKind,
  description: z.string().nullable(),
  active: z.boolean(),
  memberCount: z.number().int(),
  version: z.number().int(),
});
export const ZGroup = ZGroupSummary.extend({
  members: z.array(
    z.object({ personId: z.uuid(), name: z.string(), email: z.string(), memberRole: ZGroupMemberRole }),
  ),
  allowedVerbs: z.array(z.string()),
});
export const ZGroupCreate = z.object({ name: ZName, kind: ZGroupKind, description: ZDescription });
export const ZGroupUpdate = ZGroupCreate.extend({ version: z.number().int() });
export const ZGroupMemberBody = z.object({ memberRole: ZGroupMemberRole });
