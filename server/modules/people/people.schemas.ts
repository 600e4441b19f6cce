import { z } from 'zod';
import { ZRole } from '../../../contracts/org.js';
import { zEmail } from '../auth/auth.schemas.js';

const ZName = z
  .string({ message: 'Enter the full name' })
  .trim()
  .min(1, 'Enter the full name')
  .max(200, 'Full name must be 200 characters or fewer');

export const ZPersonParams = z.object({
  partnershipId: z.uuid(),
  personId: z.uuid({ message: 'Enter a valid identifier' }),
});
export const ZMembershipParams = ZPersonParams.extend({
  membershipId: z.uuid({ message: 'Enter a valid identifier' }),
});
export const ZInvitationParams = z.object({
  partnershipId: z.uuid(),
  invitationId: z.uuid({ message: 'Enter a valid identifier' }),
});
export const ZTokenParams = z.object({ token: z.string().min(10).max(200) });

export const ZRoleGrantView = z.object({
  membershipId: z.uuid(),
  role: ZRole,
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  active: z.boolean(),
});

export const ZPersonSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  jobTitle: z.string().nullable(),
  active: z.boolean().describe('Holds at least one active role in this partnership'),
  roles: z.array(ZRoleGrantView),
});

export const ZPerson = ZPersonSummary.extend({
  version: z.number().int(),
  allowedVerbs: z.array(z.string()),
});

export const ZPersonUpdate = z.object({
  name: ZName,
  jobTitle: z.string().trim().max(200, 'Job title must be 200 characters or fewer').nullable(),
  version: z.number().int(),
});

export const ZRoleGrantBody = z.object({
  role: ZRole,
  agencyId: z.uuid({ message: 'Choose an agency' }).nullable().optional(),
});

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
export const ZInvitation = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  agencyId: z.uuid().nullable(),
  agencyName: z.string().nullable(),
  status: z.enum(INVITATION_STATUSES),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export const ZInvitationCreate = z.object({
  email: zEmail('their email address'),
  name: ZName,
  role: ZRole,
  agencyId: z.uuid({ message: 'Choose an agency' }).nullable().optional(),
});
export const ZInvitationQuery = z.object({
  status: z.enum(INVITATION_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZInvitationPublic = z.object({
  partnershipName: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  agencyName: z.string().nullable(),
  existingAccount: z.boolean(),
});
export const ZInvitationAccept = z.object({
  name: ZName.optional(),
  password: z
    .string()
    .min(12, 'Password must be 12 characters or more')
    .max(200, 'Password must be 200 characters or fewer')
    .optional(),
});
